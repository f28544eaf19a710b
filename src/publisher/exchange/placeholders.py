"""Inline Markdown as prose and placeholders, so that a CAT tool cannot damage what is not prose.

A msgid such as ``See [the report](https://example.org/r) and `code`[^1]`` becomes text the
translator may change and placeholders the translator must keep (in any order)::

    "See " [1]"[" "the report" [2]"](https://example.org/r)" " and " [3]"`code`" [4]"[^1]"

What becomes a placeholder, each as its whole Markdown:

* a code span (backticks included), an autolink ``<https://…>``, a footnote reference
  ``[^1]`` and each raw inline HTML tag or comment;
* a link: its opening ``[`` and, separately, everything from its closing ``]`` to its end
  (``](dest "title")`` or ``][label]``), so the link text stays translatable and movable
  while the destination cannot be touched. The ``[`` is a placeholder too: a translator
  who dropped it would silently turn the link into literal text, and a missing
  placeholder is caught on import;
* an image likewise: ``![`` and ``](src "title")``, the alt text translatable;
* a shortcut or collapsed reference link (``[label]``, ``[label][]``) whole, because its
  text is its label: translating it would break the link;
* an inline footnote ``^[…]``: its ``^[`` and its ``]``, the note text translatable.

Emphasis markers, escapes, entities and line breaks stay text. Placeholders are numbered
"1", "2", … in order of appearance; every occurrence has its own number.

Where the parts are is decided by markdown-it-py's own inline rules (the parser of
:mod:`publisher.source.markdown`), run over the text exactly as the parser runs them, so
the split agrees with how the report is rendered. Without the document's link reference
definitions every ``[label]`` that could be a reference link is taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from publisher.source.markdown import parser

__all__ = [
    "Placeholder",
    "Segments",
    "PlaceholderError",
    "protect",
    "join",
    "restore",
    "align",
    "recovered",
    "normalise",
    "placeholders",
]


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A piece of inline Markdown that is not prose, kept as it is wherever it is put."""

    id: str
    """Its name in the segment: "1", "2", … in order of appearance in the source."""
    text: str
    """The Markdown it stands for (empty in a target whose tool dropped the content)."""


Segments = tuple[str | Placeholder, ...]
"""Text and placeholders in order: no empty texts, never two texts side by side."""


