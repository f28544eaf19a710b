"""The web page of one report edition."""

from __future__ import annotations

from dataclasses import replace

from publisher.editions.builder import ReportContext
from publisher.editions.html.body import Body, render_body
from publisher.editions.links import resolver
from publisher.editions.pages import Link, Page, ReportView, href, render
from publisher.editions.ui import language_name
from publisher.editions.views import report_view

__all__ = ["report_page", "edition_body"]


def _pdf_link(context: ReportContext, language: str, path: str) -> Link | None:
    from publisher.editions.html.index import file_size

    pdf = context.extras.get("pdf", {}).get(language)
    if not pdf:
        return None
    return Link(language, href(path, pdf["page"]), file_size(pdf["size"], language))


def _bilingual_links(context: ReportContext, language: str, path: str) -> tuple[Link, ...]:
    slug = context.editions.report.slug
    links = []
    for pair in context.extras.get("bilingual", ()):
        languages = pair.split("-")
        if language in languages:
            names = "–".join(language_name(lang, language) for lang in languages)
            links.append(Link(pair, href(path, f"bilingual/{pair}/{slug}.html"), names))
    return tuple(links)


def edition_body(context: ReportContext, language: str) -> Body:
    """The edition's body as HTML, its headings anchored as in the source."""
    editions = context.editions
    edition = editions.editions[language]
    tokens, env = edition.parsed or (None, None)
    body, _, _ = render_body(
        editions.document,
        edition.text,
        editions.states(language),
        editions.source_language,
        language,
        tokens=tokens,
        env=env,
        links=resolver(context.linker),
    )
    return body


def report_page(context: ReportContext, language: str) -> str:
    """The HTML edition of a report in one language."""
    site, editions = context.site, context.editions
    report, source = editions.report, editions.source_language
    path = site.page(language, report.slug)
    body = edition_body(context, language)
    view: ReportView = report_view(context, language, body.html, body.headings)
    view = replace(
        view,
        pdf=_pdf_link(context, language, path),
        bilingual=_bilingual_links(context, language, path),
    )
    links = [
        Link(
            lang,
            site.url(path, site.page(lang, report.slug)),
            language_name(lang),
            lang == language,
        )
        for lang in site.config.languages
        if context.published.get(lang)
    ]
    alternates = (*links, Link("x-default", site.url(path, site.page(source, report.slug))))
    page = Page(
        language=language,
        title=view.title.text,
        site_title=context.titles[language],
        root=site.root(path),
        home=href(path, f"{language}/index.html"),
        alternates=alternates,
        switcher=tuple(links) if len(links) > 1 else (),
    )
    return render("report.html", page, report=view)
