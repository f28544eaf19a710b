"""Localised dates and date ranges, from Babel's CLDR data."""

from __future__ import annotations

import datetime as dt

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, parse_pattern

__all__ = ["format_day", "format_range", "as_date", "locale_of"]

_FIELDS = "yMd"


def locale_of(language: str) -> Locale:
    """Babel's locale for a language code; English when Babel does not know it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def as_date(value: object) -> dt.date | None:
    """A front-matter date (YAML gives ``date`` objects; ISO strings are accepted too)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def format_day(day: dt.date, language: str) -> str:
    """A date as the language writes it in running text.

    >>> format_day(dt.date(2024, 11, 15), "ja")
    '2024年11月15日'
    """
    return format_date(day, "long", locale=locale_of(language))


def format_range(start: dt.date, end: dt.date | None, language: str) -> str:
    """A date range in the language's own interval format, month names as in long dates.

    >>> format_range(dt.date(2024, 11, 15), dt.date(2024, 11, 16), "en")  # thin spaces, as CLDR
    'November 15\u2009–\u200916, 2024'
    >>> format_range(dt.date(2024, 11, 15), dt.date(2024, 11, 16), "ja")
    '2024年11月15日～16日'
    >>> format_range(dt.date(2024, 11, 15), dt.date(2024, 11, 16), "ko")
    '2024년 11월 15일~16일'
    """
    if end is None or end == start:
        return format_day(start, language)
    locale = locale_of(language)
    formats = locale.interval_formats.get("yMMMd")
    if not formats:
        return format_interval(start, end, "yMMMd", locale=locale)
    # CLDR has no interval pattern with full month names; widen the abbreviated one when the
    # language's long dates use full names (ICU adjusts field widths the same way).
    wide = "MMMM" in locale.date_formats["long"].pattern
    instants = (dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()))
    for field in _FIELDS:
        if field in formats and getattr(start, _ATTR[field]) != getattr(end, _ATTR[field]):
            patterns = formats[field]
            if wide:
                patterns = [p.replace("MMMM", "MMM").replace("MMM", "MMMM") for p in patterns]
            return "".join(parse_pattern(p).apply(i, locale) for p, i in zip(patterns, instants))
    return format_interval(start, end, "yMMMd", locale=locale)


_ATTR = {"y": "year", "M": "month", "d": "day"}
