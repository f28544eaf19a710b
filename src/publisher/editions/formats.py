"""The output formats ``build`` knows, each one a :class:`~publisher.editions.builder.Builder`."""

from __future__ import annotations

from publisher.editions.builder import Builder

__all__ = ["FORMATS", "builder_for"]

#: ``build --format`` choices, in the order a run builds them (PDF first, so that the web
#: pages of the same run can link the PDF files).
FORMATS = ("pdf", "md", "html")


def builder_for(name: str) -> Builder:
    """The builder of a format (imported only when it is used)."""
    if name == "html":
        from publisher.editions.html.builder import HtmlBuilder

        return HtmlBuilder()
    if name == "md":
        from publisher.editions.md.builder import MarkdownBuilder

        return MarkdownBuilder()
    if name == "pdf":
        from publisher.editions.pdf.builder import PdfBuilder

        return PdfBuilder()
    raise ValueError(f"unknown format {name!r}")
