"""The web pages made of all the reports: an index per language, the root index, the sitemap."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from publisher.editions.builder import Output, SiteIndex
from publisher.editions.pages import IndexEntry, Link, Page, Text, href, render_chunks
from publisher.editions.ui import language_name, ui_strings

__all__ = ["index_pages"]


def index_pages(index: SiteIndex) -> Iterator[Output]:
    """Each language's index page, the root index and the sitemap."""
    for language in index.languages:
        yield _language_index(index, language)
    yield "index.html", _root_index(index)
    yield "sitemap.xml", _sitemap(index)


def _language_index(index: SiteIndex, language: str) -> Output:
    site, config = index.site, index.site.config
    path = f"{language}/index.html"
    ui = ui_strings(language)
    items = [
        IndexEntry(
            href=href(path, e["page"]),
            title=Text(e["title"], e["title_lang"]),
            dates=e["dates"],
            date_iso=e["date_iso"],
            percent=e["percent"],
            share=e["share"],
        )
        for e in index.entries(language)
    ]
    links = tuple(
        Link(lang, href(path, f"{lang}/index.html"), language_name(lang), lang == language)
        for lang in config.languages
    )
    page = Page(
        language=language,
        title=ui["reports"],
        site_title=index.titles[language],
        root=site.root(path),
        home=href(path, f"{language}/index.html"),
        alternates=tuple(
            Link(lang, site.url(path, f"{lang}/index.html")) for lang in config.languages
        ),
        switcher=links,
    )
    return path, render_chunks("language_index.html", page, entries=items)


def _root_index(index: SiteIndex) -> Iterator[str]:
    config = index.site.config
    language = config.source_language
    page = Page(
        language=language,
        title=config.title or "Reports",
        site_title=index.titles[language],
        root="",
        home="index.html",
    )
    counts = dict.fromkeys(config.languages, 0)
    for summary in index.reports():
        for lang in summary["sitemap"]:
            if lang in counts:
                counts[lang] += 1
    return render_chunks(
        "root_index.html",
        page,
        languages=[
            {
                "hreflang": lang,
                "href": f"{lang}/index.html",
                "name": language_name(lang),
                "count": counts[lang] or "",
            }
            for lang in config.languages
        ],
    )


def _sitemap(index: SiteIndex) -> Iterator[str]:
    site = index.site

    def urls() -> Iterator[dict[str, Any]]:  # made as the template goes: one report at a time
        for summary in index.reports():
            pages = summary["sitemap"]
            alternates = [
                {"hreflang": lang, "href": site.url("sitemap.xml", page)}
                for lang, page in pages.items()
            ]
            for page in pages.values():
                yield {
                    "loc": site.url("sitemap.xml", page),
                    "lastmod": summary.get("lastmod", ""),
                    "alternates": alternates,
                }

    return render_chunks("sitemap.xml", None, urls=urls())
