"""When ``update`` consults the translation memory, and which catalogs it fills.

Every catalog ``update`` merges tells the memory what it knows (its confirmed translations)
and what it lacks (its entries with no translation). The memory of a language is kept in the
cache (``.publisher-cache/memory-<lang>.pickle``): for each catalog, its digest, its
translations and its gaps. After a run has merged some catalogs, their gaps are looked up in
the whole memory, and the gaps of every other catalog in what is new in the memory; the
catalogs with a match are merged again, filled. A run that merged nothing looks nothing up,
so a run with nothing to do stays as fast as before.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from publisher.config import Config
from publisher.ops.memory import Memory, Recollection, kind_of, recollections
from publisher.ops.update_report import CatalogMemory, as_written
from publisher.project import LOCALES, Report, catalog_path, relative
from publisher.runtime.cache import CACHE_DIR, digest_bytes, dump_stream
from publisher.workspace import load_catalog, read_file

__all__ = ["Recall", "MEMORY_FOLDER"]

#: TMX files of translations from outside the project (imported), part of the memory.
MEMORY_FOLDER = "memory"
_FORMAT = 6


@dataclass(slots=True)
class _Store:
    """What the memory of one language knew of each file at the end of the last run."""

    path: Path
    files: dict[str, CatalogMemory] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path) -> _Store:
        files: dict[str, CatalogMemory] = {}
        try:
            with path.open("rb") as stream:
                if pickle.load(stream) != {"format": _FORMAT}:
                    return cls(path)
                while (record := pickle.load(stream)) is not None:
                    name, (language, digest, found, pending) = record
                    files[name] = CatalogMemory(
                        language, digest, tuple(Recollection(*r) for r in found), tuple(pending)
                    )
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ValueError,
            TypeError,
            ImportError,
            KeyError,
        ):
            return cls(path)
        return cls(path, files)

    def save(self) -> None:
        """The header, then one pickle per file and a closing None: the store is written, and
        read, a file at a time (one pickle of it all, made in memory first, held every
        translation of the language twice over)."""
        if not self.changed:
            return

        def write(stream: BinaryIO) -> None:
            pickle.dump({"format": _FORMAT}, stream, protocol=pickle.HIGHEST_PROTOCOL)
            for name, item in self.files.items():
                pickle.dump((name, _plain(item)), stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(None, stream, protocol=pickle.HIGHEST_PROTOCOL)

        with contextlib.suppress(OSError):  # best effort, as every cache file
            self.path.parent.mkdir(parents=True, exist_ok=True)
            dump_stream(self.path, write)


@dataclass(slots=True)
class Recall:
    """The translation memory's part in one run of ``update``."""

    config: Config
    reports: list[Report]
    stores: dict[str, _Store] = field(default_factory=dict)

    def to_fill(
        self, merged: Mapping[str, CatalogMemory], holds: Callable[[str], bool] | None = None
    ) -> tuple[dict[str, set[str]], dict[str, Memory]]:
        """After the catalogs in ``merged`` (by name) were merged: for each report slug the
        languages whose catalog the memory can fill, and the memory of those languages.
        With ``holds`` (a part of the archive, by report slug), only the catalogs of the
        reports it holds are looked at: the run writes no other."""
        fills: dict[str, set[str]] = {}
        memories: dict[str, Memory] = {}
        if not self.config.tm or not merged:
            return fills, memories
        by_language: dict[str, dict[str, CatalogMemory]] = {}
        for name, item in merged.items():
            by_language.setdefault(item.language, {})[name] = item
        for language, now in sorted(by_language.items()):
            store = self.stores.setdefault(
                language, _Store.load(self.config.root / CACHE_DIR / f"memory-{language}.pickle")
            )
            before = {name: _translations(store.files.get(name)) for name in now}
            catalogs = self._catalogs(language)
            known = self._refresh(store, language, catalogs, now)
            # What the other catalogs have not been offered yet: translations new in their
            # catalog (not those that only moved to another line).
            new = [
                r
                for name, item in now.items()
                for r in item.recollections
                if (r.msgid, r.msgstr, r.kind) not in before[name]
            ]
            memory = Memory(r for item in known.values() for r in item.recollections)
            recent = Memory(new)
            held = {
                relative(self.config.root, path).as_posix()
                for report, path in catalogs
                if holds is None or holds(report.slug)
            }
            hits = set()
            for name, item in known.items():
                if name not in held:
                    continue  # another part's catalog (or an imported TMX file)
                if name in now:
                    found = bool(memory) and any(
                        self._recalls(memory, m, kind, name) for m, kind in item.pending
                    )
                else:  # what the recent ones offer, as the whole memory answers (fill asks it)
                    found = bool(recent) and any(
                        self._recalls(recent, m, k, name) and self._recalls(memory, m, k, name)
                        for m, k in item.pending
                    )
                if found:
                    hits.add(name)
            for report, path in catalogs:
                if relative(self.config.root, path).as_posix() in hits:
                    fills.setdefault(report.slug, set()).add(language)
            if hits:
                memories[language] = memory
        return fills, memories

    def remember(self, merged: Mapping[str, CatalogMemory]) -> None:
        """What the catalogs are now, once written (the filled ones included)."""
        for name, item in merged.items():
            store = self.stores.get(item.language)
            if store is not None and store.files.get(name) != item:
                store.files[name] = item
                store.changed = True
        for store in self.stores.values():
            store.save()

    def _recalls(self, memory: Memory, msgid: str, kind: str, own: str) -> bool:
        return (
            bool(memory.matches(msgid, kind, own))
            or memory.near(msgid, kind, own, self.config.tm_threshold) is not None
        )

    def _catalogs(self, language: str) -> list[tuple[Report, Path]]:
        return [(report, catalog_path(self.config, language, report)) for report in self.reports]

    def _refresh(
        self,
        store: _Store,
        language: str,
        catalogs: list[tuple[Report, Path]],
        now: Mapping[str, CatalogMemory],
    ) -> dict[str, CatalogMemory]:
        """Every file of the language's memory, as it is now: the catalogs just merged, the
        others from the store while their digest holds, else read again."""
        reports: dict[Path, Report | None] = {path: report for report, path in catalogs}
        reports.update((path, None) for path in self._imported())
        current: dict[str, CatalogMemory] = {}
        for path, report in reports.items():
            name = relative(self.config.root, path).as_posix()
            if name in now:
                current[name] = now[name]
                continue
            data = read_file(self.config, path)
            if data is None:
                continue
            digest = digest_bytes(data)
            known = store.files.get(name)
            if known is None or known.digest != digest:
                known = _read(self.config, path, name, language, data, digest, report)
            current[name] = known
        if current != store.files:
            store.files, store.changed = current, True
        return current

    def _imported(self) -> list[Path]:
        folder = self.config.root / LOCALES / MEMORY_FOLDER
        return sorted(folder.glob("*.tmx")) if folder.is_dir() else []


