"""Ways to show ``publisher status``: a table, JSON, Markdown, and an HTML dashboard."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import click

from publisher.editions.pages import Page, Text, href, render
from publisher.editions.ui import language_name
from publisher.lang.text import UNSPACED_LANGUAGES
from publisher.ops.status import CatalogStatus, Status
from publisher.po.stats import Coverage

__all__ = ["as_json", "as_table", "as_markdown", "dashboard_pages"]


def _numbers(cover: Coverage) -> dict[str, Any]:
    return {
        "messages": asdict(cover.messages),
        "words": asdict(cover.words),
        "percent": cover.percent,
    }


def as_json(status: Status) -> dict[str, Any]:
    """The contract's JSON object."""
    return {
        "reports": [
            {
                "slug": row.report.slug,
                "source_language": row.source_language,
                "languages": {
                    item.coverage.language: _numbers(item.coverage) for item in row.catalogs
                },
            }
            for row in status.reports
        ],
        "languages": {lang: _numbers(cover) for lang, cover in status.languages.items()},
    }


def _bar(cover: Coverage, width: int = 10) -> str:
    words = cover.words
    if not words.total:
        return "─" * width
    done = round(width * words.translated / words.total)
    stale = min(width - done, round(width * words.fuzzy / words.total))
    return "█" * done + "▒" * stale + "·" * (width - done - stale)


def _colour(text: str, cover: Coverage, threshold: float, colour: bool) -> str:
    if not colour:
        return text
    tint = "green" if cover.percent >= 100 else "yellow" if cover.percent >= threshold else "red"
    return click.style(text, fg=tint)


