"""Markdown editions: each edition as the reassembled Markdown, and an index per language."""

from __future__ import annotations

from collections.abc import Iterator

from publisher.editions.builder import Builder, Output, ReportContext, SiteIndex
from publisher.editions.pages import href
from publisher.editions.ui import ui_strings

__all__ = ["MarkdownBuilder"]


class MarkdownBuilder(Builder):
    format = "md"
    suffix = "md"

    def edition(self, context: ReportContext, language: str) -> Iterator[Output]:
        yield (
            context.site.page(language, context.editions.report.slug),
            context.editions.editions[language].text,
        )

    def site_files(self, index: SiteIndex) -> Iterator[Output]:
        for language in index.languages:
            path = f"{language}/index.md"
            lines = [f"# {ui_strings(language)['reports']}", ""]
            lines += [
                f"- [{e['title']}]({href(path, e['page'])})"
                + (f" ({e['dates']})" if e["dates"] else "")
                for e in index.entries(language)
            ]
            yield path, "\n".join(lines) + "\n"
