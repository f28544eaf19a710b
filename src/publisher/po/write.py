"""Write a :class:`~publisher.po.model.Catalog` as PO text, byte for byte as GNU gettext 0.21 does.

The contract: for every catalog, ``format_catalog(catalog, w)`` is a fixed point of
``msgcat -w w`` (of ``msgcat --no-wrap`` for ``w == 0``), and ``msgfmt --check`` accepts
it. What follows was established by reading gettext 0.21 (``write-po.c``,
``read-catalog-abstract.c``, ``msgl-cat.c``) and libunistring 1.0 (``unilbrk``,
``uniwidth``), the versions Debian 12 ships, and is checked against ``msgcat`` by the
differential tests in ``tests/test_poformat.py``.

Strings (``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr``, ``msgstr[n]``, ``#|``):

- ``\\a \\b \\f \\n \\r \\t \\v``, the backslash and the double quote are escaped; every
  other character, other control characters included, is written as it is.
- A string is cut after each newline and each piece is wrapped on its own. When the string
  has text after an embedded newline, or its first line would wrap, the keyword gets an
  empty string (``msgid ""``) and the text starts on the next line.
- Wrapping is greedy over the break opportunities of Unicode line breaking (UAX #14 as
  libunistring 1.0 implements it, with Unicode 14.0 data), measured on the *escaped* text
  in columns: East Asian Wide and Fullwidth characters count 2, combining marks 0. A line
  holds at most ``width - 1`` columns before its closing quote (trailing spaces count),
  unless one unbreakable piece is longer. Kanji, kana and Hangul syllables break between
  any two characters, never before ``、`` ``。`` ``」`` or small kana; Latin text breaks
  after spaces and hyphens, and after ``.`` ``,`` ``:`` ``;`` directly followed by a
  letter; never inside an escape sequence nor just before the final ``\\n``.
- ``width == 0`` (``--no-wrap``) and entries flagged ``no-wrap`` are not wrapped, except
  after embedded newlines. A width below 20 counts as 20, as with ``msgcat -w``.

Comments, in this order:

- ``#`` translator comments and ``#.`` extracted comments, one line each; a comment with a
  newline becomes several lines, an empty one a bare ``#`` / ``#.``. A translator comment
  of the Solaris form ``File: x, line:12`` is a reference to GNU, and is written as one.
- ``#:`` references, parsed as GNU parses them (``file:line``, ``file: line``,
  ``file :line`` or a bare ``file``, split at whitespace, so a file name containing a space
  becomes two references), with leading ``./`` removed and duplicates dropped, then packed
  into lines of at most the page width counted in *bytes* (a line always takes one
  reference, however long). References wrap at 79 even when ``width == 0``:
  ``--no-wrap`` only affects strings.
- ``#,`` flags. GNU keeps only the flags it knows and prints them in a fixed order:
  ``fuzzy`` (only when the first translation is non-empty), then ``<lang>-format`` and
  ``no-<lang>-format`` in gettext's language order (``possible-<lang>-format`` is written
  ``<lang>-format``, ``impossible-<lang>-format`` is dropped), then ``range: a..b``, then
  ``no-wrap``. It DROPS every other flag: unknown ones (``sticky``, ``foo``), ``wrap``,
  and the ``[no-]<name>-check`` flags it parses but never writes.
- ``#|`` previous msgctxt / msgid / msgid_plural (``#| msgid ""`` is added when only a
  previous context or plural is known: GNU cannot read those alone).

Entries: the header first, then the active messages, then the obsolete ones (GNU sorts
obsolete entries to the end), one blank line between entries, a newline at the end.
Obsolete entries are written with ``#~`` (``#~|`` for their previous msgid), their
comments and only the ``fuzzy`` flag; an obsolete entry whose (first) translation is
empty is DROPPED, as GNU drops it. The header must declare a charset; whatever it
declares is rewritten to ``UTF-8``, the encoding the caller must write the text in.

Not reproduced: GNU never breaks inside a printf-style directive of an entry flagged
``c-format``, ``python-format`` and the like. This module does not parse format strings,
so a long string with a breakable directive (``% d``, ``{a.b}``) in such an entry may wrap
differently. The tool's own catalogs carry no format flags.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from publisher.po.grammar import (
    ESCAPES,
    FLAG_SPLIT,
    NEEDS_ESCAPE,
    reference_lines,
    split_solaris_references,
)
from publisher.po.linebreak import line_breaks
from publisher.po.model import Catalog, Message

__all__ = ["format_catalog"]

_INT_MAX = 2**31 - 1
_REFERENCE_WIDTH = 79
_MIN_PAGE_WIDTH = 20


def format_catalog(catalog: Catalog, width: int = 79) -> str:
    """Return the PO text ``msgcat -w WIDTH`` (``--no-wrap`` for 0) would write for ``catalog``."""
    if width < 0:
        raise ValueError(f"width must be 0 (no wrapping) or positive, not {width}")
    string_width = max(width, _MIN_PAGE_WIDTH) if width else None
    reference_width = string_width or _REFERENCE_WIDTH
    header = _utf8_header(catalog)
    entries = [_entry_lines(header, string_width, reference_width, obsolete=False)]
    entries += [
        _entry_lines(m, string_width, reference_width, obsolete=False)
        for m in catalog.messages
        if not m.obsolete
    ]
    entries += [
        _entry_lines(m, string_width, reference_width, obsolete=True)
        for m in catalog.messages
        if m.obsolete and _first_translation(m)
    ]
    return "\n\n".join("\n".join(lines) for lines in entries) + "\n"


# --------------------------------------------------------------------------- entries


def _entry_lines(
    msg: Message, string_width: int | None, reference_width: int, obsolete: bool
) -> list[str]:
    """The lines of one entry: comments, flags, previous strings, then the strings."""
    head, string_width = _head(
        msg.translator_comments,
        msg.extracted_comments,
        msg.references,
        msg.flags,
        bool(_first_translation(msg)),
        msg.previous_msgctxt,
        msg.previous_msgid,
        msg.previous_msgid_plural,
        msg.msgctxt,
        msg.msgid,
        string_width,
        reference_width,
        obsolete,
    )
    lines = list(head)
    prefix = "#~ " if obsolete else ""
    if msg.msgid_plural is None:
        _wrap(lines, prefix, "msgstr", msg.msgstr, string_width)
    else:
        _wrap(lines, prefix, "msgid_plural", msg.msgid_plural, string_width)
        # A plural entry needs at least msgstr[0] to be readable again.
        for index, form in enumerate(msg.msgstr_plural or ("",)):
            _wrap(lines, prefix, f"msgstr[{index}]", form, string_width)
    return lines


# A report's template and its catalogs share their entries but for the translations: the
# lines before ``msgstr`` are laid out once per report. Small and bounded, as the strings'.
@functools.lru_cache(maxsize=1024)
def _head(
    translator_comments: tuple[str, ...],
    extracted_comments: tuple[str, ...],
    references: tuple[str, ...],
    flags: tuple[str, ...],
    translated: bool,
    previous_msgctxt: str | None,
    previous_msgid: str | None,
    previous_msgid_plural: str | None,
    msgctxt: str | None,
    msgid: str,
    string_width: int | None,
    reference_width: int,
    obsolete: bool,
) -> tuple[tuple[str, ...], int | None]:
    """The lines of an entry up to its ``msgid``, and the width its strings wrap at."""
    comments, solaris_refs = split_solaris_references(translator_comments)
    lines = _comment_lines("#", comments)
    lines += _comment_lines("#.", extracted_comments)
    lines += reference_lines(solaris_refs + list(references), reference_width)
    flag_line = _flag_line(flags, translated, obsolete)
    if flag_line:
        lines.append(flag_line)
    # GNU wraps a no-wrap entry's strings as if the page were endless; an obsolete entry
    # loses the flag when written, so it is wrapped as msgcat will wrap it next time.
    if string_width is not None and not obsolete and _wants_no_wrap(flags):
        string_width = None
    prev_prefix, prefix = ("#~| ", "#~ ") if obsolete else ("#| ", "")
    if previous_msgid is None and (
        previous_msgctxt is not None or previous_msgid_plural is not None
    ):
        previous_msgid = ""
    if previous_msgctxt is not None:
        _wrap(lines, prev_prefix, "msgctxt", previous_msgctxt, string_width)
    if previous_msgid is not None:
        _wrap(lines, prev_prefix, "msgid", previous_msgid, string_width)
    if previous_msgid_plural is not None:
        _wrap(lines, prev_prefix, "msgid_plural", previous_msgid_plural, string_width)
    if msgctxt is not None:
        _wrap(lines, prefix, "msgctxt", msgctxt, string_width)
    _wrap(lines, prefix, "msgid", msgid, string_width)
    return tuple(lines), string_width


def _first_translation(msg: Message) -> str:
    """The string GNU tests for emptiness: ``msgstr``, or ``msgstr[0]`` of a plural entry."""
    if msg.msgid_plural is None:
        return msg.msgstr
    return msg.msgstr_plural[0] if msg.msgstr_plural else ""


def _utf8_header(catalog: Catalog) -> Message:
    """The header entry with its declared charset rewritten to UTF-8."""
    header = catalog.header
    text = header.msgstr
    start = text.find("charset=")  # GNU looks for the first "charset=", case-sensitively
    if start < 0:
        if not _all_ascii(catalog):
            raise ValueError(
                "the catalog header must declare 'charset=UTF-8' in its "
                "Content-Type for a catalog with non-ASCII text"
            )
        return header
    start += len("charset=")
    end = start
    while end < len(text) and text[end] not in " \t\n":
        end += 1
    if text[start:end].lower() in ("utf-8", "utf8"):
        return header
    return dataclasses.replace(header, msgstr=text[:start] + "UTF-8" + text[end:])


def _all_ascii(catalog: Catalog) -> bool:
    """True when no string or comment of the catalog has a non-ASCII character."""
    for msg in (catalog.header, *catalog.messages):
        texts = [
            msg.msgid,
            msg.msgstr,
            msg.msgctxt or "",
            msg.msgid_plural or "",
            msg.previous_msgctxt or "",
            msg.previous_msgid or "",
            msg.previous_msgid_plural or "",
            *msg.msgstr_plural,
            *msg.translator_comments,
            *msg.extracted_comments,
            *msg.references,
        ]
        if not all(t.isascii() for t in texts):
            return False
    return True


# -------------------------------------------------------------------------- comments


def _comment_lines(marker: str, comments: tuple[str, ...] | list[str]) -> list[str]:
    """``# text`` / ``#. text`` lines, one per line of each comment."""
    lines = []
    for comment in comments:
        for line in comment.split("\n"):
            lines.append(f"{marker} {line}" if line else marker)
    return lines


