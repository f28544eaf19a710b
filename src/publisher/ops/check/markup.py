"""The inline markup of a translation against its source's: links, images, code spans,
footnote references, raw HTML, emphasis and line breaks.

These are the structure checks of ``publisher check``, and the ones ``publisher import`` holds
a translation to before it takes it (:func:`markup_errors`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.token import Token

from publisher.lang.codes import localised_url
from publisher.lang.text import addresses, may_hold_address
from publisher.source.markdown import parse_inline, parser
from publisher.source.plaintext import plain_text, tokens_text

__all__ = [
    "ERROR",
    "WARNING",
    "Inline",
    "inline",
    "markup_problems",
    "markup_errors",
    "structure_advice",
]

ERROR, WARNING = "error", "warning"

#: A link reference definition: label, destination, title.
References = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class Inline:
    """The inline elements of a text, as counts."""

    links: Counter
    """Link destinations (inline, reference and autolinks)."""
    autolinks: Counter
    """The destinations of ``<https://…>`` autolinks among them."""
    bare: Counter
    """Addresses written as text, outside links, as the destination a link to them has."""
    images: Counter
    """Image sources."""
    code: Counter
    """Code spans, as their content."""
    footnotes: Counter
    """Footnote reference labels."""
    html: Counter
    """Raw inline HTML tags."""
    emphasis: int
    """Emphasised and strong passages that render as such."""
    breaks: int
    """Hard line breaks."""
    text: str
    """Readable text: no markup, code, URLs or footnote references."""
    raw: str
    """Text with URLs and e-mail addresses left in (still no markup or code)."""


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


# Footnote references: parsed without their definitions they are plain text, so find them
# in the text tokens.
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


# What inline Markdown, an address or a line break needs: text without any of these is
# read as it stands (most translations of prose), with nothing to parse.
_MARKUP = re.compile(r"[\\`*_\[\]<>!&^~|\n\r]")


# The counts of plain text: one empty Counter for all (an Inline is shared through the
# cache below, so nothing changes its counters in place).
_NONE: Counter = Counter()


@lru_cache(maxsize=4096)
def inline(text: str, references: References = ()) -> Inline:
    """The inline elements of ``text``, ``[text][label]`` resolved through ``references``."""
    if not _MARKUP.search(text) and not may_hold_address(text):
        none = _NONE
        return Inline(none, none, none, none, none, none, none, 0, 0, text, text)
    env = (
        {"references": {label: {"href": href, "title": title} for label, href, title in references}}
        if references
        else None
    )
    children = parse_inline(text.replace("\n", "\\\n"), env)
    tokens = list(_walk(children))
    kinds = Counter(t.type for t in tokens)
    # Code and inline HTML stand as one mark, so that text around them stays apart.
    raw = "".join(
        t.content if t.type == "text" else "\ufffc"
        for t in tokens
        if t.type in ("text", "code_inline", "html_inline")
    )
    return Inline(
        links=Counter(str(t.attrGet("href")) for t in tokens if t.type == "link_open"),
        autolinks=Counter(
            str(t.attrGet("href")) for t in tokens if t.type == "link_open" and t.info == "auto"
        ),
        bare=_bare_addresses(tokens),
        images=Counter(str(t.attrGet("src")) for t in tokens if t.type == "image"),
        code=Counter(t.content for t in tokens if t.type == "code_inline"),
        footnotes=Counter(_FOOTNOTE.findall(raw)),
        html=Counter(t.content for t in tokens if t.type == "html_inline"),
        emphasis=kinds["em_open"] + kinds["strong_open"],
        breaks=kinds["hardbreak"],
        # Without line breaks the parse above is the one plain_text would make.
        text=_FOOTNOTE.sub(" ", plain_text(text) if "\n" in text else tokens_text(children)),
        raw=_FOOTNOTE.sub("", raw),
    )


def _bare_addresses(tokens: list[Token]) -> Counter:
    found: Counter = Counter()
    depth = 0
    for token in tokens:
        if token.type in ("link_open", "link_close"):
            depth += token.nesting
        elif token.type == "text" and not depth:
            for address in addresses(token.content):
                mail = "@" in address and "://" not in address
                found[parser().normalizeLink(f"mailto:{address}" if mail else address)] += 1
    return found


def _pair_off(
    left: Counter, right: Counter, same: Callable[[str, str], bool]
) -> tuple[Counter, Counter]:
    """``left`` and ``right`` without the pairs ``same(l, r)`` makes (each item paired once)."""
    left, right = Counter(left), Counter(right)
    for item in sorted(left.elements()):
        partner = next((other for other in sorted(+right) if same(item, other)), None)
        if partner is not None:
            left[item] -= 1
            right[partner] -= 1
    return +left, +right


def _links_changed(
    source: Inline, target: Inline, same: Callable[[str, str], bool]
) -> tuple[Counter, Counter]:
    """The link targets the translation lacks and adds, but for the ways of writing one
    address: an autolink ``<https://…>`` for an address left as text (CommonMark does not
    link bare addresses) and the reverse, and ``same`` (a localised address)."""
    missing, extra = source.links - target.links, target.links - source.links
    auto = missing & source.autolinks
    missing = missing - auto + _pair_off(auto, target.bare, same)[0]
    auto = extra & target.autolinks
    extra = extra - auto + _pair_off(source.bare, auto, same)[1]
    return _pair_off(missing, extra, same)


