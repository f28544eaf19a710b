"""XLIFF 1.2 for CAT tools (memoQ, Trados Studio, OmegaT), after the OASIS "XLIFF 1.2
Representation Guide for Gettext PO".

One ``<file>`` per catalog (``datatype="po"``, as the guide has it), one ``<trans-unit>`` per
entry. Inline Markdown that is not prose travels as ``<ph id="N">original</ph>`` (see
:mod:`publisher.exchange.placeholders`). How the parts of a PO entry are written:

========================  ==================================================================
PO                        XLIFF
========================  ==================================================================
msgid                     ``<source>``
msgstr                    ``<target state="…">``; no ``<target>`` when untranslated (what
                          memoQ, Trados and OmegaT expect of a segment nobody translated)
translated / fuzzy        ``state="translated"`` and ``approved="yes"`` on the unit /
                          ``state="needs-review-translation"``
msgctxt                   ``<context-group name="po-entry" purpose="information">`` with
                          ``<context context-type="x-po-msgctxt">``; also ``resname``, which
                          CAT tools show and use for context matches
``#|`` previous msgid     ``<context context-type="x-po-previous-msgid">`` in the same group
                          (not ``<alt-trans>``: that needs a ``<target>`` and tools offer it
                          as a match to insert, while this is information)
``#:`` references         ``<context-group name="po-reference" purpose="location">`` with
                          ``sourcefile`` and ``linenumber`` contexts, one group each
``#.`` comments           ``<note from="developer">``, one per line
``#`` comments            ``<note from="po-translator">``, one per line
========================  ==================================================================

Reading, a unit's state comes from its ``<target>`` and the ``approved`` attribute, because
tools change one or the other:

=======================================================  ==========================
in the file                                              state
=======================================================  ==========================
no ``<target>``, or an empty one                         ``new`` (untranslated)
``state`` is ``new`` or ``needs-…`` (any of the six), or  ``needs-review-translation``
``approved="no"``                                        (fuzzy: kept, not published)
anything else: ``translated``, ``final``, ``signed-off``, ``translated``
``approved="yes"``, or a target with neither
=======================================================  ==========================

So a translation is published only when nothing in the file says it still needs work; a
``new`` target holding text (typed but never confirmed) is kept as fuzzy, not dropped.

A CAT tool may save ``<ph>`` without its content, as ``<x id="N"/>``, or wrap text in ``<g>``
and ``<mrk>`` (sentence segmentation): placeholders are matched by id and their text is
taken from the source (:func:`~publisher.exchange.placeholders.restore`), ``<g>`` and
``<mrk>`` are read as if absent. ``<bpt>``/``<ept>``/``<it>``/``<bx>``/``<ex>`` are
placeholders too; an end code is named ``/N`` after its start code ``N``. Units inside
``<group>`` are read; translate-toolkit's PO header unit (``restype="x-gettext-domain-header"``)
is skipped and its ``<alt-trans origin="previous">`` read as the previous msgid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from publisher.exchange.placeholders import Segments, join
from publisher.exchange.xmlread import (
    Element,
    ExchangeError,
    escape_attribute,
    escape_text,
    inline_segments,
    read_xml,
)

__all__ = [
    "XliffFile",
    "XliffUnit",
    "write_xliff",
    "read_xliff",
    "state_of",
    "state_from",
    "ExchangeError",
    "XLIFF_NS",
    "TRANSLATED",
    "FUZZY",
    "NEW",
]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
TRANSLATED = "translated"
FUZZY = "needs-review-translation"
NEW = "new"

_XLIFF_1 = frozenset({"", "urn:oasis:names:tc:xliff:document:1.1", XLIFF_NS})
_VERSIONS = frozenset({"1.0", "1.1", "1.2"})
_STATES = frozenset(
    {
        "final",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-adaptation",
        "needs-review-l10n",
        "needs-review-translation",
        "needs-translation",
        "new",
        "signed-off",
        "translated",
    }
)
_NEEDS_WORK = frozenset(s for s in _STATES if s.startswith("needs-")) | {"new"}


@dataclass(frozen=True, slots=True)
class XliffUnit:
    """One ``<trans-unit>``: a catalog entry with its source split into placeholders."""

    id: str
    """Unique within its file."""
    source: Segments
    """The msgid, protected."""
    target: Segments | None
    """The translation, protected; ``None`` when there is none."""
    state: str
    """``translated``, ``needs-review-translation`` (fuzzy) or ``new`` (untranslated)."""
    msgctxt: str | None = None
    """The entry's context, or ``None``."""
    notes: tuple[str, ...] = ()
    """Translator comments (``#``), one per note."""
    developer_notes: tuple[str, ...] = ()
    """Extracted comments (``#.``), one per note."""
    locations: tuple[tuple[str, int], ...] = ()
    """References (``#:``) as (file, line); line 0 when there is none."""
    previous_source: str | None = None
    """The msgid before the source changed (``#| msgid``), as Markdown."""
    line: int = 0
    """Line of the ``<trans-unit>`` in the file read; 0 for units not read from a file."""


