"""``publisher update``: extract every report into its template and merge it into its catalogs."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from publisher.config import CONFIG_NAME, Config
from publisher.ops.recall import Recall
from publisher.ops.shard import Shard
from publisher.ops.update_report import (
    LAYOUTS,
    MEMORIES,
    EntryCounts,
    FileChange,
    ReportDone,
    ReportTask,
    update_report,
)
from publisher.project import (
    LOCALES,
    TEMPLATES,
    Report,
    discover,
    relative,
    select,
)
from publisher.runtime.cache import CACHE_DIR, Cache, digest_bytes
from publisher.runtime.fsutil import Transaction
from publisher.runtime.pool import jobs_wanted, ordered_map
from publisher.workspace import config_digest

# Parsing, merging and formatting are imported where they are needed: a run whose reports
# are all up to date starts faster without them.

__all__ = ["FileChange", "EntryCounts", "UpdateResult", "update", "orphans"]


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


def orphans(config: Config, reports: list[Report], shard: Shard | None = None) -> list[Path]:
    """Templates and catalogs of reports that are no longer in ``content/`` (of one part of
    the archive, with ``shard``)."""
    slugs = {report.slug for report in reports}
    locales = config.root / LOCALES
    found = []
    for folder, suffix in [
        (locales / TEMPLATES, ".pot"),
        *((locales / lang, ".po") for lang in config.languages),
    ]:
        # os.walk and plain strings: every no-op update walks thousands of catalogs.
        gone = []
        for top, _, names in os.walk(folder):
            inside = os.path.relpath(top, folder).replace(os.sep, "/")
            for name in names:
                if not name.endswith(suffix):
                    continue
                stem = name[: -len(suffix)]
                slug = stem if inside == "." else f"{inside}/{stem}"
                if (
                    slug not in slugs
                    and not slug.startswith((".", "_"))
                    and (shard is None or shard.holds(slug))
                ):
                    gone.append(Path(top) / name)
        found.extend(sorted(gone))
    return found


def update(
    config: Config,
    languages: tuple[str, ...] = (),
    reports: tuple[str, ...] = (),
    check: bool = False,
    tick: Callable[[], None] | None = None,
    sized: Callable[[int], None] | None = None,
    prune: bool = False,
    shard: Shard | None = None,
) -> UpdateResult:
    """Bring templates and catalogs up to date; with ``check``, only say what would change.

    Every file is computed before any is written: a bad file anywhere leaves all as it was.
    Reports whose source and catalogs did not change since the last run are skipped (see
    :mod:`publisher.runtime.cache`); the others are processed on all cores when there are many.
    Entries with no translation are filled from the project's translation memory (see
    :mod:`publisher.ops.recall`). Catalogs whose report is gone are named, and removed with
    ``prune`` (never silently). With ``shard``, only the reports of that part of the archive
    are updated (the site catalog by the first part).
    """
    cache = Cache(config.root, "update", salt=config_digest(config))
    everything = discover(config)
    chosen = [r for r in select(everything, reports) if shard is None or shard.holds(r.slug)]
    left = orphans(config, everything, shard)
    todo = [r for r in chosen if cache.fresh(r.slug) is None]
    if sized:
        sized(len(todo))
    done: dict[str, tuple[Report, ReportDone]] = {}
    site_changes: list[FileChange] = []
    recall = Recall(config, everything)
    marker = None if check else config.root / CACHE_DIR / "update.incomplete"
    with Transaction(marker, (config.root / LOCALES,)) as transaction:
        if (todo or (prune and left)) and not check:
            transaction.begin()
        site_outputs = _site_outputs(config, cache, languages, check)
        for path, data, note in site_outputs if shard is None or shard.first else ():
            existed = path.exists()
            changed = (
                (not existed or path.read_bytes() != data)
                if check
                else transaction.stage(path, data)
            )
            if changed:
                site_changes.append(
                    FileChange(
                        relative(config.root, path), "updated" if existed else "created", note
                    )
                )
        try:
            _run(config, todo, languages, check, transaction, done, tick)
            merged = {
                name: item for _, outcome in done.values() for name, item in outcome.memory.items()
            }
            fills, memories = recall.to_fill(merged, shard.holds if shard else None)
            if fills:  # merged again, now filled from the memory
                MEMORIES.clear()
                LAYOUTS.clear()
                MEMORIES.update(memories)
                again = [
                    report
                    for report in everything
                    if report.slug in fills and (shard is None or shard.holds(report.slug))
                ]
                for report in again:
                    if report.slug in done:
                        transaction.forget(done[report.slug][1].staged)
                _run(config, again, languages, check, transaction, done, None, fill=True)
                MEMORIES.clear()
                LAYOUTS.clear()
        except BaseException:
            transaction.rollback()
            raise
        if prune and not check:
            for path in left:
                transaction.remove(path, config.root / LOCALES)
    changes = site_changes + [
        change for slug in sorted(done, key=_order(everything)) for change in done[slug][1].changes
    ]
    result = UpdateResult(
        tuple(changes),
        tuple(relative(config.root, p) for p in left),
        prune and not check and bool(left),
    )
    if check:
        return result  # --check writes nothing, not even the cache
    recall.remember(
        {name: item for _, outcome in done.values() for name, item in outcome.memory.items()}
    )
    for key, record in cache.pending.items():
        cache.adopt(key, record)
    for report, outcome in done.values():
        if languages:
            cache.drop(report.slug)  # only part of the work was done
        else:
            cache.adopt(report.slug, {"files": outcome.files})
    cache.save()
    return result


def _order(reports: list[Report]) -> Callable[[str], int]:
    position = {report.slug: index for index, report in enumerate(reports)}
    return lambda slug: position[slug]


def _run(
    config: Config,
    todo: list[Report],
    languages: tuple[str, ...],
    check: bool,
    transaction: Transaction,
    done: dict[str, tuple[Report, ReportDone]],
    tick: Callable[[], None] | None,
    fill: bool = False,
) -> None:
    """Update ``todo`` (on all cores when there are many), staging what changed."""
    tasks = [ReportTask(config, report, languages, check, fill) for report in todo]
    for report, outcome in zip(
        todo, ordered_map(update_report, tasks, jobs_wanted(len(tasks)), tick)
    ):
        transaction.adopt(outcome.staged)
        done[report.slug] = (report, outcome)
