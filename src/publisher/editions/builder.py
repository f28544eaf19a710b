"""The Builder interface: one output format (web pages, Markdown, PDF), as ``build`` sees it.

``build`` chooses the editions, applies the threshold, consults the cache and writes the files;
a builder only turns an edition into files. Adding a format is adding one builder.
"""

from __future__ import annotations

import abc
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, overload

from publisher.config import Config
from publisher.editions.pages import Text, href
from publisher.runtime.provenance import Revision

if TYPE_CHECKING:  # (a build with nothing to do does not load what renders an edition)
    from publisher.editions.edition import ReportEditions
    from publisher.editions.links import Linker

__all__ = ["Site", "ReportContext", "Brief", "SiteIndex", "Output", "Builder"]

#: A file a builder makes: its path under the output folder and its content (text, bytes, or
#: text in pieces for pages that grow with the archive).
Output = tuple[str, str | bytes | Iterator[str]]


@dataclass(frozen=True, slots=True)
class Site:
    """Paths and links of the output folder being built."""

    config: Config
    out: Path
    suffix: str
    """The suffix of edition files: ``html``, ``md`` or ``pdf``."""

    def page(self, language: str, slug: str, suffix: str | None = None) -> str:
        """Where an edition lives, relative to the output folder."""
        return f"{language}/{slug}.{suffix or self.suffix}"

    def url(self, from_page: str, to_page: str) -> str:
        """A link for hreflang alternates: absolute when the site's address is known."""
        base = self.config.base_url
        return f"{base.rstrip('/')}/{to_page}" if base else href(from_page, to_page)

    @staticmethod
    def root(from_page: str) -> str:
        """The relative path from a page to the output folder (``../`` per level)."""
        return "../" * from_page.count("/")


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a builder gets to render the editions of one report."""

    site: Site
    editions: ReportEditions
    published: Mapping[str, bool]
    """Language -> is its edition published (every language of the report)."""
    revision: Revision
    """The commit the report's source was last changed in."""
    titles: Mapping[str, Text]
    """The site title in each language."""
    extras: Mapping[str, Any]
    """What else the folder holds of this report that its pages link to: ``pdf`` (language
    -> page and size) and ``bilingual`` (language pairs)."""
    linker: Linker | None = None
    """Resolves links to other reports to their editions."""


@dataclass(frozen=True, slots=True)
class Brief:
    """What the pages made of all the editions need of each one to order and link them,
    without holding it whole."""

    key: str
    """``<lang>/<slug>``: the edition's key in :attr:`SiteIndex.editions`."""
    language: str
    slug: str
    page: str
    date_iso: str
    lastmod: Any
    original: bool


@dataclass(frozen=True)
class SiteIndex:
    """Every edition the output folder holds (of one format), for the pages made of them all."""

    site: Site
    languages: tuple[str, ...]
    """The languages built now: their index pages are written."""
    editions: Mapping[str, Mapping[str, Any]]
    """``<lang>/<slug>`` -> one entry per published edition, every language (see
    :func:`publisher.editions.views.index_entry`), with its ``language`` and ``lastmod``;
    read an entry at a time (an archive's are never all held at once)."""
    titles: Mapping[str, Text]
    """The site title in each language built now, and in the source language."""

    @functools.cached_property
    def briefs(self) -> tuple[Brief, ...]:
        """Each edition in brief (each entry read once), in key order."""
        briefs = []
        for key, entry in self.editions.items():
            briefs.append(
                Brief(
                    key,
                    entry["language"],
                    entry["slug"],
                    entry["page"],
                    entry["date_iso"],
                    entry.get("lastmod", ""),
                    bool(entry.get("original")),
                )
            )
        return tuple(briefs)

    def entries(self, language: str) -> Sequence[Mapping[str, Any]]:
        """The reports published in ``language``, newest first (the same date: by slug),
        each read when taken."""
        chosen = [brief for brief in self.briefs if brief.language == language]
        chosen.sort(key=lambda brief: brief.slug)
        chosen.sort(key=lambda brief: brief.date_iso, reverse=True)
        return _Entries(tuple(brief.key for brief in chosen), self.editions)

    def reports(self) -> dict[str, dict[str, Brief]]:
        """Slug -> language -> the edition in brief, slugs in order."""
        found: dict[str, dict[str, Brief]] = {}
        for brief in sorted(self.briefs, key=lambda brief: (brief.slug, brief.language)):
            found.setdefault(brief.slug, {})[brief.language] = brief
        return found


class _Entries(Sequence[Mapping[str, Any]]):
    """Entries of a table in a chosen order, each read when taken."""

    __slots__ = ("_keys", "_table")

    def __init__(self, keys: tuple[str, ...], table: Mapping[str, Mapping[str, Any]]) -> None:
        self._keys = keys
        self._table = table

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, item: int) -> Mapping[str, Any]: ...

    @overload
    def __getitem__(self, item: slice) -> Sequence[Mapping[str, Any]]: ...

    def __getitem__(self, item: int | slice) -> Any:
        if isinstance(item, slice):
            return _Entries(self._keys[item], self._table)
        return self._table[self._keys[item]]


class Builder(abc.ABC):
    """Renders editions of one format."""

    format: ClassVar[str]
    """The name ``build --format`` takes."""
    suffix: ClassVar[str]
    """The suffix of its edition files."""
    folder: ClassVar[str] = "site"
    """The output folder without ``--out``, in the project."""
    links_editions: ClassVar[bool] = False
    """Does an edition link the report's other published editions (so that ``build --lang``
    needs to know which ones the folder holds)?"""
    marks_fallback: ClassVar[bool] = False
    """Are passages shown in the source language marked in the edition's own text (as
    Markdown has no other way to mark them)?"""

    @abc.abstractmethod
    def edition(self, context: ReportContext, language: str) -> Iterator[Output]:
        """The files of the edition of ``context``'s report in ``language``."""

    def bilingual(self, context: ReportContext, pair: tuple[str, str]) -> Iterator[Output]:
        """The files of a side-by-side edition of two languages (none by default)."""
        return iter(())

    @abc.abstractmethod
    def site_files(self, index: SiteIndex) -> Iterator[Output]:
        """Index pages, feeds, sitemap and assets: what is made of all the reports."""
