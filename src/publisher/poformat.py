"""Write a :class:`~publisher.model.Catalog` as PO text, byte for byte as GNU gettext 0.21 does.

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
from bisect import bisect_right
from itertools import accumulate

from publisher.model import Catalog, Message

__all__ = ["format_catalog", "parse_references"]

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
    entries += [_entry_lines(m, string_width, reference_width, obsolete=False)
                for m in catalog.messages if not m.obsolete]
    entries += [_entry_lines(m, string_width, reference_width, obsolete=True)
                for m in catalog.messages if m.obsolete and _first_translation(m)]
    return "\n\n".join("\n".join(lines) for lines in entries) + "\n"


# --------------------------------------------------------------------------- entries


def _entry_lines(msg: Message, string_width: int | None, reference_width: int,
                 obsolete: bool) -> list[str]:
    """The lines of one entry: comments, flags, previous strings, then the strings."""
    comments, solaris_refs = _split_solaris_references(msg.translator_comments)
    lines = _comment_lines("#", comments)
    lines += _comment_lines("#.", msg.extracted_comments)
    lines += _reference_lines(solaris_refs + list(msg.references), reference_width)
    flags = _flag_line(msg, obsolete)
    if flags:
        lines.append(flags)
    # GNU wraps a no-wrap entry's strings as if the page were endless; an obsolete entry
    # loses the flag when written, so it is wrapped as msgcat will wrap it next time.
    if string_width is not None and not obsolete and _wants_no_wrap(msg.flags):
        string_width = None
    prev_prefix, prefix = ("#~| ", "#~ ") if obsolete else ("#| ", "")
    previous_msgid = msg.previous_msgid
    if previous_msgid is None and (msg.previous_msgctxt is not None
                                   or msg.previous_msgid_plural is not None):
        previous_msgid = ""
    if msg.previous_msgctxt is not None:
        _wrap(lines, prev_prefix, "msgctxt", msg.previous_msgctxt, string_width)
    if previous_msgid is not None:
        _wrap(lines, prev_prefix, "msgid", previous_msgid, string_width)
    if msg.previous_msgid_plural is not None:
        _wrap(lines, prev_prefix, "msgid_plural", msg.previous_msgid_plural, string_width)
    if msg.msgctxt is not None:
        _wrap(lines, prefix, "msgctxt", msg.msgctxt, string_width)
    _wrap(lines, prefix, "msgid", msg.msgid, string_width)
    if msg.msgid_plural is None:
        _wrap(lines, prefix, "msgstr", msg.msgstr, string_width)
    else:
        _wrap(lines, prefix, "msgid_plural", msg.msgid_plural, string_width)
        # A plural entry needs at least msgstr[0] to be readable again.
        for index, form in enumerate(msg.msgstr_plural or ("",)):
            _wrap(lines, prefix, f"msgstr[{index}]", form, string_width)
    return lines


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
            raise ValueError("the catalog header must declare 'charset=UTF-8' in its "
                             "Content-Type for a catalog with non-ASCII text")
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
        texts = [msg.msgid, msg.msgstr, msg.msgctxt or "", msg.msgid_plural or "",
                 msg.previous_msgctxt or "", msg.previous_msgid or "",
                 msg.previous_msgid_plural or "", *msg.msgstr_plural,
                 *msg.translator_comments, *msg.extracted_comments, *msg.references]
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


# "File: name, line: 12" as GNU's po_parse_comment_solaris_filepos accepts it (the comment
# text follows "# ").
_SOLARIS_RE = re.compile(
    r"[Ff]ile:[ \t]*(.*?)[ \t]*,[ \t]*line[ \t]*(?:number[ \t]*)?:([0-9]+)[ \t\n]*\Z", re.S)


def _split_solaris_references(comments: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Separate translator comments GNU would read back as Solaris-style references."""
    kept, refs = [], []
    for comment in comments:
        match = _SOLARIS_RE.match(comment) if "\n" not in comment else None
        if match:
            line = _gnu_line_number(match.group(2))
            refs.append(match.group(1) + (f":{line}" if line is not None else ""))
        else:
            kept.append(comment)
    return kept, refs


_PLAIN_REFERENCE = re.compile(r"(?!\./)[^\s:]+:[1-9][0-9]{0,8}")


def _reference_lines(references: list[str], page_width: int) -> list[str]:
    """``#:`` lines packed as GNU packs them (columns counted in bytes)."""
    if all(_PLAIN_REFERENCE.fullmatch(ref) for ref in references):
        # The usual "file:line" references read back as themselves: skip GNU's parser.
        positions = [(ref, None) for ref in dict.fromkeys(references)]
    else:
        positions = _parse_references(" ".join(references))
    if not positions:
        return []
    lines = []
    line = "#:"
    column = 2
    for name, number in positions:
        text = name if number is None else f"{name}:{number}"
        length = len(text.encode("utf-8")) + 1
        if column > 2 and column + length > page_width:
            lines.append(line)
            line, column = "#:", 2
        line += " " + text
        column += length
    lines.append(line)
    return lines


