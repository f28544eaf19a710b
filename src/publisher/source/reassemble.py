"""Reassembly: a report and its translations -> one language edition, as Markdown.

Each translated unit replaces the source text of its block, escaped so that it can never start
a new block; untranslated, fuzzy and unchanged units keep the source bytes. The result is then
re-parsed: its block structure must equal the source's and every unit must hold exactly the
text put there. A translation that would break this is escaped harder or, failing that, left
out (the source text stays) and reported, so no translation can ever break an edition.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from publisher.lang.text import join_lines
from publisher.source.frontmatter import quote
from publisher.source.markdown import block_skeleton, parse
from publisher.source.reinline import Piece, reparse_inline
from publisher.source.sanitize import safe, sanitise
from publisher.source.segment import Document, message_text
from publisher.source.units import Translations, Unit, UnitKind

__all__ = ["Edition", "Translations", "reassemble", "safe_inline"]


@dataclass(frozen=True, slots=True)
class Edition:
    """A report rendered in one language, as Markdown."""

    language: str
    text: str
    """The Markdown of the edition."""
    translated: tuple[bool, ...]
    """For each unit of the document: does the edition show its translation?"""
    rejected: tuple[int, ...] = ()
    """Units whose translation could not be placed safely (the source text was kept)."""
    parsed: tuple[list[Token], dict[str, Any]] | None = field(default=None, compare=False)
    """Tokens and parser environment of the verified text, for the one renderer that may
    use them (they are mutable): saves parsing the edition again."""


_BLOCK_START = re.compile(
    r"#{1,6}(?:[ \t]|$)"  # ATX heading
    r"|[>]"  # block quote
    r"|[-+*](?:[ \t]|$)"  # bullet list item
    r"|(?:[-_*][ \t]*){3,}$"  # thematic break
    r"|[=-]+[ \t]*$"  # setext underline (on a continuation line)
    r"|```[^`]*$|~~~"  # code fence
    r"|\[\^?(?:[^\]\\]|\\.)*\]:"  # link reference or footnote definition
    r"|\|?[ \t]*:?-+:?[ \t]*\|"  # table delimiter row
)
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=[ \t]|$)")
_CLOSING_HASHES = re.compile(r"(?:^|(?<=[ \t]))(#+)[ \t]*$")


def _escape_line(line: str, hard: bool = False) -> str:
    """Escape the start of one line so that it can only be paragraph text.

    ``hard`` escapes any punctuation at the start, except a backslash or a backtick (escaping
    those would undo an escape, or a code span, that keeps HTML from being HTML), and ``&``
    and ``!``, which start no block (escaping them would turn a character reference or an
    image into text).
    """
    if hard and line[:1] in "\"#$%'()*+,-./:;<=>?@[]^_{|}~":
        return "\\" + line
    if match := _ORDERED.match(line):
        return f"{match.group(1)}\\{line[match.end(1) :]}"
    if line.startswith("<") and _is_html_block(line):
        return "\\" + line
    if _BLOCK_START.match(line):
        return "\\" + line
    return line


def _is_html_block(line: str) -> bool:
    tokens = parse(line)
    return bool(tokens) and tokens[0].type == "html_block"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _one_line(text: str) -> str:
    lines = _lines(text)
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        joined += join_lines(joined, line) + line
    return joined


def _escape_cell(text: str, hard: bool) -> tuple[str, str]:
    text = _escape_line(_one_line(text).replace("|", "\\|"), hard)
    # A trailing backslash would escape the pipe that closes the cell.
    piece = text + " " if (len(text) - len(text.rstrip("\\"))) % 2 else text
    # The table parser reads `\|` back as `|` and trims the cell.
    return piece, piece.replace("\\|", "|").strip(" \t")


def _escape_heading(text: str, hard: bool) -> tuple[str, str]:
    text = _escape_line(_one_line(text), hard)
    if "#" in text and (match := _CLOSING_HASHES.search(text)):
        text = text[: match.start(1)] + "\\" + text[match.start(1) :]
    return text, text


def _escape_paragraph(text: str, hard: bool, prefix: str) -> tuple[str, str]:
    lines = [_escape_line(line, hard) for line in _lines(text)] or [""]
    # A backslash ending a line would swallow the hard break that follows it.
    lines = [
        line + " " if (len(line) - len(line.rstrip("\\"))) % 2 else line for line in lines[:-1]
    ] + lines[-1:]
    continuation = "".join(c if c in "> \t" else " " for c in prefix)
    return ("\\\n" + continuation).join(lines), "\n".join(line.rstrip() for line in lines)


def safe_inline(unit: Unit, msgstr: str, prefix: str, hard: bool = False) -> tuple[str, str]:
    """The text to splice in place of a unit's source, and the msgid it must parse back to.

    Whatever the translation says, the piece is one block of the unit's kind: its lines are
    escaped where they could start a block, raw HTML that the source text does not have is
    escaped, and newlines become hard line breaks (spaces in cells and ATX headings).
    ``prefix`` is what stands before the unit on its first line (container markers), from which
    continuation lines take their indentation. ``hard`` escapes every line start, for
    translations that the light escaping could not keep in place.
    """
    text = sanitise(msgstr.replace("\r", ""), unit.msgid)
    if unit.kind in (UnitKind.TABLE_CELL, UnitKind.TABLE_HEADER):
        return _escape_cell(text, hard)
    if unit.kind is UnitKind.HEADING and "\n" not in unit.msgid:
        return _escape_heading(text, hard)
    return _escape_paragraph(text, hard, prefix)


def _prefix(text: str, start: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : start]


def _title(text: str) -> tuple[str, str]:
    """A link title as it goes between its quotes (or parentheses): one line, with every
    backslash, quote, parenthesis and ampersand escaped; and the title it reads as."""
    title = _one_line(text)
    return re.sub(r"""([\\"'()&])""", r"\\\1", title), title


def _piece(document: Document, unit: Unit, msgstr: str, hard: bool) -> Piece:
    assert unit.span is not None
    start, end = unit.span.start, unit.span.end
    if unit.kind is UnitKind.FIELD:
        original = document.text[start:end]
        text = quote(_one_line(msgstr)) + original[len(original.rstrip()) :]
        return start, end, text, ""
    if unit.kind is UnitKind.LINK_TITLE:
        return start, end, *_title(msgstr)  # an attribute: the renderer escapes its HTML
    return start, end, *safe_inline(unit, msgstr, _prefix(document.text, start), hard)


def _splice(text: str, pieces: list[Piece]) -> str:
    out, position = [], 0
    for start, end, piece, _ in sorted(pieces):
        out.append(text[position:start])
        out.append(piece)
        position = end
    out.append(text[position:])
    return "".join(out)


_Parsed = tuple[list[Token], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class _Check:
    """What re-parsing an edition with some pieces placed showed."""

    faulty: frozenset[int]
    """Units whose placed text did not come out as one block holding exactly that text."""
    first_difference: int | None = None
    """Index of the first token where the block structure differs from the source's."""
    parsed: _Parsed | None = None


def _first_difference(tokens: list, document: Document, expected: dict[int, str]) -> int | None:
    """The first token where the edition differs from the source: in block structure, or in
    the text of a block (which shows where a vanished or merged block was)."""
    source = document.tokens
    for index, (a, b) in enumerate(zip(tokens, source)):
        if (a.type, a.tag, a.nesting, a.hidden) != (b.type, b.tag, b.nesting, b.hidden):
            return index
        if a.type == "inline" and index in expected and message_text(a) != expected[index]:
            return index
    return None if len(tokens) == len(source) else min(len(tokens), len(source))


def _check(
    document: Document, pieces: dict[int, Piece], trusted: frozenset[int] = frozenset()
) -> _Check:
    """Re-parse with ``pieces`` placed and see which of them misbehave (the ``trusted``
    ones are ours, not a translator's: their HTML is meant)."""
    if not pieces:
        return _Check(frozenset())
    text = _splice(document.text, list(pieces.values()))
    parsed = reparse_inline(document, pieces, trusted, text)
    if parsed is None:
        env: dict[str, Any] = {}
        tokens = parse(text, env)
    else:
        tokens, env = parsed
    blocks = [i for i in pieces if document.units[i].token_index >= 0]
    if block_skeleton(tokens) != block_skeleton(list(document.tokens)):
        expected = {document.units[i].token_index: pieces[i][3] for i in blocks}
        return _Check(frozenset(blocks), _first_difference(tokens, document, expected))
    references = env.get("references", {})
    titles = [i for i in pieces if document.units[i].kind is UnitKind.LINK_TITLE]
    return _Check(
        frozenset(
            i
            for i in blocks
            if message_text(tokens[document.units[i].token_index]) != pieces[i][3]
            or (i not in trusted and not safe(pieces[i][3], document.units[i].msgid))
        )
        | {
            i
            for i in titles
            if references.get(document.units[i].field[0], {}).get("title") != pieces[i][3]
        },
        parsed=(tokens, env),
    )


def _suspects(document: Document, pieces: dict[int, Piece], first: int) -> list[int]:
    """Pieces in the top-level block where the structure first differs (all if none)."""
    start = end = 0
    depth = 0
    for index, token in enumerate(document.tokens):
        if depth == 0:
            start = index
        depth += token.nesting
        if depth == 0 and token.type != "inline" and index >= first:
            end = index + 1
            break
    else:
        end = len(document.tokens)
    inside = [i for i in pieces if start <= document.units[i].token_index < end]
    return sorted(inside or pieces, key=lambda i: pieces[i][0])


def _culprit(document: Document, pieces: dict[int, Piece]) -> int:
    """The first piece (in source order) that breaks the block structure when it is placed
    after every piece before it.

    A bisection over prefixes of the pieces in source order: no piece keeps the structure,
    all of them break it, so some prefix is the last one that keeps it and the piece after it
    is at fault. Looking only where the structure first differs would be wrong: a footnote
    reference translated away makes its note vanish at the end of the page, far from the
    paragraph that caused it.
    """
    ordered = sorted(pieces, key=lambda i: pieces[i][0])

    def breaks(count: int) -> bool:
        chosen = {i: pieces[i] for i in ordered[:count]}
        return _check(document, chosen).first_difference is not None

    low, high = 1, len(ordered)  # placing the first `high` pieces breaks it
    while low < high:
        middle = (low + high) // 2
        if breaks(middle):
            high = middle
        else:
            low = middle + 1
    return ordered[high - 1]


def _language_piece(document: Document, language: str) -> list[Piece]:
    """Say the edition's language in its front matter, where the source says its own."""
    if not document.tokens or document.tokens[0].type != "front_matter":
        return []
    end = document.text.index("\n") + 1 + len(document.tokens[0].content)
    match = re.search(r"^lang:[ \t]*([^\s#]*)", document.text[:end], re.MULTILINE)
    return [(match.start(1), match.end(1), language, "")] if match else []


def _marks(
    document: Document, pieces: dict[int, Piece], translated: tuple[bool, ...], source: str
) -> dict[int, Piece]:
    """Passages left in the source language, wrapped in ``<span lang="...">`` so that a
    Markdown renderer keeps the mark: what the edition's pieces do not change."""
    marks = _mark_candidates(document, translated, source)
    while marks:  # a mark that would change the page is left out
        found = _check(document, {**pieces, **marks}, frozenset(marks))
        wrong: set[int] = set(
            _suspects(document, marks, found.first_difference)
            if found.first_difference is not None
            else found.faulty & marks.keys()
        )
        if not wrong:
            break
        for index in wrong:
            del marks[index]
    return marks


def _mark_candidates(
    document: Document, translated: tuple[bool, ...], source: str
) -> dict[int, Piece]:
    """A mark for each passage left in the source language, before any is checked."""
    opening = f'<span lang="{html.escape(source)}" class="fallback">'
    marks = {}
    for index, unit in enumerate(document.units):
        if translated[index] or unit.span is None or unit.token_index < 0:
            continue
        original = document.text[unit.span.start : unit.span.end]
        if not original.strip():
            continue
        marks[index] = (
            unit.span.start,
            unit.span.end,
            f"{opening}{original}</span>",
            f"{opening}{unit.msgid}</span>",
        )
    return marks


def _translated(
    document: Document, translations: Translations, pieces: dict[int, Piece]
) -> tuple[bool, ...]:
    """For each unit: does the edition show its translation?"""
    return tuple(
        index in pieces or translations.texts.get(unit.msgid) == unit.msgid
        for index, unit in enumerate(document.units)
    )


def _marked_at_once(
    document: Document, translations: Translations, pieces: dict[int, Piece], source: str
) -> tuple[dict[int, Piece], tuple[bool, ...], _Parsed | None] | None:
    """The marks and what is translated, when every translation and every mark fits the
    page as it stands (the usual case): one parse verifies them all. None when something
    does not fit, for the step-by-step way (translations first, then marks)."""
    translated = _translated(document, translations, pieces)
    marks = _mark_candidates(document, translated, source)
    found = _check(document, {**pieces, **marks}, frozenset(marks))
    if found.faulty or found.first_difference is not None:
        return None
    return marks, translated, found.parsed


def reassemble(
    document: Document, translations: Translations, language: str, mark: str | None = None
) -> Edition:
    """Build the Markdown edition of ``document`` in ``language``.

    With ``mark`` (the source language), passages shown in it are wrapped in an HTML span
    that says so, for editions read as Markdown."""
    pieces: dict[int, Piece] = {}
    for index, unit in enumerate(document.units):
        msgstr = translations.texts.get(unit.msgid)
        if msgstr and msgstr != unit.msgid and unit.span is not None:
            pieces[index] = _piece(document, unit, msgstr, hard=False)
    if mark and (at_once := _marked_at_once(document, translations, pieces, mark)) is not None:
        marks, translated, parsed = at_once
        text = _splice(
            document.text,
            [*pieces.values(), *marks.values(), *_language_piece(document, language)],
        )
        return Edition(language=language, text=text, translated=translated, parsed=parsed)
    rejected: list[int] = []
    hardened: set[int] = set()
    while (found := _check(document, pieces)).faulty:
        broken = found.first_difference is not None
        suspects = (
            _suspects(document, pieces, found.first_difference)
            if found.first_difference is not None
            else sorted(found.faulty)
        )
        soft = [i for i in suspects if i not in hardened]
        if soft:  # second try: escape every line start
            for index in soft:
                unit = document.units[index]
                pieces[index] = _piece(document, unit, translations.texts[unit.msgid], True)
                hardened.add(index)
            continue
        # Last resort: keep the source text of what still does not fit.
        for index in [_culprit(document, pieces)] if broken else suspects:
            del pieces[index]
            rejected.append(index)
    translated = _translated(document, translations, pieces)
    marks = _marks(document, pieces, translated, mark) if mark else {}
    text = _splice(
        document.text, [*pieces.values(), *marks.values(), *_language_piece(document, language)]
    )
    return Edition(
        language=language,
        text=text,
        translated=translated,
        parsed=None if marks else found.parsed,
        rejected=tuple(sorted(rejected)),
    )
