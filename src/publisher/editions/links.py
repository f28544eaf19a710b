"""Links between reports: ``[the summary](summary.md)`` in a report's source leads, in each
edition, to the other report's edition in the reader's language; ``summary.md?lang=ja`` to
its edition in a given language. When that edition is not published (too little of it is
translated), the link leads to the report's original, marked with its language. Such links
work in the source too (a repository viewer ignores the query)."""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from publisher.config import Config
from publisher.errors import PublisherError
from publisher.po.stats import coverage
from publisher.project import CONTENT, Report, catalog_path
from publisher.source.plaintext import unit_word_counts
from publisher.workspace import load

__all__ = ["Linker", "Target", "resolver"]

_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^/|^#", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a link between reports leads."""

    href: str
    language: str
    """The language of the edition it leads to."""


@dataclass(slots=True)
class Linker:
    """Resolves links from one report's editions to other reports (a report's published
    languages are worked out once, from its source and catalogs)."""

    config: Config
    report: Report
    force: bool = False
    suffix: str = "html"
    _known: dict[str, dict[str, bool | None]] = field(default_factory=dict)
    depends: set[Path] = field(default_factory=set)
    """The files the resolved links depend on (other reports and their catalogs)."""

    def target(self, href: str, language: str, page: str = "") -> Target | None:
        """Where ``href`` (a link in the report) leads from its edition in ``language`` (or
        from ``page``, a path under the output folder); None when it is not a link to another
        report of the project."""
        if _EXTERNAL.match(href):
            return None
        path, _, fragment = href.partition("#")
        path, _, query = path.partition("?")
        if not path.endswith(".md"):
            return None
        here = posixpath.dirname(self.report.slug)
        slug = posixpath.normpath(posixpath.join(here, urllib.parse.unquote(path)))[:-3]
        source = self.config.root / CONTENT / f"{slug}.md"
        if slug.startswith("../") or not source.is_file():
            return None
        wanted = urllib.parse.parse_qs(query).get("lang", [language])[0]
        published = self._published(Report(slug, source))
        if not published.get(wanted):
            wanted = next(lang for lang, original in published.items() if original is None)
        start = page or f"{language}/{self.report.slug}.{self.suffix}"
        relative = posixpath.relpath(
            f"{wanted}/{slug}.{self.suffix}", posixpath.dirname(start) or "."
        )
        return Target(
            urllib.parse.quote(relative, safe="/") + (f"#{fragment}" if fragment else ""), wanted
        )

    def _published(self, report: Report) -> dict[str, bool | None]:
        """Language -> is the report's edition published; the original maps to None."""
        if report.slug not in self._known:
            loaded = load(self.config, report, notes=False)
            words = unit_word_counts(loaded.document, loaded.source_language)
            found: dict[str, bool | None] = {loaded.source_language: None}
            for language in loaded.targets:
                catalog = loaded.catalogs[language]
                percent = (
                    coverage(
                        catalog, catalog, report.slug, language, loaded.source_language, words
                    ).percent
                    if catalog
                    else 0.0
                )
                found[language] = self.force or percent >= self.config.threshold
                self.depends.add(catalog_path(self.config, language, report))
            self.depends.add(report.path)
            self._known[report.slug] = found
        return self._known[report.slug]


def resolver(linker: Linker | None, page: str = "") -> Callable[[str, str], Target | None]:
    """``linker.target`` from ``page`` (an edition's own page when empty), or a resolver
    that leaves every link as it is."""
    if linker is None:
        return lambda href, language: None

    def resolve(href: str, language: str) -> Target | None:
        try:
            return linker.target(href, language, page)
        except PublisherError:
            return None  # the other report is broken: its own build says so

    return resolve
