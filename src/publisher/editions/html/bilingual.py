"""The bilingual edition: two editions of a report side by side, block by block.

It is a report page like the others: the same header (series, title, dates, people,
summary), the same footer (provenance, for each side), the same metadata, and the same styles
for tables, footnotes and figures; only its body is two columns.
"""

from __future__ import annotations

from publisher.editions.builder import ReportContext
from publisher.editions.html.body import render_body, render_tokens, split_blocks
from publisher.editions.links import resolver
from publisher.editions.pages import Link, Page, render
from publisher.editions.ui import language_name
from publisher.editions.views import report_view

__all__ = ["bilingual_page", "bilingual_path"]


def bilingual_path(pair: tuple[str, str], slug: str) -> str:
    return f"bilingual/{pair[0]}-{pair[1]}/{slug}.html"


def _blocks(context: ReportContext, language: str, pair: tuple[str, str]) -> list[str]:
    """The edition's top-level blocks, each rendered on its own."""
    editions = context.editions
    _, tokens, env = render_body(
        editions.document,
        editions.editions[language].text,
        editions.states(language),
        editions.source_language,
        language,
        anchor_suffix=f"-{language}",
        links=resolver(context.linker, bilingual_path(pair, editions.report.slug)),
    )
    return [render_tokens(tokens[start:end], env) for start, end in split_blocks(tokens)]


def bilingual_page(context: ReportContext, pair: tuple[str, str]) -> tuple[str, str] | None:
    """``bilingual/<a>-<b>/<slug>.html``, or None when the report lacks one of the editions."""
    site, editions = context.site, context.editions
    first, _ = pair
    if not all(lang in editions.editions and context.published.get(lang) for lang in pair):
        return None
    path = bilingual_path(pair, editions.report.slug)
    sides = [report_view(context, language, "", ()) for language in pair]
    columns = [_blocks(context, language, pair) for language in pair]
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
    return path, render("bilingual.html", page, sides=list(zip(pair, sides)), rows=rows, pair=pair)
