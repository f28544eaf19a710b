"""The manifest of an output folder: every file ``build`` wrote there, and every edition it
published, so that the folder can be synced to a web host as it is.

``OUT/.publisher-manifest.json`` lists each file ``build`` wrote (its format, its scope and
its digest) and each edition published there (what index pages say of it). The next build
removes the files it wrote before and no longer produces (an edition fallen below the
threshold, a deleted report, a dropped language), and never a file it did not write: a host's
``CNAME``, a user's ``robots.txt``, the status dashboard. A file changed since ``build`` wrote
it is left in place (and reported). Index pages, feeds and the sitemap are made from the
manifest, so they list what the folder holds, whichever languages a run built.

A file's *scope* says which runs produce it: ``edition:<lang>`` (a report's edition),
``site:<lang>`` (a language's index pages), ``site:`` (pages of the whole site) and
``bilingual:<a>-<b>``. A run rebuilds the scopes of its format and languages; the others are
left as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publisher.errors import PublisherError
from publisher.ops.shard import Shard
from publisher.runtime.jsontext import indented_pieces
from publisher.runtime.table import chained

__all__ = ["MANIFEST", "Manifest", "Scope", "load_manifest"]

MANIFEST = ".publisher-manifest.json"
_VERSION = 1


@dataclass(frozen=True, slots=True)
class Scope:
    """What one run of ``build`` rebuilds: its format, its languages, its bilingual pair."""

    format: str
    languages: tuple[str, ...]
    """The languages built now."""
    known: tuple[str, ...]
    """Every language of the project (files of any other language are left over from a
    dropped one, and always go)."""
    bilingual: str = ""
    """``a-b`` when the run builds a bilingual edition."""
    shard: Shard | None = None
    """The part of the archive a run builds (``--shard``): it makes no index pages, and
    leaves the files of the other parts' reports alone."""

    def covers(self, entry: Mapping[str, Any]) -> bool:
        """Does this run produce the file ``entry`` describes, if it still exists?"""
        if entry.get("format") != self.format:
            return False
        kind, _, value = str(entry.get("scope", "")).partition(":")
        if self.shard is not None and (
            kind == "site" or not self.shard.holds(str(entry.get("report", "")))
        ):
            return False
        if kind == "bilingual":
            return value == self.bilingual or not set(value.split("-")) <= set(self.known)
        if kind in ("edition", "site"):
            return (
                value in self.languages
                or (value != "" and value not in self.known)
                or (kind == "site" and value == "")
            )
        return False


@dataclass(slots=True)
class Manifest:
    """The manifest as read; :meth:`updated` makes the next one."""

    files: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Path under the folder -> ``format``, ``scope``, ``digest``."""
    editions: dict[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    """Format -> ``<lang>/<slug>`` -> what index pages say of the edition."""
    shard: str = ""
    """``K/N`` when the folder holds one part of the archive, for the merge."""

    def edition(self, fmt: str, language: str, slug: str) -> Mapping[str, Any] | None:
        return self.editions.get(fmt, {}).get(f"{language}/{slug}")

    def updated(
        self,
        scope: Scope,
        files: Mapping[str, Mapping[str, Any]],
        editions: Mapping[str, Mapping[str, Any]],
        shard: str = "",
    ) -> Manifest:
        """The manifest after a run that produced ``files`` and published ``editions``
        (``<lang>/<slug>`` -> entry). Its tables are made of the run's as they are, read
        an entry at a time (see :class:`~publisher.runtime.table.Table`)."""
        kept = {path: entry for path, entry in self.files.items() if not scope.covers(entry)}
        old = self.editions.get(scope.format, {})
        mine = {
            key: entry
            for key, entry in old.items()
            if not scope.covers(
                {
                    "format": scope.format,
                    "scope": f"edition:{key.partition('/')[0]}",
                    "report": key.partition("/")[2],
                }
            )
        }
        others = {fmt: entries for fmt, entries in self.editions.items() if fmt != scope.format}
        return Manifest(
            chained(files, kept),
            {**others, scope.format: chained(editions, mine)},
            shard,
        )

    def stale(self, scope: Scope, produced: Iterable[str]) -> list[str]:
        """Files this run's scope covers that it no longer produces, in path order."""
        now = set(produced)
        return sorted(
            path for path, entry in self.files.items() if scope.covers(entry) and path not in now
        )

    def chunks(self) -> Iterator[str]:
        """The manifest's text piece by piece, as ``json.dumps(..., ensure_ascii=False,
        sort_keys=True, indent=1)`` lays it out: written so, it is never held whole, nor
        are its entries all read at once."""
        data: dict[str, Any] = {"version": _VERSION, "files": self.files}
        data["editions"] = self.editions
        if self.shard:
            data["shard"] = self.shard
        yield from indented_pieces(data, 1, sort_keys=True, depth=2)
        yield "\n"


def load_manifest(out: Path, shown: Path | None = None) -> Manifest:
    """The manifest of ``out`` (empty when there is none yet); ``shown`` names the folder in
    messages."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return Manifest()
    except ValueError as error:
        raise PublisherError(
            f"the build manifest is not valid JSON ({error})",
            (shown or out) / MANIFEST,
            hint=f"delete {MANIFEST}: the next build writes it again (files it listed are "
            "then left in place, not removed)",
        ) from None
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return Manifest()
    files = data.get("files", {})
    editions = data.get("editions", {})
    if not isinstance(files, dict) or not isinstance(editions, dict):
        return Manifest()
    return Manifest(files, editions, str(data.get("shard", "")))
