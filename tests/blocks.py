"""Which blocks of a document hold text to translate, read with markdown-it-py alone.

An independent reading of what segmentation must find: every inline token (heading,
paragraph, table cell; inside lists, quotes and footnotes) whose text, as markdown-it-py
parses it, has a letter outside code spans, raw HTML, autolinks and bare addresses (image
descriptions count). Its line comes from the token's ``map``, its kind from the blocks it
sits in, its text from the token's ``content``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Bare web and e-mail addresses: not words.
ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                     re.IGNORECASE)

_CONTAINERS = {"list_item_open": "list item", "blockquote_open": "blockquote",
               "footnote_open": "footnote"}
_CELLS = {"th_open": "table header", "td_open": "table cell"}


@dataclass(frozen=True)
class Block:
    index: int
    """Index of the inline token in the parser's token stream."""
    line: int
    """1-based line where the block starts."""
    kind: str
    content: str
    """The inline source of the block, as the parser cut it out (container markers gone)."""
    hard_breaks: int


def words_of(children: list[Token]) -> str:
    """The text a reader reads as words: text and image descriptions, not code, raw HTML or
    autolinks."""
    out, autolink = [], False
    for child in children:
        if child.type == "link_open":
            autolink = child.markup == "autolink"
        elif child.type == "link_close":
            autolink = False
        elif child.type in ("text", "text_special") and not autolink:
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(" " + words_of(child.children or []) + " ")
    return "".join(out)


def has_words(children: list[Token]) -> bool:
    return any(c.isalpha() for c in ADDRESS.sub(" ", words_of(children)))


def text_blocks(md: MarkdownIt, text: str) -> list[Block]:
    """The blocks of ``text`` with words, in token order."""
    tokens = md.parse(text)
    found, containers = [], []
    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS:
            containers.append(_CONTAINERS[token.type])
        elif token.type.replace("_close", "_open") in _CONTAINERS:
            containers.pop()
        elif token.type == "inline" and has_words(token.children or []):
            opener = tokens[index - 1].type
            if opener.startswith("heading"):
                kind = "heading"
            else:
                kind = _CELLS.get(opener) or (containers[-1] if containers else "paragraph")
            breaks = sum(c.type == "hardbreak" for c in token.children or [])
            found.append(Block(index, token.map[0] + 1, kind, token.content, breaks))
    return found


def squashed(text: str) -> str:
    """Text without whitespace: what no line joining or re-wrapping can change."""
    return "".join(text.split())


def assert_units_are_blocks(document, md: MarkdownIt) -> None:
    """The document's units (front-matter fields and link titles aside) are its blocks with words, in
    order, of the block's kind and line, each holding the block's text (nothing merged in,
    nothing cut off; hard breaks as newlines) and spanning exactly the block's text in the
    source (container markers aside)."""
    expected = text_blocks(md, document.text)
    units = [u for u in document.units
             if u.kind.value not in ("front-matter field", "link title")]
    assert [(u.token_index, u.line, u.kind.value) for u in units] == \
        [(b.index, b.line, b.kind) for b in expected]
    for unit, block in zip(units, expected):
        content = block.content.replace("\\\n", "\n") if block.hard_breaks else block.content
        assert squashed(unit.msgid) == squashed(content), unit.msgid
        assert unit.msgid.count("\n") == block.hard_breaks, unit.msgid
        spanned = document.text[unit.span.start:unit.span.end]
        if block.kind.startswith("table"):
            spanned = spanned.replace("\\|", "|")  # the table parser reads `\|` as `|`
        lines, source_lines = block.content.split("\n"), spanned.split("\n")
        assert len(source_lines) == len(lines) and source_lines[0] == lines[0], unit.msgid
        assert all(s.rstrip().endswith(c.strip()) for s, c in zip(source_lines, lines))
