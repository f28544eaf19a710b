"""``publisher check``: run the quality checks over every catalog of the project."""

from __future__ import annotations

from publisher.config import Config
from publisher.ops.check.glossary import GLOSSARY, Glossary, load_glossary
from publisher.ops.check.rules import ERROR, Entry, Finding, check_entry, structure_advice
from publisher.ops.shard import Shard
from publisher.po.stats import coverage
from publisher.project import Report, catalog_path, discover, relative
from publisher.runtime.cache import Cache, digest_bytes
from publisher.source.plaintext import unit_word_counts
from publisher.source.reassemble import reassemble
from publisher.workspace import config_digest, load, target_languages

__all__ = ["review"]


def _report_findings(
    config: Config, glossary: Glossary, report: Report, languages: tuple[str, ...]
) -> tuple[str, dict[str, list[Finding]]]:
    """The report's source language, and the findings in the catalog of each language of
    ``languages`` among its targets (all of them when empty)."""
    loaded = load(config, report, languages)
    document, source = loaded.document, loaded.source_language
    units = unit_word_counts(document, source)
    references = tuple(
        sorted(
            (label, str(value.get("href", "")), str(value.get("title", "")))
            for label, value in document.env.get("references", {}).items()
        )
    )
    found: dict[str, list[Finding]] = {}
    for language in loaded.targets:
        findings = found[language] = []
        catalog = loaded.catalogs[language]
        if catalog is None:
            continue
        name = relative(config.root, catalog_path(config, language, report)).as_posix()
        published = (
            coverage(catalog, catalog, report.slug, language, source, units).percent
            >= config.threshold
        )
        lines = {m.msgid: m.line for m in catalog.messages if not m.obsolete}
        for message in catalog.messages:
            entry = Entry(
                message,
                source,
                language,
                glossary,
                published,
                references,
                ja_space=config.ja_space,
            )
            findings.extend(
                Finding(
                    severity, code, name, message.line, language, report.slug, message.msgid, text
                )
                for severity, code, text in check_entry(entry)
            )
        translations = loaded.translations(language)
        edition = reassemble(document, translations, language)
        for index in edition.rejected:
            msgid = document.units[index].msgid
            findings.append(
                Finding(
                    ERROR,
                    "structure",
                    name,
                    lines.get(msgid, 0),
                    language,
                    report.slug,
                    msgid,
                    structure_advice(msgid, translations.texts.get(msgid, "")),
                )
            )
    return source, found


def review(
    config: Config, languages: tuple[str, ...] = (), shard: Shard | None = None
) -> list[Finding]:
    """Findings for every report (of one part of the archive, with ``shard``) and selected
    language, in file and line order.

    Only the catalogs of the selected languages are read. A catalog whose report and
    contents (and the glossary and settings) did not change since the last check is not
    checked again: its findings come from the cache.
    """
    glossary = load_glossary(config.root)
    glossary_file = config.root / GLOSSARY
    salt = config_digest(config) + (
        digest_bytes(glossary_file.read_bytes()) if glossary_file.is_file() else "-"
    )
    cache = Cache(config.root, "check", salt=salt)
    findings: list[Finding] = []
    for report in discover(config):
        if shard is not None and not shard.holds(report.slug):
            continue
        head = cache.fresh(report.slug)
        source = head["source"] if head is not None else None
        found: dict[str, list[Finding]] = {}
        if source is not None:
            for language in target_languages(config, source, languages):
                record = cache.fresh(f"{report.slug}\n{language}")
                if record is not None:
                    found[language] = [Finding(**item) for item in record["findings"]]
        wanted = (
            languages
            if source is None
            else tuple(
                lang for lang in target_languages(config, source, languages) if lang not in found
            )
        )
        if source is None or wanted:
            source, fresh = _report_findings(config, glossary, report, wanted)
            cache.put(report.slug, [report.path], source=source)
            for language, items in fresh.items():
                found[language] = items
                cache.put(
                    f"{report.slug}\n{language}",
                    [report.path, catalog_path(config, language, report)],
                    findings=[f.record() for f in items],
                )
        for language in target_languages(config, source, languages):
            findings += found[language]
    cache.save()
    return sorted(findings, key=lambda f: (f.file, f.line, f.code))
