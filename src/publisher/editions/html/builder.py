"""Web pages: an HTML page per edition, index pages, a sitemap and the style sheet."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

from publisher.editions.builder import Builder, Output, ReportContext, SiteIndex

__all__ = ["HtmlBuilder"]


class HtmlBuilder(Builder):
    """(Each page kind's module is loaded when a page of its kind is made: a build with
    nothing to do loads none, nor the parser and templates they use.)"""

    format = "html"
    suffix = "html"
    links_editions = True

    def edition(self, context: ReportContext, language: str) -> Iterator[Output]:
        from publisher.editions.html.report import report_page

        yield (
            context.site.page(language, context.editions.report.slug),
            report_page(context, language),
        )

    def bilingual(self, context: ReportContext, pair: tuple[str, str]) -> Iterator[Output]:
        from publisher.editions.html.bilingual import bilingual_page

        page = bilingual_page(context, pair)
        if page is not None:
            yield page

    def site_files(self, index: SiteIndex) -> Iterator[Output]:
        from publisher.editions.html.index import index_pages

        yield from index_pages(index)
        yield (
            "assets/style.css",
            resources.files("publisher").joinpath("static/style.css").read_text("utf-8"),
        )
