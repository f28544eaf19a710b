"""Translations are untrusted input: what of a translation's raw HTML, inline footnotes and
links may reach an edition.

Raw HTML that the source text does not have is escaped, and a link to ``javascript:``,
``data:`` and the like is never made, however it is spelt (escaped colons, entities,
full-width forms, invisible characters), because the Markdown edition may later be rendered
by a tool that trusts every link.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

from markdown_it.token import Token

from publisher.source.markdown import UNSAFE_URL, parse_inline

__all__ = ["sanitise", "safe"]


def _html_tags(text: str) -> set[str]:
    return set(_html_list(text))


def _html_list(text: str) -> list[str]:
    return [t.content for t in parse_inline(text) if t.type == "html_inline"]


def _inline_notes(tokens: list[Token]) -> list[int]:
    """Where inline footnotes (``^[...]``) start; their text is kept away from the tokens."""
    return [t.meta["pos"] for t in tokens if t.type == "footnote_ref" and "pos" in t.meta]


def _sanitise_html(msgstr: str, msgid: str) -> str:
    """Escape raw HTML of a translation that its source text does not have.

    Escaping one tag can turn text inside it (a quoted attribute) into a tag of its own, so
    this repeats until the translation holds no HTML but the source's.
    """
    allowed = _html_tags(msgid) if "<" in msgid else set()
    unpaired = _unpaired(_html_list(msgid)) if allowed else Counter()
    notes_allowed = "^[" in msgid
    for _ in range(len(msgstr) + 1):
        tokens = parse_inline(msgstr)
        spans = [
            (t.meta["pos"], t.meta["end"])
            for t in tokens
            if t.type == "html_inline" and t.content not in allowed and t.meta
        ]
        escapes = {pos for start, end in spans for pos in range(start, end) if msgstr[pos] == "<"}
        if not notes_allowed:
            escapes.update(_inline_notes(tokens))
        if not escapes:
            if (
                allowed
                and not _unpaired([t.content for t in tokens if t.type == "html_inline"])
                <= unpaired
            ):
                allowed = set()  # the source's tags, but not closed as it closes them
                continue
            return msgstr
        for pos in sorted(escapes, reverse=True):
            msgstr = msgstr[:pos] + "\\" + msgstr[pos:]
    return msgstr


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>\Z", re.DOTALL)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


def _unpaired(tags: list[str]) -> Counter[str]:
    """The tags that do not close (or open) in order: an ``<a>`` left open would make the
    rest of the page one link (browsers carry it into the following blocks)."""
    stack: list[str] = []
    unpaired: Counter[str] = Counter()
    for tag in tags:
        match = _TAG.match(tag)
        if match is None:  # a comment, a declaration: nothing to pair
            continue
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if not closing:
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        else:
            unpaired["/" + name] += 1
    unpaired.update(stack)
    return unpaired


# A link or image destination, or an autolink, as another Markdown renderer would read it.
_DESTINATION = re.compile(
    r"(\]\s*)(\()\s*<?([^\s)>]*)|(<)([a-z][a-z0-9+.\-]{1,31}:[^\s<>]*)>", re.IGNORECASE
)


def _sanitise_links(msgstr: str, msgid: str) -> str:
    """Keep links to ``javascript:``, ``data:`` and the like out of the Markdown edition.

    Our own parser never links them, but the Markdown edition may be rendered by another
    tool later, so such a destination that the source text does not have loses its link
    syntax.
    """

    def neutral(match: re.Match) -> str:
        target = match.group(3) if match.group(2) else match.group(5)
        decoded = re.sub(r"[\x00-\x20]", "", html.unescape(target))
        if not UNSAFE_URL.match(decoded) or target in msgid:
            return match.group(0)
        if match.group(2):
            return match.group(1) + "\\(" + match.group(0)[len(match.group(1)) + 1 :]
        return "\\" + match.group(0)

    return _DESTINATION.sub(neutral, msgstr) if ":" in msgstr else msgstr


def sanitise(msgstr: str, msgid: str) -> str:
    """A translation with no HTML, inline footnote or unsafe link its source text lacks."""
    if "<" in msgstr or "^[" in msgstr:
        msgstr = _sanitise_html(msgstr, msgid)
    return _sanitise_links(msgstr, msgid)


def safe(placed: str, msgid: str) -> bool:
    """A last guard: the placed text has no raw HTML or inline footnote its source lacks,
    and no dangerous link however it is spelt."""
    if _schemes(placed) > _schemes(msgid):
        return False
    if "<" not in placed and "^[" not in placed:
        return True
    return _sanitise_html(placed.replace("\n", "\\\n"), msgid) == placed.replace("\n", "\\\n")


# Where a link destination starts for some Markdown renderer: after "](", "<" or "]:" (a
# reference definition), or at the start of a footnote's text (which a renderer without
# footnotes reads as the destination of the definition "[^1]: ...").
_DANGEROUS = re.compile(
    r"(?:\]\(|<|\]:)(?:javascript|vbscript|data|file):"
    r"|^(?:javascript|vbscript):"
)
_INVISIBLE_CHARS = r"\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff"
_INVISIBLE = re.compile(rf"[{_INVISIBLE_CHARS}]")
# What a dangerous destination needs: the last letter of a scheme (javascript, vbscript,
# data, file), then its colon, with nothing visible between.
_SCHEME_END = re.compile(rf"[tTaAeE][{_INVISIBLE_CHARS}]*:")


def _schemes(text: str) -> int:
    """How many dangerous link destinations ``text`` holds once backslash escapes, entities,
    full-width forms, case and invisible characters are seen through."""
    if ":" not in text and "&" not in text and "：" not in text:
        return 0
    seen = text.replace("\\", "")
    if "&" in seen:
        seen = html.unescape(seen)
    if not seen.isascii():
        seen = unicodedata.normalize("NFKC", seen)
    if not _SCHEME_END.search(seen):  # (most colons: "Note:", "10:30", a Japanese "：")
        return 0
    return len(_DANGEROUS.findall(_INVISIBLE.sub("", seen).lower()))
