"""``publisher status``: coverage of every report in every target language."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from publisher.config import Config
from publisher.ops.extract import template_messages
from publisher.po.header import NO_TRANSLATOR, header_field
from publisher.po.merge import build_template
from publisher.po.model import Catalog, Message, State
from publisher.po.stats import Coverage, MessageCounts, WordCounts, coverage, total
from publisher.project import Report, catalog_path, discover, relative, template_path
from publisher.runtime.cache import Cache
from publisher.source.plaintext import unit_word_counts
from publisher.workspace import (
    LoadedReport,
    config_digest,
    load,
    load_catalog,
    target_languages,
)

__all__ = ["TodoItem", "CatalogStatus", "ReportStatus", "Status", "collect"]


@dataclass(frozen=True, slots=True)
class TodoItem:
    """An entry still to translate."""

    state: State
    """:attr:`State.FUZZY` or :attr:`State.UNTRANSLATED`."""
    msgid: str
    line: int
    """Its line in the catalog; 0 when the catalog does not have it yet."""


@dataclass(frozen=True, slots=True)
class CatalogStatus:
    """Coverage of one report in one language, with what the catalog's header says."""

    coverage: Coverage
    catalog: Path
    """Relative to the project root."""
    exists: bool
    last_translator: str = ""
    revision_date: str = ""
    todo: tuple[TodoItem, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportStatus:
    """One report with the status of its catalogs."""

    report: Report
    source_language: str
    catalogs: tuple[CatalogStatus, ...]


@dataclass(frozen=True, slots=True)
class Status:
    """Coverage of the whole project."""

    reports: tuple[ReportStatus, ...]
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


def _catalog_status(
    config: Config,
    loaded: LoadedReport,
    language: str,
    template: Catalog,
    units: list[tuple[str, int]],
) -> CatalogStatus:
    report = loaded.report
    path = catalog_path(config, language, report)
    catalog = loaded.catalogs[language]
    # What is still to do is what the source has and the catalog does not translate (an
    # entry the catalog lacks too: it gets one at the next update).
    entries = {
        m.msgid: m
        for m in (catalog.messages if catalog else ())
        if not m.obsolete and m.msgctxt is None and m.msgid_plural is None
    }
    todo = []
    for msgid in dict.fromkeys(msgid for msgid, _ in units):
        entry = entries.get(msgid)
        if entry is None or entry.state is not State.TRANSLATED:
            todo.append(
                TodoItem(
                    entry.state if entry is not None else State.UNTRANSLATED,
                    msgid,
                    entry.line if entry is not None else 0,
                )
            )
    translator, revised = _translator(catalog.header) if catalog else ("", "")
    return CatalogStatus(
        coverage=coverage(catalog, template, report.slug, language, loaded.source_language, units),
        catalog=relative(config.root, path),
        exists=catalog is not None,
        last_translator=translator,
        revision_date=revised,
        todo=tuple(todo),
    )


def _to_record(item: CatalogStatus) -> dict[str, Any]:
    return {
        "coverage": asdict(item.coverage),
        "catalog": item.catalog.as_posix(),
        "exists": item.exists,
        "last_translator": item.last_translator,
        "revision_date": item.revision_date,
        "todo": [[t.state.value, t.msgid, t.line] for t in item.todo],
    }


def _from_record(data: dict[str, Any]) -> CatalogStatus:
    cover = data["coverage"]
    coverage_ = Coverage(
        cover["report"],
        cover["language"],
        cover["source_language"],
        MessageCounts(**cover["messages"]),
        WordCounts(**cover["words"]),
    )
    return CatalogStatus(
        coverage_,
        Path(data["catalog"]),
        data["exists"],
        data["last_translator"],
        data["revision_date"],
        tuple(TodoItem(State(state), msgid, line) for state, msgid, line in data["todo"]),
    )


def _report_status(
    config: Config, cache: Cache, report: Report, languages: tuple[str, ...]
) -> ReportStatus:
    """A report's source language and its catalogs' status, each from the cache while it
    holds; only the catalogs of ``languages`` (all when empty) are read."""
    head = cache.fresh(report.slug)
    source: str | None = head["source"] if head is not None else None
    items: dict[str, CatalogStatus] = {}
    if source is not None:
        for language in target_languages(config, source, languages):
            record = cache.fresh(f"{report.slug}\n{language}")
            if record is not None:
                items[language] = _from_record(record["item"])
    wanted = (
        languages
        if source is None
        else tuple(
            lang for lang in target_languages(config, source, languages) if lang not in items
        )
    )
    if source is None or wanted:
        loaded = load(config, report, wanted, notes=False)  # (counting needs no comments)
        document, source = loaded.document, loaded.source_language
        cache.put(report.slug, [report.path], source=source)
        pot = template_path(config, report)
        # The template counts only for a language with no catalog yet.
        template = (
            Catalog(Message("", ""), ())
            if all(loaded.catalogs.get(lang) is not None for lang in loaded.targets)
            else load_catalog(config, pot, notes=False)
            or build_template(
                template_messages(document.units, report.reference),
                report.reference,
                report.slug,
            )
        )
        units = unit_word_counts(document, source)
        for language in loaded.targets:
            item = _catalog_status(config, loaded, language, template, units)
            items[language] = item
            cache.put(
                f"{report.slug}\n{language}",
                [report.path, pot, catalog_path(config, language, report)],
                item=_to_record(item),
            )
    targets = target_languages(config, source, languages)
    return ReportStatus(report, source, tuple(items[lang] for lang in targets))


def collect(config: Config, languages: tuple[str, ...] = ()) -> Status:
    """Coverage of every report in each target language (all of them, or those chosen)."""
    cache = Cache(config.root, "status", salt=config_digest(config))
    rows = []
    per_language: dict[str, list[Coverage]] = {lang: [] for lang in (languages or config.languages)}
    for report in discover(config):
        status = _report_status(config, cache, report, languages)
        items = tuple(
            i for i in status.catalogs if not languages or i.coverage.language in languages
        )
        rows.append(ReportStatus(report, status.source_language, items))
        for item in items:
            per_language[item.coverage.language].append(item.coverage)
    cache.save()
    totals = {lang: total(items, lang) for lang, items in per_language.items()}
    return Status(tuple(rows), totals)
