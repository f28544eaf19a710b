"""Coverage: how much of a report is translated, in messages (as GNU gettext counts them)
and in source words (as translators count them)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .markdown import parse_inline
from .model import Catalog, Message
from .text import count_words, without_addresses

__all__ = ["MessageCounts", "WordCounts", "Coverage", "coverage", "plain_text", "tokens_text",
           "total",
           "message_words"]

_SKIPPED = frozenset({"code_inline", "html_inline", "footnote_ref"})


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


def _text_of(tokens: Iterable) -> Iterable[str]:
    for token in tokens:
        if token.type in _SKIPPED:
            continue
        if token.type == "text" or token.type == "text_special":
            yield token.content
        elif token.type in ("softbreak", "hardbreak"):
            yield " "
        elif token.type == "image":
            yield from _text_of(token.children or ())
            yield " "


def plain_text(msgid: str) -> str:
    """The words of a unit: its text without markup, URLs, code or raw HTML.

    >>> plain_text("See **the [report](https://example.org/r)** and `code` <https://x.org>")
    'See the report and  '
    >>> plain_text("Mail info@example.org or see https://example.org/a.")
    'Mail   or see  .'
    """
    return tokens_text(parse_inline(msgid))


_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")


def tokens_text(tokens: Iterable) -> str:
    """:func:`plain_text` of already parsed inline tokens (a block's children)."""
    out, in_autolink = [], False
    for token in tokens:
        if token.type == "link_open":
            in_autolink = token.info == "auto"
        elif token.type == "link_close":
            in_autolink = False
        elif not in_autolink:
            out.extend(_text_of([token]))
    # A footnote reference parsed without its note is text; it is never a word.
    text = "".join(out)
    return without_addresses(_FOOTNOTE_REF.sub(" ", text) if "[^" in text else text)


@functools.lru_cache(maxsize=4096)  # msgids repeat within a report, rarely across
def message_words(msgid: str, language: str) -> int:
    """Source words of one msgid in its source language."""
    return count_words(plain_text(msgid), language)


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, one decimal, rounded down: 3998 of 3999 words is
    99.9, never 100.0, and an edition shown at 80.0 % really has 80 % (100 when there is
    nothing to count)."""
    return (1000 * part // whole) / 10 if whole else 100.0


def coverage(catalog: Catalog | None, template: Catalog, report: str, language: str,
             source_language: str, units: Sequence[tuple[str, int]] | None = None
             ) -> Coverage:
    """Coverage of one catalog; a missing catalog counts every template entry untranslated.

    Messages are the catalog's, as msgfmt counts them. Words are the source's: with
    ``units`` (each unit's msgid and word count, in document order) every unit of the
    source counts, in the state its catalog entry gives it, as the build counts them; a
    catalog not brought up to date by ``update`` cannot make a report look more done than
    its edition is. Without ``units``, words are counted on the catalog's entries."""
    entries: list[Message] = list(catalog.messages) if catalog is not None else [
        m for m in template.messages if not m.obsolete]
    messages = {"total": 0, "translated": 0, "fuzzy": 0, "untranslated": 0, "obsolete": 0}
    words = {"total": 0, "translated": 0, "fuzzy": 0, "untranslated": 0}
    if catalog is not None and catalog.header.line and not catalog.header.msgstr:
        # A header entry left empty (as some tools start a file) is one untranslated
        # message to msgfmt --statistics, which tests the msgstr before the header.
        messages["total"] += 1
        messages["untranslated"] += 1
    for entry in entries:
        if entry.obsolete:
            messages["obsolete"] += 1
            continue
        state = "translated" if entry.translated else "fuzzy" if entry.stale else "untranslated"
        count = message_words(entry.msgid, source_language) if units is None else 0
        messages["total"] += 1
        messages[state] += 1
        words["total"] += count
        words[state] += count
    if units is not None:
        done = {m.msgid for m in entries if m.translated and m.msgctxt is None
                and m.msgid_plural is None}
        stale = {m.msgid for m in entries if m.stale}
        words = {"total": 0, "translated": 0, "fuzzy": 0, "untranslated": 0}
        for msgid, count in units:
            state = "translated" if msgid in done else "fuzzy" if msgid in stale \
                else "untranslated"
            words["total"] += count
            words[state] += count
    return Coverage(report, language, source_language, MessageCounts(**messages),
                    WordCounts(**words))


def total(items: Iterable[Coverage], language: str) -> Coverage:
    """The sum of several reports' coverage in one language."""
    items = list(items)
    messages = MessageCounts(*(sum(getattr(c.messages, f) for c in items)
                               for f in MessageCounts.__dataclass_fields__))
    words = WordCounts(*(sum(getattr(c.words, f) for c in items)
                         for f in WordCounts.__dataclass_fields__))
    return Coverage("", language, "", messages, words)
