"""``publisher status``: coverage of every report in every target language."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .cache import Cache
from .catalog import NO_TRANSLATOR, build_template, header_field, template_messages
from .config import Config
from .editions import unit_word_counts
from .model import Catalog, Message
from .project import Report, catalog_path, discover, relative, template_path
from .stats import Coverage, MessageCounts, WordCounts, coverage, total
from .update import (config_digest, load_catalog, load_report, report_language,
                     target_languages)

__all__ = ["CatalogStatus", "Status", "collect"]


@dataclass(frozen=True, slots=True)
class CatalogStatus:
    """Coverage of one report in one language, with what the catalog's header says."""

    coverage: Coverage
    catalog: Path
    """Relative to the project root."""
    exists: bool
    last_translator: str = ""
    revision_date: str = ""
    todo: tuple[tuple[str, str, int], ...] = ()
    """(state, msgid, line) of each entry still to do: ``fuzzy`` or ``untranslated``."""


@dataclass(frozen=True, slots=True)
class Status:
    """Coverage of the whole project."""

    reports: tuple[tuple[Report, str, tuple[CatalogStatus, ...]], ...]
    """Each report with its source language and its catalogs."""
    languages: dict[str, Coverage]
    """Totals per language."""


def _placeholder(value: str | None) -> str:
    value = value or ""
    return "" if value.startswith(("FULL NAME", "YEAR-MO-DA")) else value


def _translator(header: Message) -> tuple[str, str]:
    """Last translator and revision date, blank while no translator has saved the file."""
    translator = _placeholder(header_field(header, "Last-Translator"))
    if translator == NO_TRANSLATOR:
        return "", ""
    return translator, _placeholder(header_field(header, "PO-Revision-Date"))


def _catalog_status(config: Config, report: Report, language: str, source: str,
                    template: Catalog, units: list[tuple[str, int]]) -> CatalogStatus:
    path = catalog_path(config, language, report)
    catalog = load_catalog(config, path, language)
    # What is still to do is what the source has and the catalog does not translate (an
    # entry the catalog lacks too: it gets one at the next update).
    entries = {m.msgid: m for m in (catalog.messages if catalog else ())
               if not m.obsolete and m.msgctxt is None and m.msgid_plural is None}
    todo = []
    for msgid in dict.fromkeys(msgid for msgid, _ in units):
        entry = entries.get(msgid)
        if entry is None or not entry.translated:
            todo.append(("fuzzy" if entry is not None and entry.stale else "untranslated",
                         msgid, entry.line if entry is not None else 0))
    translator, revised = _translator(catalog.header) if catalog else ("", "")
    return CatalogStatus(
        coverage=coverage(catalog, template, report.slug, language, source, units),
        catalog=relative(config.root, path), exists=catalog is not None,
        last_translator=translator, revision_date=revised, todo=tuple(todo))


def _to_record(item: CatalogStatus) -> dict:
    return {"coverage": asdict(item.coverage), "catalog": item.catalog.as_posix(),
            "exists": item.exists, "last_translator": item.last_translator,
            "revision_date": item.revision_date, "todo": [list(t) for t in item.todo]}


def _from_record(data: dict) -> CatalogStatus:
    cover = data["coverage"]
    coverage_ = Coverage(cover["report"], cover["language"], cover["source_language"],
                         MessageCounts(**cover["messages"]), WordCounts(**cover["words"]))
    return CatalogStatus(coverage_, Path(data["catalog"]), data["exists"],
                         data["last_translator"], data["revision_date"],
                         tuple(tuple(t) for t in data["todo"]))


def _report_status(config: Config, cache: Cache, report: Report
                   ) -> tuple[str, tuple[CatalogStatus, ...]]:
    """A report's source language and catalogs' status, from the cache when still true."""
    record = cache.fresh(report.slug)
    if record is not None:
        return record["source"], tuple(_from_record(item) for item in record["items"])
    document = load_report(config, report)
    source = report_language(config, document)
    pot = template_path(config, report)
    template = load_catalog(config, pot) or build_template(
        template_messages(document.units, report.reference), report.reference, report.slug)
    targets = target_languages(config, source)
    units = unit_word_counts(document, source)
    items = tuple(_catalog_status(config, report, language, source, template, units)
                  for language in targets)
    files = [report.path, pot, *(catalog_path(config, lang, report) for lang in targets)]
    cache.put(report.slug, files, source=source, items=[_to_record(i) for i in items])
    return source, items


def collect(config: Config, languages: tuple[str, ...] = ()) -> Status:
    """Coverage of every report in each target language (all of them, or those chosen)."""
    cache = Cache(config.root, "status", salt=config_digest(config))
    rows = []
    per_language: dict[str, list[Coverage]] = {
        lang: [] for lang in (languages or config.languages)}
    for report in discover(config):
        source, items = _report_status(config, cache, report)
        items = tuple(i for i in items if not languages or i.coverage.language in languages)
        rows.append((report, source, items))
        for item in items:
            per_language[item.coverage.language].append(item.coverage)
    cache.save()
    totals = {lang: total(items, lang) for lang, items in per_language.items()}
    return Status(tuple(rows), totals)
