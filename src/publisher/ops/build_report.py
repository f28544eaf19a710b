"""One report's share of ``publisher build``: its editions, rendered by the builder and
staged beside their places (in a worker process when there are many reports)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.config import Config
from publisher.editions.builder import Builder, ReportContext, Site
from publisher.editions.pages import Text
from publisher.project import Report, catalog_path
from publisher.runtime.cache import digest_bytes, file_digest
from publisher.runtime.fsutil import Staged, discard, stage
from publisher.runtime.provenance import Revision

if TYPE_CHECKING:
    from publisher.editions.edition import ReportEditions

__all__ = ["ReportTask", "ReportBuilt", "build_report", "scope_of", "digest_of", "relative_key"]


@dataclass(frozen=True, slots=True)
class ReportTask:
    site: Site
    builder: Builder
    report: Report
    languages: tuple[str, ...]
    force: bool
    bilingual: tuple[str, str] | None
    revision: Revision
    titles: dict[str, Text]
    drafts: bool
    elsewhere: tuple[str, ...]
    """Languages not built now whose edition of the report is in the folder already."""
    extras: dict[str, Any]
    """What else the folder has of the report, that its pages link (see ReportContext)."""


@dataclass(slots=True)
class ReportBuilt:
    """One report's share of the build (sent back from a worker process)."""

    staged: list[Staged] = field(default_factory=list)
    summary: str = ""
    """What the build made of the report and what a cached run must repeat (its editions'
    index entries, its files, what was skipped or rejected), as compact JSON."""
    files: dict[str, str] = field(default_factory=dict)


def _published(config: Config, editions: ReportEditions, force: bool) -> dict[str, bool]:
    return {
        lang: lang == editions.source_language
        or force
        or editions.percent[lang] >= config.threshold
        for lang in editions.editions
    }


def build_report(task: ReportTask) -> ReportBuilt:
    """Build one report's editions (in a worker process when there are many)."""
    built = ReportBuilt()
    try:
        return _build_one(task, built)
    except BaseException:
        discard(built.staged)
        raise


def scope_of(config: Config, path: str, scope: str = "") -> str:
    """The scope of a file the builder made, from its path (see :mod:`.manifest`)."""
    if scope:
        return scope
    first = path.partition("/")[0]
    return f"site:{first}" if first in config.languages else "site:"


def _build_one(task: ReportTask, built: ReportBuilt) -> ReportBuilt:
    # (loaded here, not with the module: a build with nothing to do never needs them)
    from publisher.editions.edition import editions_of
    from publisher.editions.links import Linker
    from publisher.editions.views import index_entry

    site, report, config, builder = task.site, task.report, task.site.config, task.builder
    editions = editions_of(config, report, task.languages, marked=builder.marks_fallback)
    document = editions.document
    published = _published(config, editions, task.force)
    published.update(dict.fromkeys(task.elsewhere, True))
    extras = dict(task.extras)
    if task.bilingual and all(published.get(lang) for lang in task.bilingual):
        pairs = {*extras.get("bilingual", ()), "-".join(task.bilingual)}
        extras["bilingual"] = sorted(pairs)
    linker = Linker(
        config, report, task.force, builder.suffix if builder.links_editions else "html"
    )
    context = ReportContext(site, editions, published, task.revision, task.titles, extras, linker)
    summary: dict[str, Any] = {
        "editions": [],
        "outputs": {},
        "skipped": [],
        "rejected": [],
        "draft": document.meta.get("draft") is True,
        "empty": all(token.type == "front_matter" for token in document.tokens),
    }
    built.files = {str(report.path.relative_to(config.root)): digest_of(report.path)}
    if (summary["draft"] and not task.drafts) or summary["empty"]:
        built.summary = json.dumps(summary, sort_keys=True, separators=(",", ":"))
        return built  # neither published nor listed
    outputs: list[tuple[str, str | bytes | Iterator[str], str]] = []
    for language in task.languages:
        if language not in editions.editions:
            continue
        edition = editions.editions[language]
        summary["rejected"] += [
            [report.slug, language, document.units[i].msgid] for i in edition.rejected
        ]
        if not published[language]:
            summary["skipped"].append([report.slug, language, editions.percent[language]])
            continue
        made = list(builder.edition(context, language))
        outputs += [(*out, f"edition:{language}") for out in made]
        entry = index_entry(editions, language, site.page(language, report.slug))
        if made and isinstance(made[0][1], bytes):
            entry["size"] = len(made[0][1])
        entry["bilingual"] = [
            pair for pair in extras.get("bilingual", ()) if language in pair.split("-")
        ]
        summary["editions"].append(
            {
                **entry,
                "language": language,
                "lastmod": task.revision.date[:10],
                "alternates": sorted(lang for lang, done in published.items() if done),
            }
        )
    if task.bilingual:
        pair = "-".join(task.bilingual)
        outputs += [
            (*out, f"bilingual:{pair}") for out in builder.bilingual(context, task.bilingual)
        ]
    sources = [
        catalog_path(config, lang, report)
        for lang in editions.editions
        if lang != editions.source_language
    ]
    sources += sorted(linker.depends)  # the reports this one links to, and their catalogs
    built.files.update({str(path.relative_to(config.root)): digest_of(path) for path in sources})
    for name, content, scope in outputs:
        data = content if isinstance(content, bytes) else "".join(content).encode("utf-8")
        item = stage(site.out / name, data)
        if item is not None:
            built.staged.append(item)
        digest = digest_bytes(data)
        built.files[relative_key(config, site.out / name)] = digest
        summary["outputs"][name] = {
            "format": builder.format,
            "scope": scope,
            "digest": digest,
            "report": report.slug,
        }
    built.summary = json.dumps(summary, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return built


def digest_of(path: Path) -> str:
    return file_digest(path)


def relative_key(config: Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.root))
    except ValueError:
        return str(path)
