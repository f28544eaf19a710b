"""What an edition shows, unit by unit and field by field, shared by every page kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from publisher.config import Config
from publisher.editions.builder import ReportContext
from publisher.editions.pages import ReportView, Text, organiser_separator
from publisher.editions.ui import language_name, ui_strings
from publisher.lang.dates import as_date, format_range
from publisher.po.model import State
from publisher.runtime.provenance import Revision
from publisher.source.units import UnitKind

if TYPE_CHECKING:
    from publisher.editions.edition import ReportEditions

__all__ = [
    "field_texts",
    "field",
    "list_field",
    "date_text",
    "first_heading",
    "title_of",
    "site_title",
    "percent_text",
    "provenance",
    "index_entry",
    "report_view",
    "fallback_titles",
]


def field_texts(editions: ReportEditions, language: str) -> dict[tuple[str | int, ...], Text]:
    """Each translatable front-matter value as the edition shows it."""
    source = editions.source_language
    texts = editions.translations[language].texts
    values = {}
    for unit in editions.document.units:
        if unit.kind is UnitKind.FIELD:
            translated = texts.get(unit.msgid)
            if language == source or translated:
                values[unit.field] = Text(translated or unit.msgid)
            else:
                values[unit.field] = Text(unit.msgid, source)  # shown in the source language
    return values


def field(values: dict[tuple[str | int, ...], Text], key: str) -> Text | None:
    """A text field, or None when the report does not have it."""
    return values.get((key,))


def list_field(values: dict[tuple[str | int, ...], Text], key: str) -> tuple[Text, ...]:
    """A list field's items in order (a single text counts as a list of one)."""
    items = sorted((k[1], v) for k, v in values.items() if k[0] == key and len(k) == 2)
    return tuple(v for _, v in items) or ((values[(key,)],) if (key,) in values else ())


def first_heading(editions: ReportEditions, language: str) -> Text | None:
    """The first heading as the edition shows it: the title of a report without one."""
    from publisher.source.plaintext import plain_text

    texts = editions.translations[language].texts
    source = editions.source_language
    for unit in editions.document.units:
        if unit.kind is UnitKind.HEADING:
            translated = texts.get(unit.msgid)
            if language == source or translated:
                return Text(plain_text(translated or unit.msgid).strip())
            return Text(plain_text(unit.msgid).strip(), source)
    return None


def date_text(meta: dict[str, Any], language: str) -> tuple[str, str]:
    """The report's date or date range in the language, and its start as ISO 8601."""
    start, end = as_date(meta.get("date")), as_date(meta.get("end_date"))
    if start is None:
        return "", ""
    return format_range(start, end, language), start.isoformat()


def title_of(editions: ReportEditions, language: str) -> Text:
    """The title an edition shows: its title field, else its first heading, else its slug."""
    return (
        field(field_texts(editions, language), "title")
        or first_heading(editions, language)
        or Text(editions.report.slug)
    )


def percent_text(percent: float) -> str:
    """A percentage as people write it: ``80``, ``96.7``."""
    return f"{percent:.1f}".removesuffix(".0")


def site_title(config: Config, language: str, translated: dict[str, str]) -> Text:
    """The project title in ``language`` (in the source language, marked, if untranslated)."""
    if not config.title or language == config.source_language:
        return Text(config.title)
    text = translated.get(language)
    return Text(text) if text else Text(config.title, config.source_language)


def provenance(editions: ReportEditions, language: str, revision: Revision) -> str:
    """Where an edition comes from: its source language, revision and translated share."""
    ui = ui_strings(language)
    source_name = language_name(editions.source_language, language)
    percent = editions.percent[language]
    if language == editions.source_language:
        parts = [ui["built_from"].format(language=source_name)]
    else:
        parts = [ui["translated_from"].format(language=source_name)]
    if revision.commit:
        parts.append(ui["revision"].format(revision=revision.commit[:10], date=revision.date[:10]))
    else:
        parts.append(ui["not_versioned"])
    if revision.modified:
        parts.append(ui["uncommitted"])
    if language != editions.source_language:
        parts.append(ui["translated_share"].format(percent=percent_text(percent)))
    return " · ".join(parts)


def _texts(items: tuple[Text, ...]) -> list[list[str | None]]:
    return [[item.text, item.lang] for item in items]


def index_entry(editions: ReportEditions, language: str, page: str) -> dict[str, Any]:
    """What index pages, feeds and the sitemap need to know of one edition (kept in the
    output folder's manifest, so it is plain JSON)."""
    title = title_of(editions, language)
    values = field_texts(editions, language)
    dates, date_iso = date_text(editions.document.meta, editions.locales.get(language, language))
    percent = editions.percent[language]
    original = language == editions.source_language
    summary = field(values, "summary") or field(values, "abstract") or field(values, "description")
    series = field(values, "series")
    number = editions.document.meta.get("number")
    return {
        "slug": editions.report.slug,
        "page": page,
        "title": title.text,
        "title_lang": title.lang,
        "dates": dates,
        "date_iso": date_iso,
        "percent": percent,
        "original": original,
        "source_language": editions.source_language,
        "share": ui_strings(language)["translated_share"].format(percent=percent_text(percent)),
        "series": [series.text, series.lang] if series else None,
        "number": str(number) if number is not None else "",
        "summary": [summary.text, summary.lang] if summary else None,
        "authors": _texts(list_field(values, "authors") or list_field(values, "author")),
        "organisers": _texts(list_field(values, "organisers") or list_field(values, "organizers")),
    }


def fallback_titles(source: str, language: str) -> dict[State, str]:
    """The note on a passage shown in the source language, by the unit's state."""
    ui = ui_strings(language)
    name = language_name(source, language)
    return {
        state: ui[state.value].format(language=name) for state in (State.UNTRANSLATED, State.FUZZY)
    }


def report_view(
    context: ReportContext, language: str, body: str, headings: tuple[Any, ...]
) -> ReportView:
    """One edition of a report, ready for a template (a web page or a PDF)."""
    editions = context.editions
    source = editions.source_language
    ui = ui_strings(language)
    values = field_texts(editions, language)
    percent = editions.percent[language]
    dates, date_iso = date_text(editions.document.meta, editions.locales.get(language, language))
    banner = (
        ""
        if percent >= 100
        else ui["banner"].format(
            percent=percent_text(percent), language=language_name(source, language)
        )
    )
    return ReportView(
        slug=editions.report.slug,
        source_language=source,
        title=title_of(editions, language),
        subtitle=field(values, "subtitle"),
        series=field(values, "series"),
        summary=field(values, "summary"),
        location=field(values, "location"),
        organisers=list_field(values, "organisers") or list_field(values, "organizers"),
        dates=dates,
        date_iso=date_iso,
        body=body,
        headings=headings,
        banner=banner,
        provenance=provenance(editions, language, context.revision),
        revision=context.revision,
        percent=percent,
        list_separator=organiser_separator(language),
        partners=list_field(values, "partners"),
        number=ui["number"].format(number=number)
        if (number := editions.document.meta.get("number")) is not None
        else "",
        licence=_licence(editions.document.meta),
        authors=list_field(values, "authors") or list_field(values, "author"),
    )


def _licence(meta: dict[str, Any]) -> Text | None:
    """The licence the front matter gives (``licence`` or ``license``), as written."""
    value = meta.get("licence", meta.get("license"))
    return Text(str(value)) if value else None