_REF_TOKEN_RE = re.compile(r"[^ \t\n]+")
_REF_SPACE = " \t\n"
_DIGITS_RE = re.compile(r"[0-9]+")
_TRAILING_LINE_RE = re.compile(r":([0-9]+)\Z")


def parse_references(text: str) -> list[tuple[str, int | None]]:
    """(file, line or None) pairs of a ``#:`` comment's text, exactly as GNU gettext reads them."""
    positions: list[tuple[str, int | None]] = []
    pos, end = 0, len(text)
    while pos < end:
        pos = _skip_ref_space(text, pos)
        if pos >= end:
            break
        token = _REF_TOKEN_RE.match(text, pos)
        name, number, pos = _reference_at(text, token.start(), token.end())
        positions.append((name, number))
    return positions


def _parse_references(text: str) -> list[tuple[str, int | None]]:
    """The references GNU writes for ``text``: ``./`` removed, duplicates dropped."""
    positions: list[tuple[str, int | None]] = []
    seen = set()
    for name, number in parse_references(text):
        while name.startswith("./"):  # stripped when GNU writes the reference
            name = name[2:]
        if (name, number) not in seen:
            seen.add((name, number))
            positions.append((name, number))
    return positions


def _reference_at(text: str, start: int, stop: int) -> tuple[str, int | None, int]:
    """Read the reference whose file token is ``text[start:stop]``; also return where it ends."""
    # "file : 12" or "file :12" -- a colon and a number after the token.
    after = _skip_ref_space(text, stop)
    if after < len(text) and text[after] == ":":
        digits = _DIGITS_RE.match(text, _skip_ref_space(text, after + 1))
        if digits and _ends_ref_token(text, digits.end()):
            return text[start:stop], _gnu_line_number(digits.group()), digits.end()
    # "file: 12" -- the token ends with the colon.
    if text[stop - 1] == ":":
        digits = _DIGITS_RE.match(text, _skip_ref_space(text, stop))
        if digits and _ends_ref_token(text, digits.end()):
            return text[start:stop - 1], _gnu_line_number(digits.group()), digits.end()
    # "file:12" -- a colon and digits at the end of the token, the file name not empty.
    token = text[start:stop]
    match = _TRAILING_LINE_RE.search(token)
    if match and match.start() >= 1:
        return token[:match.start()], _gnu_line_number(match.group(1)), stop
    return token, None, stop


