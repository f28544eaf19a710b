"""Segmentation: a report's Markdown -> its translatable units.

A unit is the inline content of one block (heading, paragraph, list item paragraph, quote
paragraph, table cell, footnote paragraph) or one translatable front-matter field. Its msgid
keeps inline Markdown, joins soft line breaks (a space between words, nothing between two CJK
characters) and writes hard line breaks as a newline, so re-wrapping the source changes nothing.

The msgid is made by :func:`message_text` and nothing else: extraction and reassembly both
call it, so they always agree on what a unit's text is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token

from publisher.errors import ContentError
from publisher.lang.text import join_lines, without_addresses
from publisher.source.frontmatter import DEFAULT_FIELDS, read_front_matter
from publisher.source.markdown import BlockStage, parse_staged
from publisher.source.units import Span, Unit, UnitKind

__all__ = ["Document", "segment", "message_text", "normalise_source"]

DIRECTIVE = re.compile(r"<!--\s*i18n\s*:\s*(.*?)\s*-->", re.DOTALL)
_CONTAINERS = {
    "footnote_open": UnitKind.FOOTNOTE,
    "list_item_open": UnitKind.LIST_ITEM,
    "blockquote_open": UnitKind.BLOCKQUOTE,
}


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed report: its normalised text, tokens, front matter and units."""

    path: Path
    """Where the report was read from (used in messages and ``#:`` references)."""
    text: str
    """The source with line endings normalised, as the parser saw it."""
    tokens: tuple[Token, ...]
    """markdown-it-py's token stream (treat as read-only)."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Front-matter fields."""
    units: tuple[Unit, ...] = ()
    """Translatable units in document order (front matter first)."""
    env: dict[str, Any] = field(default_factory=dict, compare=False)
    """The parser's environment (link references, footnotes), needed to render the tokens."""
    blocks: BlockStage | None = field(default=None, compare=False)
    """The document as the block rules left it, for editions parsed inline only."""


def normalise_source(text: str) -> str:
    """Line endings and NULs normalised exactly as markdown-it-py does, BOM removed."""
    return (
        text.removeprefix("\ufeff")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\0", "\ufffd")
    )


def _breaks(children: list[Token] | None) -> dict[int, str]:
    """Positions of the line breaks in an inline source, with their kind.

    Image descriptions are parsed from a source of their own, so their breaks are left out
    and treated as soft ones.
    """
    return {
        child.meta["pos"]: child.type
        for child in children or ()
        if child.type in ("softbreak", "hardbreak") and child.meta
    }


def message_text(token: Token) -> str:
    """The msgid of an inline token: its source with line breaks normalised.

    >>> from publisher.source.markdown import parse
    >>> tokens = parse("日本と\\n韓国の\\nrelations  \\nnext")
    >>> [message_text(t) for t in tokens if t.type == "inline"]
    ['日本と韓国の relations\\nnext']
    """
    content = token.content
    if "\n" not in content:
        return content
    breaks = _breaks(token.children)
    parts: list[str] = []  # joined once at the end: linear even for huge paragraphs
    start, hard_before = 0, False
    while (newline := content.find("\n", start)) >= 0:
        line = content[start:newline]
        hard = breaks.get(newline) == "hardbreak"
        if breaks.get(newline - 1) == "hardbreak" and line.endswith("\\"):
            hard, line = True, line[:-1]
        _append(parts, line.rstrip(), hard_before, first=not start)
        hard_before = hard
        start = newline + 1
        # The next line's indentation is not text (the parser skips it too).
        while start < len(content) and content[start] in " \t":
            start += 1
    _append(parts, content[start:], hard_before, first=False)
    return "".join(parts)


def _append(parts: list[str], line: str, hard_before: bool, first: bool) -> None:
    """Add one line of a paragraph after a hard break (a newline) or a soft one."""
    if first:
        parts.append(line)
    elif hard_before:
        parts.extend(("\n", line))
    elif line:
        before = next((p for p in reversed(parts) if p), "")
        parts.extend((join_lines(before, line), line))


def _kind(token_type: str, stack: list[UnitKind]) -> UnitKind:
    if token_type.startswith("heading"):
        return UnitKind.HEADING
    if token_type == "th_open":
        return UnitKind.TABLE_HEADER
    if token_type == "td_open":
        return UnitKind.TABLE_CELL
    return stack[-1] if stack else UnitKind.PARAGRAPH


def _has_letters(text: str) -> bool:
    """Numbers and symbols alone read the same in every language: not worth translating."""
    return any(char.isalpha() for char in text)


# Text with none of the characters that start code, HTML, entities, escapes, links or
# addresses: its letters are all words, no need to look at the tokens.
_PLAIN = re.compile(r"[^`<&:@\\\]]*", re.DOTALL)


def _has_words(children: list[Token] | None) -> bool:
    """Does an inline token hold text to translate (not only code, URLs, HTML or numbers)?"""
    autolink = False
    for child in children or ():
        if child.type == "link_open":
            autolink = child.info == "auto"
        elif child.type == "link_close":
            autolink = False
        elif child.type in ("text", "text_special") and not autolink:
            if _has_letters(without_addresses(child.content)):
                return True
        elif child.type == "image" and _has_words(child.children):
            return True
    return False


