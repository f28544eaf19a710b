"""``publisher build``: every published edition of every report, and the pages made of them.

This module only orchestrates: it chooses the editions, applies the threshold, consults the
cache and writes; a :class:`~publisher.editions.builder.Builder` turns editions into files.
Reports are independent, so each is built on its own (on all cores when there are many); a
report whose source, catalogs, outputs and revision did not change since the last build is
skipped, and what the index pages need of it comes from the cache.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publisher.config import CONFIG_NAME, Config
from publisher.editions.builder import Builder, ReportContext, Site, SiteIndex
from publisher.editions.edition import ReportEditions, editions_of
from publisher.editions.formats import builder_for
from publisher.editions.pages import Text
from publisher.editions.views import index_entry, site_title
from publisher.ops.sitecatalog import SITE, site_translations
from publisher.project import LOCALES, Report, catalog_path, discover, relative
from publisher.runtime.cache import CACHE_DIR, Cache, digest_bytes, new_digest
from publisher.runtime.fsutil import Staged, Transaction, discard, stage
from publisher.runtime.pool import jobs_wanted, ordered_map
from publisher.runtime.provenance import Revision, revisions

__all__ = ["Skipped", "Rejected", "BuildResult", "build"]


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
    written: tuple[Path, ...]
    """Files created or changed (unchanged files are not rewritten)."""
    editions: int
    """Editions published (written now or already up to date)."""
    skipped: tuple[Skipped, ...]
    rejected: tuple[Rejected, ...]
    drafts: tuple[str, ...] = ()
    """Reports left out because they are drafts."""


@dataclass(frozen=True, slots=True)
class _Task:
    site: Site
    builder: Builder
    report: Report
    languages: tuple[str, ...]
    force: bool
    bilingual: tuple[str, str] | None
    revision: Revision
    titles: dict[str, Text]
    drafts: bool


@dataclass(slots=True)
class _Built:
    """One report's share of the build (sent back from a worker process)."""

    staged: list[Staged] = field(default_factory=list)
    summary: str = ""
    """editions, skipped, rejected, index entries, sitemap: what a cached run must repeat.

    Kept as compact JSON: a build holds one per report until the index pages are made, and
    a string is a fraction of the size of the nested dicts it stands for."""
    files: dict[str, str] = field(default_factory=dict)


def _published(config: Config, editions: ReportEditions, force: bool) -> dict[str, bool]:
    return {
        lang: lang == editions.source_language
        or force
        or editions.percent[lang] >= config.threshold
        for lang in editions.editions
    }


def _build_report(task: _Task) -> _Built:
    built = _Built()
    try:
        return _build_one(task, built)
    except BaseException:
        discard(built.staged)
        raise


