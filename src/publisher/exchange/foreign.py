"""Translations from other tools' catalogs, and how their source texts are compared with ours.

Catalogs made by mdbook-i18n-helpers, Sphinx, po4a, translate-toolkit, mdpo or Weblate are
material to harvest, not the project's own: they are read leniently with polib. Their msgids
cut and spell Markdown in their own ways, so a unit is recognised by its meaning, not its
bytes: :func:`canonical` renders inline Markdown to the HTML a reader gets (so ``_x_`` is
``*x*``, ``&amp;`` is ``&``, ``[x][1]`` is ``[x](url)``), joins line breaks however they are
spelt, and drops the spaces other tools put between Japanese or Korean characters when
they join lines; the block markers some tools keep (``## ``, ``- ``, ``> ``) are taken off
first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.errors import ContentError, PublisherError
from publisher.exchange.placeholders import Placeholder, protect
from publisher.lang.text import is_cjk
from publisher.source.markdown import parse_inline, parser
from publisher.source.segment import segment

__all__ = [
    "Offer",
    "read_foreign_po",
    "canonical",
    "strip_markers",
    "link_only",
    "our_breaks",
    "blocks",
    "numbered_links",
    "NUMBERED",
]


@dataclass(frozen=True, slots=True)
class Offer:
    """One translation found in a file to import."""

    msgid: str
    msgstr: str
    fuzzy: bool
    file: str
    """The file, as the user named it."""
    line: int
    """The line of its msgid (or unit) in that file."""
    language: str = ""
    """The language of the translation, when the file says it."""


def read_foreign_po(path: Path, name: str) -> tuple[str, list[Offer]]:
    """The ``Language`` header and the translations of a PO file made by any tool."""
    import polib

    try:
        catalog = polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise PublisherError(
            f"not a catalog polib can read ({error})",
            name,
            hint="check the file with 'msgfmt --check'",
        ) from None
    language = catalog.metadata.get("Language", "")
    lines = path.read_text(encoding=catalog.encoding or "utf-8", errors="replace").split("\n")
    offers = [
        Offer(
            entry.msgid,
            entry.msgstr,
            entry.fuzzy,
            name,
            _msgid_line(lines, entry.linenum),
            language,
        )
        for entry in catalog
        if not entry.obsolete and entry.msgstr and entry.msgid and not entry.msgid_plural
    ]  # (a context is each tool's own: translate-toolkit's, say, is where a repeat stands)
    return language, offers


def _msgid_line(lines: list[str], first: int) -> int:
    """The line of an entry's ``msgid`` keyword (polib gives the entry's first line)."""
    line = first
    while line <= len(lines) and not lines[line - 1].startswith("msgid "):
        line += 1
    return line if line <= len(lines) else first


_MARKER = re.compile(r"\A(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")
_CLOSING = re.compile(r"[ \t]+#+[ \t]*\Z")


def strip_markers(text: str) -> str:
    """``text`` without the block marker some tools keep at its start (a heading's ``## ``,
    a list item's ``- ``, a quote's ``> ``), nor an ATX heading's closing ``#``s."""
    stripped = _MARKER.sub("", text, count=1)
    if stripped != text and text.startswith("#"):
        stripped = _CLOSING.sub("", stripped)
    return stripped


_BREAKS = re.compile(r"(?: {2,}|\\)?\n")


def our_breaks(text: str) -> str:
    """Hard line breaks spelt as this tool's msgids spell them: a bare newline."""
    return _BREAKS.sub("\n", text)


_SPACE = re.compile(r"\s+")


def canonical(text: str, references: Mapping[str, Any] | None = None) -> str:
    """What a reader gets of an inline Markdown text, for comparing two spellings of it:
    rendered to HTML (``references``: the report's link reference definitions), with
    whitespace collapsed and no space between two CJK characters."""
    env: dict[str, Any] = {"references": dict(references or {})}
    rendered = parser().renderer.render(parse_inline(our_breaks(text), env), parser().options, env)
    rendered = html.unescape(_SPACE.sub(" ", rendered.replace("<br />", " ")).strip())
    return "".join(_without_cjk_spaces(rendered))


