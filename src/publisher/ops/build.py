"""``publisher build``: every published edition of every report, and the pages made of them.

This module only orchestrates: it chooses the editions, applies the threshold, consults the
cache, writes, and removes what an earlier build wrote and this one no longer produces (see
:mod:`publisher.ops.manifest`); a :class:`~publisher.editions.builder.Builder` turns editions
into files. Reports are independent, so each is built on its own (on all cores when there
are many); a report whose source, catalogs, outputs and revision did not change since the
last build is skipped, and what the index pages need of it comes from the cache.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.config import CONFIG_NAME, Config
from publisher.editions.builder import Builder, Output, Site
from publisher.editions.formats import builder_for
from publisher.editions.pages import Text
from publisher.editions.views import site_title
from publisher.ops.build_report import (
    ReportTask,
    build_report,
    digest_of,
    relative_key,
    scope_of,
)
from publisher.ops.manifest import MANIFEST, Manifest, Scope, load_manifest
from publisher.ops.shard import Shard
from publisher.ops.sitecatalog import SITE, site_translations
from publisher.ops.sitepages import SITE_PAGES, site_pages
from publisher.project import LOCALES, Report, discover, relative
from publisher.runtime.cache import CACHE_DIR, Cache, digest_bytes, new_digest
from publisher.runtime.fsutil import Transaction
from publisher.runtime.pool import jobs_wanted, ordered_map
from publisher.runtime.provenance import Revision, revisions
from publisher.runtime.spool import Spool
from publisher.runtime.table import Table, as_text, chained, spooled

__all__ = ["Skipped", "Rejected", "BuildResult", "build", "default_out", "Finishing", "finish"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An edition left out because too little of it is translated."""

    report: str
    language: str
    percent: float
    threshold: float


@dataclass(frozen=True, slots=True)
class Rejected:
    """A translation left out of an edition because it would break the page."""

    report: str
    language: str
    msgid: str


@dataclass(frozen=True, slots=True)
class BuildResult:
    out: Path
    """The output folder."""
    written: tuple[Path, ...]
    """Files created or changed (unchanged files are not rewritten)."""
    removed: tuple[Path, ...]
    """Files an earlier build wrote that this one no longer produces."""
    editions: int
    """Editions published (written now or already up to date)."""
    skipped: tuple[Skipped, ...]
    rejected: tuple[Rejected, ...]
    drafts: tuple[str, ...] = ()
    """Reports left out because they are drafts."""
    empty: tuple[Path, ...] = ()
    """Reports left out because they hold nothing."""
    changed: tuple[Path, ...] = ()
    """Files no longer produced but left in place: changed since the build wrote them."""


def default_out(config: Config, fmt: str) -> Path:
    """Where a format's editions go without ``--out``: web pages and PDFs in ``site/``,
    Markdown editions beside it in ``site-md/`` (never among the web pages)."""
    return config.root / builder_for(fmt).folder


def _salt(
    config: Config,
    site: Site,
    languages: tuple[str, ...],
    force: bool,
    bilingual: tuple[str, str] | None,
    drafts: bool,
) -> str:
    parts = [
        site.suffix,
        str(site.out.resolve()),
        ",".join(languages),
        str(force),
        ",".join(bilingual or ()),
        str(drafts),
    ]
    for path in [config.root / CONFIG_NAME, *sorted((config.root / LOCALES).glob(f"*/{SITE}.po"))]:
        parts.append(digest_of(path))
    return digest_bytes("\0".join(parts).encode())


