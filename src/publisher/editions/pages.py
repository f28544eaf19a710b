"""HTML pages from Jinja2 templates: report editions, index pages and the sitemap."""

from __future__ import annotations

import functools
import posixpath
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from publisher.editions.ui import ui_strings
from publisher.lang.dates import locale_of

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "Text",
    "Link",
    "Page",
    "ReportView",
    "Listing",
    "render",
    "render_chunks",
    "href",
    "text_direction",
]


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of text and, when it differs from the page's, its language."""

    text: str
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A link to one language version of a page."""

    hreflang: str
    href: str
    name: str = ""
    current: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """What every page shows around its content."""

    language: str
    title: str
    site_title: Text
    root: str
    """Relative path from the page to the site root, ending with ``/`` (or empty)."""
    home: str
    alternates: tuple[Link, ...] = ()
    switcher: tuple[Link, ...] = ()

    @property
    def direction(self) -> str:
        return text_direction(self.language)


@dataclass(frozen=True, slots=True)
class ReportView:
    """One edition of a report, ready for the template."""

    slug: str
    source_language: str
    title: Text
    subtitle: Text | None
    series: Text | None
    summary: Text | None
    location: Text | None
    organisers: tuple[Text, ...]
    dates: str
    date_iso: str
    body: str
    headings: tuple[Any, ...]
    banner: str
    provenance: str
    revision: Any
    percent: float
    list_separator: str = ", "
    partners: tuple[Text, ...] = ()
    authors: tuple[Text, ...] = ()
    number: str = ""
    """The report's number in its series, as the language writes it."""
    licence: Text | None = None
    pdf: Link | None = None
    """The edition as a PDF file, its size as the link's name."""
    bilingual: tuple[Link, ...] = ()
    """Bilingual editions with this language, each named by its pair of languages."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A report as an index page lists it."""

    href: str
    title: Text
    series: Text | None
    number: str
    """The report's number in its series, as the language writes it (No. 12, 第12号)."""
    dates: str
    date_iso: str
    people: tuple[Text, ...]
    """Its authors, else its organisers."""
    summary: Text | None
    state: str
    """"Original", or the share translated."""
    complete: bool
    others: tuple[Link, ...]
    """The report in the other languages the site has it in."""
    pdf: Link | None = None
    """The PDF edition, its size as the link's name."""
    bilingual: tuple[Link, ...] = ()
    """Bilingual editions with this language, each named by its pair of languages."""


def text_direction(language: str) -> str:
    return locale_of(language).text_direction or "ltr"


def href(from_page: str, to_page: str) -> str:
    """Relative link between two pages given by their paths under the site root, escaped as
    a URL path (a slug may hold ``#``, ``?``, ``%`` or spaces)."""
    return urllib.parse.quote(
        posixpath.relpath(to_page, posixpath.dirname(from_page) or "."), safe="/"
    )


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # (loaded with the first page made: a build with nothing to do makes none)

    return jinja2.Environment(
        loader=jinja2.PackageLoader("publisher", "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, page: Page | None, **values: Any) -> str:
    """Render a packaged template for ``page`` with the site's words in its language."""
    return "".join(render_chunks(template, page, **values))


def render_chunks(template: str, page: Page | None, **values: Any) -> Iterator[str]:
    """Like :func:`render`, piece by piece: for pages that grow with the archive."""
    ui = ui_strings(page.language if page is not None else "en")
    return _environment().get_template(template).generate(page=page, ui=ui, **values)


def organiser_separator(language: str) -> str:
    """How a language separates items of a short list (、 in Japanese)."""
    return "、" if language.startswith(("ja", "zh")) else ", "