def _build_one(task: _Task, built: _Built) -> _Built:
    site, report, config, builder = task.site, task.report, task.site.config, task.builder
    # A web page links every published edition, so it needs them all; Markdown does not.
    editions = editions_of(config, report, () if builder.links_editions else task.languages)
    published = _published(config, editions, task.force)
    context = ReportContext(site, editions, published, task.revision, task.titles, {})
    summary: dict[str, Any] = {
        "editions": 0,
        "skipped": [],
        "rejected": [],
        "index": {},
        "sitemap": {},
        "lastmod": task.revision.date[:10],
        "draft": editions.document.meta.get("draft") is True,
    }
    if summary["draft"] and not task.drafts:  # a draft is not published, nor listed
        built.summary = json.dumps(summary, sort_keys=True, separators=(",", ":"))
        built.files = {str(report.path.relative_to(config.root)): _digest(report.path)}
        return built
    outputs: list[tuple[str, str | bytes | Iterator[str]]] = []
    for language in task.languages:
        if language not in editions.editions:
            continue
        edition = editions.editions[language]
        summary["rejected"] += [
            [report.slug, language, editions.document.units[i].msgid] for i in edition.rejected
        ]
        if not published[language]:
            summary["skipped"].append([report.slug, language, editions.percent[language]])
            continue
        summary["editions"] += 1
        outputs.extend(builder.edition(context, language))
        summary["index"][language] = index_entry(
            editions, language, site.page(language, report.slug)
        )
    summary["sitemap"] = {
        lang: site.page(lang, report.slug) for lang in config.languages if published.get(lang)
    }
    built.summary = json.dumps(summary, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if task.bilingual:
        outputs.extend(builder.bilingual(context, task.bilingual))
    sources = [report.path] + [
        catalog_path(config, lang, report)
        for lang in editions.editions
        if lang != editions.source_language
    ]
    built.files = {str(path.relative_to(config.root)): _digest(path) for path in sources}
    for name, content in outputs:
        data = content if isinstance(content, bytes) else "".join(content).encode("utf-8")
        item = stage(site.out / name, data)
        if item is not None:
            built.staged.append(item)
        built.files[_relative(config, site.out / name)] = digest_bytes(data)
    return built


def _digest(path: Path) -> str:
    try:
        return digest_bytes(path.read_bytes())
    except FileNotFoundError:
        return "-"


def _relative(config: Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)


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
        parts.append(_digest(path))
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
) -> BuildResult:
    """Build the editions into ``out`` (``site/`` by default). Nothing is written on error.

    Reports whose front matter says ``draft: true`` are left out unless ``drafts``."""
    builder = builder_for(fmt)
    site = Site(config, out if out is not None else config.root / "site", builder.suffix)
    chosen = languages or config.languages
    target = digest_bytes(f"{site.suffix}:{site.out.resolve()}".encode())[:12]
    cache = Cache(
        config.root, f"build-{target}", salt=_salt(config, site, chosen, force, bilingual, drafts)
    )
    revs = revisions(config.root)
    translated = {
        lang: t.texts.get(config.title, "") for lang, t in site_translations(config).items()
    }
    titles = {lang: site_title(config, lang, translated) for lang in config.languages}
    reports = discover(config)
    summaries: dict[str, str] = {}
    tasks = []
    for report in reports:
        revision = revs.get(report.reference, Revision("", ""))
        record = cache.fresh(report.slug)
        if (
            record is not None
            and record.get("revision") == list(_revision_key(revision))
            and isinstance(record.get("summary"), str)
        ):
            summaries[report.slug] = record["summary"]
        else:
            tasks.append(
                _Task(site, builder, report, chosen, force, bilingual, revision, titles, drafts)
            )
    if sized:
        sized(len(tasks))
    written: list[Path] = []
    files_now: dict[str, dict[str, str]] = {}
    marker = config.root / CACHE_DIR / f"build-{target}.incomplete"
    with Transaction(marker, (site.out,)) as transaction:
        if tasks:
            transaction.begin()
        try:
            for task, built in zip(
                tasks, ordered_map(_build_report, tasks, jobs_wanted(len(tasks)), tick)
            ):
                transaction.adopt(built.staged)
                written += [item.target for item in built.staged]
                summaries[task.report.slug] = built.summary
                files_now[task.report.slug] = built.files
        except BaseException:
            transaction.rollback()
            raise
        ordered = [summaries[r.slug] for r in reports]
        # Index pages and the sitemap depend on every report's summary: redone only when
        # one of those (or a page) changed.
        pages_key = _pages_key(ordered, titles)
        site_record = None
        record = cache.fresh(_SITE_PAGES)
        if record is None or record.get("key") != pages_key:
            pages = {}
            index = SiteIndex(site, chosen, tuple(ordered), titles)
            for name, content in builder.site_files(index):
                digest = new_digest()
                chunks = (
                    [content.decode("utf-8")]
                    if isinstance(content, bytes)
                    else [content]
                    if isinstance(content, str)
                    else content
                )
                if transaction.stage_chunks(site.out / name, chunks, digest):
                    written.append(site.out / name)
                pages[_relative(config, site.out / name)] = digest.hexdigest()
            site_record = {"files": pages, "key": pages_key}
    for task in tasks:
        cache.adopt(
            task.report.slug,
            {
                "files": files_now[task.report.slug],
                "summary": summaries[task.report.slug],
                "revision": list(_revision_key(task.revision)),
            },
        )
    if site_record is not None:
        cache.adopt(_SITE_PAGES, site_record)
    cache.save()
    editions, skipped, rejected, left_out = 0, [], [], []
    for report, text in zip(reports, ordered):  # decoded one at a time: they can be many
        summary = json.loads(text)
        if summary.get("draft") and not drafts:
            left_out.append(report.slug)
        editions += summary["editions"]
        skipped += [Skipped(r, lang, pct, config.threshold) for r, lang, pct in summary["skipped"]]
        rejected += [Rejected(*item) for item in summary["rejected"]]
    return BuildResult(
        tuple(relative(config.root, p) for p in written),
        editions,
        tuple(skipped),
        tuple(rejected),
        tuple(left_out),
    )


def _pages_key(summaries: list[str], titles: dict[str, Text]) -> str:
    digest = new_digest()
    for text in summaries:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    digest.update(json.dumps([(t.text, t.lang) for t in titles.values()]).encode())
    return digest.hexdigest()


_SITE_PAGES = " site pages"  # a key no report slug has


def _revision_key(revision: Revision) -> tuple[str, str, bool]:
    return (revision.commit, revision.date, revision.modified)