def _translations(item: CatalogMemory | None) -> set[tuple[str, str, str]]:
    """The translations a catalog held, by what they say (not where)."""
    if item is None:
        return set()
    return {(r.msgid, r.msgstr, r.kind) for r in item.recollections}


def _plain(item: CatalogMemory) -> tuple[object, ...]:
    """A catalog's memory as plain tuples: pickled many times faster than dataclasses."""
    found = tuple(
        (r.msgid, r.msgstr, r.origin, r.kind, r.date, r.recalled, r.provisional)
        for r in item.recollections
    )
    return (item.language, item.digest, found, item.pending)


def _read(
    config: Config,
    path: Path,
    name: str,
    language: str,
    data: bytes,
    digest: str,
    report: Report | None,
) -> CatalogMemory:
    if path.suffix == ".tmx":
        return CatalogMemory(language, digest, tuple(_from_tmx(data, name, language)), ())
    catalog = load_catalog(config, path, language, data)
    if catalog is None:
        return CatalogMemory(language, digest, (), ())
    found = recollections(catalog, name)
    if report is None or not as_written(config, report, language, data):
        # Its lines are not yet those update will write: found again when named.
        found = [replace(r, provisional=True) for r in found]
    pending = tuple(
        (m.msgid, kind_of(m))
        for m in catalog.messages
        if not m.obsolete and not m.has_translation and m.msgctxt is None and m.msgid_plural is None
    )
    return CatalogMemory(language, digest, tuple(found), pending)


def _from_tmx(data: bytes, name: str, language: str) -> Iterable[Recollection]:
    from publisher.exchange.placeholders import join, recovered
    from publisher.exchange.tmx import read_tmx

    for unit in read_tmx(data, name):
        variants = {
            lang.replace("_", "-").split("-")[0].lower(): text for lang, text in unit.variants
        }
        source = variants.get(unit.source_language.replace("_", "-").split("-")[0].lower())
        target = variants.get(language)
        if source is not None and target is not None:
            origin = f"{name}:{unit.line}"
            yield Recollection(join(source), recovered(target, source), origin, "text")