def build(
    config: Config,
    languages: tuple[str, ...] = (),
    fmt: str = "html",
    out: Path | None = None,
    force: bool = False,
    bilingual: tuple[str, str] | None = None,
    drafts: bool = False,
    tick: Callable[[], None] | None = None,
    sized: Callable[[int], None] | None = None,
    shard: Shard | None = None,
) -> BuildResult:
    """Build the editions into ``out`` (see :func:`default_out`). Nothing is written on
    error.

    Reports whose front matter says ``draft: true`` are left out unless ``drafts``. With
    ``shard``, only the editions of that part of the archive are built, and no index pages:
    :func:`publisher.ops.merge.merge` makes them from the parts' folders."""
    builder = builder_for(fmt)
    site = Site(config, out if out is not None else default_out(config, fmt), builder.suffix)
    chosen = tuple(lang for lang in config.languages if not languages or lang in languages)
    reports = discover(config)
    if shard is not None:
        reports = [report for report in reports if shard.holds(report.slug)]
    scope = Scope(
        builder.format,
        chosen,
        config.languages,
        "-".join(bilingual or ()),
        shard,
    )
    manifest = load_manifest(site.out, relative(config.root, site.out))
    target = digest_bytes(f"{site.suffix}:{site.out.resolve()}".encode())[:12]
    cache = Cache(
        config.root, f"build-{target}", salt=_salt(config, site, chosen, force, bilingual, drafts)
    )
    revs = revisions(config.root)
    translated = {
        lang: t.texts.get(config.title, "") for lang, t in site_translations(config, chosen).items()
    }
    titles = {
        lang: site_title(config, lang, translated)
        for lang in dict.fromkeys((*chosen, config.source_language))
    }
    # What the build made of each report (see ReportBuilt.summary), kept on disk until the
    # end: the index pages, the manifest and the cache are made of it.
    summaries = Spool()
    tasks = []
    pairs = _bilingual_pairs(manifest) if builder.links_editions else {}
    for report in reports:
        revision = revs.get(report.reference, Revision("", ""))
        elsewhere = tuple(
            lang
            for lang in config.languages
            if lang not in chosen
            and builder.links_editions
            and manifest.edition(builder.format, lang, report.slug) is not None
        )
        extras = (
            _extras(manifest, report.slug, config.languages, pairs.get(report.slug, []))
            if builder.links_editions
            else {}
        )
        record = cache.fresh(report.slug)
        if (
            record is not None
            and record.get("extras") == extras
            and record.get("revision") == list(_revision_key(revision))
            and record.get("elsewhere") == list(elsewhere)
            and isinstance(record.get("summary"), str)
        ):
            summaries[report.slug] = record["summary"]
        else:
            tasks.append(
                ReportTask(
                    site,
                    builder,
                    report,
                    chosen,
                    force,
                    bilingual,
                    revision,
                    titles,
                    drafts,
                    elsewhere,
                    extras,
                )
            )
    if sized:
        sized(len(tasks))
    written: list[Path] = []
    removed: list[Path] = []
    changed: list[Path] = []
    files_now = Spool()  # (each report's files and their digests, as JSON)
    # Each output's manifest entry and each edition's index entry, as JSON.
    outputs, editions = Spool(), Spool()
    marker = config.root / CACHE_DIR / f"build-{target}.incomplete"
    with summaries, files_now, outputs, editions:
        with Transaction(marker, (site.out,)) as transaction:
            if tasks:
                transaction.begin()
            try:
                for task, built in zip(
                    tasks, ordered_map(build_report, tasks, jobs_wanted(len(tasks)), tick)
                ):
                    transaction.adopt(built.staged)
                    written += [item.target for item in built.staged]
                    summaries[task.report.slug] = built.summary
                    files_now[task.report.slug] = json.dumps(built.files)
            except BaseException:
                transaction.rollback()
                raise
            tally = _Tally(config, drafts)
            for report in reports:
                summary = json.loads(summaries[report.slug])
                for name, entry in summary["outputs"].items():
                    outputs[name] = as_text(entry)
                for entry in summary["editions"]:
                    editions[f"{entry['language']}/{entry['slug']}"] = as_text(entry)
                tally.add(report, summary)
            site_record = finish(
                Finishing(site, builder, cache, manifest, scope, chosen, titles, str(shard or "")),
                spooled(outputs),
                spooled(editions),
                transaction,
                (written, removed, changed),
            )
        _remember(cache, tasks, summaries, files_now, site_record)
        return tally.result(site, written, removed, changed)


def _remember(
    cache: Cache,
    tasks: list[ReportTask],
    summaries: Spool,
    files_now: Spool,
    site_record: dict[str, Any],
) -> None:
    """Record in the cache what the reports built now (and the site pages) are made of,
    once their files are in place; each report's record is made as it is written."""
    built = {task.report.slug: task for task in tasks}
    for slug in built:
        for name, value in json.loads(files_now[slug]).items():
            cache.remember(name, value)

    def record(slug: str) -> dict[str, Any]:
        task = built[slug]
        return {
            "files": json.loads(files_now[slug]),
            "summary": summaries[slug],
            "revision": list(_revision_key(task.revision)),
            "elsewhere": list(task.elsewhere),
            "extras": task.extras,
        }

    if site_record.get("key"):
        cache.adopt(SITE_PAGES, site_record)
    cache.save(Table(built, record))


@dataclass(frozen=True, slots=True)
class Finishing:
    """What the end of a build needs: the folder, its old manifest, the run's scope."""

    site: Site
    builder: Builder
    cache: Cache
    manifest: Manifest
    scope: Scope
    chosen: tuple[str, ...]
    titles: dict[str, Text]
    shard: str = ""
    """``K/N`` for a run that builds one part of the archive: no index pages then."""


