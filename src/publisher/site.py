"""Pages of one report: its HTML edition in each language, and what index pages say of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .body import render_body
from .config import Config
from .editions import ReportEditions
from .pages import Link, Page, ReportView, Text, href, organiser_separator, render
from .project import Report
from .provenance import Revision
from .ui import language_name, ui_strings
from .views import date_text, field, field_texts, first_heading, list_field, unit_states

__all__ = ["Site", "report_page", "index_entry", "percent_text"]


@dataclass(frozen=True, slots=True)
class Site:
    """Paths and links of the site being built."""

    config: Config
    out: Path
    suffix: str
    """``html`` or ``md``."""

    def page(self, language: str, slug: str) -> str:
        return f"{language}/{slug}.{self.suffix}"

    def url(self, from_page: str, to_page: str) -> str:
        """A link for hreflang alternates: absolute when the site's address is known."""
        base = self.config.base_url
        return f"{base.rstrip('/')}/{to_page}" if base else href(from_page, to_page)

    @staticmethod
    def root(from_page: str) -> str:
        return "../" * from_page.count("/")


def percent_text(percent: float) -> str:
    return f"{percent:.1f}".removesuffix(".0")


def site_title(config: Config, language: str, translated: dict[str, str]) -> Text:
    """The project title in ``language`` (in the source language, marked, if untranslated)."""
    if not config.title or language == config.source_language:
        return Text(config.title)
    text = translated.get(language)
    return Text(text) if text else Text(config.title, config.source_language)


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
    parts.append(ui["translated_share"].format(percent=percent_text(percent)))
    return " · ".join(parts)


def report_page(site: Site, editions: ReportEditions, language: str,
                published: dict[str, bool], revision: Revision, title: Text) -> str:
    """The HTML edition of a report in one language."""
    report, source = editions.report, editions.source_language
    path = site.page(language, report.slug)
    ui = ui_strings(language)
    titles = {state: ui[state].format(language=language_name(source, language))
              for state in ("untranslated", "stale")}
    edition = editions.editions[language]
    tokens, env = edition.parsed or (None, None)
    body, _, _ = render_body(editions.document, edition.text,
                             unit_states(editions, language), source, titles,
                             tokens=tokens, env=env)
    values = field_texts(editions, language)
    percent = editions.percent[language]
    dates, date_iso = date_text(editions.document.meta, language)
    links = [Link(lang, site.url(path, site.page(lang, report.slug)), language_name(lang),
                  lang == language)
             for lang in site.config.languages if published.get(lang)]
    alternates = (*links, Link("x-default", site.url(path, site.page(source, report.slug))))
    heading = field(values, "title") or first_heading(editions, language) or Text(report.slug)
    banner = "" if percent >= 100 else ui["banner"].format(
        percent=percent_text(percent), language=language_name(source, language))
    view = ReportView(
        slug=report.slug, source_language=source, title=heading,
        subtitle=field(values, "subtitle"), series=field(values, "series"),
        summary=field(values, "summary"), location=field(values, "location"),
        organisers=list_field(values, "organisers") or list_field(values, "organizers"),
        dates=dates, date_iso=date_iso, body=body.html, headings=body.headings,
        banner=banner, provenance=_provenance(editions, language, revision, percent),
        revision=revision, percent=percent, list_separator=organiser_separator(language))
    page = Page(language=language, title=heading.text, site_title=title,
                root=site.root(path), home=href(path, f"{language}/index.html"),
                alternates=alternates, switcher=tuple(links) if len(links) > 1 else ())
    return render("report.html", page, report=view)


def index_entry(site: Site, editions: ReportEditions, language: str,
                report: Report) -> dict:
    """What the language's index page and the sitemap need to know of one edition."""
    values = field_texts(editions, language)
    title = field(values, "title") or first_heading(editions, language) or Text(report.slug)
    dates, date_iso = date_text(editions.document.meta, language)
    percent = editions.percent[language]
    return {"slug": report.slug, "page": site.page(language, report.slug),
            "title": title.text, "title_lang": title.lang, "dates": dates,
            "date_iso": date_iso, "percent": percent,
            "share": ui_strings(language)["translated_share"].format(
                percent=percent_text(percent))}
