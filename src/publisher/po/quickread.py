"""The reader's fast path: whole entries laid out as GNU gettext writes them, read with one
pattern each instead of token by token.

Most catalogs are written by ``msgcat``-like writers (GNU gettext, Poedit, Weblate, this
project): comment lines, then ``msgctxt``/``msgid``/``msgstr`` each on its keyword line
with its continuation strings, entries separated by blank lines. :func:`quick_entries`
reads such a file entry by entry with :data:`_ACTIVE` and :data:`_OBSOLETE`; the comments
are filed by the strict reader's own code. At the first thing it does not expect (plural
forms, a comment inside an entry, odd spacing, a carriage return, an error of any kind) it
gives up and returns ``None``: the strict reader then reads the whole file, and says what
is wrong where. Both give the same messages (``tests/test_poread.py`` compares them on
every catalog of the test data).
"""

from __future__ import annotations

import re
from typing import Protocol

from publisher.errors import CatalogError
from publisher.po.lexer import Lexer
from publisher.po.model import Message

__all__ = ["quick_entries"]


class _Comments(Protocol):
    translator: list[str]
    extracted: list[str]
    references: list[str]
    flags: tuple[str, ...]

    def comment(self, text: str) -> None: ...

    def reset_comments(self) -> None: ...


_S = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # one string literal on one line


def _keyword(prefix: str, keyword: str) -> str:
    """A keyword line and its continuation lines, each line starting with ``prefix``."""
    return rf"{prefix}{keyword} {_S}\n(?:{prefix}{_S}\n)*"


def _entry(prefix: str, previous: str) -> re.Pattern[str]:
    return re.compile(
        r"(?P<comments>(?:\#(?![~|])[^\n]*\n)*)"
        rf"(?P<pctxt>{_keyword(previous, 'msgctxt')})?"
        rf"(?P<pid>{_keyword(previous, 'msgid')})?"
        rf"(?P<ctxt>{_keyword(prefix, 'msgctxt')})?"
        rf"(?P<id>{_keyword(prefix, 'msgid')})"
        rf"(?P<str>{_keyword(prefix, 'msgstr')})"
        r"\n*"
    )


_ACTIVE = _entry("", r"\#\| ")
_OBSOLETE = _entry(r"\#~ ", r"\#~\| ")
_TRAILING = re.compile(r"(?:\#(?![~|])[^\n]*\n|\n)*\Z")  # comments after the last entry
_STRING = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


def quick_entries(lexer: Lexer, comments: _Comments, notes: bool = True) -> list[Message] | None:
    """The entries of the lexer's text when every one is laid out as GNU writes it, else
    ``None`` (the strict reader reads the file then). Without ``notes``, of the comment
    lines only the flags (``#,``) are read."""
    text = lexer.text
    if "\r" in text:
        return None
    if not text.endswith("\n"):
        text += "\n"
    try:
        return _entries(lexer, text, comments, notes)
    except CatalogError:
        return None


def _entries(
    lexer: Lexer, text: str, comments: _Comments, notes: bool = True
) -> list[Message] | None:
    messages: list[Message] = []
    seen: set[tuple[str | None, str]] = set()
    pos = len(text) - len(text.lstrip("\n"))  # after the blank lines the file starts with
    line, end = pos + 1, len(text)
    active, obsolete, trailing = _ACTIVE.match, _OBSOLETE.match, _TRAILING.match
    count = text.count
    while pos < end:
        match = active(text, pos) or obsolete(text, pos)
        if match is None:
            return None if trailing(text, pos) is None else messages
        fields = match.groupdict()
        if fields["pctxt"] is not None and fields["pid"] is None:
            return None
        note = fields["comments"]
        if note and (notes or "#," in note or "#!" in note):
            for comment in note[:-1].split("\n"):
                if notes or comment[1:2] in (",", "!"):
                    comments.comment(comment[1:])
        start = match.start("id")
        msgid_line = line + count("\n", pos, start)
        msgctxt = _value(lexer, fields["ctxt"], msgid_line)
        msgid = _value(lexer, fields["id"], msgid_line)
        assert msgid is not None
        key = (msgctxt, msgid)
        if key in seen:
            return None  # a duplicate: the strict reader says where
        seen.add(key)
        messages.append(
            Message(
                msgid=msgid,
                msgstr=_value(lexer, fields["str"], msgid_line) or "",
                msgctxt=msgctxt,
                flags=comments.flags,
                translator_comments=tuple(comments.translator),
                extracted_comments=tuple(comments.extracted),
                references=tuple(comments.references),
                previous_msgctxt=_value(lexer, fields["pctxt"], msgid_line),
                previous_msgid=_value(lexer, fields["pid"], msgid_line),
                obsolete=match.re is _OBSOLETE,
                line=msgid_line,
            )
        )
        comments.reset_comments()
        line += count("\n", pos, match.end())
        pos = match.end()
    return messages


def _value(lexer: Lexer, block: str | None, line: int) -> str | None:
    """The joined value of a keyword's strings (``None`` when there is no such keyword)."""
    if block is None:
        return None
    parts = _STRING.findall(block)
    if "\\" in block or "\x04" in block:  # (outside the strings, a block has neither)
        parts = [lexer.unescape(part, line) for part in parts]
    return parts[0] if len(parts) == 1 else "".join(parts)
