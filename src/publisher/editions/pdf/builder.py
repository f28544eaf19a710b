"""PDF editions a think tank can distribute: a cover, the summary, contents with page numbers,
running headers and page numbers, footnotes at the foot of their page, a colophon; tagged
(PDF/UA-1), every font embedded, the same bytes for the same sources.

Each edition is rendered from the same view as its web page, with the print stylesheet
(``static/print.css``); see :mod:`.transform` for what the document needs before WeasyPrint
lays it out, and :mod:`.render` for the checks that fail the build rather than print a box
where a character has no glyph, or a footnote on another page than its call.
"""

from __future__ import annotations

from collections.abc import Iterator

from publisher.editions.builder import Builder, Output, ReportContext, SiteIndex
from publisher.editions.html.bilingual import bilingual_path
from publisher.editions.html.body import render_body, render_tokens, split_blocks
from publisher.editions.links import resolver
from publisher.editions.pages import Link, Page
from publisher.editions.ui import language_name
from publisher.editions.views import report_view
from publisher.errors import ContentError

__all__ = ["PdfBuilder"]


class PdfBuilder(Builder):
    format = "pdf"
    suffix = "pdf"

    def edition(self, context: ReportContext, language: str) -> Iterator[Output]:
        from publisher.editions.pdf.document import pdf_document, pdf_extras

        editions = context.editions
        path = context.site.page(language, editions.report.slug)
        body, _, _ = render_body(
            editions.document,
            editions.editions[language].text,
            editions.states(language),
            editions.source_language,
            language,
            links=resolver(context.linker, path.removesuffix(".pdf") + ".html"),
        )
        view = report_view(context, language, body.html, body.headings)
        page = Page(
            language=language,
            title=view.title.text,
            site_title=context.titles[language],
            root="",
            home="",
        )
        document, _ = pdf_document(
            page, view, pdf_extras(page, view, context.site.config.page_size)
        )
        yield path, _render(document, context, language, path)

    def bilingual(self, context: ReportContext, pair: tuple[str, str]) -> Iterator[Output]:
        from publisher.editions.pdf.document import bilingual_document, pdf_extras

        editions = context.editions
        if not all(lang in editions.editions and context.published.get(lang) for lang in pair):
            return
        path = bilingual_path(pair, editions.report.slug).removesuffix(".html") + ".pdf"
        views, columns = [], []
        for language in pair:
            body, tokens, env = render_body(
                editions.document,
                editions.editions[language].text,
                editions.states(language),
                editions.source_language,
                language,
                anchor_suffix=f"-{language}",
                links=resolver(context.linker, path),
            )
            views.append(report_view(context, language, "", body.headings))
            columns.append(
                [render_tokens(tokens[start:end], env) for start, end in split_blocks(tokens)]
            )
        rows = [(a, b) for a, b in zip(*columns) if a.strip() or b.strip()]
        first = pair[0]
        page = Page(
            language=first,
            title=f"{views[0].title.text} / {views[1].title.text}",
            site_title=context.titles[first],
            root="",
            home="",
            switcher=tuple(Link(lang, "", language_name(lang)) for lang in pair),
        )
        document, _ = bilingual_document(
            page, pair, views, rows, pdf_extras(page, views[0], context.site.config.page_size)
        )
        yield path, _render(document, context, first, path)

    def site_files(self, index: SiteIndex) -> Iterator[Output]:
        return iter(())  # the web pages' index lists the PDF files


def _render(document: str, context: ReportContext, language: str, path: str) -> bytes:
    """The PDF at ``path`` in the site, or a clear error naming the report, the language and
    what went wrong.

    Links to other reports are written relative to the PDF's place in the site. When the
    site's address is known they are made absolute from the PDF's own address, so that a
    PDF read anywhere (downloaded, sent on) leads to the pages; otherwise they stay relative,
    which works beside the pages and names no folder of the machine that built it."""
    from publisher.editions.pdf.render import FootnoteMisplaced, MissingGlyphs, render_pdf

    site = context.site.config.base_url
    try:
        return render_pdf(document, base_url=f"{site.rstrip('/')}/{path}" if site else None).pdf
    except MissingGlyphs as error:
        raise ContentError(
            f"the {language_name(language, 'en')} PDF edition has characters no font "
            f"of the PDF can show: {'; '.join(error.problems)[:300]}",
            context.editions.report.reference,
            hint="install fonts-noto-cjk and fonts-noto-core, or replace the characters "
            "(an emoji, a rare ideograph) in the report or its translation",
        ) from None
    except FootnoteMisplaced as error:
        raise ContentError(
            f"a footnote of the {language_name(language, 'en')} PDF edition would not be on "
            f"the page of its call: {'; '.join(error.problems)[:300]}",
            context.editions.report.reference,
            hint="shorten the note, or split the paragraph that calls it",
        ) from None