def _missing(source: Counter, target: Counter) -> list[str]:
    return sorted((source - target).elements())


def _extra(source: Counter, target: Counter) -> list[str]:
    return sorted((target - source).elements())


def markup_problems(
    msgid: str,
    msgstr: str,
    references: References = (),
    source_language: str = "",
    language: str = "",
) -> Iterator[tuple[str, str, str]]:
    """Each (severity, code, message) for what ``msgstr`` changes of ``msgid``'s markup.

    A link or image may lead to the page in the translation's language: ``/en-us/`` in the
    source, ``/ja-jp/`` in a Japanese translation (see :func:`localised_url`).
    """
    source = inline(msgid, references)
    target = inline(msgstr, references)
    if _unmarked(source) and _unmarked(target) and not _shows_markers(target.text):
        return  # prose on both sides (most entries): nothing below could differ

    def same(old: str, new: str) -> bool:
        return old == new or localised_url(old, new, source_language, language)

    missing, extra = _links_changed(source, target, same)
    for url in sorted(missing.elements()):
        yield ERROR, "link-target", f"the link target {url} is missing from the translation"
    for url in sorted(extra.elements()):
        yield ERROR, "link-target", f"the translation links to {url}, which the source does not"
    images = _pair_off(source.images - target.images, target.images - source.images, same)[0]
    for src in sorted(images.elements()):
        yield ERROR, "image", f"the image {src} is missing from the translation"
    for code in _missing(source.code, target.code):
        yield ERROR, "code", f"the code `{code}` must appear unchanged in the translation"
    for label in _missing(source.footnotes, target.footnotes):
        yield ERROR, "footnote", f"the footnote reference [^{label}] is missing"
    for label in _extra(source.footnotes, target.footnotes):
        yield ERROR, "footnote", f"the footnote reference [^{label}] is not in the source"
    for tag in _missing(source.html, target.html):
        yield ERROR, "html", f"the HTML tag {tag} is missing from the translation"
    for tag in _extra(source.html, target.html):
        yield ERROR, "html", f"the HTML tag {tag} is not in the source and will be shown as text"
    if target.emphasis < source.emphasis and re.search(r"(?<!\\)[*_]", target.text):
        yield (
            ERROR,
            "emphasis",
            (
                "emphasis markers (* or _) do not pair up in the translation, so they show as "
                "text; next to Japanese or Korean brackets and punctuation put them inside the "
                "brackets, as in 「**地方創生**」は"
            ),
        )
    elif _shows_markers(target.text) and not _shows_markers(source.text):
        yield (
            WARNING,
            "emphasis",
            (
                "an emphasis marker (* or _) shows as text in the "
                "translation: check that each one has its pair"
            ),
        )
    elif target.emphasis != source.emphasis and not _shows_markers(source.text):
        # (when the source's own markers show as text, its count says nothing)
        passages = _count(source.emphasis, "emphasised passage")
        yield WARNING, "emphasis", (f"the source has {passages}, the translation {target.emphasis}")
    if target.breaks != source.breaks:
        yield (
            WARNING,
            "line-breaks",
            (
                f"the source has {_count(source.breaks, 'line break')}, "
                f"the translation {target.breaks}"
            ),
        )


_LITERAL_MARKERS = re.compile(r"(?<!\\)(?:\*|__)")


def _shows_markers(text: str) -> bool:
    """Does ``text`` hold a ``*`` or ``__`` with no backslash before it (looked for only where
    one of them is: a look-behind at its start keeps a pattern from skipping ahead)?"""
    return ("*" in text or "__" in text) and _LITERAL_MARKERS.search(text) is not None


def _unmarked(text: Inline) -> bool:
    """No link, address, image, code, footnote reference, HTML, emphasis or line break."""
    return not (
        text.links
        or text.bare
        or text.images
        or text.code
        or text.footnotes
        or text.html
        or text.emphasis
        or text.breaks
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def structure_advice(msgid: str, msgstr: str) -> str:
    """Why a translation that was left out (see ``reassemble``) did not fit the page."""
    source, target = inline(msgid), inline(msgstr)
    if source.footnotes != target.footnotes:
        return (
            "the translation would change the page's structure and is left out: its "
            "footnote references differ from the source's, so a note would vanish from "
            "the page or a wrong one appear; keep each [^label] of the source"
        )
    return (
        "the translation would change the page's structure and is left out: keep it to "
        "one block of text, as in the source"
    )


def markup_errors(
    msgid: str,
    msgstr: str,
    references: References = (),
    source_language: str = "",
    language: str = "",
) -> list[str]:
    """What a translation breaks of its source's inline markup (links, images, code,
    footnote references, HTML, emphasis that no longer pairs up), in words: the checks an
    imported translation must pass. Without the two languages, an address localised from
    any language to any other is taken as the source's."""
    found = markup_problems(msgid, msgstr, references, source_language, language)
    return [text for severity, _, text in found if severity == ERROR]
