"""TMX 1.4b translation memories: written for CAT tools, read from them (OmegaT, memoQ,
Trados Studio and others).

Written: ``<header srclang=… segtype="paragraph" o-tmf="gettext" datatype="plaintext"/>``
without a creation date (the same units give the same bytes), then one ``<tu>`` per unit
with its ``<prop>`` elements and one ``<tuv xml:lang=…><seg>`` per language. Inline Markdown
that is not prose is ``<ph x="N">original</ph>``.

Read: TMX 1.1 to 1.4b. A variant's language is ``xml:lang`` or the older ``lang``, as
written (compare it case-insensitively); a unit's source language is its ``srclang``, else
the header's, which may be ``*all*`` (any variant may serve as source). In ``<seg>``,
``<ph>``, ``<it>``, ``<ut>``, ``<bpt>`` and ``<ept>`` are placeholders named by ``x`` (a
start code by ``x``, else ``i``; its end code ``/`` and the same name; a code without a
name is numbered ``#1``, ``#2``…), and their text is what the tool wrote, which is not
always the original Markdown: restore a translation against its source's segments.
``<hi>`` and ``<sub>`` are read as if absent. Notes and variant-level properties are left out.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from publisher.exchange.placeholders import Segments
from publisher.exchange.xmlread import (
    Element,
    ExchangeError,
    escape_attribute,
    escape_text,
    inline_segments,
    read_xml,
)

__all__ = ["TmxUnit", "write_tmx", "read_tmx", "ExchangeError"]


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One ``<tu>``: the same text in several languages."""

    source_language: str
    """The language of the variant that is the source (``*all*`` when any may be)."""
    variants: tuple[tuple[str, Segments], ...]
    """(language, text) per ``<tuv>``, in file order."""
    properties: tuple[tuple[str, str], ...] = ()
    """(type, value) per ``<prop>`` of the unit, in file order."""
    line: int = 0
    """Line of the ``<tu>`` in the file read; 0 for units not read from a file."""


# -- Writing ------------------------------------------------------------------------------


def write_tmx(units: Sequence[TmxUnit], source_language: str, tool_version: str) -> bytes:
    """A TMX 1.4b document, UTF-8, the same bytes for the same units (no dates).

    Raises :class:`ExchangeError` for text XML cannot hold (control characters) and
    ``ValueError`` for a placeholder whose id is not a number (TMX's ``x`` is one).
    """
    where = "the header"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        '  <header creationtool="publisher"'
        f' creationtoolversion="{escape_attribute(tool_version, where)}"'
        ' segtype="paragraph" o-tmf="gettext" adminlang="en"'
        f' srclang="{escape_attribute(source_language, where)}" datatype="plaintext"/>',
        "  <body>",
    ]
    for number, unit in enumerate(units, 1):
        lines.extend(_unit_lines(unit, source_language, f"translation unit {number}"))
    lines.extend(("  </body>", "</tmx>"))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _unit_lines(unit: TmxUnit, source_language: str, where: str) -> Iterator[str]:
    if unit.source_language == source_language:
        yield "    <tu>"
    else:
        yield f'    <tu srclang="{escape_attribute(unit.source_language, where)}">'
    for kind, value in unit.properties:
        yield (
            f'      <prop type="{escape_attribute(kind, where)}">{escape_text(value, where)}</prop>'
        )
    for language, segments in unit.variants:
        yield (
            f'      <tuv xml:lang="{escape_attribute(language, where)}">'
            f"<seg>{_inline(segments, where)}</seg></tuv>"
        )
    yield "    </tu>"


def _inline(segments: Segments, where: str) -> str:
    parts = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(escape_text(segment, where))
            continue
        if not segment.id.isascii() or not segment.id.isdigit():
            raise ValueError(f"{where}: placeholder id {segment.id!r} is not a number")
        parts.append(f'<ph x="{segment.id}">{escape_text(segment.text, where)}</ph>')
    return "".join(parts)


# -- Reading ------------------------------------------------------------------------------


def read_tmx(data: bytes, name: str) -> tuple[TmxUnit, ...]:
    """The translation units of a TMX document; ``name`` names the file in errors."""
    root = read_xml(data, name)
    version = root.get("version") or ""
    if root.name != "tmx":
        raise ExchangeError(
            f"this is not a TMX file: its root element is <{root.name}>, not <tmx>",
            name,
            root.line,
        )
    if version and not version.startswith("1."):
        raise ExchangeError(f"TMX version {version} is not supported", name, root.line)
    header = root.first("header")
    default = header.get("srclang") if header is not None else None
    body = root.first("body")
    if body is None:
        raise ExchangeError("the TMX file has no <body>", name, root.line)
    return tuple(_read_unit(tu, default, name) for tu in body.elements("tu"))


def _read_unit(element: Element, default: str | None, name: str) -> TmxUnit:
    source_language = element.get("srclang") or default
    if not source_language:
        raise ExchangeError(
            "neither this <tu> nor the header says which language is the source",
            name,
            element.line,
            hint='add srclang="en" (the source language) to the <header>',
        )
    variants = tuple(_read_variant(tuv, name) for tuv in element.elements("tuv"))
    if not variants:
        raise ExchangeError("a <tu> has no <tuv>", name, element.line)
    properties = tuple((prop.get("type") or "", prop.text()) for prop in element.elements("prop"))
    return TmxUnit(source_language, variants, properties, element.line)


def _read_variant(element: Element, name: str) -> tuple[str, Segments]:
    language = element.get("xml:lang") or element.get("lang")
    if not language:
        raise ExchangeError("a <tuv> has no xml:lang", name, element.line)
    seg = element.first("seg")
    if seg is None:
        raise ExchangeError(f"the {language} <tuv> has no <seg>", name, element.line)
    return language, inline_segments(seg, _code_ids(seg.namespace))


def _code_ids(namespace: str) -> Callable[[Element], str | None]:
    """The placeholder ids of one segment's inline codes."""
    starts: dict[str, str] = {}
    unnamed = itertools.count(1)

    def code_id(element: Element) -> str | None:
        kind = element.name
        if element.namespace != namespace or kind not in ("ph", "it", "ut", "bpt", "ept"):
            return None  # <hi>, <sub> and other tools' elements: their text counts
        pair = element.get("i")
        if kind == "ept":
            return "/" + (starts.get(pair, pair) if pair else f"#{next(unnamed)}")
        key = element.get("x") or (pair if kind == "bpt" else None) or f"#{next(unnamed)}"
        if kind == "bpt" and pair:
            starts[pair] = key
        return key

    return code_id
