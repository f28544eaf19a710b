"""``publisher build``: every published edition of every report, plus index pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .body import render_body
from .config import Config
from .editions import ReportEditions, editions_of
from .fsutil import Transaction
from .pages import IndexEntry, Link, Page, ReportView, Text, href, organiser_separator, render
from .project import Report, discover, relative
from .provenance import Revision, revisions
from .reassemble import Translations
from .ui import language_name, ui_strings
from .views import date_text, field, field_texts, list_field, unit_states

__all__ = ["Skipped", "BuildResult", "build"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An edition left out because too little of it is translated."""

    report: str
    language: str
    percent: float
    threshold: float


@dataclass(frozen=True, slots=True)
class BuildResult:
    written: tuple[Path, ...]
    """Files created or changed (unchanged files are not rewritten)."""
    editions: int
    """Editions built (written or already up to date)."""
    skipped: tuple[Skipped, ...]
    rejected: tuple[tuple[str, str, str], ...]
    """(report, language, msgid) of translations left out because they would break the page."""


def _published(config: Config, editions: ReportEditions, force: bool) -> dict[str, bool]:
    return {lang: lang == editions.source_language or force
            or editions.percent[lang] >= config.threshold for lang in editions.editions}


def _provenance(editions: ReportEditions, language: str, revision: Revision,
                percent: float) -> str:
    ui = ui_strings(language)
    source_name = language_name(editions.source_language, language)
    parts = [ui["built_from"].format(language=source_name) if language ==
             editions.source_language else ui["translated_from"].format(language=source_name)]
    if revision.commit:
        parts.append(ui["revision"].format(revision=revision.commit[:10],
                                           date=revision.date[:10]))
    else:
        parts.append(ui["not_versioned"])
    if revision.modified:
        parts.append(ui["uncommitted"])
    parts.append(ui["translated_share"].format(percent=_number(percent)))
    return " · ".join(parts)


def _number(percent: float) -> str:
    return f"{percent:.1f}".removesuffix(".0")


class _Site:
    """Paths and links of the site being built."""

    def __init__(self, config: Config, out: Path, suffix: str) -> None:
        self.config, self.out, self.suffix = config, out, suffix

    def page(self, language: str, report: Report) -> str:
        return f"{language}/{report.slug}.{self.suffix}"

    def url(self, from_page: str, to_page: str) -> str:
        base = self.config.base_url
        return f"{base.rstrip('/')}/{to_page}" if base else href(from_page, to_page)

    def root(self, from_page: str) -> str:
        depth = from_page.count("/")
        return "../" * depth


def _site_title(config: Config, language: str, site_texts: dict[str, Translations]) -> Text:
    if not config.title:
        return Text("")
    if language == config.source_language:
        return Text(config.title)
    translated = site_texts.get(language, Translations({})).texts.get(config.title)
    return Text(translated) if translated else Text(config.title, config.source_language)


def _report_page(site: _Site, editions: ReportEditions, language: str,
                 published: dict[str, bool], revision: Revision, site_title: Text
                 ) -> tuple[str, str]:
    report, source = editions.report, editions.source_language
    path = site.page(language, report)
    ui = ui_strings(language)
    titles = {state: ui[state].format(language=language_name(source, language))
              for state in ("untranslated", "stale")}
    body, _, _ = render_body(editions.document, editions.editions[language].text,
                             unit_states(editions, language), source, titles)
    values = field_texts(editions, language)
    percent = editions.percent[language]
    dates, date_iso = date_text(editions.document.meta, language)
    links = [Link(lang, site.url(path, site.page(lang, report)), language_name(lang),
                  lang == language)
             for lang in site.config.languages if published.get(lang)]
    alternates = (*links, Link("x-default", site.url(path, site.page(source, report))))
    title = field(values, "title") or Text(body.first_heading or report.slug)
    banner = "" if percent >= 100 else ui["banner"].format(
        percent=_number(percent), language=language_name(source, language))
    view = ReportView(
        slug=report.slug, source_language=source, title=title,
        subtitle=field(values, "subtitle"), series=field(values, "series"),
        summary=field(values, "summary"), location=field(values, "location"),
        organisers=list_field(values, "organisers") or list_field(values, "organizers"),
        dates=dates, date_iso=date_iso, body=body.html, headings=body.headings,
        banner=banner, provenance=_provenance(editions, language, revision, percent),
        revision=revision, percent=percent, list_separator=organiser_separator(language))
    page = Page(language=language, title=title.text, site_title=site_title,
                root=site.root(path), home=href(path, f"{language}/index.html"),
                alternates=alternates, switcher=tuple(links) if len(links) > 1 else ())
    return path, render("report.html", page, report=view)


