"""The words of a unit: its text without markup, URLs, code or raw HTML, and how many."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from markdown_it.token import Token

from publisher.lang.text import count_words, without_addresses
from publisher.source.markdown import parse_inline
from publisher.source.segment import Document

__all__ = ["plain_text", "tokens_text", "message_words", "unit_words", "unit_word_counts"]

_SKIPPED = frozenset({"code_inline", "html_inline", "footnote_ref"})


def _text_of(tokens: Iterable[Token]) -> Iterable[str]:
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


def tokens_text(tokens: Iterable[Token]) -> str:
    """:func:`plain_text` of already parsed inline tokens (a block's children)."""
    out: list[str] = []
    in_autolink = False
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


def unit_words(document: Document, language: str) -> list[int]:
    """Source words of each unit, counted from the tokens already parsed."""
    return [
        count_words(
            unit.msgid
            if unit.token_index < 0  # a field or a link title: no block of its own
            else tokens_text(document.tokens[unit.token_index].children or ()),
            language,
        )
        for unit in document.units
    ]


def unit_word_counts(document: Document, language: str) -> list[tuple[str, int]]:
    """Each unit's msgid with its source words: what coverage is counted on."""
    return [
        (unit.msgid, words) for unit, words in zip(document.units, unit_words(document, language))
    ]