# ----------------------------------------------------------------------------- flags

# gettext 0.21's format_language[] table: the order in which format flags are written.
_FORMAT_LANGUAGES = (
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
)
_FORMAT_INDEX = {name: i for i, name in enumerate(_FORMAT_LANGUAGES)}
_RANGE_RE = re.compile(r"([0-9]+)\.\.([0-9]+)")


def _flag_tokens(flags: tuple[str, ...]) -> list[str]:
    """The flags as GNU tokenizes a ``#,`` line (whitespace and commas separate)."""
    return [t for t in FLAG_SPLIT.split(" ".join(flags)) if t]


def _wants_no_wrap(flags: tuple[str, ...]) -> bool:
    """True when the last wrap flag is ``no-wrap``."""
    state = None
    for token in _flag_tokens(flags):
        if token in ("wrap", "no-wrap"):
            state = token
    return state == "no-wrap"


def _flag_line(flags: tuple[str, ...], translated: bool, obsolete: bool) -> str | None:
    """The ``#,`` line GNU writes for an entry with ``flags`` (``translated``: its first
    translation is not empty), or None."""
    tokens = _flag_tokens(flags)
    fuzzy = "fuzzy" in tokens
    if obsolete:  # GNU writes no other flag for an obsolete entry
        return "#, fuzzy" if fuzzy else None
    written = ["fuzzy"] if fuzzy and translated else []
    formats: dict[int, str] = {}
    span = None
    wrap = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.endswith("-format"):
            language, value = _format_flag(token[: -len("-format")])
            if language is not None:
                formats[language] = value
                continue
        if token == "range:" and i < len(tokens):
            span_token = tokens[i]
            i += 1
            parsed = _parse_range(span_token)
            if parsed is not None:
                span = parsed
            continue
        if token in ("wrap", "no-wrap"):
            wrap = token
    for language in sorted(formats):
        if formats[language] == "yes":
            written.append(f"{_FORMAT_LANGUAGES[language]}-format")
        elif formats[language] == "no":
            written.append(f"no-{_FORMAT_LANGUAGES[language]}-format")
    if span is not None:
        written.append(f"range: {span[0]}..{span[1]}")
    if wrap == "no-wrap":
        written.append("no-wrap")
    return "#, " + ", ".join(written) if written else None


