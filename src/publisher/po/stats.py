"""Coverage: how much of a report is translated, in messages (as GNU gettext counts them)
and in source words (as translators count them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from publisher.po.model import Catalog, Message, State

__all__ = ["MessageCounts", "WordCounts", "Coverage", "coverage", "share", "total"]


@dataclass(frozen=True, slots=True)
class MessageCounts:
    """Entries by state; ``translated``, ``fuzzy`` and ``untranslated`` agree with
    ``msgfmt --statistics``."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0


@dataclass(frozen=True, slots=True)
class WordCounts:
    """Source words by the state of the entry they are in."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0


@dataclass(frozen=True, slots=True)
class Coverage:
    """Translation coverage of one report (or a total) in one language."""

    report: str
    """The report's slug; empty for a language total."""
    language: str
    source_language: str
    messages: MessageCounts
    words: WordCounts

    @property
    def percent(self) -> float:
        """Translated source words, in percent (100 for a report with no words)."""
        return share(self.words.translated, self.words.total)


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, one decimal, rounded down: 3998 of 3999 words is
    99.9, never 100.0, and an edition shown at 80.0 % really has 80 % (100 when there is
    nothing to count)."""
    return (1000 * part // whole) / 10 if whole else 100.0


def coverage(
    catalog: Catalog | None,
    template: Catalog,
    report: str,
    language: str,
    source_language: str,
    units: Sequence[tuple[str, int]] = (),
) -> Coverage:
    """Coverage of one catalog; a missing catalog counts every template entry untranslated.

    Messages are the catalog's, as msgfmt counts them. Words are the source's: ``units``
    gives each unit's msgid and word count, in document order, and every unit counts in the
    state its catalog entry gives it, as the build counts them; a catalog not brought up to
    date by ``update`` cannot make a report look more done than its edition is."""
    entries: list[Message] = (
        list(catalog.messages)
        if catalog is not None
        else [m for m in template.messages if not m.obsolete]
    )
    messages = dict.fromkeys(("total", "translated", "fuzzy", "untranslated", "obsolete"), 0)
    if catalog is not None and catalog.header.line and not catalog.header.msgstr:
        # A header entry left empty (as some tools start a file) is one untranslated
        # message to msgfmt --statistics, which tests the msgstr before the header.
        messages["total"] += 1
        messages["untranslated"] += 1
    for entry in entries:
        if entry.obsolete:
            messages["obsolete"] += 1
            continue
        messages["total"] += 1
        messages[entry.state.value] += 1
    states = unit_states(entries)
    words = dict.fromkeys(("total", "translated", "fuzzy", "untranslated"), 0)
    for msgid, count in units:
        words["total"] += count
        words[states.get(msgid, State.UNTRANSLATED).value] += count
    return Coverage(
        report, language, source_language, MessageCounts(**messages), WordCounts(**words)
    )


def unit_states(entries: Iterable[Message]) -> dict[str, State]:
    """The state each msgid has in a catalog's entries (translations with a context or a
    plural form are not a unit's; obsolete ones are nobody's)."""
    return {
        m.msgid: m.state
        for m in entries
        if not m.obsolete
        and m.msgctxt is None
        and m.msgid_plural is None
        and m.state is not State.UNTRANSLATED
    }


def total(items: Iterable[Coverage], language: str) -> Coverage:
    """The sum of several reports' coverage in one language."""
    items = list(items)
    messages = MessageCounts(
        *(sum(getattr(c.messages, f) for c in items) for f in MessageCounts.__dataclass_fields__)
    )
    words = WordCounts(
        *(sum(getattr(c.words, f) for c in items) for f in WordCounts.__dataclass_fields__)
    )
    return Coverage("", language, "", messages, words)
