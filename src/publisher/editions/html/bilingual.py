"""The bilingual edition: two editions of a report aligned block by block."""

from __future__ import annotations

from dataclasses import dataclass

from publisher.editions.builder import ReportContext
from publisher.editions.edition import ReportEditions
from publisher.editions.html.body import render_body, split_blocks
from publisher.editions.pages import Link, Page, Text, render
from publisher.editions.ui import language_name
from publisher.editions.views import date_text, field, field_texts, title_of
from publisher.source.markdown import parser

__all__ = ["bilingual_page"]


@dataclass(frozen=True, slots=True)
class _Side:
    language: str
    title: Text
    subtitle: Text | None
    dates: str
    date_iso: str


def _blocks(editions: ReportEditions, language: str) -> list[str]:
    """The edition's top-level blocks, each rendered on its own."""
    _, tokens, env = render_body(
        editions.document,
        editions.editions[language].text,
        editions.states(language),
        editions.source_language,
        language,
        anchor_suffix=f"-{language}",
    )
    md = parser()
    return [
        md.renderer.render(tokens[start:end], md.options, env)
        for start, end in split_blocks(tokens)
    ]


def bilingual_page(context: ReportContext, pair: tuple[str, str]) -> tuple[str, str] | None:
    """``bilingual/<a>-<b>/<slug>.html``, or None when the report lacks one of the editions."""
    site, editions = context.site, context.editions
    first, second = pair
    if not all(lang in editions.editions and context.published.get(lang) for lang in pair):
        return None
    path = f"bilingual/{first}-{second}/{editions.report.slug}.html"
    sides, columns = [], []
    for language in pair:
        dates, date_iso = date_text(editions.document.meta, language)
        sides.append(
            _Side(
                language,
                title_of(editions, language),
                field(field_texts(editions, language), "subtitle"),
                dates,
                date_iso,
            )
        )
        columns.append(_blocks(editions, language))
    links = tuple(
        Link(lang, site.url(path, site.page(lang, editions.report.slug)), language_name(lang))
        for lang in pair
    )
    page = Page(
        language=first,
        title=f"{sides[0].title.text} / {sides[1].title.text}",
        site_title=context.titles[first],
        root=site.root(path),
        home=site.url(path, f"{first}/index.html"),
        switcher=links,
    )
    rows = [row for row in zip(*columns) if any(part.strip() for part in row)]
    return path, render("bilingual.html", page, sides=sides, rows=rows)