class PlaceholderError(Exception):
    """A translation's placeholders do not match its source's (the caller adds the place)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def protect(markdown: str, env: Mapping[str, Any] | None = None) -> Segments:
    """Split a msgid into prose and placeholders; ``join`` gives the msgid back.

    ``env`` is the document's parser environment (``Document.env``); only its link
    reference definitions are used.

    >>> protect("Use `make` or [the guide](g.md)")
    ('Use ', Placeholder(id='1', text='`make`'), ' or ', Placeholder(id='2', text='['), \
'the guide', Placeholder(id='3', text='](g.md)'))
    """
    source, origin = _normalised(markdown)
    spans: list[tuple[int, int]] = []
    _scan(StateInline(source, parser(), _environment(env), []), 0, len(source), spans)
    parts: list[str | Placeholder] = []
    position = 0
    for number, (start, end) in enumerate(spans, 1):
        if origin is not None:
            start, end = origin[start], origin[end]
        parts.append(markdown[position:start])
        parts.append(Placeholder(str(number), markdown[start:end]))
        position = end
    parts.append(markdown[position:])
    return normalise(parts)


def join(segments: Segments) -> str:
    """The Markdown of segments, each placeholder as the text it holds.

    >>> join(protect("a <b>c</b>"))
    'a <b>c</b>'
    """
    return "".join(s if isinstance(s, str) else s.text for s in segments)


def restore(segments: Segments, source: Segments) -> str:
    """The Markdown of a translated target: each placeholder as its source's text.

    Raises :class:`PlaceholderError` when the target lacks one of the source's
    placeholders, has one the source has not, or has one twice.

    >>> source = protect("Run `make`.")
    >>> restore(("「", Placeholder("1", ""), "」を実行。"), source)
    '「`make`」を実行。'
    """
    originals: dict[str, Placeholder] = {}
    for placeholder in placeholders(source):
        if placeholder.id in originals:
            raise PlaceholderError(f"the source has placeholder {placeholder.id} twice")
        originals[placeholder.id] = placeholder
    parts: list[str] = []
    seen: set[str] = set()
    for segment in segments:
        if isinstance(segment, str):
            parts.append(segment)
            continue
        if segment.id not in originals:
            raise PlaceholderError(
                f"the translation has placeholder {segment.id}, which the source does not have"
            )
        if segment.id in seen:
            raise PlaceholderError(f"the translation has placeholder {segment.id} twice")
        seen.add(segment.id)
        parts.append(originals[segment.id].text)
    missing = [p for key, p in originals.items() if key not in seen]
    if missing:
        listed = ", ".join(f"{p.id} ({_shown(p.text)})" for p in missing)
        noun = "placeholder" if len(missing) == 1 else "placeholders"
        raise PlaceholderError(f"the translation lacks {noun} {listed}")
    return "".join(parts)


def recovered(target: Segments, source: Segments) -> str:
    """A target's Markdown from another tool's memory: restored where it can be, else joined.

    A CAT tool may empty a placeholder or write its own shorthand for it; :func:`restore`
    puts back the source's text. When the target does not hold the source's placeholders
    one for one, its own text is the best there is.

    >>> source = (Placeholder("1", "`x`"), " runs")
    >>> recovered((Placeholder("1", ""), " が動く"), source)
    '`x` が動く'
    >>> recovered((Placeholder("9", "<g0>"), " が動く"), source)
    '<g0> が動く'
    """
    try:
        return restore(target, source)
    except PlaceholderError:
        return join(target)


def align(target: Segments, source: Segments) -> Segments:
    """A protected translation renumbered to share its source's placeholder ids.

    ``protect`` numbers a translation's placeholders in its own order; before it is written
    next to its source (XLIFF, TMX), each placeholder takes the id of the source's
    placeholder with the same text (the first one not yet taken). One the source does not
    have gets a new number after the source's, which :func:`restore` will refuse.

    >>> source = protect("`a` then `b`")
    >>> align(protect("`b` のあと `a`"), source)
    (Placeholder(id='2', text='`b`'), ' のあと ', Placeholder(id='1', text='`a`'))
    """
    free: dict[str, list[str]] = {}
    for placeholder in placeholders(source):
        free.setdefault(placeholder.text, []).append(placeholder.id)
    numbers = [int(p.id) for p in placeholders(source) if p.id.isascii() and p.id.isdigit()]
    fresh = max(numbers, default=0)
    parts: list[str | Placeholder] = []
    for segment in target:
        if isinstance(segment, Placeholder):
            ids = free.get(segment.text)
            if ids:
                segment = Placeholder(ids.pop(0), segment.text)
            else:
                fresh += 1
                segment = Placeholder(str(fresh), segment.text)
        parts.append(segment)
    return tuple(parts)


def normalise(parts: Iterable[str | Placeholder]) -> Segments:
    """Segments from parts in order: empty texts dropped, neighbouring texts joined.

    >>> normalise(["a", "", "b", Placeholder("1", "`c`"), ""])
    ('ab', Placeholder(id='1', text='`c`'))
    """
    result: list[str | Placeholder] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if result and isinstance(result[-1], str):
                result[-1] += part
                continue
        result.append(part)
    return tuple(result)


def placeholders(segments: Segments) -> tuple[Placeholder, ...]:
    """The placeholders of segments, in order."""
    return tuple(s for s in segments if isinstance(s, Placeholder))


def _shown(text: str, limit: int = 40) -> str:
    """A placeholder's text for a message: short, on one line."""
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _normalised(text: str) -> tuple[str, list[int] | None]:
    """The text as markdown-it-py sees it (line ends, NULs) and, when that changed its
    length, where each of its offsets lies in the original."""
    text_nul = text.replace("\0", "\ufffd")
    if "\r" not in text:
        return text_nul, None
    source: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(text_nul):
        char = text_nul[index]
        origin.append(index)
        if char == "\r":
            source.append("\n")
            index += 2 if text_nul.startswith("\n", index + 1) else 1
        else:
            source.append(char)
            index += 1
    origin.append(len(text))
    return "".join(source), origin


# -- Finding the parts: markdown-it-py's inline rules, run in validation ("silent") mode ----


_LINK_TARGET = {"href": "", "title": ""}