def build(config: Config, languages: tuple[str, ...] = (), fmt: str = "html",
          out: Path | None = None, force: bool = False,
          bilingual: tuple[str, str] | None = None) -> BuildResult:
    """Build the editions into ``out`` (``site/`` by default). Nothing is written on error."""
    out = out if out is not None else config.root / "site"
    suffix = "html" if fmt == "html" else "md"
    site = _Site(config, out, suffix)
    chosen = languages or config.languages
    revs = revisions(config.root)
    written: list[Path] = []
    skipped: list[Skipped] = []
    rejected: list[tuple[str, str, str]] = []
    index: dict[str, list[IndexEntry]] = {lang: [] for lang in chosen}
    count = 0
    site_texts = _site_translations(config)
    with Transaction() as transaction:
        def stage(relative_path: str, data: str) -> None:
            if transaction.stage(out / relative_path, data.encode("utf-8")):
                written.append(out / relative_path)

        for report in discover(config):
            editions = editions_of(config, report)
            published = _published(config, editions, force)
            revision = revs.get(report.reference, Revision("", ""))
            for language in chosen:
                if language not in editions.editions:
                    continue
                edition = editions.editions[language]
                rejected.extend((report.slug, language, editions.document.units[i].msgid)
                                for i in edition.rejected)
                if not published[language]:
                    skipped.append(Skipped(report.slug, language, editions.percent[language],
                                           config.threshold))
                    continue
                count += 1
                if fmt == "html":
                    path, html = _report_page(site, editions, language, published, revision,
                                              _site_title(config, language, site_texts))
                    stage(path, html)
                else:
                    stage(site.page(language, report), edition.text)
                index[language].append(_index_entry(site, editions, language))
            if bilingual and fmt == "html":
                from .bilingual import bilingual_page

                page = bilingual_page(site, editions, bilingual, published, force)
                if page is not None:
                    stage(*page)
        for path, data in _index_pages(config, site, index, site_texts):
            stage(path, data)
    return BuildResult(tuple(relative(config.root, p) for p in written), count,
                       tuple(skipped), tuple(rejected))


def _site_translations(config: Config) -> dict[str, Translations]:
    from .sitecatalog import site_translations

    return site_translations(config)


def _index_entry(site: _Site, editions: ReportEditions, language: str) -> IndexEntry:
    values = field_texts(editions, language)
    title = field(values, "title") or Text(editions.report.slug)
    dates, date_iso = date_text(editions.document.meta, language)
    percent = editions.percent[language]
    share = ui_strings(language)["translated_share"].format(percent=_number(percent))
    return IndexEntry(href=href(f"{language}/index.html", site.page(language, editions.report)),
                      title=title, dates=dates, date_iso=date_iso,
                      sort_key=(date_iso, editions.report.slug), percent=percent, share=share)


def _index_pages(config: Config, site: _Site, index: dict[str, list[IndexEntry]],
                 site_texts: dict[str, Translations]) -> Iterator[tuple[str, str]]:
    for language, entries in index.items():
        entries.sort(key=lambda e: (e.sort_key[0], _reverse(e.sort_key[1])), reverse=True)
        path = f"{language}/index.{site.suffix}"
        if site.suffix == "md":
            lines = [f"# {ui_strings(language)['reports']}", ""]
            lines += [f"- [{e.title.text}]({e.href})" + (f" ({e.dates})" if e.dates else "")
                      for e in entries]
            yield path, "\n".join(lines) + "\n"
            continue
        links = tuple(Link(lang, href(path, f"{lang}/index.html"), language_name(lang),
                           lang == language) for lang in config.languages)
        page = Page(language=language, title=ui_strings(language)["reports"],
                    site_title=_site_title(config, language, site_texts), root=site.root(path),
                    home=href(path, f"{language}/index.html"), switcher=links)
        yield path, render("language_index.html", page, entries=entries)
    if site.suffix == "html":
        yield from _root_pages(config, site, index, site_texts)


def _reverse(text: str) -> str:
    """Sort key that orders slugs ascending inside a descending sort."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def _root_pages(config: Config, site: _Site, index: dict[str, list[IndexEntry]],
                site_texts: dict[str, Translations]) -> Iterator[tuple[str, str]]:
    language = config.source_language
    links = tuple(Link(lang, f"{lang}/index.html", language_name(lang))
                  for lang in config.languages)
    page = Page(language=language, title=config.title or "Reports",
                site_title=_site_title(config, language, site_texts), root="",
                home="index.html")
    counts = [Link(link.hreflang, link.href, link.name) for link in links]
    yield "index.html", render("root_index.html", page, languages=[
        {"hreflang": link.hreflang, "href": link.href, "name": link.name,
         "count": len(index.get(link.hreflang, ())) or ""} for link in counts])
    yield "assets/style.css", resources.files("publisher").joinpath(
        "static/style.css").read_text("utf-8")