@dataclass(frozen=True, slots=True)
class XliffFile:
    """One ``<file>``: the entries of one catalog in one language pair."""

    original: str
    """What the units come from (a catalog or report path), as the ``original`` attribute."""
    source_language: str
    target_language: str
    """Empty when the file does not say."""
    units: tuple[XliffUnit, ...]


def state_of(translated: bool, fuzzy: bool, has_target: bool) -> str:
    """The XLIFF state of a catalog entry.

    >>> state_of(translated=False, fuzzy=True, has_target=True)
    'needs-review-translation'
    """
    if translated:
        return TRANSLATED
    return FUZZY if fuzzy and has_target else NEW


def state_from(target_state: str | None, approved: str | None, has_target: bool) -> str:
    """The state of a unit read from a file (see the table in the module's docstring).

    >>> state_from("final", None, has_target=True), state_from("translated", "no", True)
    ('translated', 'needs-review-translation')
    """
    if not has_target:
        return NEW
    if target_state in _NEEDS_WORK or approved == "no":
        return FUZZY
    return TRANSLATED


# -- Writing ------------------------------------------------------------------------------


def write_xliff(files: Sequence[XliffFile], tool_version: str) -> bytes:
    """An XLIFF 1.2 document, UTF-8, the same bytes for the same files (no dates).

    Raises :class:`ExchangeError` for text XML cannot hold (control characters) and
    ``ValueError`` for a unit id used twice in a file or a state XLIFF does not have.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<xliff version="1.2" xmlns="{XLIFF_NS}">']
    for file in files:
        lines.extend(_file_lines(file, tool_version))
    lines.append("</xliff>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _file_lines(file: XliffFile, tool_version: str) -> Iterator[str]:
    where = f"file {file.original}"
    yield (
        f'  <file original="{escape_attribute(file.original, where)}"'
        f' source-language="{escape_attribute(file.source_language, where)}"'
        f' target-language="{escape_attribute(file.target_language, where)}"'
        ' datatype="po">'
    )
    yield "    <header>"
    yield (
        '      <tool tool-id="publisher" tool-name="publisher"'
        f' tool-version="{escape_attribute(tool_version, where)}"/>'
    )
    yield "    </header>"
    yield "    <body>"
    seen: set[str] = set()
    for unit in file.units:
        if unit.id in seen:
            raise ValueError(f"two units of {file.original} have the id {unit.id!r}")
        seen.add(unit.id)
        yield from _unit_lines(unit, f"unit {unit.id} of {file.original}")
    yield "    </body>"
    yield "  </file>"


def _unit_lines(unit: XliffUnit, where: str) -> Iterator[str]:
    if unit.state not in _STATES:
        raise ValueError(f"{where}: {unit.state!r} is not an XLIFF 1.2 state")
    attributes = f'id="{escape_attribute(unit.id, where)}"'
    if unit.msgctxt is not None:
        attributes += f' resname="{escape_attribute(unit.msgctxt, where)}"'
    if unit.state == TRANSLATED:
        attributes += ' approved="yes"'
    yield f'      <trans-unit {attributes} xml:space="preserve">'
    yield f"        <source>{_inline(unit.source, where)}</source>"
    if unit.target:
        yield f'        <target state="{unit.state}">{_inline(unit.target, where)}</target>'
    entry = [("x-po-msgctxt", unit.msgctxt), ("x-po-previous-msgid", unit.previous_source)]
    contexts = [(kind, value) for kind, value in entry if value is not None]
    if contexts:
        yield from _group_lines("po-entry", "information", contexts, where)
    for path, line in unit.locations:
        reference = [("sourcefile", path)] + ([("linenumber", str(line))] if line else [])
        yield from _group_lines("po-reference", "location", reference, where)
    for origin, notes in (("developer", unit.developer_notes), ("po-translator", unit.notes)):
        for note in notes:
            yield f'        <note from="{origin}">{escape_text(note, where)}</note>'
    yield "      </trans-unit>"


def _group_lines(
    name: str, purpose: str, contexts: list[tuple[str, str]], where: str
) -> Iterator[str]:
    yield f'        <context-group name="{name}" purpose="{purpose}">'
    for kind, value in contexts:
        yield f'          <context context-type="{kind}">{escape_text(value, where)}</context>'
    yield "        </context-group>"


def _inline(segments: Segments, where: str) -> str:
    return "".join(
        escape_text(s, where)
        if isinstance(s, str)
        else f'<ph id="{escape_attribute(s.id, where)}">{escape_text(s.text, where)}</ph>'
        for s in segments
    )


# -- Reading ------------------------------------------------------------------------------


def read_xliff(data: bytes, name: str) -> tuple[XliffFile, ...]:
    """The files of an XLIFF 1.x document, as written here or saved by a CAT tool.

    ``name`` names the file in errors (:class:`ExchangeError`, with the line).
    """
    root = read_xml(data, name)
    _check_root(root, name)
    return tuple(_read_file(element, name) for element in root.elements("file"))


def _check_root(root: Element, name: str) -> None:
    version = root.get("version") or ""
    if root.name != "xliff":
        raise ExchangeError(
            f"this is not an XLIFF file: its root element is <{root.name}>, not <xliff>",
            name,
            root.line,
        )
    if version.startswith("2") or root.namespace.endswith(":2.0"):
        raise ExchangeError(
            f"XLIFF {version or '2'} is not supported",
            name,
            root.line,
            hint="save or export the file as XLIFF 1.2 from your CAT tool",
        )
    if root.namespace not in _XLIFF_1 or (version not in _VERSIONS and version):
        raise ExchangeError(
            f"unknown XLIFF version {version or root.namespace!r}",
            name,
            root.line,
            hint="save or export the file as XLIFF 1.2 from your CAT tool",
        )


def _read_file(element: Element, name: str) -> XliffFile:
    units: list[XliffUnit] = []
    seen: dict[str, int] = {}
    body = element.first("body")
    for unit in _trans_units(body) if body is not None else ():
        if unit.get("restype") != "x-gettext-domain-header":  # a PO header, not text
            units.append(_read_unit(unit, name, seen))
    return XliffFile(
        original=element.get("original") or "",
        source_language=element.get("source-language") or "",
        target_language=element.get("target-language") or "",
        units=tuple(units),
    )


def _trans_units(container: Element) -> Iterator[Element]:
    """Trans-units in document order, also inside (nested) ``<group>`` elements."""
    for child in container.elements():
        if child.name == "trans-unit":
            yield child
        elif child.name == "group":
            yield from _trans_units(child)


def _read_unit(element: Element, name: str, seen: dict[str, int]) -> XliffUnit:
    unit_id = element.get("id")
    if not unit_id:
        raise ExchangeError(
            "a <trans-unit> has no id",
            name,
            element.line,
            hint="the file was changed by hand or by a tool that dropped the ids; export it again",
        )
    if unit_id in seen:
        raise ExchangeError(
            f"two units have the id {unit_id!r} (the first is on line {seen[unit_id]})",
            name,
            element.line,
        )
    seen[unit_id] = element.line
    source = element.first("source")
    if source is None:
        raise ExchangeError(f"unit {unit_id} has no <source>", name, element.line)
    target_element = element.first("target")
    target = _segments(target_element, name) if target_element is not None else None
    state = state_from(
        target_element.get("state") if target_element is not None else None,
        element.get("approved"),
        has_target=bool(target),
    )
    msgctxt, previous, locations = _contexts(element, name)
    notes = [(n.get("from") == "developer", n.text()) for n in element.elements("note")]
    return XliffUnit(
        id=unit_id,
        source=_segments(source, name),
        target=target or None,
        state=state,
        msgctxt=msgctxt,
        notes=tuple(text for developer, text in notes if not developer),
        developer_notes=tuple(text for developer, text in notes if developer),
        locations=tuple(locations),
        previous_source=previous,
        line=element.line,
    )


def _contexts(element: Element, name: str) -> tuple[str | None, str | None, list[tuple[str, int]]]:
    """msgctxt, previous msgid and references from a unit's context groups."""
    msgctxt = previous = None
    locations: list[tuple[str, int]] = []
    for group in element.elements("context-group"):
        contexts = {c.get("context-type"): c for c in group.elements("context")}
        if group.get("purpose") == "location" and "sourcefile" in contexts:
            line = contexts.get("linenumber")
            locations.append((contexts["sourcefile"].text(), _line_number(line, name)))
            continue
        if "x-po-msgctxt" in contexts:
            msgctxt = contexts["x-po-msgctxt"].text()
        if "x-po-previous-msgid" in contexts:
            previous = contexts["x-po-previous-msgid"].text()
    if previous is None:
        previous = _previous_alternative(element, name)
    return msgctxt, previous, locations


