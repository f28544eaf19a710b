"""``publisher check``: run the quality checks over every catalog of the project."""

from __future__ import annotations

from .checks import ERROR, Entry, Finding, check_entry
from .config import Config
from .editions import translations_of
from .glossary import load_glossary
from .project import catalog_path, discover, relative
from .reassemble import reassemble
from .stats import coverage
from .update import load_catalog, load_report, report_language, target_languages

__all__ = ["review"]


def review(config: Config, languages: tuple[str, ...] = ()) -> list[Finding]:
    """Findings for every report and selected language, in file and line order."""
    glossary = load_glossary(config.root)
    findings: list[Finding] = []
    for report in discover(config):
        document = load_report(config, report)
        source = report_language(config, document)
        for language in target_languages(config, source, languages):
            path = catalog_path(config, language, report)
            catalog = load_catalog(config, path, language)
            if catalog is None:
                continue
            name = relative(config.root, path).as_posix()
            published = coverage(catalog, catalog, report.slug, language,
                                 source).percent >= config.threshold
            lines = {m.msgid: m.line for m in catalog.messages if not m.obsolete}
            for message in catalog.messages:
                entry = Entry(message, source, language, glossary, published)
                findings.extend(Finding(severity, code, name, message.line, language,
                                        report.slug, message.msgid, text)
                                for severity, code, text in check_entry(entry))
            edition = reassemble(document, translations_of(catalog), language)
            for index in edition.rejected:
                msgid = document.units[index].msgid
                findings.append(Finding(
                    ERROR, "structure", name, lines.get(msgid, 0), language, report.slug, msgid,
                    "the translation would change the page's structure and is left out: "
                    "keep it to one paragraph of text"))
    return sorted(findings, key=lambda f: (f.file, f.line, f.code))
