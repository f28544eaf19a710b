"""Times of day as each language writes them: ``9:00 am``, ``9 a.m.``, ``21:30``,
``午前9時``, ``午後9時30分``, ``9時半``, ``오전 9시``, ``오후 세 시 반``.

A time is one quantity, not the numbers it is written with: ``9:00 am`` and ``午前9時`` say the
same thing, and neither has a number 00 for a translation to keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.lang.numerals import KOREAN_HOURS

__all__ = ["Time", "times", "same_time"]


@dataclass(frozen=True, slots=True)
class Time:
    """A time of day as a text writes it."""

    text: str
    """As written (``9:00 am``, ``午後4時``)."""
    hour: int
    """The hour as written (9 for ``9 pm``)."""
    minutes: int
    """Minutes after midnight (``9:30 pm`` is 1290, ``9:30`` is 570)."""
    exact: bool
    """The half of the day is known: am or pm, or an hour after 12 (or 0) on a 24-hour
    clock. ``9:00`` alone may be morning or evening."""


_AM = ("am", "a.m.", "a.m", "午前", "오전")
_PM = ("pm", "p.m.", "p.m", "午後", "오후")
_MERIDIEM = r"(?P<half>a\.m\.|p\.m\.|a\.?m\b|p\.?m\b)"
_HOURS_KO = "|".join(sorted(KOREAN_HOURS, key=len, reverse=True))
_PATTERNS = (
    # 午前9時, 午後9時30分, 9時半 (not 9時間, nine hours)
    r"(?:(?P<half>午前|午後)\s*)?(?P<hour>\d{1,2})時(?!間)"
    r"(?:(?P<minute>\d{1,2})分|(?P<half_hour>半))?",
    # 오전 9시, 오후 세 시 반, 9시 30분 (not 9시간 or 시즌)
    rf"(?:(?P<half>오전|오후)\s*|(?<![가-힣]))(?P<hour>\d{{1,2}}|{_HOURS_KO})\s?시(?![간즌])"
    rf"(?:\s*(?P<minute>\d{{1,2}})\s?분|\s?(?P<half_hour>반))?",
    # 9:00, 21:30:15, 9:00 am, 9.30 p.m.
    rf"(?<![\d:.,])(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})(?::\d{{2}})?(?![\d:])(?:\s*{_MERIDIEM})?",
    rf"(?<![\d:.,])(?P<hour>\d{{1,2}})\.(?P<minute>\d{{2}})\s*{_MERIDIEM}",
    # 9 am, 9 a.m., 9 o'clock
    rf"(?<![\d:.,])(?P<hour>\d{{1,2}})\s*(?:{_MERIDIEM}|o['\u2019]clock\b)",
)
_TIMES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in _PATTERNS)
# What each pattern cannot match without: most texts need none of them looked at.
_HINTS = tuple(
    re.compile(hint, re.IGNORECASE) for hint in ("時", "시", r"\d:\d", r"\d\.\d", r"[ap]\.?m|clock")
)
# What some pattern needs, in one look (a digit then 時 or 시, a colon and a digit, or am, pm,
# o'clock; a Korean hour then 시): most texts with a number have none.
# (Two patterns: with the Korean hours in one alternation, no search could skip ahead.)
_SIGN = re.compile(rf"\d(?:時|\s?시|:\d|\s*(?:{_MERIDIEM}|o['\u2019]clock\b))", re.IGNORECASE)
_KOREAN_SIGN = re.compile(rf"(?:{_HOURS_KO})\s?시")


def _read(match: re.Match[str]) -> Time | None:
    """The time a match says, or None when it is none (25:00, 13 pm)."""
    written = match.group("hour")
    hour = int(written) if written.isdigit() else KOREAN_HOURS[written]
    groups = match.groupdict()
    minute = 30 if groups.get("half_hour") else int(groups.get("minute") or 0)
    half = (groups.get("half") or "").lower()
    if minute >= 60 or hour > 24 or (half and hour > 12):
        return None
    if half in _AM:
        clock, exact = hour % 12, True
    elif half in _PM:
        clock, exact = hour % 12 + 12, True
    else:
        clock, exact = hour, hour > 12 or hour == 0
    return Time(match.group().strip(), hour, clock * 60 + minute, exact)


def times(text: str) -> tuple[list[Time], str]:
    """The times of day in ``text`` (NFKC-normalised), and the text without them.

    >>> found, rest = times("from 9:00 am to 4 p.m. (1 hour for lunch)")
    >>> [(t.text, t.minutes, t.exact) for t in found], rest.split()
    ([('9:00 am', 540, True), ('4 p.m.', 960, True)], ['from', 'to', '(1', 'hour', 'for', 'lunch)'])
    """
    if not _SIGN.search(text) and not ("시" in text and _KOREAN_SIGN.search(text)):
        return [], text
    return _all_times(text)


def _all_times(text: str) -> tuple[list[Time], str]:
    """:func:`times` without the first look."""
    found: list[tuple[int, Time]] = []

    def taken(match: re.Match[str]) -> str:
        time = _read(match)
        if time is None:
            return match.group()
        found.append((match.start(), time))
        return " " * (match.end() - match.start())  # the same length: later starts hold

    for pattern, hint in zip(_TIMES, _HINTS, strict=True):
        if hint.search(text):
            text = pattern.sub(taken, text)
    return [time for _, time in sorted(found, key=lambda item: item[0])], text


def same_time(one: Time, other: Time) -> bool:
    """Do two times say the same time of day (9:00 is 9 am, and may be 9 pm)?"""
    if one.exact and other.exact:
        return one.minutes == other.minutes
    return one.minutes % 720 == other.minutes % 720
