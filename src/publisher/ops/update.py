"""``publisher update``: extract every report into its template and merge it into its catalogs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from publisher.config import CONFIG_NAME, Config
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
    LOCALES,
    TEMPLATES,
    Report,
    catalog_path,
    declared_language,
    discover,
    relative,
    select,
    template_path,
)
from publisher.runtime.cache import CACHE_DIR, Cache, digest_bytes
from publisher.runtime.fsutil import Staged, Transaction, discard, stage
from publisher.runtime.pool import jobs_wanted, ordered_map
from publisher.workspace import config_digest, load_catalog, read_file, target_languages

# Parsing, merging and formatting are imported where they are needed: a run whose reports
# are all up to date starts faster without them.

__all__ = ["FileChange", "EntryCounts", "UpdateResult", "update", "orphans"]


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

    def __bool__(self) -> bool:
        return bool(self.new or self.fuzzy or self.obsolete)

    def __str__(self) -> str:
        return f"{self.new} new, {self.fuzzy} fuzzy, {self.obsolete} obsolete"


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


def _outputs(
    config: Config, report: Report, source: bytes, languages: tuple[str, ...]
) -> Iterator[tuple[Path, bytes, str, bytes | None, EntryCounts | None]]:
    """The files one report needs: its template, then each target catalog, each as
    (path, bytes it must hold, note, bytes it holds now or None, what the merge did to its
    entries).

    A file whose stamp says it was made from the same source, or from the same template
    messages (see :mod:`publisher.po.stamp`), is passed on as it is, without being read as a
    catalog; when every file is from the same source, the report is not even parsed.
    """
    width = config.wrap_width
    source_key = key_of(digest_bytes(source), config_digest(config), str(width), report.slug)
    quick = _quick(config, report, source, source_key, languages)
    if quick is not None:
        for path, data in quick:
            yield path, data, "", data, None
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
        yield pot_path, pot, "", pot, None
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
        yield pot_path, written(text, ""), "", pot, None
    for language in loaded.targets:
        path = catalog_path(config, language, report)
        existing = read_file(config, path)
        if existing is not None and verify_template(existing, key_of(made_from, language)):
            yield path, existing, "", existing, None
            continue
        old = load_catalog(config, path, language, existing) if existing is not None else None
        note = ""
        if old is not None and old.source_encoding.upper().replace("_", "-") != "UTF-8":
            note = f"rewritten as UTF-8 (was {old.source_encoding})"
        template = template or full_template()
        merged = merge(template, without_stamp(old) if old else None, language)
        yield (
            path,
            written(format_catalog(merged, width), language),
            note,
            existing,
            _entry_counts(old, merged),
        )


@dataclass(frozen=True, slots=True)
class _Task:
    config: Config
    report: Report
    languages: tuple[str, ...]
    check: bool


@dataclass(frozen=True, slots=True)
class _Done:
    """What updating one report produced (sent back from a worker process)."""

    changes: list[FileChange]
    staged: list[Staged]
    files: dict[str, str]
    """Digest of each file of the report as it will be after the commit."""


def _update_report(task: _Task) -> _Done:
    staged: list[Staged] = []
    try:
        return _update_one(task, staged)
    except BaseException:
        discard(staged)  # a bad file found after others were staged: leave nothing behind
        raise


def _update_one(task: _Task, staged: list[Staged]) -> _Done:
    config = task.config
    changes, files = [], {}
    source = task.report.path.read_bytes()
    files[str(task.report.path.relative_to(config.root))] = digest_bytes(source)
    for path, data, note, existing, counts in _outputs(config, task.report, source, task.languages):
        files[str(path.relative_to(config.root))] = digest_bytes(data)
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
    return _Done(changes, staged, files)


_SITE = " site"  # the cache key of the site title's catalogs (no report slug has a space first)


def _site_outputs(
    config: Config, cache: Cache, languages: tuple[str, ...], check: bool
) -> Iterator[tuple[Path, bytes, str]]:
    """The site title's template and catalogs, unless the cache knows them up to date."""
    if not config.title or cache.fresh(_SITE) is not None:
        return
    from publisher.ops.sitecatalog import site_outputs

    files = {}
    for path, data, note in site_outputs(config, languages):
        files[str(path.relative_to(config.root))] = digest_bytes(data)
        yield path, data, note
    if not check and not languages:
        cache.pending[_SITE] = {"files": {CONFIG_NAME: config_digest(config), **files}}


