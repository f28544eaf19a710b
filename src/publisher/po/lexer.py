"""The lexer of PO files: lines -> tokens, strings unescaped as GNU gettext's ``po-lex.c``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from publisher.errors import CatalogError
from publisher.po.encoding import codec_name
from publisher.po.grammar import SIMPLE_ESCAPES, UNESCAPE

__all__ = ["Lexer", "Token", "KEYWORD", "STRING", "COMMENT"]

#: Token kinds.
KEYWORD, STRING, COMMENT = 0, 1, 2


class Token(NamedTuple):
    """One token of a PO file. (A named tuple rather than a frozen dataclass: files have
    millions of them, and a dataclass triples the cost of making one.)"""

    kind: int
    """:data:`KEYWORD`, :data:`STRING` or :data:`COMMENT`."""
    value: str
    """The keyword, the unescaped string, or the comment text after ``#``."""
    plural: int | None
    """The N of ``msgstr[N]``."""
    line: int
    obsolete: bool
    """On a ``#~`` line."""
    previous: bool
    """On a ``#|`` (or ``#~|``) line."""


_KEYWORDS = frozenset(("msgctxt", "msgid", "msgid_plural", "msgstr"))
_PREVIOUS_KEYWORDS = frozenset(("msgctxt", "msgid", "msgid_plural"))

_STR = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
_KEYWORD_LINE_RE = re.compile(
    r"[ \t]*(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?[ \t]*" + _STR + r"[ \t]*\Z"
)
_STRING_LINE_RE = re.compile(r"[ \t]*" + _STR + r"[ \t]*\Z")
_TOKEN_RE = re.compile(
    r"""
    (?P<space>[ \t\r\f\v]+)
  | (?P<hash>\#)
  | (?P<string>"""
    + _STR
    + r""")
  | (?P<open>")
  | (?P<word>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<index>\[[ \t]*(?P<number>[0-9]*)[ \t]*\]?)
  | (?P<junk>.)
""",
    re.X,
)
_KEYWORD_LIKE_RE = re.compile(r'[ \t]*["\[]')

_ESCAPE_HINT = (
    'a backslash starts an escape sequence: write \\\\ for a backslash, \\" for a '
    "double quote, \\n for a new line and \\t for a tab"
)


