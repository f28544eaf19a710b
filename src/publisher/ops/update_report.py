"""One report's share of ``publisher update``: its template and catalogs, merged, filled
from the translation memory when there is one, and staged beside their places (in a worker
process when there are many reports)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from publisher.config import Config
from publisher.ops.memory import Memory, Recollection, fill, kind_of, recollections
from publisher.po.model import Catalog
from publisher.po.stamp import (
    header_end,
    key_of,
    stamp,
    unstamped,
    verify_source,
    verify_template,
    without_stamp,
)
from publisher.project import (
    CONTENT,
    Report,
    catalog_path,
    declared_language,
    relative,
    template_path,
)
from publisher.runtime.cache import digest_bytes
from publisher.runtime.fsutil import Staged, discard, stage
from publisher.workspace import config_digest, load_catalog, read_file, target_languages

__all__ = [
    "FileChange",
    "EntryCounts",
    "CatalogMemory",
    "ReportTask",
    "ReportDone",
    "update_report",
    "MEMORIES",
    "LAYOUTS",
    "as_written",
]

#: The translation memory of each language, set before the reports whose catalogs it can fill
#: are updated again (worker processes are forked, so they see it).
MEMORIES: dict[str, Memory] = {}
#: Where ``update`` writes the entries of catalogs a memory names that it has yet to write
#: again: catalog name -> msgid -> line (cleared with :data:`MEMORIES`).
LAYOUTS: dict[str, dict[str, int]] = {}


@dataclass(frozen=True, slots=True)
class FileChange:
    """A file that ``update`` wrote (or would write, with ``--check``)."""

    path: Path
    """Relative to the project root."""
    action: str
    """``created`` or ``updated``."""
    note: str = ""
    """Anything the user should know, such as a change of encoding."""
    entries: EntryCounts | None = None
    """For a catalog: what the merge did to its entries."""


@dataclass(frozen=True, slots=True)
class EntryCounts:
    """What merging the template did to a catalog: entries a translator now has to look at."""

    new: int = 0
    """Entries the catalog did not have (untranslated, or offered a fuzzy suggestion)."""
    fuzzy: int = 0
    """Entries that became fuzzy: their source changed (or a near match was offered)."""
    obsolete: int = 0
    """Entries whose text left the source (kept at the end of the file, as ``#~``)."""
    recalled: int = 0
    """Entries filled from the translation memory (translated or fuzzy)."""

    def __bool__(self) -> bool:
        return bool(self.new or self.fuzzy or self.obsolete or self.recalled)

    def __str__(self) -> str:
        text = f"{self.new} new, {self.fuzzy} fuzzy, {self.obsolete} obsolete"
        return text + (f", {self.recalled} from the translation memory" if self.recalled else "")


def _entry_counts(old: Catalog | None, merged: Catalog) -> EntryCounts:
    before = {m.key: m for m in (old.messages if old else ()) if not m.obsolete}
    new = fuzzy = obsolete = 0
    for message in merged.messages:
        previous = before.get(message.key)
        if message.obsolete:
            obsolete += message.key in before
        elif previous is None:
            new += 1
            fuzzy += message.fuzzy
        elif message.fuzzy and not previous.fuzzy:
            fuzzy += 1
    return EntryCounts(new, fuzzy, obsolete)


@dataclass(frozen=True, slots=True)
class CatalogMemory:
    """What a merged catalog gives the translation memory, and asks of it."""

    language: str
    digest: str
    """Digest of the catalog as written."""
    recollections: tuple[Recollection, ...]
    """Its confirmed translations."""
    pending: tuple[tuple[str, str], ...]
    """Its entries with no translation at all, as (msgid, kind)."""


@dataclass(frozen=True, slots=True)
class _Output:
    path: Path
    data: bytes
    """What the file must hold."""
    existing: bytes | None
    """What it holds now (None: there is no file)."""
    note: str = ""
    counts: EntryCounts | None = None
    catalog: Catalog | None = None
    """The merged catalog (not for a file passed on as it is)."""
    language: str = ""


_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: ([^"\\]*)\\n"$', re.MULTILINE)


def _creation_date(data: bytes | None) -> str | None:
    """The ``POT-Creation-Date`` a template file holds, found without reading it as a
    catalog; None when there is no file or the line is not found as written."""
    if data is None:
        return None
    match = _CREATION_DATE.search(data, 0, header_end(data))
    return match.group(1).decode("ascii", errors="replace") if match else None


def _quick(
    config: Config, report: Report, source: bytes, source_key: str, languages: tuple[str, ...]
) -> list[tuple[Path, bytes]] | None:
    """Every file of a report as it is, when each one's stamp vouches for this very source;
    None when any of them needs a closer look."""
    declared = declared_language(source.decode("utf-8", errors="replace"))
    if declared is None or (declared or config.source_language) not in config.languages:
        return None
    files = [(template_path(config, report), "")] + [
        (catalog_path(config, language, report), language)
        for language in target_languages(config, declared or config.source_language, languages)
    ]
    found = []
    for path, suffix in files:
        data = read_file(config, path)
        if data is None or not verify_source(data, key_of(source_key, suffix)):
            return None
        found.append((path, data))
    return found


def _source_key(config: Config, report: Report, source: bytes) -> str:
    return key_of(digest_bytes(source), config_digest(config), str(config.wrap_width), report.slug)


def as_written(config: Config, report: Report, language: str, data: bytes) -> bool:
    """Is ``data`` the catalog ``update`` writes for ``report`` in ``language`` (its stamp
    says it was written from the report as it is)?"""
    source = read_file(config, report.path)
    return source is not None and verify_source(
        data, key_of(_source_key(config, report, source), language)
    )


def _origin(config: Config, item: Recollection) -> str:
    """Where a recollection is: its catalog and the line ``update`` writes it on."""
    if not item.provisional:
        return item.origin
    name, _, line = item.origin.rpartition(":")
    lines = LAYOUTS.get(name)
    if lines is None:
        lines = LAYOUTS[name] = _written_lines(config, name)
    return f"{name}:{lines.get(item.msgid, line)}"


def _written_lines(config: Config, name: str) -> dict[str, int]:
    """The line of each entry of the catalog ``name`` (``locales/<lang>/<slug>.po``) as
    ``update`` writes it: the same origins whether that catalog is updated in this run or
    in another part of the archive (``--shard``)."""
    from publisher.po.read import read_catalog

    parts = PurePosixPath(name).parts
    language, slug = parts[1], PurePosixPath(*parts[2:]).with_suffix("").as_posix()
    report = Report(slug, config.root / CONTENT / f"{slug}.md")
    source = read_file(config, report.path)
    if source is None:
        return {}
    path = catalog_path(config, language, report)
    for output in _outputs(config, report, source, (language,), False):
        if output.path == path:
            return {
                m.msgid: m.line
                for m in read_catalog(output.data, name).messages
                if not m.obsolete and m.msgctxt is None
            }
    return {}


def _outputs(
    config: Config, report: Report, source: bytes, languages: tuple[str, ...], fill_in: bool
) -> Iterator[_Output]:
    """The files one report needs: its template, then each target catalog (filled from the
    translation memory with ``fill_in``).

    A file whose stamp says it was made from the same source, or from the same template
    messages (see :mod:`publisher.po.stamp`), is passed on as it is, without being read as a
    catalog; when every file is from the same source, the report is not even parsed.
    """
    width = config.wrap_width
    source_key = _source_key(config, report, source)
    quick = None if fill_in else _quick(config, report, source, source_key, languages)
    if quick is not None:
        for path, data in quick:
            yield _Output(path, data, data)
        return
    from publisher.ops.extract import template_messages
    from publisher.po.merge import build_template, merge
    from publisher.po.write import format_catalog
    from publisher.workspace import load

    loaded = load(config, report, languages, catalogs=False)
    document = loaded.document
    pot_path = template_path(config, report)
    messages = template_messages(document.units, report.reference)
    made_from = key_of(repr(messages), str(width), report.slug)
    template: Catalog | None = None

    def full_template() -> Catalog:
        previous = load_catalog(config, pot_path, data=pot) if pot is not None else None
        return build_template(messages, report.reference, report.slug, previous)

    def written(text: str, suffix: str) -> bytes:
        return stamp(text, key_of(source_key, suffix), key_of(made_from, suffix), width).encode(
            "utf-8"
        )

    pot = read_file(config, pot_path)
    if pot is not None and verify_template(pot, key_of(made_from, "")):
        yield _Output(pot_path, pot, pot)
    else:
        text = None
        date = _creation_date(pot)
        if pot is not None and date is not None:
            # Laid out with the date it holds, the template is often the file itself: the
            # same messages and header, so there is no need to read it as a catalog.
            template = build_template(messages, report.reference, report.slug, date=date)
            text = format_catalog(template, width)
            if text.encode("utf-8") != unstamped(pot):
                template, text = None, None
        if text is None:
            template = full_template()
            text = format_catalog(template, width)
        yield _Output(pot_path, written(text, ""), pot)
    for language in loaded.targets:
        path = catalog_path(config, language, report)
        existing = read_file(config, path)
        filling = fill_in and language in MEMORIES
        if (
            existing is not None
            and not filling
            and verify_template(existing, key_of(made_from, language))
        ):
            yield _Output(path, existing, existing)
            continue
        old = load_catalog(config, path, language, existing) if existing is not None else None
        note = ""
        if old is not None and old.source_encoding.upper().replace("_", "-") != "UTF-8":
            note = f"rewritten as UTF-8 (was {old.source_encoding})"
        template = template or full_template()
        merged = merge(template, without_stamp(old) if old else None, language)
        counts = _entry_counts(old, merged)
        if fill_in and language in MEMORIES:
            own = relative(config.root, path).as_posix()
            merged, filled = fill(
                merged, MEMORIES[language], config, own, lambda item: _origin(config, item)
            )
            counts = replace(_entry_counts(old, merged), recalled=filled.translated + filled.fuzzy)
        yield _Output(
            path,
            written(format_catalog(merged, width), language),
            existing,
            note,
            counts,
            merged,
            language,
        )


@dataclass(frozen=True, slots=True)
class ReportTask:
    config: Config
    report: Report
    languages: tuple[str, ...]
    check: bool
    fill: bool = False
    """Fill the catalogs from :data:`MEMORIES`."""


@dataclass(frozen=True, slots=True)
class ReportDone:
    """What updating one report produced (sent back from a worker process)."""

    changes: list[FileChange]
    staged: list[Staged]
    files: dict[str, str]
    """Digest of each file of the report as it will be after the commit."""
    memory: dict[str, CatalogMemory] = field(default_factory=dict)
    """For each catalog merged (by its name in the project): what it gives and asks the
    translation memory."""


def update_report(task: ReportTask) -> ReportDone:
    """Update one report's template and catalogs (in a worker process when there are
    many)."""
    staged: list[Staged] = []
    try:
        return _update_one(task, staged)
    except BaseException:
        discard(staged)  # a bad file found after others were staged: leave nothing behind
        raise


def _update_one(task: ReportTask, staged: list[Staged]) -> ReportDone:
    config = task.config
    changes, files = [], {}
    memory = {}
    source = task.report.path.read_bytes()
    files[str(task.report.path.relative_to(config.root))] = digest_bytes(source)
    for output in _outputs(config, task.report, source, task.languages, task.fill):
        path, data, existing = output.path, output.data, output.existing
        note, counts = output.note, output.counts
        files[str(path.relative_to(config.root))] = digest = digest_bytes(data)
        if output.catalog is not None and config.tm:
            name = relative(config.root, path).as_posix()
            memory[name] = CatalogMemory(
                output.language,
                digest,
                tuple(recollections(output.catalog, name, data.decode("utf-8"))),
                tuple(
                    (m.msgid, kind_of(m))
                    for m in output.catalog.messages
                    if not m.obsolete
                    and not m.has_translation
                    and m.msgctxt is None
                    and m.msgid_plural is None
                ),
            )
        if existing == data:
            continue
        # Only the stamp differs (a translator saved the file): nothing to check, but a
        # real run renews the stamp so the next run can skip the file.
        stamp_only = existing is not None and unstamped(existing) == unstamped(data)
        if task.check:
            changed = not stamp_only
        else:
            item = stage(path, data)
            changed = item is not None
            if item is not None:
                staged.append(item)
        if changed:
            action = "updated" if existing is not None else "created"
            changes.append(
                FileChange(
                    relative(config.root, path),
                    action,
                    note or ("stamp renewed" if stamp_only else ""),
                    None if stamp_only else counts,
                )
            )
    return ReportDone(changes, staged, files, memory)
