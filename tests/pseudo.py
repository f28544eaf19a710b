"""Pseudo-translations for tests: text uppercased, markup and addresses left alone."""

from __future__ import annotations

import re

from markdown_it.token import Token

from publisher.source.markdown import parse_inline


def pseudo(msgid: str) -> str:
    """Uppercase the letters of a msgid that readers see as text.

    Works on the inline source: text tokens are located by re-scanning the msgid, so code
    spans, URLs, link destinations and raw HTML keep their exact bytes.
    """
    out, position = [], 0
    for piece in _texts(parse_inline(msgid)):
        found = msgid.find(piece, position)
        if found < 0:
            continue
        out.append(msgid[position:found])
        out.append(_upper(piece))
        position = found + len(piece)
    out.append(msgid[position:])
    return "".join(out)


# A footnote reference parsed without its note is text; its label is an identifier.
_FOOTNOTE_REF = re.compile(r"(\[\^[^\]\s]+\])")


def _upper(text: str) -> str:
    return "".join(part if index % 2 else part.upper()
                   for index, part in enumerate(_FOOTNOTE_REF.split(text)))


def _texts(tokens: list[Token]):
    for token in tokens:
        if token.type == "text" and token.content.strip():
            yield token.content
        elif token.type == "image":
            yield from _texts(token.children or [])