def finish(
    run: Finishing,
    produced: Mapping[str, Mapping[str, Any]],
    published: Mapping[str, Mapping[str, Any]],
    transaction: Transaction,
    lists: tuple[list[Path], list[Path], list[Path]],
) -> dict[str, Any]:
    """Stage the pages made of all the editions (index pages, feeds, sitemap, assets), remove
    what the folder's earlier builds wrote and this one no longer produces, and stage the
    next manifest. ``produced`` gives the run's files (path -> manifest entry), ``published``
    its editions (``<lang>/<slug>`` -> index entry); ``lists`` gets the files written,
    removed, and left in place because changed since they were written. Returns the cache
    record of the site pages."""
    written, removed, changed = lists
    site, config, manifest, scope = run.site, run.site.config, run.manifest, run.scope
    site_record: dict[str, Any] = {"outputs": {}, "files": {}}
    pages: Iterable[Output] = ()
    if not run.shard:
        site_record, pages = site_pages(
            config,
            site,
            run.builder,
            run.cache,
            manifest.updated(scope, produced, published, run.shard),
            run.chosen,
            run.titles,
        )
    for name, content in pages:  # each made as it is written: an index page can be long
        if isinstance(content, (bytes, str)):
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            staged = transaction.stage(site.out / name, data)
            digest = digest_bytes(data)
        else:
            hasher = new_digest()
            staged = transaction.stage_chunks(site.out / name, content, hasher)
            digest = hasher.hexdigest()
        if staged:
            written.append(site.out / name)
        site_record["files"][relative_key(config, site.out / name)] = digest
        site_record["outputs"][name] = {
            "format": run.builder.format,
            "scope": scope_of(config, name),
            "digest": digest,
        }
    made = chained(produced, site_record["outputs"])
    theirs: dict[str, Mapping[str, Any]] = {}
    for name in manifest.stale(scope, made):
        path = site.out / name
        if not path.exists():
            continue
        if digest_of(path) != manifest.files[name].get("digest"):
            changed.append(path)  # someone changed it: theirs now
            theirs[name] = manifest.files[name]
            continue
        transaction.remove(path, site.out)
        removed.append(path)
    next_manifest = manifest.updated(scope, chained(made, theirs), published, run.shard)
    # Unchanged, the manifest is not written out again (laid out for people to read, it is
    # slow to serialize: a third of a no-op build of 2,000 reports).
    path = site.out / MANIFEST
    if (next_manifest != manifest or not path.is_file()) and transaction.stage_chunks(
        path, next_manifest.chunks()
    ):
        written.append(path)
    return site_record


def _bilingual_pairs(manifest: Manifest) -> dict[str, list[str]]:
    """The language pairs of the bilingual editions the folder holds, by report slug."""
    pairs: dict[str, list[str]] = {}
    for path, entry in manifest.files.items():
        scope = entry.get("scope", "")
        if scope.startswith("bilingual:"):
            pair = scope.partition(":")[2]
            folder = f"bilingual/{pair}/"
            if path.startswith(folder) and path.endswith(".html"):
                pairs.setdefault(path[len(folder) : -len(".html")], []).append(pair)
    return {slug: sorted(found) for slug, found in pairs.items()}


def _extras(
    manifest: Manifest, slug: str, languages: tuple[str, ...], pairs: list[str]
) -> dict[str, Any]:
    """What the folder holds of a report besides its web pages: PDF editions (language ->
    page and size) and bilingual editions (``pairs``, from :func:`_bilingual_pairs`)."""
    pdf = {}
    for language in languages:
        entry = manifest.edition("pdf", language, slug)
        if entry is not None and "size" in entry:
            pdf[language] = {"page": entry["page"], "size": entry["size"]}
    return {key: value for key, value in (("pdf", pdf), ("bilingual", pairs)) if value}


class _Tally:
    """What the result of a build says of its reports, gathered as each report's summary
    is read."""

    def __init__(self, config: Config, drafts: bool) -> None:
        self.config, self.drafts = config, drafts
        self.count = 0
        self.skipped: list[Skipped] = []
        self.rejected: list[Rejected] = []
        self.left_out: list[str] = []
        self.empty: list[Path] = []

    def add(self, report: Report, summary: dict[str, Any]) -> None:
        if summary.get("draft") and not self.drafts:
            self.left_out.append(report.slug)
        elif summary.get("empty"):
            self.empty.append(relative(self.config.root, report.path))
        self.count += len(summary["editions"])
        threshold = self.config.threshold
        self.skipped += [Skipped(r, lang, pct, threshold) for r, lang, pct in summary["skipped"]]
        self.rejected += [Rejected(*item) for item in summary["rejected"]]

    def result(
        self, site: Site, written: list[Path], removed: list[Path], changed: list[Path]
    ) -> BuildResult:
        root = self.config.root
        return BuildResult(
            site.out,
            tuple(relative(root, p) for p in written),
            tuple(relative(root, p) for p in removed),
            self.count,
            tuple(self.skipped),
            tuple(self.rejected),
            tuple(self.left_out),
            tuple(self.empty),
            tuple(relative(root, p) for p in changed),
        )


def _revision_key(revision: Revision) -> tuple[str, str, bool]:
    return (revision.commit, revision.date, revision.modified)