@dataclass(frozen=True, slots=True)
class UpdateResult:
    changes: tuple[FileChange, ...]
    """Files written (or that would be, with ``--check``)."""
    orphans: tuple[Path, ...]
    """Templates and catalogs whose report is gone (relative to the project)."""
    pruned: bool = False
    """True when the orphans were removed (``--prune``)."""


def orphans(config: Config, reports: list[Report]) -> list[Path]:
    """Templates and catalogs of reports that are no longer in ``content/``."""
    slugs = {report.slug for report in reports}
    locales = config.root / LOCALES
    found = []
    for folder, suffix in [
        (locales / TEMPLATES, ".pot"),
        *((locales / lang, ".po") for lang in config.languages),
    ]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(f"*{suffix}")):
            slug = path.relative_to(folder).with_suffix("").as_posix()
            if slug not in slugs and not slug.startswith((".", "_")):
                found.append(path)
    return found


def update(
    config: Config,
    languages: tuple[str, ...] = (),
    reports: tuple[str, ...] = (),
    check: bool = False,
    tick: Callable[[], None] | None = None,
    sized: Callable[[int], None] | None = None,
    prune: bool = False,
) -> UpdateResult:
    """Bring templates and catalogs up to date; with ``check``, only say what would change.

    Every file is computed before any is written: a bad file anywhere leaves all as it was.
    Reports whose source and catalogs did not change since the last run are skipped (see
    :mod:`publisher.runtime.cache`); the others are processed on all cores when there are many.
    Catalogs whose report is gone are named, and removed with ``prune`` (never silently).
    """
    cache = Cache(config.root, "update", salt=config_digest(config))
    everything = discover(config)
    chosen = select(everything, reports)
    left = orphans(config, everything)
    todo = [r for r in chosen if cache.fresh(r.slug) is None]
    if sized:
        sized(len(todo))
    changes: list[FileChange] = []
    done: list[tuple[Report, _Done]] = []
    marker = None if check else config.root / CACHE_DIR / "update.incomplete"
    with Transaction(marker, (config.root / LOCALES,)) as transaction:
        if (todo or (prune and left)) and not check:
            transaction.begin()
        for path, data, note in _site_outputs(config, cache, languages, check):
            existed = path.exists()
            changed = (
                (not existed or path.read_bytes() != data)
                if check
                else transaction.stage(path, data)
            )
            if changed:
                changes.append(
                    FileChange(
                        relative(config.root, path), "updated" if existed else "created", note
                    )
                )
        tasks = [_Task(config, report, languages, check) for report in todo]
        try:
            for report, outcome in zip(
                todo, ordered_map(_update_report, tasks, jobs_wanted(len(tasks)), tick)
            ):
                transaction.adopt(outcome.staged)
                changes.extend(outcome.changes)
                done.append((report, outcome))
        except BaseException:
            transaction.rollback()
            raise
        if prune and not check:
            for path in left:
                transaction.remove(path, config.root / LOCALES)
    result = UpdateResult(
        tuple(changes),
        tuple(relative(config.root, p) for p in left),
        prune and not check and bool(left),
    )
    if check:
        return result  # --check writes nothing, not even the cache
    for key, record in cache.pending.items():
        cache.adopt(key, record)
    for report, done_report in done:
        if languages:
            cache.drop(report.slug)  # only part of the work was done
        else:
            cache.adopt(report.slug, {"files": done_report.files})
    cache.save()
    return result