def _format_flag(stem: str) -> tuple[int | None, str]:
    """(language index, "yes"/"no"/"impossible") of a ``...-format`` flag stem."""
    value = "yes"
    if stem.startswith("no-"):
        stem, value = stem[3:], "no"
    elif stem.startswith("possible-"):
        stem = stem[9:]
    elif stem.startswith("impossible-"):
        stem, value = stem[11:], "impossible"
    return _FORMAT_INDEX.get(stem), value


def _parse_range(token: str) -> tuple[int, int] | None:
    """``(min, max)`` from GNU's ``range:`` argument, or None when GNU would ignore it."""
    match = _RANGE_RE.match(token)
    if not match:
        return None
    low, high = (min(int(g), _INT_MAX) for g in match.groups())
    return (low, high) if low <= high else None


# --------------------------------------------------------------------------- strings

_ESCAPE_PAIR_RE = re.compile(r"\\.", re.S)


def _wrap(lines: list[str], prefix: str, keyword: str, value: str, page_width: int | None) -> None:
    """Append the lines of ``keyword "value"`` as write-po.c's wrap() lays them out."""
    if len(value) < 32:  # short strings are quicker to lay out than to look up
        lines.extend(_wrapped(prefix, keyword, value, page_width))
    else:
        lines.extend(_wrapped_memo(prefix, keyword, value, page_width))


