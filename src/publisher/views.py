"""What an edition shows, unit by unit and field by field, shared by every page kind."""

from __future__ import annotations

from typing import Any

from .dates import as_date, format_range
from .editions import ReportEditions
from .model import UnitKind
from .pages import Text

__all__ = ["unit_states", "field_texts", "field", "list_field", "date_text", "first_heading"]


def unit_states(editions: ReportEditions, language: str) -> list[str]:
    """Each unit's state in an edition: ``translated``, ``stale`` (fuzzy) or ``untranslated``."""
    edition = editions.editions[language]
    stale = editions.translations[language].stale
    return ["translated" if done else "stale" if unit.msgid in stale else "untranslated"
            for unit, done in zip(editions.document.units, edition.translated)]


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


def field(values: dict, key: str) -> Text | None:
    """A text field, or None when the report does not have it."""
    return values.get((key,))


def list_field(values: dict, key: str) -> tuple[Text, ...]:
    """A list field's items in order (a single text counts as a list of one)."""
    items = sorted((k[1], v) for k, v in values.items() if k[0] == key and len(k) == 2)
    return tuple(v for _, v in items) or ((values[(key,)],) if (key,) in values else ())


def first_heading(editions: ReportEditions, language: str) -> Text | None:
    """The first heading as the edition shows it: the title of a report without one."""
    from .stats import plain_text

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