def _directives(token: Token) -> list[str]:
    return [m.group(1) for m in DIRECTIVE.finditer(token.content)]


def _block_units(tokens: list[Token], path: Path) -> Iterator[Unit]:
    """Units of the Markdown body, honouring ``<!-- i18n: ... -->`` directives."""
    containers: list[UnitKind] = []
    pending: list[str] = []  # directives waiting for the next block
    active: list[tuple[int, bool, tuple[str, ...]]] = []  # (level, skip, notes) per directive
    opener = "paragraph_open"
    for index, token in enumerate(tokens):
        if token.type == "html_block" and _directives(token):
            pending.extend(_directives(token))
            continue
        if token.nesting == 1:
            if pending:
                skip = any(d.lower().replace(" ", "") == "skip" for d in pending)
                notes = tuple(d for d in pending if d.lower().replace(" ", "") != "skip")
                active.append((token.level, skip, notes))
                pending = []
            if token.type in _CONTAINERS:
                containers.append(_CONTAINERS[token.type])
            opener = token.type
        elif token.nesting == -1:
            if token.type.replace("_close", "_open") in _CONTAINERS:
                containers.pop()
            while active and active[-1][0] == token.level:
                active.pop()
        elif token.type == "inline":
            if any(skip for _, skip, _ in active):
                continue
            if "span" not in (token.meta or {}) or not (
                _has_letters(token.content)
                if _PLAIN.fullmatch(token.content)
                else _has_words(token.children)
            ):
                continue
            msgid = message_text(token)
            notes = tuple(note for _, _, group in active for note in group)
            start, end = token.meta["span"]
            line = token.map[0] + 1 if token.map else 1
            yield Unit(
                msgid=msgid,
                kind=_kind(opener, containers),
                line=line,
                notes=notes,
                token_index=index,
                span=Span(start, end),
            )
        elif pending and token.type not in ("html_block",):
            pending = []  # a directive before a leaf block without units (code, rule)


_CLOSERS = {'"': '"', "'": "'", ")": "("}


def _title_span(text: str, line_start: int, line_end: int, title: str) -> Span | None:
    """Where a definition's title stands on the last line of the definition: between its
    quotes or parentheses, if it is all on that line and reads as ``title``."""
    line = text[line_start:line_end].rstrip()
    closer = line[-1:]
    opener = _CLOSERS.get(closer)
    if opener is None:
        return None
    position = len(line) - 1
    while (position := line.rfind(opener, 0, position)) >= 0:
        backslashes = len(line[:position]) - len(line[:position].rstrip("\\"))
        if backslashes % 2 == 0:
            break
    raw = line[position + 1 : -1] if position >= 0 else None
    if raw is None or unescapeAll(raw) != title:
        return None  # a title over several lines, or one this reading does not find
    return Span(line_start + position + 1, line_start + len(line) - 1)


_NEWLINE = re.compile("\n")


def _title_units(text: str, env: dict[str, Any]) -> Iterator[Unit]:
    """A unit for the title of each link reference definition that has one with words (the
    first definition of a label: the one links use)."""
    starts: list[int] = []  # where each line starts, found once a title needs it
    for label, reference in env.get("references", {}).items():
        title, lines = reference.get("title", ""), reference.get("map")
        if not _has_letters(title) or not lines:
            continue
        if not starts:
            starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]
        last = lines[1] - 1
        end = starts[last + 1] - 1 if last + 1 < len(starts) else len(text)
        span = _title_span(text, starts[last], end, title)
        if span is not None:
            yield Unit(title, UnitKind.LINK_TITLE, last + 1, span=span, field=(label,))


_OPENING = re.compile(r"---[ \t]*\n[A-Za-z_][\w -]*:(?:[ \t]|$)")


def _check_unclosed_front_matter(text: str, path: Path) -> None:
    """A report that opens front matter (``---`` then ``key: value``) and never closes it
    would publish its fields as body text."""
    if _OPENING.match(text):
        raise ContentError(
            "the front matter opened here is never closed",
            path,
            1,
            hint="end the fields with a line '---' before the text (or, if the '---' is a "
            "horizontal rule, put a blank line after it)",
        )


def segment(text: str, path: Path, fields: tuple[str, ...] = DEFAULT_FIELDS) -> Document:
    """Parse a report and list its units.

    ``text`` must already be decoded; it is normalised here. Raises :class:`ContentError`
    for front matter that is not valid YAML or has fields of the wrong type.
    """
    text = normalise_source(text)
    env: dict[str, Any] = {}
    tokens, blocks = parse_staged(text, env)
    meta: dict[str, Any] = {}
    units: list[Unit] = []
    if tokens and tokens[0].type == "front_matter":
        offset = text.index("\n") + 1
        front = read_front_matter(tokens[0].content, offset, path, fields)
        meta, units = front.meta, list(front.units)
    else:
        _check_unclosed_front_matter(text, path)
    units = [unit for unit in units if _has_letters(unit.msgid)]
    units.extend(_block_units(tokens, path))
    # Link titles last, so that the units of the blocks keep their order.
    units.extend(sorted(_title_units(text, env), key=lambda unit: unit.line))
    return Document(
        path=path,
        text=text,
        tokens=tuple(tokens),
        meta=meta,
        units=tuple(units),
        env=env,
        blocks=blocks,
    )
