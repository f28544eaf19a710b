"""The bilingual edition: two editions of a report aligned block by block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .body import render_body, split_blocks
from .markdown import parser
from .pages import Link, Page, Text, render
from .ui import language_name, ui_strings
from .views import date_text, field, field_texts, unit_states

__all__ = ["bilingual_page"]


@dataclass(frozen=True, slots=True)
class _Side:
    language: str
    title: Text
    subtitle: Text | None
    dates: str
    date_iso: str


def _blocks(editions: Any, language: str) -> list[str]:
    """The edition's top-level blocks, each rendered on its own."""
    source = editions.source_language
    ui = ui_strings(language)
    titles = {state: ui[state].format(language=language_name(source, language))
              for state in ("untranslated", "stale")}
    _, tokens, env = render_body(editions.document, editions.editions[language].text,
                                 unit_states(editions, language), source, titles,
                                 anchor_suffix=f"-{language}")
    md = parser()
    return [md.renderer.render(tokens[start:end], md.options, env)
            for start, end in split_blocks(tokens)]


def bilingual_page(site: Any, editions: Any, pair: tuple[str, str],
                   published: dict[str, bool], title: Text = Text("")
                   ) -> tuple[str, str] | None:
    """``bilingual/<a>-<b>/<slug>.html``, or None when the report lacks one of the editions."""
    first, second = pair
    if not all(lang in editions.editions and published.get(lang) for lang in pair):
        return None
    path = f"bilingual/{first}-{second}/{editions.report.slug}.html"
    sides, columns = [], []
    for language in pair:
        values = field_texts(editions, language)
        dates, date_iso = date_text(editions.document.meta, language)
        title = field(values, "title") or Text(editions.report.slug)
        sides.append(_Side(language, title, field(values, "subtitle"), dates, date_iso))
        columns.append(_blocks(editions, language))
    links = tuple(Link(lang, site.url(path, site.page(lang, editions.report.slug)),
                       language_name(lang)) for lang in pair)
    page = Page(language=first, title=f"{sides[0].title.text} / {sides[1].title.text}",
                site_title=title, root=site.root(path),
                home=site.url(path, f"{first}/index.html"), switcher=links)
    rows = [row for row in zip(*columns) if any(part.strip() for part in row)]
    return path, render("bilingual.html", page, sides=sides, rows=rows)
