"""The PO file grammar that reading and writing share, as GNU gettext 0.21 defines it.

String escapes, ``#:`` references (how GNU splits, reads and packs them, Solaris-style
``# File: x, line: 12`` comments included) and ``#,`` flag tokens. :mod:`publisher.po.read`
and :mod:`publisher.po.write` both use these, so a file read and written back says the same.
"""

from __future__ import annotations

import re

__all__ = [
    "ESCAPES",
    "NEEDS_ESCAPE",
    "UNESCAPE",
    "SIMPLE_ESCAPES",
    "FLAG_SPLIT",
    "SOLARIS_REFERENCE",
    "parse_references",
    "reference_strings",
    "unique_references",
    "reference_lines",
    "split_solaris_references",
    "gnu_line_number",
    "flag_tokens",
]

# --------------------------------------------------------------------------- strings

#: What the writer escapes, and how.
ESCAPES = str.maketrans(
    {
        "\a": "\\a",
        "\b": "\\b",
        "\f": "\\f",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\v": "\\v",
        "\\": "\\\\",
        '"': '\\"',
    }
)
NEEDS_ESCAPE = re.compile('[\a\b\f\n\r\t\v\\\\"]')
#: What the reader resolves: a simple escape, an octal or hex byte, or anything else (an
#: error).
UNESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|\Z))", re.S)
SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "b": "\b",
    "r": "\r",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}

# ------------------------------------------------------------------------ references

# "File: name, line: 12" as GNU's po_parse_comment_solaris_filepos accepts it, in a
# translator comment (after the "# " that starts the line).
SOLARIS_REFERENCE = re.compile(
    r"[Ff]ile:[ \t]*(.*?)[ \t]*,[ \t]*line[ \t]*(?:number[ \t]*)?:([0-9]+)[ \t\n]*\Z", re.S
)


def split_solaris_references(comments: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Separate translator comments GNU would read back as Solaris-style references."""
    kept, refs = [], []
    for comment in comments:
        match = SOLARIS_REFERENCE.match(comment) if "\n" not in comment else None
        if match:
            line = gnu_line_number(match.group(2))
            refs.append(match.group(1) + (f":{line}" if line is not None else ""))
        else:
            kept.append(comment)
    return kept, refs


_PLAIN_REFERENCE = re.compile(r"(?!\./)[^\s:]+:[1-9][0-9]{0,8}")


def reference_lines(references: list[str], page_width: int) -> list[str]:
    """``#:`` lines packed as GNU packs them (columns counted in bytes)."""
    if all(_PLAIN_REFERENCE.fullmatch(ref) for ref in references):
        # The usual "file:line" references read back as themselves: skip GNU's parser.
        positions: list[tuple[str, int | None]] = [(ref, None) for ref in dict.fromkeys(references)]
    else:
        positions = unique_references(" ".join(references))
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
        assert token is not None  # pos is not a separator: a token starts there
        name, number, pos = _reference_at(text, token.start(), token.end())
        positions.append((name, number))
    return positions


# The references most files hold: "file:line" tokens after single spaces, each line number
# as GNU prints it (no leading zero, far from overflow). They read as written.
_PLAIN_REFERENCES = re.compile(r"(?: [^ \t\n:]+:[1-9][0-9]{0,17})+ *")


def reference_strings(text: str) -> list[str]:
    """The references of a ``#:`` comment's text as ``file:line`` (or ``file``) strings, as
    :func:`parse_references` reads them."""
    if _PLAIN_REFERENCES.fullmatch(text):
        return [token for token in text.split(" ") if token]  # (GNU splits at " \t\n" only)
    return [
        name if number is None else f"{name}:{number}" for name, number in parse_references(text)
    ]


def unique_references(text: str) -> list[tuple[str, int | None]]:
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
            return text[start:stop], gnu_line_number(digits.group()), digits.end()
    # "file: 12" -- the token ends with the colon.
    if text[stop - 1] == ":":
        digits = _DIGITS_RE.match(text, _skip_ref_space(text, stop))
        if digits and _ends_ref_token(text, digits.end()):
            return text[start : stop - 1], gnu_line_number(digits.group()), digits.end()
    # "file:12" -- a colon and digits at the end of the token, the file name not empty.
    token = text[start:stop]
    match = _TRAILING_LINE_RE.search(token)
    if match and match.start() >= 1:
        return token[: match.start()], gnu_line_number(match.group(1)), stop
    return token, None, stop


def _skip_ref_space(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not a reference separator."""
    while pos < len(text) and text[pos] in _REF_SPACE:
        pos += 1
    return pos


def _ends_ref_token(text: str, pos: int) -> bool:
    """True when a reference token may end at ``pos``."""
    return pos >= len(text) or text[pos] in _REF_SPACE


def gnu_line_number(digits: str) -> int | None:
    """The line number GNU prints for ``digits`` (a size_t printed as long), or None."""
    value = int(digits) % 2**64
    if value == 2**64 - 1:  # (size_t) -1 is GNU's "no line number"
        return None
    return value - 2**64 if value >= 2**63 else value


# ----------------------------------------------------------------------------- flags

#: What separates the flags of a ``#,`` line.
FLAG_SPLIT = re.compile(r"[\n \t\r\f\v,]+")


def flag_tokens(text: str) -> tuple[str, ...]:
    """The flags of a ``#,`` line: split at commas and whitespace, "range: a..b" kept whole.

    >>> flag_tokens(" fuzzy, c-format,range: 1..3")
    ('fuzzy', 'c-format', 'range: 1..3')
    """
    tokens = [t for t in FLAG_SPLIT.split(text) if t]
    flags = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "range:" and i + 1 < len(tokens):
            flags.append(f"range: {tokens[i + 1]}")
            i += 2
        else:
            flags.append(tokens[i])
            i += 1
    return tuple(flags)