def _previous_alternative(element: Element, name: str) -> str | None:
    """translate-toolkit's way to keep a previous msgid: ``<alt-trans origin="previous">``."""
    for alternative in element.elements("alt-trans"):
        source = alternative.first("source")
        if alternative.get("origin") == "previous" and source is not None:
            return join(_segments(source, name))
    return None


def _line_number(context: Element | None, name: str) -> int:
    if context is None:
        return 0
    text = context.text().strip()
    if not text.isascii() or not text.isdigit():
        raise ExchangeError(f"the line number {text!r} is not a number", name, context.line)
    return int(text)


def _segments(element: Element, name: str) -> Segments:
    return inline_segments(element, _code_ids(element.namespace, name))


def _code_ids(namespace: str, name: str) -> Callable[[Element], str | None]:
    """The placeholder ids of one segment's inline codes (paired codes share a start)."""
    starts: dict[str, str] = {}

    def code_id(element: Element) -> str | None:
        kind = element.name
        if element.namespace != namespace or kind not in _CODES:
            return None  # <g>, <mrk>, <sub> and other tools' elements: their text counts
        key = element.get("id")
        if not key:
            raise ExchangeError(f"an inline <{kind}> has no id", name, element.line)
        pair = element.get("rid") or key
        if kind in ("bpt", "bx"):
            starts[pair] = key
        elif kind in ("ept", "ex"):
            return "/" + starts.get(pair, pair)
        return key

    return code_id


_CODES = frozenset({"ph", "x", "it", "bpt", "ept", "bx", "ex"})
