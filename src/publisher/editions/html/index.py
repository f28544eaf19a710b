"""The web pages made of all the reports: an index and a feed per language, the root index,
and the sitemap (when the site's address is known)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from publisher.editions.builder import Brief, Output, SiteIndex
from publisher.editions.pages import Link, Listing, Page, Text, href, render, render_chunks
from publisher.editions.ui import count_text, language_name, ui_strings
from publisher.editions.views import percent_text

__all__ = ["index_pages", "listing"]

#: How many reports the root index and a feed show.
LATEST = 10


def index_pages(index: SiteIndex) -> Iterator[Output]:
    """Each built language's index page and feed, the root index and the sitemap."""
    for language in index.languages:
        yield _language_index(index, language)
        yield _feed(index, language)
    yield "index.html", _root_index(index)
    if index.site.config.base_url:  # a sitemap's addresses must be absolute
        yield "sitemap.xml", _sitemap(index)


def _text(pair: list[Any] | None) -> Text | None:
    return Text(pair[0], pair[1]) if pair else None


def listing(
    index: SiteIndex,
    entry: Mapping[str, Any],
    from_page: str,
    others: Mapping[str, Brief],
) -> Listing:
    """A report as an index page lists it, with links to its other languages."""
    language = entry["language"]
    ui = ui_strings(language)
    people = entry.get("authors") or entry.get("organisers") or []
    state = (
        ui["original"]
        if entry.get("original")
        else ui["translated_share"].format(percent=percent_text(entry["percent"]))
    )
    links = tuple(
        Link(lang, href(from_page, other.page), language_name(lang))
        for lang, other in others.items()
        if lang != language
    )
    pdf = entry.get("pdf")
    return Listing(
        href=href(from_page, entry["page"]),
        title=Text(entry["title"], entry["title_lang"]),
        series=_text(entry.get("series")),
        number=ui["number"].format(number=entry["number"]) if entry.get("number") else "",
        dates=entry["dates"],
        date_iso=entry["date_iso"],
        people=tuple(Text(text, lang) for text, lang in people),
        summary=_text(entry.get("summary")),
        state=state,
        complete=bool(entry.get("original")) or entry["percent"] >= 100,
        others=links,
        pdf=Link(language, href(from_page, pdf["page"]), file_size(pdf["size"], language))
        if pdf
        else None,
        bilingual=tuple(
            Link(
                pair,
                href(from_page, f"bilingual/{pair}/{entry['slug']}.html"),
                "–".join(language_name(lang, language) for lang in pair.split("-")),
            )
            for pair in entry.get("bilingual", ())
        ),
    )


def file_size(size: int, language: str) -> str:
    """A file's size as people read it: 1.2 MB, 340 KB."""
    from babel.numbers import format_decimal

    from publisher.lang.dates import locale_of

    if size >= 1_000_000:
        return f"{format_decimal(round(size / 1_000_000, 1), locale=locale_of(language))} MB"
    return f"{format_decimal(max(1, round(size / 1000)), locale=locale_of(language))} KB"


def _page(index: SiteIndex, language: str, path: str, title: str) -> Page:
    site, config = index.site, index.site.config
    links = tuple(
        Link(lang, href(path, f"{lang}/index.html"), language_name(lang), lang == language)
        for lang in config.languages
        if lang in index.languages or any(brief.language == lang for brief in index.briefs)
    )
    return Page(
        language=language,
        title=title,
        site_title=index.titles[language],
        root=site.root(path),
        home=href(path, f"{language}/index.html"),
        alternates=tuple(
            Link(link.hreflang, site.url(path, f"{link.hreflang}/index.html")) for link in links
        ),
        switcher=links if len(links) > 1 else (),
    )


def _language_index(index: SiteIndex, language: str) -> Output:
    path = f"{language}/index.html"
    ui = ui_strings(language)
    reports = index.reports()
    entries = index.entries(language)
    # Listed as the page is written: it names every report of the language.
    items = (listing(index, entry, path, reports[entry["slug"]]) for entry in entries)
    page = _page(index, language, path, ui["reports"])
    return path, render_chunks(
        "language_index.html",
        page,
        entries=items,
        listed=bool(entries),
        feed=href(path, f"{language}/feed.xml"),
    )


def _root_index(index: SiteIndex) -> str:
    config = index.site.config
    language = config.source_language
    ui = ui_strings(language)
    path = "index.html"
    counts = {lang: len(index.entries(lang)) for lang in config.languages}
    shown = [lang for lang in config.languages if counts[lang] or lang in index.languages]
    languages = [
        {
            "hreflang": lang,
            "href": f"{lang}/index.html",
            "name": language_name(lang),
            "count": count_text(lang, counts[lang]),
        }
        for lang in shown
    ]
    reports = index.reports()
    latest = []
    for _, editions in sorted(
        reports.items(), key=lambda item: max(e.date_iso for e in item[1].values()), reverse=True
    )[:LATEST]:
        brief = editions.get(language) or next(
            (e for e in editions.values() if e.original), next(iter(editions.values()))
        )
        latest.append(listing(index, index.editions[brief.key], path, editions))
    page = Page(
        language=language,
        title=config.title or ui["reports"],
        site_title=index.titles[language],
        root="",
        home="index.html",
        alternates=tuple(Link(lang, index.site.url(path, f"{lang}/index.html")) for lang in shown),
    )
    from babel.lists import format_list

    from publisher.lang.dates import locale_of

    names = format_list(
        [language_name(lang, language) for lang in shown], locale=locale_of(language)
    )
    return render(
        "root_index.html",
        page,
        languages=languages,
        latest=latest,
        intro=ui["intro"].format(languages=names),
    )


def _entry_id(index: SiteIndex, page: str) -> str:
    """A feed entry's permanent id: from the page's address, the same in every build."""
    base = index.site.config.base_url or "publisher:"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, base.rstrip('/') + '/' + page)}"


def _feed(index: SiteIndex, language: str) -> Output:
    """An Atom feed of the newest reports in ``language``."""
    path = f"{language}/feed.xml"
    entries = index.entries(language)[:LATEST]
    items = [
        {
            "id": _entry_id(index, e["page"]),
            "title": e["title"],
            "href": index.site.url(path, e["page"]),
            "updated": _timestamp(e.get("lastmod") or e["date_iso"]),
            "summary": (e.get("summary") or [""])[0],
            "authors": [text for text, _ in e.get("authors") or e.get("organisers") or []],
        }
        for e in entries
    ]
    updated = max((item["updated"] for item in items), default=_timestamp(""))
    return path, render(
        "feed.xml",
        None,
        language=language,
        title=f"{index.titles[language].text or ui_strings(language)['reports']}",
        id=_entry_id(index, path),
        self_href=index.site.url(path, path),
        home=index.site.url(path, f"{language}/index.html"),
        updated=updated,
        entries=items,
    )


def _timestamp(day: str) -> str:
    return f"{day[:10] or '1970-01-01'}T00:00:00Z"


def _sitemap(index: SiteIndex) -> Iterator[str]:
    return render_chunks("sitemap.xml", None, urls=_sitemap_urls(index))


def _sitemap_urls(index: SiteIndex) -> Iterator[dict[str, Any]]:
    """Every edition's address with its alternates, as the sitemap is written."""
    site = index.site
    for editions in index.reports().values():
        alternates = [
            {"hreflang": lang, "href": site.url("sitemap.xml", e.page)}
            for lang, e in editions.items()
        ]
        for e in editions.values():
            yield {
                "loc": site.url("sitemap.xml", e.page),
                "lastmod": e.lastmod,
                "alternates": alternates,
            }
