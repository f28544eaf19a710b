"""From a report and its catalogs to the editions a reader gets, one per language."""

from __future__ import annotations

from dataclasses import dataclass, field

from publisher.config import Config
from publisher.po.model import State
from publisher.po.stats import share
from publisher.project import Report
from publisher.source.plaintext import unit_words
from publisher.source.reassemble import Edition, reassemble
from publisher.source.segment import Document
from publisher.source.units import Translations
from publisher.workspace import load

__all__ = ["ReportEditions", "editions_of", "edition_percent"]


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
    locales: dict[str, str] = field(default_factory=dict)
    """Language -> the locale its dates are written in (see ``[locales]``)."""

    def states(self, language: str) -> list[State]:
        """Each unit's state in the edition in ``language``."""
        edition = self.editions[language]
        fuzzy = self.translations[language].fuzzy
        return [
            State.TRANSLATED if done else State.FUZZY if unit.msgid in fuzzy else State.UNTRANSLATED
            for unit, done in zip(self.document.units, edition.translated)
        ]


def edition_percent(words: list[int], edition: Edition) -> float:
    """Percent of the report's source words that the edition shows translated."""
    translated = sum(count for count, done in zip(words, edition.translated) if done)
    return share(translated, sum(words))


def editions_of(
    config: Config, report: Report, languages: tuple[str, ...] = (), marked: bool = False
) -> ReportEditions:
    """Build every selected language edition of one report (all when none is selected).

    With ``marked``, passages shown in the source language are marked in the edition's
    Markdown itself (see :func:`~publisher.source.reassemble.reassemble`)."""
    loaded = load(config, report, languages, notes=False)  # (an edition needs no comments)
    document, source = loaded.document, loaded.source_language
    editions = {}
    percent = {}
    translations: dict[str, Translations] = {}
    if not languages or source in languages:
        # The source edition is rendered from the document's own tokens, parsed once.
        editions[source] = Edition(
            source,
            document.text,
            (True,) * len(document.units),
            parsed=(list(document.tokens), document.env),
        )
        percent[source] = 100.0
        translations[source] = Translations({})
    words = unit_words(document, source)
    for language in loaded.targets:
        translations[language] = loaded.translations(language)
        edition = reassemble(
            document, translations[language], language, mark=source if marked else None
        )
        editions[language] = edition
        percent[language] = edition_percent(words, edition)
    locales = {language: config.locale(language) for language in editions}
    return ReportEditions(report, document, source, editions, percent, translations, locales)