def _wrapped(prefix: str, keyword: str, value: str, page_width: int | None) -> tuple[str, ...]:
    lines: list[str] = []
    if "\0" in value:
        raise ValueError(f"a {keyword} cannot contain a NUL character")
    after_break = len(prefix) + 1  # the column after the opening quote of later lines
    width = (page_width if page_width is not None else _INT_MAX) - 1 - after_break
    pieces = value.split("\n")
    segments = [p + "\n" for p in pieces[:-1]]
    if pieces[-1] or not segments:
        segments.append(pieces[-1])
    first_line = True
    for index, segment in enumerate(segments):
        portion = segment.translate(ESCAPES) if NEEDS_ESCAPE.search(segment) else segment
        prohibited = _escape_interiors(portion, segment.endswith("\n"))
        if first_line and portion:
            # The first line starts after the keyword. When the string does not stay on it,
            # GNU writes `keyword ""` and lays the string out from column 0: ask for those
            # breaks first. Breaks from column 0 mean breaks after the keyword too (a later
            # start only moves lines on), so the second question is asked only without them.
            start = len(keyword) + 1
            breaks = line_breaks(portion, prohibited, width, 0)
            if (
                index < len(segments) - 1
                or start > width
                or breaks
                or line_breaks(portion, prohibited, width, start)
            ):
                lines.append(f'{prefix}{keyword} ""')
                first_line = False
        else:
            breaks = line_breaks(portion, prohibited, width, len(keyword) + 1 if first_line else 0)
        head = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        cut = 0
        for at in breaks:
            lines.append(f'{head}"{portion[cut:at]}"')
            head, cut = prefix, at
        lines.append(f'{head}"{portion[cut:]}"')
    return tuple(lines)


# A report's template and its catalogs hold the same msgids: each is laid out once. The
# cache is small and bounded, so memory does not grow with the archive.
_wrapped_memo = functools.lru_cache(maxsize=2048)(_wrapped)


def _escape_interiors(portion: str, ends_with_newline: bool) -> frozenset[int] | set[int]:
    """Positions where no line may start: inside escapes, and before the final ``\\n``."""
    if "\\" not in portion:
        return frozenset()
    positions = {m.end() - 1 for m in _ESCAPE_PAIR_RE.finditer(portion)}
    if ends_with_newline:
        positions.add(len(portion) - 2)
    return positions