class _Labels:
    """Link reference definitions as the link rule reads them: the document's, or any
    label at all. ``[^…]`` is never one: it is a footnote reference."""

    def __init__(self, known: Mapping[str, Any] | None) -> None:
        self.known = known

    def get(self, label: str, default: Any = None) -> Any:
        if not label or label.startswith("^"):
            return default
        return _LINK_TARGET if self.known is None else self.known.get(label, default)


class _AnyFootnote:
    """Footnote labels as the footnote rule reads them: every ``[^label]`` is defined."""

    def __contains__(self, label: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


def _environment(env: Mapping[str, Any] | None) -> dict[str, Any]:
    known = None if env is None else env.get("references", {})
    return {"references": _Labels(known), "footnotes": {"refs": _AnyFootnote(), "list": {}}}


_BACKTICKS = re.compile("`+")
_Rule = Callable[[StateInline, bool], bool]


def _rules(md: MarkdownIt) -> list[tuple[str, _Rule]]:
    """The parser's enabled inline rules with their names, in the order it tries them."""
    return [(rule.name, rule.fn) for rule in md.inline.ruler.__rules__ if rule.enabled]


def _scan(state: StateInline, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Record the placeholders of ``state.src[start:end]``, matching constructs exactly as
    ``ParserInline.tokenize`` does (validation mode only skips emphasis delimiters, which
    no other rule starts on)."""
    rules = _rules(state.md)
    saved = state.pos, state.posMax
    state.pos, state.posMax = start, end
    max_nesting = state.md.options["maxNesting"]
    while state.pos < end:
        position = state.pos
        matched = None
        if state.level < max_nesting:
            matched = next((name for name, rule in rules if rule(state, True)), None)
        if matched is None:
            state.pos += 1
        elif matched in _KINDS:
            _KINDS[matched](state, position, spans)
    state.pos, state.posMax = saved


def _whole(state: StateInline, start: int, spans: list[tuple[int, int]]) -> None:
    spans.append((start, state.pos))


def _code(state: StateInline, start: int, spans: list[tuple[int, int]]) -> None:
    """A backtick run: a code span, or (without a closing run) only text."""
    run = _BACKTICKS.match(state.src, start)
    if run is not None and state.pos > run.end():
        spans.append((start, state.pos))


def _link(state: StateInline, start: int, spans: list[tuple[int, int]]) -> None:
    end = state.pos
    label_end = state.md.helpers.parseLinkLabel(state, start, True)
    if not _bracketed(state, start, 1, label_end, spans):
        # The link text is inside the same inline source: parse it as the link rule does.
        state.level += 1
        _scan(state, start + 1, label_end, spans)
        state.level -= 1
        spans.append((label_end, end))


def _image(state: StateInline, start: int, spans: list[tuple[int, int]]) -> None:
    end = state.pos
    label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
    if not _bracketed(state, start, 2, label_end, spans):
        _scan_apart(state, start + 2, label_end, spans)
        spans.append((label_end, end))


def _bracketed(
    state: StateInline, start: int, opening: int, label_end: int, spans: list[tuple[int, int]]
) -> bool:
    """Record the opening of a link or image; a shortcut or collapsed reference whole."""
    if state.src[label_end : state.pos] in ("]", "][]"):
        spans.append((start, state.pos))
        return True
    spans.append((start, start + opening))
    return False


def _inline_note(state: StateInline, start: int, spans: list[tuple[int, int]]) -> None:
    """``^[note]``: the brackets kept, the note's own Markdown split like any text."""
    end = state.pos
    spans.append((start, start + 2))
    _scan_apart(state, start + 2, end - 1, spans)
    spans.append((end - 1, end))


def _scan_apart(state: StateInline, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Image descriptions and inline notes are parsed as a source of their own."""
    inner: list[tuple[int, int]] = []
    text = state.src[start:end]
    _scan(StateInline(text, state.md, state.env, []), 0, len(text), inner)
    spans.extend((low + start, high + start) for low, high in inner)


_KINDS: Mapping[str, Callable[[StateInline, int, list[tuple[int, int]]], None]] = MappingProxyType(
    {
        "backticks": _code,
        "autolink": _whole,
        "html_inline": _whole,
        "footnote_ref": _whole,
        "link": _link,
        "image": _image,
        "footnote_inline": _inline_note,
    }
)
