"""An edition parsed inline only, where what is put in it cannot change a block.

Reassembly verifies each edition by parsing it again (see :mod:`publisher.source.reassemble`).
Most of what it puts in a page cannot change a block, and then the block rules would only find
the source's blocks again, at a cost larger than the inline rules': a translation that is one
line of prose (it starts with nothing that opens a block, ends with nothing that closes a
heading or escapes a cell's pipe, holds a pipe only where no delimiter row can follow), put
where a paragraph's, a heading's or a table cell's text was; a mark around a passage left in
the source language; a front-matter value on one line. For such pieces,
:func:`reparse_inline` takes the source's tokens as the block rules left them
(:class:`~publisher.source.markdown.BlockStage`), puts the new texts in their inline tokens,
moves line numbers and offsets by what the pieces add or remove, and runs only the core rules
that follow the block rules: the tokens and environment a parse of the whole edition gives
(``tests/test_reinline.py`` compares them on the CommonMark examples and real documents).
Anything else, and it returns ``None``: the edition is parsed whole.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from itertools import accumulate
from typing import Any

from markdown_it.token import Token

from publisher.source.markdown import finish, is_front_matter, opens_front_matter, parser
from publisher.source.segment import Document
from publisher.source.units import UnitKind

__all__ = ["Piece", "reparse_inline"]

Piece = tuple[int, int, str, str]
"""Where a piece goes (start and end in the source), its text, and the text its block must
read back as."""

# The blocks whose one inline token a piece may fill.
_OPENERS = frozenset({"paragraph_open", "heading_open", "th_open", "td_open"})
# What may open a block at the start of a line: every block rule but the paragraph's.
_OPENS_BLOCK = re.compile(
    r"[>|\s]"  # block quote, table, indented code
    r"|\#{1,6}(?:[ \t]|$)"  # ATX heading
    r"|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"  # list item
    # A thematic break (or front-matter fence), with a list marker before it too (`* **`).
    r"|[-*_][-*_ \t]*$"
    r"|```|~~~"  # code fence
    r"|\[\^?(?:[^\]\\]|\\.)*\]:"  # link reference or footnote definition
    # HTML: anything but an inline element's opening tag with text after it, or an autolink.
    r"|<(?!(?:a|abbr|b|bdi|bdo|big|br|cite|code|data|del|dfn|em|font|i|img|ins|kbd|label"
    r"|mark|q|ruby|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)"
    r"(?=[\s/>])[^<>\n]*>\S"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>|[^<>\s@]+@[^<>\s]+>)"
)
# What ends a heading's text (closing hashes) or escapes the pipe that ends a cell.
_CLOSING = frozenset("\\#")
_MARK = re.compile(r"<span [^<>\n]*>")
_MARK_END = "</span>"


def _plain_line(text: str, no_row_after: bool = False) -> bool:
    """Can ``text``, in place of a block's text, only be that block's text?

    A pipe is allowed only when the line after the block cannot be a table's delimiter row
    (``no_row_after``): then the text cannot be a table's header row. Text made only of
    pipes, dashes and colons could be the delimiter row of a table above it."""
    return (
        bool(text)
        and text == text.strip()
        and text[-1] not in _CLOSING
        and not any(c in text for c in "\n\r\0")
        and ("|" not in text or no_row_after)
        and bool(text.strip("|-: \t"))
        and not _OPENS_BLOCK.match(text)
    )


# A line that may be a table's delimiter row (``|---|:-:``), after any container marks.
_ROW = re.compile(r"[|:-][|: \t-]*")


def _no_row_after(source: str, end: int) -> bool:
    """Is the line after the one ``end`` is on blank, or absent, or anything but a line
    that could be a table's delimiter row?"""
    line_end = source.find("\n", end)
    if line_end < 0:
        return True
    next_end = source.find("\n", line_end + 1)
    line = source[line_end + 1 : next_end if next_end >= 0 else len(source)]
    return not _ROW.fullmatch(line.lstrip("> \t").rstrip())


def _mark_content(piece: Piece, source: str, token: Token) -> str | None:
    """The inline content a mark around the token's text gives its block, when the mark
    is an opening ``<span ...>``, the source text as it stands and ``</span>``."""
    start, end, text, _ = piece
    original = source[start:end]
    head = text[: len(text) - len(original) - len(_MARK_END)]
    if not (text.endswith(original + _MARK_END) and _MARK.fullmatch(head)):
        return None
    if "\n" in original or original == token.content:
        # A block's lines keep their place: its text gains the mark at both ends.
        return head + token.content + _MARK_END
    return None