class Lexer:
    """Tokens of a decoded PO text, with errors that name the line."""

    def __init__(self, text: str, path: Path | str, charset: str | None) -> None:
        self.text = text
        self.path = path
        self.charset = charset
        self.codec = codec_name(charset or "UTF-8") or "utf-8"  # known: the text is decoded

    def error(self, message: str, line: int, hint: str | None = None) -> CatalogError:
        """A CatalogError for this file."""
        return CatalogError(message, self.path, line, hint)

    def tokenize(self) -> list[Token]:
        """The tokens of the text, in order."""
        tokens: list[Token] = []
        append = tokens.append
        keyword_line = _KEYWORD_LINE_RE.match
        string_line = _STRING_LINE_RE.match
        unescape = self.unescape
        for number, line in enumerate(self.text.split("\n"), 1):
            if not line:
                continue
            obsolete = previous = False
            rest = line
            if line[0] == "#":
                second = line[1:2]
                if second == "~":
                    obsolete = True
                    rest = line[2:]
                    if rest[:1] == "|":
                        previous = True
                        rest = rest[1:]
                elif second == "|":
                    previous = True
                    rest = line[2:]
                else:
                    append(Token(COMMENT, line[1:], None, number, False, False))
                    continue
            match = keyword_line(rest)
            if match:
                keyword, index, value = match.groups()
                append(
                    Token(
                        KEYWORD,
                        keyword,
                        None if index is None else int(index),
                        number,
                        obsolete,
                        previous,
                    )
                )
                append(Token(STRING, unescape(value, number), None, number, obsolete, previous))
                continue
            match = string_line(rest)
            if match:
                append(
                    Token(
                        STRING, unescape(match.group(1), number), None, number, obsolete, previous
                    )
                )
                continue
            self.tokenize_line(rest, number, obsolete, previous, tokens)
        return tokens

    def tokenize_line(
        self, line: str, number: int, obsolete: bool, previous: bool, tokens: list[Token]
    ) -> None:
        """Tokenize a line the fast patterns did not cover, as GNU's lexer would."""
        pos = 0
        first = True
        last = None  # the token just appended from this line
        while pos < len(line):
            match = _TOKEN_RE.match(line, pos)
            assert match is not None  # the last alternative takes any character
            kind = match.lastgroup
            pos = match.end()
            if kind == "space":
                continue
            if kind == "hash":
                if line[pos : pos + 1] == "~":
                    obsolete = True
                    pos += 1
                    if line[pos : pos + 1] == "|":
                        previous = True
                        pos += 1
                elif line[pos : pos + 1] == "|":
                    previous = True
                    pos += 1
                else:
                    tokens.append(Token(COMMENT, line[pos:], None, number, obsolete, previous))
                    return
                continue
            if kind == "string":
                last = Token(
                    STRING, self.unescape(match.group(4), number), None, number, obsolete, previous
                )
            elif kind == "word":
                last = self.keyword_token(
                    match.group(), line, pos, number, obsolete, previous, first
                )
            elif (
                kind == "index"
                and last is not None
                and (last.kind, last.value, last.plural) == (KEYWORD, "msgstr", None)
            ):
                digits = match.group("number")
                if not digits or not match.group().endswith("]"):
                    raise self.error(
                        "invalid plural index: 'msgstr[' must be followed by a number and ']'",
                        number,
                        "write the plural translations as msgstr[0], msgstr[1], ...",
                    )
                tokens[-1] = last = Token(
                    KEYWORD, "msgstr", int(digits), number, obsolete, previous
                )
                continue
            elif kind == "open":
                raise self.error(
                    "unterminated string: the text that starts with '\"' here has no "
                    "closing '\"' on the same line",
                    number,
                    "end the string with a double quote on the same line; a double quote "
                    'inside the text is written \\", and a string continues on the next '
                    'line as a new "..." string.',
                )
            else:
                raise self.error(
                    f"text outside quotes: {line[match.start() :].strip()[:40]!r}",
                    number,
                    'every text must be inside double quotes, e.g. msgstr "text".',
                )
            tokens.append(last)
            first = False

    def keyword_token(
        self,
        word: str,
        line: str,
        pos: int,
        number: int,
        obsolete: bool,
        previous: bool,
        first: bool,
    ) -> Token:
        """The token of a keyword; refuse words that are not keywords."""
        known = _PREVIOUS_KEYWORDS if previous else _KEYWORDS
        if word in known:
            return Token(KEYWORD, word, None, number, obsolete, previous)
        if word == "domain" and not previous:
            raise self.error(
                "'domain' directives are not supported",
                number,
                "keep one catalog per file and remove the domain line.",
            )
        if previous and word == "msgstr":
            raise self.error(
                "a '#|' line cannot hold a msgstr",
                number,
                "'#|' lines only show the previous msgctxt, msgid and "
                "msgid_plural; remove this line.",
            )
        if first and _KEYWORD_LIKE_RE.match(line, pos):
            raise self.error(
                f"unknown keyword '{word}'",
                number,
                "the keywords are msgctxt, msgid, msgid_plural, msgstr and msgstr[N]; "
                "check the spelling.",
            )
        raise self.error(
            f"text outside quotes: {word!r}",
            number,
            'every text must be inside double quotes, e.g. msgstr "text".',
        )

    def unescape(self, raw: str, line: int) -> str:
        """The value of a string literal's contents, escapes resolved as GNU resolves them."""
        if "\\" not in raw:
            if "\x04" in raw:
                raise self.context_separator_error(line)
            return raw
        high_bytes = False

        def replace(match: re.Match) -> str:
            nonlocal high_bytes
            simple, octal, hexa, bad = match.groups()
            if simple is not None:
                return SIMPLE_ESCAPES[simple]
            if bad is not None:
                shown = "\\" + bad if bad else "a backslash at the end of the line"
                raise self.error(f"invalid escape sequence '{shown}'", line, _ESCAPE_HINT)
            value = int(octal, 8) if octal is not None else int(hexa, 16)
            value &= 0xFF  # GNU keeps the low byte
            if value == 0:
                raise self.error(
                    "a string cannot contain a NUL character (\\0)",
                    line,
                    "remove the escape sequence.",
                )
            if value >= 0x80:
                high_bytes = True
                return f"\x00{value:02x}\x00"  # marks a raw byte, resolved below
            return chr(value)

        value = UNESCAPE.sub(replace, raw)
        if high_bytes:
            value = self.decode_byte_escapes(value, line)
        if "\x04" in value:
            raise self.context_separator_error(line)
        return value

    def decode_byte_escapes(self, value: str, line: int) -> str:
        """Turn octal/hex escapes of non-ASCII bytes into characters of the file's charset."""
        parts = value.split("\x00")
        raw = bytearray()
        for i, part in enumerate(parts):
            raw += bytes((int(part, 16),)) if i % 2 else part.encode(self.codec)
        try:
            return raw.decode(self.codec)
        except UnicodeDecodeError:
            raise self.error(
                f"the escape sequences in this string do not form valid "
                f"{self.charset or 'UTF-8'} text",
                line,
                "write the characters themselves instead of octal or \\x escapes.",
            ) from None

    def context_separator_error(self, line: int) -> CatalogError:
        """The error for the EOT character GNU reserves as the msgctxt separator."""
        return self.error(
            "a string cannot contain the control character EOT (\\x04)",
            line,
            "remove it; gettext uses it to separate msgctxt from msgid.",
        )
