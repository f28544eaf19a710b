"""From a report and its catalogs to the editions a reader gets, one per language."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Config
from .model import Catalog, UnitKind
from .project import Report, catalog_path
from .reassemble import Edition, Translations, reassemble
from .segment import Document
from .stats import share, tokens_text
from .text import count_words
from .update import load_catalog, load_report, report_language, target_languages

__all__ = ["ReportEditions", "translations_of", "editions_of", "edition_percent"]


@dataclass(frozen=True, slots=True)
class ReportEditions:
    """A report with each of its language editions."""

    report: Report
    document: Document
    source_language: str
    editions: dict[str, Edition]
    """Language -> edition, the source language included."""
    percent: dict[str, float]
    """Language -> percent of source words the edition shows translated."""
    translations: dict[str, Translations]
    """Language -> what its catalog offered (empty for the source language)."""


def translations_of(catalog: Catalog | None) -> Translations:
    """What an edition may use from a catalog: translated entries; fuzzy ones are stale."""
    if catalog is None:
        return Translations({})
    texts = {m.msgid: m.msgstr for m in catalog.messages
             if m.translated and m.msgid_plural is None and m.msgctxt is None}
    stale = frozenset(m.msgid for m in catalog.messages if m.stale)
    return Translations(texts, stale)


def unit_words(document: Document, language: str) -> list[int]:
    """Source words of each unit, counted from the tokens already parsed."""
    return [count_words(unit.msgid if unit.kind is UnitKind.FIELD else
                        tokens_text(document.tokens[unit.token_index].children or ()),
                        language) for unit in document.units]


def unit_word_counts(document: Document, language: str) -> list[tuple[str, int]]:
    """Each unit's msgid with its source words: what coverage is counted on."""
    return [(unit.msgid, words)
            for unit, words in zip(document.units, unit_words(document, language))]


def edition_percent(words: list[int], edition: Edition) -> float:
    """Percent of the report's source words that the edition shows translated."""
    translated = sum(count for count, done in zip(words, edition.translated) if done)
    return share(translated, sum(words))


def editions_of(config: Config, report: Report, languages: tuple[str, ...] = ()) -> ReportEditions:
    """Build every selected language edition of one report."""
    document = load_report(config, report)
    source = report_language(config, document)
    editions = {}
    percent = {}
    translations: dict[str, Translations] = {}
    if not languages or source in languages:
        # The source edition is rendered from the document's own tokens, parsed once.
        editions[source] = Edition(source, document.text, (True,) * len(document.units),
                                   parsed=(list(document.tokens), document.env))
        percent[source] = 100.0
        translations[source] = Translations({})
    words = unit_words(document, source)
    for language in target_languages(config, source, languages):
        catalog = load_catalog(config, catalog_path(config, language, report), language)
        translations[language] = translations_of(catalog)
        edition = reassemble(document, translations[language], language)
        editions[language] = edition
        percent[language] = edition_percent(words, edition)
    return ReportEditions(report, document, source, editions, percent, translations)