def _skip_ref_space(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not a reference separator."""
    while pos < len(text) and text[pos] in _REF_SPACE:
        pos += 1
    return pos


def _ends_ref_token(text: str, pos: int) -> bool:
    """True when a reference token may end at ``pos``."""
    return pos >= len(text) or text[pos] in _REF_SPACE


def _gnu_line_number(digits: str) -> int | None:
    """The line number GNU prints for ``digits`` (a size_t printed as long), or None."""
    value = int(digits) % 2**64
    if value == 2**64 - 1:  # (size_t) -1 is GNU's "no line number"
        return None
    return value - 2**64 if value >= 2**63 else value


# ----------------------------------------------------------------------------- flags

# gettext 0.21's format_language[] table: the order in which format flags are written.
_FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl",
    "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)
_FORMAT_INDEX = {name: i for i, name in enumerate(_FORMAT_LANGUAGES)}
_FLAG_SPLIT_RE = re.compile(r"[\n \t\r\f\v,]+")
_RANGE_RE = re.compile(r"([0-9]+)\.\.([0-9]+)")


def _flag_tokens(flags: tuple[str, ...]) -> list[str]:
    """The flags as GNU tokenizes a ``#,`` line (whitespace and commas separate)."""
    return [t for t in _FLAG_SPLIT_RE.split(" ".join(flags)) if t]


def _wants_no_wrap(flags: tuple[str, ...]) -> bool:
    """True when the last wrap flag is ``no-wrap``."""
    state = None
    for token in _flag_tokens(flags):
        if token in ("wrap", "no-wrap"):
            state = token
    return state == "no-wrap"


def _flag_line(msg: Message, obsolete: bool) -> str | None:
    """The ``#,`` line GNU writes for the message, or None."""
    tokens = _flag_tokens(msg.flags)
    fuzzy = "fuzzy" in tokens
    if obsolete:  # GNU writes no other flag for an obsolete entry
        return "#, fuzzy" if fuzzy else None
    written = ["fuzzy"] if fuzzy and _first_translation(msg) else []
    formats: dict[int, str] = {}
    span = None
    wrap = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.endswith("-format"):
            language, value = _format_flag(token[:-len("-format")])
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

_ESCAPES = str.maketrans({"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                          "\t": "\\t", "\v": "\\v", "\\": "\\\\", '"': '\\"'})
_NEEDS_ESCAPE = re.compile('[\a\b\f\n\r\t\v\\\\"]')
_ESCAPE_PAIR_RE = re.compile(r"\\.", re.S)


def _wrap(lines: list[str], prefix: str, keyword: str, value: str,
          page_width: int | None) -> None:
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
        portion = segment.translate(_ESCAPES) if _NEEDS_ESCAPE.search(segment) else segment
        prohibited = _escape_interiors(portion, segment.endswith("\n"))
        start = len(keyword) + 1 if first_line else 0
        breaks = _line_breaks(portion, prohibited, width, start)
        if first_line and portion and (index < len(segments) - 1 or start > width or breaks):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            breaks = _line_breaks(portion, prohibited, width, 0)
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


# ------------------------------------------------------------------- line breaking
#
# A port of libunistring 1.0's u8_possible_linebreaks + u8_width_linebreaks for the UTF-8
# (non-CJK) encoding: ambiguous characters (AI) resolve to AL, SA and XX to AL, CB to ID.
# Class numbers are libunistring's; ZWJ gets a number outside the pair table because it
# never reaches it.

(_WJ, _GL, _B2, _BA, _BB, _HY, _CL, _CP1, _CP2, _EX, _IN, _NS, _OP1, _OP2, _QU, _IS, _NU,
 _PO, _PR, _SY, _AL, _H2, _H3, _ID1, _ID2, _JL, _JV, _JT, _HL, _RI, _ZWJ_TABLE, _EB,
 _EM) = range(33)
_BK, _CR, _LF, _CM, _ZW, _SP = 33, 34, 35, 36, 37, 38
_ZWJ = 40
_HL_BA = 100  # a Hebrew letter followed by a hyphen or break-after character
_TABLE_SIZE = 33

# unilbrk_table of libunistring 1.0 (lbrktables.c): row = class before, column = class
# after; D = direct break, I = break only across spaces, P = prohibited.
_PAIR_TABLE = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ (never used: ZWJ is handled like CM)
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)


def _pair_tables() -> tuple[bytes, bytes]:
    """Break/no-break per (last class, class), without and with spaces between them."""
    rows = _BK + 1 + (_ZW - _BK)  # room for the BK and ZW rows too
    direct = bytearray(rows * _TABLE_SIZE)
    spaced = bytearray(rows * _TABLE_SIZE)
    for before, row in enumerate(_PAIR_TABLE):
        for after, kind in enumerate(row):
            direct[before * _TABLE_SIZE + after] = kind == "D"
            spaced[before * _TABLE_SIZE + after] = kind != "P"
    # Nothing breaks at the start of a line (after BK); everything after a ZW.
    for after in range(_TABLE_SIZE):
        direct[_ZW * _TABLE_SIZE + after] = spaced[_ZW * _TABLE_SIZE + after] = 1
    return bytes(direct), bytes(spaced)


_DIRECT, _SPACED = _pair_tables()


def _line_breaks(portion: str, prohibited: frozenset[int] | set[int], width: int,
                 start_column: int) -> list[int]:
    """Positions where ulc_width_linebreaks starts a new line in ``portion``."""
    length = len(portion)
    if start_column + 2 * length <= width:  # even all-wide text fits: nothing to do
        return []
    if portion.isascii():
        if not portion.isprintable():
            return _line_breaks_exact(portion, prohibited, width, start_column)
        if start_column + length <= width:
            return []
        props = portion.encode("ascii").translate(_ASCII_PROPS)
        columns = None  # every character is one column wide
    else:
        # One C-speed table lookup per character, then byte translations.
        packed = portion.translate(_PACKED_TEXT).encode("latin-1")
        if packed.translate(None, _SIMPLE_PACKED):
            return _line_breaks_exact(portion, prohibited, width, start_column)
        widths = packed.translate(_PACKED_WIDTH)
        if start_column + sum(widths) <= width:
            return []
        columns = list(accumulate(widths, initial=0))
        props = packed.translate(_PACKED_PROP)
    return _line_breaks_simple(portion, props, prohibited, width, start_column, columns)


def _line_breaks_simple(portion: str, props: bytes, prohibited: frozenset[int] | set[int],
                        width: int, start_column: int, columns: list[int] | None) -> list[int]:
    """_line_breaks for text whose break opportunities depend on neighbours and spaces only.

    Instead of walking every character, each line jumps to the last position that still
    fits (``columns`` holds the running width, None meaning one column per character) and
    steps back to the nearest break opportunity -- the same result as the greedy walk.
    ``props`` holds the class of each character.
    """
    direct, spaced = _DIRECT, _SPACED

    def opportunity(at: int) -> bool:
        """True when the line may break before ``portion[at]``."""
        prop = props[at]
        if prop == _SP:
            return False
        before = props[at - 1]
        if before == _SP:
            j = at - 2
            while j >= 0 and props[j] == _SP:
                j -= 1
            if j < 0:  # only spaces since the start: no break at the start of a line
                return False
            possible = spaced[props[j] * _TABLE_SIZE + prop]
        else:
            possible = direct[before * _TABLE_SIZE + prop]
        return bool(possible) and at not in prohibited

    length = len(portion)
    breaks: list[int] = []
    start, column = 0, start_column
    while True:
        # The last position whose column still fits on this line.
        if columns is None:
            fits = width - column + start
        else:
            fits = bisect_right(columns, width - column + columns[start]) - 1
        if fits >= length:
            return breaks
        at = max(fits, start)
        while at > start and not opportunity(at):
            at -= 1
        if at == start:  # the first piece alone is too long: it ends the line
            at = max(fits, start) + 1
            while at < length and not opportunity(at):
                at += 1
            if at >= length:
                return breaks
        breaks.append(at)
        start, column = at, 0


def _line_breaks_exact(portion: str, prohibited: frozenset[int] | set[int], width: int,
                       start_column: int) -> list[int]:
    """_line_breaks, character by character as libunistring does it (any text)."""
    widths = _WIDTH
    props, direct, spaced = _PROP, _DIRECT, _SPACED
    breaks: list[int] = []
    last_p = -1          # start of the current piece (a break opportunity), or -1
    last_column = start_column
    piece_width = 0
    prev_prop = last_prop = _BK
    seen_space = False
    ri_count = 0
    i = -1
    for ch in portion:
        i += 1
        code = ord(ch)
        prop = props[code]
        if prop < _TABLE_SIZE:
            if prev_prop == _ZWJ or prev_prop == _HL_BA:
                possible = False
            elif prop == _RI and last_prop == _RI:
                possible = seen_space or not ri_count & 1
            elif seen_space:
                possible = spaced[last_prop * _TABLE_SIZE + prop]
            else:
                possible = direct[last_prop * _TABLE_SIZE + prop]
            if prev_prop == _HL and (prop == _HY or prop == _BA):
                prev_prop = _HL_BA
            else:
                prev_prop = prop
            last_prop = prop
            seen_space = False
            ri_count = ri_count + 1 if prop == _RI else 0
        elif prop == _SP:
            possible = False
            seen_space = True
            prev_prop = prop
            ri_count = 0
        elif prop == _CM or prop == _ZWJ:
            # A combining mark sticks to what precedes it, unless that is a space.
            possible = False
            if last_prop == _BK:
                last_prop = _AL
                seen_space = False
            elif last_prop == _ZW or seen_space:
                possible = True
                last_prop = _AL
                seen_space = False
            prev_prop = prop
            ri_count = 0
        elif prop == _ZW:
            possible = False
            last_prop = prop
            seen_space = False
            prev_prop = prop
            ri_count = 0
        else:
            # BK, CR, LF: a mandatory break; the text after it starts at column 0.
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
            last_p = -1
            last_column = piece_width = 0
            prev_prop = prop
            last_prop = _BK
            seen_space = False
            ri_count = 0
            continue
        if possible and not (prohibited and i in prohibited):
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
                last_column = 0
            last_p = i
            last_column += piece_width
            piece_width = 0
        piece_width += widths[code]
    if last_p >= 0 and last_column + piece_width > width:
        breaks.append(last_p)
    return breaks


# Line break class and column width of every code point, from libunistring 1.0
# (lbrkprop.h and uc_width with the UTF-8 encoding; Unicode 14.0). Runs of equal
# (class, width) as "<start - previous start, base 36><class letter><width>", the class
# letter indexing _CLASS_LETTERS (libunistring's numbers after resolving AI, SA, XX and
# CB); "n" marks the Hangul syllables, whose class alternates H2 (every 28th) / H3.
# Generated by reading the tables out of libunistring.so.2 with ctypes; the tests compare
# them with the installed library again.
_CLASS_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
_HANGUL_LETTER = "n"
_LB_DATA = """
0k0 9D0 1j0 1h0 2i0 1k0 im1 1J1 1O1 1U1 1S1 1R1 1U1 1O1 1M1 1H1 1U1 1S1 1P1
1F1 1P1 1T1 1Q1 aP1 2U1 3J1 1U1 rM1 1S1 1H1 1U1 tM1 1D1 1G1 1U1 1k0 6h0 1k0
qB1 1M1 1R1 1S1 3U1 5O1 1U1 1D0 1U1 2R1 1S1 1U1 2E1 1U1 6O1 1U1 3M1 1U1 egE1
1U1 3E1 1U1 iE1 1U1 wk0 27B0 1k0 cB0 7k0 dU1 eP1 1U1 78k0 7U1 73P1 1D1 1U1
4S1 1U1 1k0 19D1 1k0 1U1 1k0 2U1 1k0 2J1 1k0 1U1 8c1 rU1 4c1 4U1 dU0 6U1 3R1
3P1 2U1 2k0 bJ1 1k0 1J1 3U1 17k0 lQ1 aR1 1Q1 2U1 3k0 1U1 2rJ1 1U1 1k0 7U0
1U1 1k0 6U1 2k0 2U1 1k0 4U1 2Q1 aU1 lU0 1U1 1k0 1U1 uk0 rU1 2jk0 bU1 fQ1 aU1
xk0 9U1 4P1 1J1 1U1 3k0 1S1 2U1 mk0 4U1 1k0 9U1 1k0 3U1 1k0 5U1 17k0 3U1
1gU0 2U1 6k0 8U1 16k0 oU0 1k0 wk1 1U1 1ik0 1k1 1k0 1U1 1k1 3k0 8k1 4k0 1k1
2U1 1k0 7U1 ak0 2D1 2Q1 aU1 hk0 1k1 2U1 1kk0 1U1 1k1 3k0 4U1 2k1 2U1 2k1 2k0
1U1 9k1 1U1 ak0 2U1 2Q1 aU1 2R1 2U1 5R1 1U1 1S1 1U1 2k0 1U1 2k0 2k1 1U1 1kk0
1U1 1k1 3k0 2U1 4k0 2U1 2k0 3U1 3k0 1U1 kQ1 ak0 2U1 3k0 1U1 bk0 2k1 1U1 1kk0
1U1 1k1 3k0 5U1 1k0 2k1 1U1 1k1 2k0 1U1 kk0 2U1 2Q1 aU1 1S1 1U1 8k0 6U1 1k0
1k1 2U1 1kk0 1U1 1k1 1k0 1k1 1k0 4U1 2k1 2U1 2k1 2k0 1U1 7k0 2k1 1U1 ak0 2U1
2Q1 aU1 ik0 1U1 1nk1 2k0 1k1 2U1 3k1 3U1 1k1 3k0 1U1 9k1 1U1 eQ1 aU1 9S1 1U1
6k0 1k1 3k0 1U1 1jk0 1U1 1k0 3k1 4U1 1k0 3U1 1k0 4U1 7k0 2U1 bk0 2U1 2Q1 aU1
7E1 1U1 9k0 1k1 2E1 1U1 1jk0 1U1 1k1 7U1 1k1 3U1 1k1 2k0 2U1 7k1 2U1 bk0 2U1
2Q1 aU1 gk0 2k1 2U1 1jk0 2U1 1k1 3k0 4U1 1k1 3U1 1k1 3k0 1U1 9k1 1U1 ak0 2U1
2Q1 aU1 9R1 1U1 7k0 1k1 2U1 1yk0 1U1 4k1 3k0 3U1 1k0 1U1 1k1 8U1 6Q1 aU1 2k1
2U1 1pU0 1U1 2U0 7U1 4S1 1U1 7U0 8U1 1Q1 aD1 2U1 2dU0 1U1 2U0 9U1 bU0 6U1
2Q1 aU1 13E1 4U1 1E1 2B1 1E1 2D1 1B1 1J1 5B1 1U1 1J1 1U1 3k0 2U1 6Q1 aU1 aD1
1k0 1U1 1k0 1U1 1k0 1M1 1G1 1M1 1G1 1k1 2U1 1dk0 eD1 1k0 5D1 1k0 2U1 5k0 bU1
1k0 10U1 1D1 2U1 6k0 1U1 9E1 2D1 1E1 1U1 5B1 2U1 2aU0 4U1 1U0 6U1 1U0 2U1
2U0 2U1 1Q1 aD1 2U1 cU0 2U1 4U0 3U1 gU0 4U1 dU0 1U1 2U0 2U1 6U0 1U1 2Q1 aU1
3U0 1U1 2qZ2 2oa0 20b0 2gU1 9pk0 3U1 1D1 1U1 4eD1 1U1 hrD1 1U1 qM1 1G1 1U1
26D1 3U1 10k0 3k1 1U1 sk0 2k1 1D1 2U1 rk0 2U1 uk0 2U1 1sU0 2U1 1U0 7U1 8U0
1U1 2U0 bD1 2L1 1U1 1D1 1U1 1D1 1S1 1U1 1U0 1U1 2Q1 aU1 oJ1 2D1 2E1 1U1 1J1
2U1 1k0 3B0 1k0 1Q1 aU1 2zk0 2U1 yk0 1U1 3ak0 3k1 4k0 2k1 3U1 4k1 2k0 1k1
6k0 3U1 8J1 2Q1 aU1 3kQ1 aU1 1pk0 2k1 2k0 1U1 1mU0 1U1 1U0 7U1 1U0 1U1 1U0
1U1 2U0 8U1 6U0 aU1 2k0 1Q1 aU1 6Q1 aU1 mk0 vU1 1dk0 4k1 1U1 1bk0 1k1 1k0
5k1 1k0 1k1 5k0 1k1 2U1 bQ1 aD1 2U1 1D1 4U1 ak0 9U1 9D1 2U1 1k0 2k1 1U1 uk1
1k0 4k1 2k0 2k1 1k0 3U1 2Q1 aU1 18k0 1k1 1k0 2k1 3k0 1k1 1k0 3k1 2U1 1ck1
8k0 8k1 2k0 2U1 3D1 5Q1 aU1 6Q1 aU1 10D1 2U1 28k0 3U1 1k0 dk1 1k0 7U1 4k0
1U1 6k0 1U1 2k1 1k0 2U1 5ik0 1sU1 e5E1 1U1 2D1 7B1 1D1 3l0 1k0 1e0 1k0 2D1
1B1 1D1 2C1 1U1 3O1 2M1 1O1 3M1 1O1 1U1 4K1 3D1 1h1 2k0 5B1 1R1 8U1 1O1 2U1
1L1 2U1 6P1 1M1 1G1 1L1 3U1 cD1 1U1 1D1 4U1 1D1 3A0 1U0 4U1 1k0 aU1 dM1 1G1
1U1 eM1 1G1 1U1 hS1 7R1 1S1 eR1 1S1 4R1 1S1 2R1 1S1 1R1 1S1 fk0 xU1 iR1 1U1
5R1 1U1 cS1 1U1 6zS1 2U1 63K1 1U1 oM1 1G1 1M1 1G1 1U1 eX2 2U1 dN2 1G2 1U1
5aU2 4U1 3X2 1X1 2X2 1U1 ehU2 2U1 1X1 4U1 gX2 2U1 2X1 1U1 1X1 3f1 1X1 2U1
pX1 3U1 cU2 cU1 kX1 1U1 mX2 1U1 jU2 1U1 dU2 1U1 8U2 2U1 hX2 2X1 5X2 2X1 3U1
4X1 1U2 1X1 3U1 1X1 1X2 1U1 3X1 2U1 2X1 1U1 2X1 3U1 8X2 1U1 6X1 1X2 2X1 1X2
1U1 1X1 2f1 1X2 1U1 2X2 1X1 7U2 1U1 2X1 2f2 2f1 2U1 qU2 1U1 zU2 1U1 1U2 1U1
4U2 3U1 1U2 1U1 3O1 6U1 1J1 2X1 1U1 3M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1
1M1 1G1 1M1 1G1 1U1 vU2 3U1 oU2 1U1 eU2 1U1 5M1 1G1 1U1 vM1 1G1 1M1 1G1 1M1
1G1 1M1 1G1 1M1 1G1 1U1 b7M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1 1M1
1G1 1M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1 1U1 1rM1 1G1 1M1 1G1 1U1 wM1 1G1 1U1
7xU2 2U1 1fU2 1U1 4U2 1U1 bdk0 3U1 7J1 1D1 3U1 1J1 1D1 1U1 34D1 1U1 ek0 1U1
2ok0 wO1 eD1 8U1 1D1 1M1 1D1 1U1 2O1 2U1 2O1 2M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1
1D1 4J1 1U1 1D1 2U1 1D1 2U1 5C1 2D1 3U1 1D1 2M1 1D1 8U1 1D1 1U1 1D1 2U1 3J1
2M1 1G1 1M1 1G1 1M1 1G1 1M1 1G1 1D1 1U1 yX2 qU2 1X2 2hU2 cX2 5yU2 qX2 cU2
4D2 1G2 2X2 2L2 1X2 2N2 1G2 1N2 1G2 1N2 1G2 1N2 1G2 1N2 1G2 1X2 2N2 1G2 1N2
1G2 1N2 1G2 1N2 1G2 1L2 1N2 1G2 2X2 ak0 4k2 2X2 5k2 1X2 5L2 2X2 2X1 1U2 1L2
1X2 1L2 1X2 1L2 1X2 1L2 1X2 1L2 1X2 pL2 1X2 vL2 1X2 1L2 1X2 1L2 1X2 6L2 1X2
6L2 2U2 2k0 2L2 4X2 1L2 2X2 1L2 1X2 1L2 1X2 1L2 1X2 1L2 1X2 pL2 1X2 vL2 1X2
1L2 1X2 1L2 1X2 6L2 1X2 6L2 2X2 4L2 4X2 1U2 5X2 17U2 1X2 2mU2 1X2 2cU2 cL2
gX2 vU2 1X2 14U1 8X2 5f4U1 1sX2 g7pL2 1X2 vrU2 3X2 1jU2 9U1 1aD1 2U1 7hD1
1J1 1D1 1U1 gQ1 aU1 1xk0 4U1 1k0 aU1 wk0 2U1 28k0 2U1 1D1 5U1 7ek0 1U1 3k0
1U1 4k0 1U1 nk1 2k0 2k1 1U1 4k0 1U1 bR1 1U1 1nE1 2J1 2U1 8k1 2U1 1ek1 gk0
2U1 8D1 2Q1 aU1 6k0 iU1 aE1 1U1 2k0 1Q1 aU1 sk0 8D1 2U1 nk0 bk1 2U1 cZ2 tU1
3k0 3k1 1U1 1bk0 1k1 2k0 4k1 2k0 2k1 3U1 6D1 3U1 6Q1 aU1 bU0 1U1 aQ1 aU1
1bk0 6k1 2k0 2k1 2k0 2U1 ck0 1U1 8k0 1k1 1U1 2Q1 aU1 3D1 3U1 sU0 1U1 1fU0
1U1 1U0 3U1 2U0 2U1 5U0 2U1 1U0 1U1 15k1 1k0 2k1 2D1 2U1 3k1 1k0 1U1 6kk1
2k0 1k1 2k0 1k1 2D1 1k1 1k0 1U1 2Q1 aU1 6n2 8mcU1 ca0 nU1 4b0 1dU1 6isX2
e8U1 tc1 1k0 1c1 aU1 1c1 dU1 1c1 5U1 1c1 1U1 1c1 2U1 1c1 2U1 1c1 aU1 dqG1
1M1 1U1 58R1 1U1 3k0 gP2 1G2 2P2 2J2 2N2 1G2 1K2 1U2 6k0 gX2 5N2 1G2 1N2 1G2
1N2 1G2 1N2 1G2 1N2 1G2 1N2 1G2 1N2 1G2 1N2 1G2 1X2 2N2 1G2 1X2 7G2 1X2 1G2
1U2 1L2 2J2 2X2 1N2 1G2 1N2 1G2 1N2 1G2 1X2 8U2 1X2 1S2 1R2 1X2 1U2 4U1 3zA0
1U2 1J2 1X2 2S2 1R2 1X2 2N2 1G2 1X2 2G2 1X2 1G2 1X2 bL2 2X2 3J2 1X2 rN2 1X2
1G2 1X2 tN2 1X2 1G2 1X2 1N2 1G2 1G1 1N1 1G1 2L1 1X1 1L1 aX1 19L1 2X1 vU1 3X1
6U1 2X1 6U1 2X1 6U1 2X1 3U1 3R2 1S2 1X2 3S2 2U1 ik0 3X1 1U1 77D1 3U1 6yk0
1U1 6ak0 1U1 45k0 5U1 10D1 1U1 1cD1 1U1 5rQ1 aU1 q5D1 1U1 5jD1 1U1 69k0 3U1
1k0 2U1 5k0 4U1 14k0 3U1 4k0 1U1 gD1 8U1 3xk0 2U1 9D1 6K1 1U1 1uD1 7U1 dgk0
4U1 8Q1 aU1 a9k0 2D1 1U1 48k0 bU1 1dk0 4U1 3ek1 1k0 1k1 1U1 1hk0 fD1 2U1 tQ1
ak0 1U1 2k0 2U1 ak0 3k1 1U1 19k1 3k0 4k1 2k0 2U1 2U0 1D1 4k0 1U1 aU0 1U1 yQ1
aU1 6k0 3U1 10k0 5k1 1k0 8U1 1Q1 aD1 4U1 1k1 2U1 18k0 1U1 1E1 1U1 ak0 2k1
1U1 1ck1 3k0 9k1 2U1 4D1 2U1 1D1 1k0 4U1 1k1 1k0 1Q1 aU1 1E1 1U1 1D1 3U1
24k1 3k0 3k1 2k0 1k1 1k0 2D1 2U1 1D1 2U1 1k0 1U1 2yD1 1U1 1hk0 1k1 3k0 8U1
5Q1 aU1 6k0 2k1 2U1 1jk0 2U1 1k1 2k0 1k1 4U1 2k1 2U1 2k1 3U1 9k1 1U1 ak1 2U1
2k0 7U1 3k0 5U1 5ck1 3k0 8k1 2k0 3k1 1k0 1U1 4D1 4U1 1Q1 aD1 2U1 2k0 1U1
29k1 3k0 6k1 1k0 1k1 4k0 2k1 1k0 2U1 cQ1 aU1 5xk1 3k0 4U1 2k1 4k0 2k1 1k0
2E1 1D1 2J1 2U1 3D1 fU1 4k0 2U1 2ak1 3k0 8k1 2k0 1k1 1k0 2D1 2U1 dQ1 aU1 6E1
dU1 1qk0 1k1 1k0 1k1 2k0 6k1 1k0 1U1 8Q1 aU1 2bU0 3U1 2U0 4U1 1U0 5U1 4Q1
aU1 2D1 3U1 6lk1 3k0 9k1 1k0 2U1 4lQ1 aU1 1yk1 6U1 1k1 2U1 2k0 2k1 1k0 1U1
1k1 1U1 1k1 1k0 1D1 3U1 9Q1 aU1 3bk1 3k0 4U1 2k0 2k1 4k0 1U1 1E1 1U1 1k1 1U1
sk0 6k1 2k0 2U1 14k0 6k1 1U1 1k0 4E1 1U1 1D1 4E1 1U1 1k0 1U1 9k0 6k1 2k0 3U1
1ak0 dk1 1k0 2D1 3U1 1E1 3D1 2U1 b0k1 1k0 7U1 1k0 6k1 2U1 1D1 5U1 aQ1 aU1
mE1 1J1 1U1 wk0 mU1 1k1 1k0 7k1 1k0 2k1 1k0 2U1 3ek0 6U1 3k0 1U1 1k0 2U1 1k0
7U1 1k0 1U1 8Q1 aU1 1ck1 5U1 1k0 2U1 1k1 2k0 1k1 1k0 1U1 8Q1 aU1 95k0 2k1
2U1 6eR1 4U1 uD1 1U1 vkD1 5U1 2qrM1 3G1 3U1 10G1 1U1 3M1 1G1 1M1 1G1 1U1
6nM1 1G1 2U1 50B0 7M0 1G0 1U1 3h1M1 1G1 1U1 780Q1 aU1 4D1 2U1 28Q1 aU1 12k0
5D1 1U1 1mk0 7D1 3U1 aD1 1U1 bQ1 aU1 n1D1 2U1 52k0 1U1 1k1 1jU1 7k0 4U1 25L2
4B0 1U1 bk2 2U1 eX2 4qgU1 8X2 lcU2 d2U1 16X2 9U1 6w7U2 4U1 1U2 7U1 1U2 2U1
1X2 83U1 19L2 3U1 hL2 4U1 8X2 b0U1 1whk0 2D1 1k0 4U1 3mkk0 1aU1 2k0 nU1 f2k1
2k0 3U1 3k1 6k0 gU1 2k0 7U1 uk0 4U1 44k0 3U1 13dQ1 1eU1 e8k0 1jU1 4k0 1eU1
8k0 1U1 ek0 1U1 2D1 4U1 gk0 5U1 1k0 fU1 11sk0 7U1 1k0 hU1 2k0 7U1 1k0 2U1
1k0 5U1 79k0 7U1 9Q1 aU1 9wk0 1U1 1pk0 4Q1 aU1 5S1 1U1 15ck0 7U1 31k0 7U1
5Q1 aU1 4M1 2U1 ngR1 1U1 3R1 1U1 njX1 4X2 1X1 13Y1 4X1 2sY1 cX1 fY1 2X1 fY1
1X1 eX2 1Y1 1X1 11Y1 aU1 dX1 3U1 2lX1 3U1 uU2 1U1 2U2 aU1 iX1 1Y1 1kd1 qX2
3Y2 dX2 18Y2 4X2 9Y2 7X2 2Y2 eX2 6Y2 4aX2 xX1 cX2 9X1 1X2 1yX1 1X2 7f2 1X2
eX1 8U1 2X1 2X2 lU2 2X2 5U2 1X2 5f2 3X2 2f2 1X2 2f2 1f1 2X1 2X2 5X1 cX2 hX1
3X2 1X1 3X2 3g2 5X2 1rX1 1X2 1X1 1f2 2X2 2f2 bX2 lf2 jX2 3f2 1X2 4f2 3X2 1f2
3X2 7f2 1X2 1f2 1X2 eU2 1X2 1U2 1X2 1U2 1X2 5f2 1X2 4U2 1X2 1U2 2X2 22X1 2X2
1U2 7X2 gU2 eX2 dU2 cU1 cX1 1X2 4X1 1X2 oX1 cf1 2X1 4f2 1X1 lf1 1X1 4f2 2X1
dX2 1X1 1bU1 8X1 oU1 6X1 1X2 22f2 3X2 3f2 5U1 12O1 3L1 3U1 4X2 zf2 1X2 gf2
3X2 9f2 1X2 5X1 6f2 1X1 3X2 3X1 2X2 3Y1 5X2 3X1 bX2 2Y1 3X1 4X2 9Y1 3U1 38Y1
cU1 2dX1 4Y1 7X2 cY1 4X2 1Y1 fU1 cY1 4U1 1kY1 8U1 aY1 6U1 14Y1 8U1 uY1 2X1
2Y1 26U1 cf2 1X2 2f2 1X2 8f2 8X2 6f2 1X2 9f2 aX2 1X1 1f2 3X2 7X1 1X2 1cf2
1X2 1pf2 2X2 1f2 2X2 1f2 1X2 hf2 3X2 1f2 dX2 yU1 2cY1 cX1 eY1 2X2 5Y1 3X2
5Y1 3X2 7Y1 9X2 tY1 3X2 bY1 5X2 3f2 3Y1 aX2 aY1 6X2 8Y1 8f2 7Y1 9U1 6oQ1 aU1
6Y1 seU1 2X2 1ekeU2 2X2 1ekeU2 2U1 e1ohk0 1U1 uk0 2oU1 3kk0 6oU1
"""


def _build_tables() -> tuple[bytearray, bytearray, bytearray]:
    """Expand _LB_DATA into class, width and packed ``class * 3 + width`` tables."""
    props = bytearray(0x110000)
    widths = bytearray(0x110000)
    packed = bytearray(0x110000)
    runs = []
    start = 0
    for token in _LB_DATA.split():
        start += int(token[:-2], 36)
        runs.append((start, token[-2], int(token[-1])))
    runs.append((0x110000, "A", 0))
    for (start, letter, width), (end, _, _) in zip(runs, runs[1:]):
        widths[start:end] = bytes((width,)) * (end - start)
        if letter == _HANGUL_LETTER:
            for code in range(start, end):
                props[code] = _H2 if (code - 0xAC00) % 28 == 0 else _H3
                packed[code] = props[code] * 3 + width
            continue
        prop = _CLASS_LETTERS.index(letter)
        if prop == _ZWJ_TABLE:
            prop = _ZWJ
        props[start:end] = bytes((prop,)) * (end - start)
        packed[start:end] = bytes((prop * 3 + width,)) * (end - start)
    return props, widths, packed


# Classes with rules beyond the pair table (combining marks, joiners, regional indicators,
# Hebrew hyphenation, mandatory breaks): text holding one takes the exact path.
_COMPLEX_CLASSES = frozenset((_CM, _ZWJ, _ZW, _RI, _HL, _BK, _CR, _LF))

_PROP, _WIDTH, _PACKED = _build_tables()
# The packed table as text, so that str.translate looks up every character in C.
_PACKED_TEXT = _PACKED.decode("latin-1")
# Byte tables for bytes.translate over packed values: class, width, and the packed values
# of simple classes (deleting them leaves the tricky ones); classes of ASCII bytes.
_PACKED_PROP = bytes(min(v // 3, 255) for v in range(256))
_PACKED_WIDTH = bytes(v % 3 for v in range(256))
_SIMPLE_PACKED = bytes(v for v in range(256) if v // 3 not in _COMPLEX_CLASSES)
_ASCII_PROPS = bytes(_PROP[v] if v < 128 else 0 for v in range(256))