def _rows(status: Status) -> Iterator[tuple[str, str, Coverage]]:
    for row in status.reports:
        for item in row.catalogs:
            yield row.report.slug, f"{row.source_language}→{item.coverage.language}", item.coverage


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` columns: padded, or cut from the left behind "…"."""
    text = " ".join(text.split())  # a line break in a name must not break the table
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[1:]
        text = "…" + text
    return text + " " * (width - _width(text))


def _todo(cover: Coverage) -> str:
    """What is left to translate, in the unit translators are paid on: characters for a
    Japanese source, words otherwise."""
    left = cover.words.total - cover.words.translated
    unit = "chars" if cover.source_language in UNSPACED_LANGUAGES else "words"
    return f"{left:,} {unit}" if cover.source_language else f"{left:,}"


def as_table(status: Status, threshold: float, colour: bool = False, width: int = 0) -> str:
    """An aligned table: report names whole, unless a terminal of ``width`` columns has no
    room for them (then they are cut from the left)."""
    head = ("report", "lang", "done", "", "msgs t/f/u", "to do", "total")

    def cells(name: str, pair: str, c: Coverage) -> tuple[str, ...]:
        return (
            name,
            pair,
            f"{c.percent:5.1f}%",
            _bar(c),
            f"{c.messages.translated}/{c.messages.fuzzy}/{c.messages.untranslated}",
            _todo(c),
            f"{c.words.total:,}",
        )

    body = [(cells(slug, pair, c), c) for slug, pair, c in _rows(status)]
    totals = [(cells("total", lang, c), c) for lang, c in status.languages.items()]
    longest = max([_width(head[0])] + [_width(r[0][0]) for r in body + totals])
    # Whole names in a pipe or file; on a terminal, what the other columns leave.
    slug_width = max(16, min(longest, width - 60)) if width else longest
    lines = []

    def line(cells: tuple, cover: Coverage | None = None) -> str:
        text = (
            f"{_fit(cells[0], slug_width)}  {cells[1]:<6} {cells[2]:>6} {cells[3]:<10}  "
            f"{cells[4]:>11} {cells[5]:>12} {cells[6]:>7}"
        )
        return _colour(text, cover, threshold, colour) if cover is not None else text

    lines.append(line(head))
    lines.extend(line(row, cover) for row, cover in body)
    lines.append("")
    lines.extend(line(row, cover) for row, cover in totals)
    lines.append("")
    lines.append("done: % of source words translated; █ translated ▒ fuzzy · untranslated")
    lines.append("to do: source words left to translate (characters of a Japanese source)")
    return "\n".join(lines)


def _code(text: str) -> str:
    """``text`` as a code span that stays one table cell: ``|`` escaped (GitHub reads
    ``\\|`` as a pipe inside a table's code span), fences longer than any backtick run."""
    text = " ".join(text.split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def as_markdown(status: Status) -> str:
    """A table for a pull-request comment."""
    lines = [
        "| Report | Language | Words translated | Messages translated | Fuzzy | "
        "Untranslated | Obsolete | Words |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for slug, pair, c in _rows(status):
        m = c.messages
        lines.append(
            f"| {_code(slug)} | {pair} | {c.percent:.1f}% | {m.translated} | "
            f"{m.fuzzy} | {m.untranslated} | {m.obsolete} | {c.words.total} |"
        )
    lines += [
        "",
        "| Language | Translated | Fuzzy words | Untranslated words |",
        "| --- | ---: | ---: | ---: |",
    ]
    for lang, c in status.languages.items():
        lines.append(
            f"| {language_name(lang, 'en')} ({lang}) | {c.percent:.1f}% | "
            f"{c.words.fuzzy} | {c.words.untranslated} |"
        )
    return "\n".join(lines) + "\n"


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def _cell(
    item: CatalogStatus, report_slug: str, suffix: str, page: str, threshold: float
) -> dict[str, Any]:
    c = item.coverage
    words = c.words
    return {
        "published": c.percent >= threshold,
        "language": c.language,
        "percent": c.percent,
        "catalog": item.catalog.as_posix(),
        "translated": _share(words.translated, words.total),
        "fuzzy": _share(words.fuzzy, words.total),
        "untranslated": _share(words.untranslated, words.total),
        "messages": c.messages,
        "words": words,
        "exists": item.exists,
        "translator": item.last_translator,
        "revised": item.revision_date,
        "edition": href(page, f"{c.language}/{report_slug}.{suffix}"),
        "todo_href": href(page, f"status/{c.language}/{report_slug}.html"),
        "todo_count": len(item.todo),
        # Units the catalog has no entry for yet: it was not updated since the source changed
        # (its message counts are then the old ones).
        "behind": item.exists and any(todo.line == 0 for todo in item.todo),
    }


def dashboard_pages(
    status: Status, languages: tuple[str, ...], title: str, threshold: float
) -> Iterator[tuple[str, str]]:
    """The dashboard (``status/index.html``) and one to-do page per catalog."""
    index = "status/index.html"
    rows = [
        {
            "slug": row.report.slug,
            "source": row.source_language,
            "source_edition": href(index, f"{row.source_language}/{row.report.slug}.html"),
            "cells": {
                item.coverage.language: _cell(item, row.report.slug, "html", index, threshold)
                for item in row.catalogs
            },
        }
        for row in status.reports
    ]
    totals = [
        {
            "language": lang,
            "name": language_name(lang),
            "percent": c.percent,
            "translated": _share(c.words.translated, c.words.total),
            "fuzzy": _share(c.words.fuzzy, c.words.total),
            "untranslated": _share(c.words.untranslated, c.words.total),
            "words": c.words,
            "messages": c.messages,
        }
        for lang, c in status.languages.items()
    ]
    page = Page(
        language="en",
        title=f"{title} — translation status" if title else "Translation status",
        site_title=Text(title),
        root="../",
        home="../index.html",
    )
    yield (
        index,
        render(
            "dashboard.html",
            page,
            rows=rows,
            languages=languages,
            totals=totals,
            threshold=threshold,
        ),
    )
    for row in status.reports:
        for item in row.catalogs:
            path = f"status/{item.coverage.language}/{row.report.slug}.html"
            todo_page = Page(
                language="en",
                title=f"To do: {row.report.slug} ({item.coverage.language})",
                site_title=Text(title),
                root="../" * path.count("/"),
                home=href(path, index),
            )
            yield (
                path,
                render(
                    "todo.html",
                    todo_page,
                    report=row.report,
                    source=row.source_language,
                    item=item,
                    back=href(path, index),
                ),
            )