def _without_cjk_spaces(text: str) -> Iterator[str]:
    for index, char in enumerate(text):
        if (
            char == " "
            and 0 < index < len(text) - 1
            and is_cjk(text[index - 1])
            and is_cjk(text[index + 1])
        ):
            continue
        yield char


def link_only(msgid: str) -> tuple[str, str, str] | None:
    """For a unit that is one link and nothing else, its opening (``[``), its text and its
    closing (``](url)``), so that a tool's translation of the link text alone can be placed
    in it; None for any other unit."""
    if not msgid.startswith("[") or ("](" not in msgid and "][" not in msgid):
        return None
    tokens = parse_inline(msgid)
    if len(tokens) < 3 or tokens[0].type != "link_open" or tokens[-1].type != "link_close":
        return None
    if any(t.type in ("link_open", "link_close") for t in tokens[1:-1]):
        return None
    depth, position = 0, 0
    while position < len(msgid):  # the "]" that closes the link text
        char = msgid[position]
        if char == "\\":
            position += 2
            continue
        depth += (char == "[") - (char == "]")
        if depth == 0:
            return "[", msgid[1:position], msgid[position:]
        position += 1
    return None


_PLACE = Path("<import>")


def blocks(offer: Offer) -> list[Offer]:
    r"""An offer read as Markdown blocks, one offer per block in this tool's spelling of a
    unit: a tool that makes one entry of a whole list, or keeps a list item's marker and its
    wrapped lines, gives the units this tool would have made. The pieces are paired in order,
    and only when the source and the translation have the same blocks, of the same kinds;
    anything else gives no pieces.

    >>> pieces = blocks(Offer("* One.\n* Two.", "* 하나.\n* 둘.", False, "x", 1))
    >>> [(o.msgid, o.msgstr) for o in pieces]
    [('One.', '하나.'), ('Two.', '둘.')]
    >>> [(o.msgid, o.msgstr) for o in blocks(Offer("2. Go\n   on.", "2. 계속", False, "x", 1))]
    [('Go on.', '계속')]
    >>> blocks(Offer("* One.\n* Two.", "* 하나와 둘.", False, "x", 1))
    []
    """
    try:
        source = segment(_referenced(offer.msgid), _PLACE).units
        target = segment(_referenced(offer.msgstr), _PLACE).units
    except ContentError:
        return []
    if not source or [u.kind for u in source] != [u.kind for u in target]:
        return []
    if len(source) == 1 and source[0].msgid == offer.msgid:
        return []
    return [
        Offer(piece.msgid, translated.msgid, offer.fuzzy, offer.file, offer.line, offer.language)
        for piece, translated in zip(source, target, strict=True)
    ]


_NOTE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


def _referenced(text: str) -> str:
    """``text`` with a call of each footnote it defines (a definition no call refers to is
    not read as a footnote); the calls add no unit."""
    labels = _NOTE.findall(text)
    return text + "".join(f"\n\n[^{label}]" for label in labels) if labels else text


NUMBERED = re.compile(r"\]\{(\d+)\}")
"""translate-toolkit's spelling of a link's or image's destination: ``[text]{1}``."""


def numbered_links(
    msgid: str, references: Mapping[str, Any] | None = None
) -> tuple[str, dict[str, str]]:
    """A unit as translate-toolkit writes it, each link's or image's destination (``](url)``,
    ``][label]``) numbered in order as ``]{1}``, with whitespace collapsed; and what each
    number stands for. A unit with no link gives no numbers.

    >>> numbered_links("[![Logo](logo.png)](https://x.org)   now")
    ('[![Logo]{1}]{2} now', {'1': '](logo.png)', '2': '](https://x.org)'})
    """
    parts: list[str] = []
    numbers: dict[str, str] = {}
    env = {"references": dict(references or {})}
    for part in protect(msgid, env):
        if isinstance(part, Placeholder) and part.text[:2] in ("](", "]["):
            number = str(len(numbers) + 1)
            numbers[number] = part.text
            parts.append(f"]{{{number}}}")
        else:
            parts.append(part if isinstance(part, str) else part.text)
    return _SPACE.sub(" ", "".join(parts)).strip(), numbers