def _placed(
    document: Document, pieces: Mapping[int, Piece], trusted: frozenset[int]
) -> tuple[dict[int, tuple[str, int]], list[Piece]] | None:
    """The new content of each inline token a piece fills (by the token's identity) with
    the offset change, and the front-matter pieces; None when a piece may change a block."""
    placed: dict[int, tuple[str, int]] = {}
    fields: list[Piece] = []
    for index, piece in pieces.items():
        unit = document.units[index]
        start, end, text, expected = piece
        if unit.kind is UnitKind.FIELD and "\n" not in text:
            fields.append(piece)
            continue
        if unit.token_index < 1:  # a link title (in the environment), or a field on lines
            return None
        token = document.tokens[unit.token_index]
        opener = document.tokens[unit.token_index - 1].type
        if opener not in _OPENERS:
            return None
        if index in trusted:
            content = _mark_content(piece, document.text, token)
        else:
            pipes = opener in ("paragraph_open", "heading_open") and "|" in text
            plain = _plain_line(text, pipes and _no_row_after(document.text, end))
            content = text if text == expected and plain else None
        if content is None:
            return None
        placed[id(token)] = content, len(text) - (end - start)
    return placed, fields


class _Shift:
    """Line numbers and offsets of the source, moved by the pieces placed before them."""

    def __init__(self, source: str, pieces: list[Piece]) -> None:
        pieces = sorted(pieces)
        self.ends = [end for _, end, _, _ in pieces]
        self.chars = list(accumulate((len(t) - (e - s) for s, e, t, _ in pieces), initial=0))
        lines, last_lines, line, position = [], [], 0, 0
        for start, end, text, _ in pieces:
            line += source.count("\n", position, end)
            position = end
            last_lines.append(line)  # the line the piece ends on
            lines.append(text.count("\n") - source.count("\n", start, end))
        self.last_lines = last_lines
        self.lines = list(accumulate(lines, initial=0))
        self.moves_lines = any(lines)

    def line(self, number: int) -> int:
        """Where line ``number`` (0-based) is now: moved by the pieces ending before it."""
        return number + self.lines[bisect_left(self.last_lines, number)]

    def offset(self, position: int) -> int:
        """Where the offset is now: moved by the pieces ending at or before it."""
        return position + self.chars[bisect_right(self.ends, position)]


def _front_matter(token: Token, source: str, fields: list[Piece]) -> Token | None:
    """The front-matter token with the fields' new values, if it stays front matter."""
    offset = source.index("\n") + 1
    content = token.content
    if source[offset : offset + len(content)] != content:
        return None
    out, position = [], 0
    for start, end, text, _ in sorted(fields):
        if start < offset + position or end > offset + len(content):
            return None
        out += [content[position : start - offset], text]
        position = end - offset
    out.append(content[position:])
    content = "".join(out)
    if not is_front_matter(content):
        return None
    return _copy(token, token.map, content=content)


def _copy(token: Token, map_: list[int] | None, **changes: Any) -> Token:
    fields = {
        "attrs": dict(token.attrs),
        "level": token.level,
        "children": token.children,
        "content": token.content,
        "markup": token.markup,
        "info": token.info,
        "meta": token.meta,
        "block": token.block,
        "hidden": token.hidden,
        **changes,
    }
    return Token(token.type, token.tag, token.nesting, map=map_, **fields)


def reparse_inline(
    document: Document, pieces: Mapping[int, Piece], trusted: frozenset[int], text: str
) -> tuple[list[Token], dict[str, Any]] | None:
    """The tokens and environment of ``text`` (the source with ``pieces`` placed), made from
    the source's blocks with the inline rules only; None when a piece could change a block
    (``trusted``: the pieces that are marks around source text)."""
    stage = document.blocks
    if stage is None or (
        # What follows a `---` at the top is read as front matter or not by what it says.
        opens_front_matter(document.text)
        and not (stage.tokens and stage.tokens[0].type == "front_matter")
    ):
        return None
    found = _placed(document, pieces, trusted)
    if found is None:
        return None
    placed, fields = found
    shift = _Shift(document.text, list(pieces.values()))
    tokens: list[Token] = []
    for token in stage.tokens:
        map_ = token.map
        if map_ is not None and shift.moves_lines:
            map_ = [shift.line(map_[0]), shift.line(map_[1])]
        if token.type == "inline":
            content, grown = placed.pop(id(token), (token.content, 0))
            meta = token.meta
            if "span" in meta:
                start, end = meta["span"]
                moved = shift.offset(start) - start
                meta = {**meta, "span": (start + moved, end + moved + grown)}
            tokens.append(_copy(token, map_, children=None, content=content, meta=meta))
        elif token.type == "front_matter" and fields:
            changed = _front_matter(token, document.text, fields)
            if changed is None:
                return None
            tokens.append(changed)
            fields = []
        elif map_ != token.map:
            tokens.append(_copy(token, map_))
        else:
            tokens.append(token)
    if placed or fields:
        return None  # a piece whose block was not found
    env = copy.deepcopy(stage.env)
    if shift.moves_lines:  # a link reference definition keeps its lines, moved
        for reference in env.get("references", {}).values():
            if reference.get("map"):
                reference["map"] = [shift.line(number) for number in reference["map"]]
    return finish(parser(stage.front_matter), text, tokens, env), env
