"""The Markdown side of the pipeline: a report's translatable units."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Span", "Unit", "UnitKind", "Translations"]


class UnitKind(enum.Enum):
    """What kind of block (or front-matter field) a translatable unit comes from."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    BLOCKQUOTE = "blockquote"
    TABLE_HEADER = "table header"
    TABLE_CELL = "table cell"
    FOOTNOTE = "footnote"
    FIELD = "front-matter field"
    LINK_TITLE = "link title"
    """The title of a link reference definition (``[1]: https://… "Title"``)."""
    SITE_TITLE = "site title"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a unit's text sits in the source, to splice a translation in its place."""

    start: int
    """Offset of the first character of the text in the (normalised) source."""
    end: int
    """Offset just after the last character of the text."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable piece of a report: the inline content of one block, or one field."""

    msgid: str
    """Normalised source text: soft breaks joined, inline Markdown kept."""
    kind: UnitKind
    line: int
    """1-based source line, for ``#:`` references."""
    notes: tuple[str, ...] = ()
    """Notes the author left for translators with ``<!-- i18n: ... -->``."""
    token_index: int = -1
    """Index of the block's inline token in the parsed token stream; -1 for fields and link
    titles, which are no block."""
    span: Span | None = None
    """Source location of the text, for the Markdown edition."""
    field: tuple[str | int, ...] = field(default=())
    """For front-matter units, the path of keys to the value; for a link title, its
    definition's label (as the parser's ``references`` hold it); empty for blocks."""


@dataclass(frozen=True, slots=True)
class Translations:
    """What a catalog offers an edition."""

    texts: Mapping[str, str]
    """msgid -> msgstr for every usable translation (translated, not fuzzy, not empty)."""
    fuzzy: frozenset[str] = frozenset()
    """msgids whose translation is fuzzy (shown in the source language, marked as such)."""
