"""``publisher check``: run the quality checks over every catalog of the project."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from publisher.config import Config
from publisher.ops.check.glossary import GLOSSARY, Glossary, load_glossary
from publisher.ops.check.rules import ERROR, Entry, Finding, check_entry, structure_advice
from publisher.po.stats import coverage
from publisher.project import Report, catalog_path, discover, relative
from publisher.runtime.cache import Cache, digest_bytes
from publisher.source.plaintext import unit_word_counts
from publisher.source.reassemble import reassemble
from publisher.workspace import config_digest, load

__all__ = ["review"]


def _report_findings(
    config: Config, glossary: Glossary, report: Report
) -> tuple[list[Finding], list[Path]]:
    """Findings in every catalog of one report, and the files they depend on."""
    loaded = load(config, report)
    document, source = loaded.document, loaded.source_language
    findings: list[Finding] = []
    files = [report.path]
    units = unit_word_counts(document, source)
    references = tuple(
        sorted(
            (label, str(value.get("href", "")), str(value.get("title", "")))
            for label, value in document.env.get("references", {}).items()
        )
    )
    for language in loaded.targets:
        path = catalog_path(config, language, report)
        files.append(path)
        catalog = loaded.catalogs[language]
        if catalog is None:
            continue
        name = relative(config.root, path).as_posix()
        published = (
            coverage(catalog, catalog, report.slug, language, source, units).percent
            >= config.threshold
        )
        lines = {m.msgid: m.line for m in catalog.messages if not m.obsolete}
        for message in catalog.messages:
            entry = Entry(message, source, language, glossary, published, references)
            findings.extend(
                Finding(
                    severity, code, name, message.line, language, report.slug, message.msgid, text
                )
                for severity, code, text in check_entry(entry)
            )
        translations = loaded.translations(language)
        edition = reassemble(document, translations, language)
        texts = translations.texts
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
                    structure_advice(msgid, texts.get(msgid, "")),
                )
            )
    return findings, files


def review(config: Config, languages: tuple[str, ...] = ()) -> list[Finding]:
    """Findings for every report and selected language, in file and line order.

    A report whose source and catalogs (and the glossary and settings) did not change since
    the last check is not checked again: its findings come from the cache.
    """
    glossary = load_glossary(config.root)
    glossary_file = config.root / GLOSSARY
    salt = config_digest(config) + (
        digest_bytes(glossary_file.read_bytes()) if glossary_file.is_file() else "-"
    )
    cache = Cache(config.root, "check", salt=salt)
    findings: list[Finding] = []
    for report in discover(config):
        record = cache.fresh(report.slug)
        if record is not None:
            found = [Finding(**item) for item in record["findings"]]
        else:
            found, files = _report_findings(config, glossary, report)
            cache.put(report.slug, files, findings=[asdict(f) for f in found])
        findings += [f for f in found if not languages or f.language in languages]
    cache.save()
    return sorted(findings, key=lambda f: (f.file, f.line, f.code))
