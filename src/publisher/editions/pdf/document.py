"""The HTML document a PDF edition is rendered from: ``templates/pdf.html`` with the edition's
view (the same as the web page's), the print stylesheet, and what only the printed edition
says (a running title, page numbers, a citation, dates for the file's metadata)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from publisher.editions.pages import Page, ReportView, render
from publisher.editions.pdf.transform import prepare_document
from publisher.editions.ui import language_name, ui_strings

__all__ = ["PdfExtras", "pdf_extras", "pdf_document", "bilingual_document", "running_title"]

#: Characters a running header may hold before it is shortened, per script.
RUNNING_TITLE_LIMIT = {"ja": 32, "zh": 32, "ko": 40}


def running_title(title: str, language: str) -> str:
    """The report title for the page header: the part before a colon, or cut at a word.

    >>> running_title("Visioning the Future of South Korea–Japan Relations", "en")
    'Visioning the Future of South Korea–Japan Relations'
    """
    base = language.split("-")[0]
    limit = RUNNING_TITLE_LIMIT.get(base, 64)
    if len(title) <= limit:
        return title
    for mark in ("：", ": ", " — ", "―", " – "):
        head = title.split(mark)[0].strip()
        if 8 <= len(head) <= limit:
            return head
    cut = title[: limit - 1]
    if base not in ("ja", "zh") and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:、，") + "…"


def css_string(text: str) -> str:
    """A CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def page_counter_css(pattern: str) -> str:
    """``Page {page} of {pages}`` as a CSS ``content`` value with the two counters.

    >>> page_counter_css("Page {page} of {pages}")
    '"Page " counter(page) " of " counter(pages)'
    """
    parts: list[str] = []
    rest = pattern
    while rest:
        head, sep, rest = rest.partition("{")
        if head:
            parts.append(css_string(head))
        if not sep:
            break
        name, _, rest = rest.partition("}")
        parts.append(f"counter({name})")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class _Side:
    """One language of a bilingual edition, as its cover shows it."""

    language: str
    title: Any
    subtitle: Any
    dates: str
    date_iso: str


@dataclass(frozen=True, slots=True)
class PdfExtras:
    """What the printed edition says beyond the web page's view."""

    language: str
    ui: dict[str, str]
    running_title: str
    page_css: str
    edition_css: str
    page_size: str = "A4"
    number: str = ""
    licence: str = ""
    keywords: tuple[str, ...] = ()
    created: str = ""
    """The file's creation date: the source revision's (or ``SOURCE_DATE_EPOCH``), never
    the time of the build, so that the same sources give the same bytes."""
    citation: str = ""
    generator: str = "publisher (WeasyPrint)"
    stats: dict[str, int] = field(default_factory=dict)


def citation(view: ReportView, language: str, institute: str, year: str) -> str:
    """How to cite the edition: organisers (year). Title: subtitle. Series. Place, dates."""
    who = view.list_separator.join(o.text for o in view.authors or view.organisers) or institute
    subtitle = view.subtitle.text if view.subtitle and view.subtitle.text else ""
    series = view.series.text if view.series and view.series.text else ""
    if language.startswith("ja"):
        sub = f"―{subtitle}―" if subtitle else ""
        return (
            f"{who}（{year}）『{view.title.text}{sub}』"
            + (f"（{series}）" if series else "")
            + f"{view.dates}。"
        )
    if language.startswith("ko"):
        sub = f": {subtitle}" if subtitle else ""
        return (
            f"{who} ({year}). 「{view.title.text}{sub}」."
            + (f" {series}." if series else "")
            + f" {view.dates}."
        )
    title = view.title.text + (f": {subtitle}" if subtitle else "")
    place = f" {view.location.text}," if view.location and view.location.text else ""
    return (
        f"{who} ({year}). {title}." + (f" {series}." if series else "") + f"{place} {view.dates}."
    )


def _created(view: ReportView) -> str:
    """A reproducible creation date: the source revision's, else ``SOURCE_DATE_EPOCH``'s."""
    if view.revision.date:
        return str(view.revision.date)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).isoformat()
    return ""


def pdf_extras(page: Page, view: ReportView, page_size: str) -> PdfExtras:
    language = page.language
    ui = ui_strings(language)
    year = (view.date_iso or str(view.revision.date or ""))[:4]
    keywords = tuple(t.text for t in (view.series,) if t and t.text)
    return PdfExtras(
        language=language,
        ui=ui,
        running_title=running_title(view.title.text, language),
        page_css=page_counter_css(ui["page_of"]),
        edition_css=css_string(ui["edition"]),
        page_size=page_size,
        number=view.number,
        licence=view.licence.text if view.licence else "",
        keywords=keywords,
        created=_created(view),
        citation=citation(view, language, page.site_title.text, year),
    )


def _stylesheet() -> str:
    return resources.files("publisher").joinpath("static/print.css").read_text("utf-8")


def pdf_document(page: Page, view: ReportView, extras: PdfExtras) -> tuple[str, PdfExtras]:
    """The HTML WeasyPrint renders for one edition."""
    document = render(
        "pdf.html", page, mode="edition", report=view, pdf=extras, stylesheet=_stylesheet()
    )
    document, stats = prepare_document(document, page.language)
    return document, replace(extras, stats=stats)


def bilingual_document(
    page: Page,
    pair: tuple[str, str],
    views: list[ReportView],
    rows: list[tuple[str, str]],
    extras: PdfExtras,
) -> tuple[str, PdfExtras]:
    """The HTML of one PDF with two editions side by side, block by block."""
    names = " / ".join(language_name(lang) for lang in pair)
    extras = replace(
        extras, edition_css=css_string(f"{ui_strings(pair[0])['bilingual']} · {names}")
    )
    sides = [
        _Side(lang, view.title, view.subtitle, view.dates, view.date_iso)
        for lang, view in zip(pair, views)
    ]
    document = render(
        "pdf.html",
        page,
        mode="bilingual",
        sides=sides,
        rows=rows,
        views=views,
        report=views[0],
        pdf=extras,
        second_words=ui_strings(pair[1]),
        stylesheet=_stylesheet(),
    )
    document, stats = prepare_document(document, page.language)
    return document, replace(extras, stats=stats)
