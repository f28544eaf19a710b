"""Frozen data types that flow between the stages of the pipeline."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

__all__ = [
    "Catalog",
    "Message",
    "UnitKind",
    "Unit",
    "Span",
]


@dataclass(frozen=True, slots=True)
class Message:
    """One entry of a gettext catalog, as GNU gettext understands it."""

    msgid: str
    """The source text (for the header entry, the empty string)."""
    msgstr: str = ""
    """The translation; empty when untranslated. Unused when ``msgid_plural`` is set."""
    msgctxt: str | None = None
    """Disambiguating context, or ``None``."""
    msgid_plural: str | None = None
    """Plural source text, for entries written by other tools; ``None`` for ours."""
    msgstr_plural: tuple[str, ...] = ()
    """Plural translations, indexed by plural form."""
    flags: tuple[str, ...] = ()
    """Flags of the ``#,`` line, such as ``fuzzy``, in file order."""
    translator_comments: tuple[str, ...] = ()
    """Lines of ``# `` comments, without the leading ``#`` and one space."""
    extracted_comments: tuple[str, ...] = ()
    """Lines of ``#.`` comments, without the leading ``#.`` and one space."""
    references: tuple[str, ...] = ()
    """``#:`` references, one ``path:line`` string each."""
    previous_msgctxt: str | None = None
    """``#| msgctxt``: the context before the source changed."""
    previous_msgid: str | None = None
    """``#| msgid``: the source text before it changed (for fuzzy entries)."""
    previous_msgid_plural: str | None = None
    """``#| msgid_plural``: the plural source text before it changed."""
    obsolete: bool = False
    """True for ``#~`` entries that left the source but keep their translation."""
    line: int = 0
    """Line of the ``msgid`` keyword in the file this entry was read from; 0 when new."""

    @property
    def key(self) -> tuple[str | None, str]:
        """Identity of the entry in its catalog: context and source text."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translations(self) -> tuple[str, ...]:
        """Every translation the entry holds (one, or one per plural form)."""
        return self.msgstr_plural if self.msgid_plural is not None else (self.msgstr,)

    @property
    def is_header(self) -> bool:
        """True for the header entry: an empty msgid without a context (an empty msgid with
        a context is an ordinary entry, as GNU's ``is_header`` says)."""
        return self.msgctxt is None and not self.msgid

    @property
    def translated(self) -> bool:
        """What ``msgfmt --statistics`` counts as translated: not fuzzy, not obsolete, not the
        header, and a non-empty (first) translation."""
        if self.obsolete or self.fuzzy or self.is_header:
            return False
        forms = self.translations
        return bool(forms and forms[0])

    @property
    def stale(self) -> bool:
        """What ``msgfmt --statistics`` counts as a fuzzy translation."""
        forms = self.translations
        return (self.fuzzy and not self.obsolete and not self.is_header
                and bool(forms and forms[0]))

    @property
    def has_translation(self) -> bool:
        """True when any translator's work is stored in the entry (fuzzy counts)."""
        return any(self.translations)


@dataclass(frozen=True, slots=True)
class Catalog:
    """A whole catalog: header entry, then messages in file order."""

    header: Message
    """The entry with the empty msgid; its msgstr holds ``Name: value`` lines."""
    messages: tuple[Message, ...] = ()
    """Every other entry, obsolete ones included, in file order."""
    source_encoding: str = "UTF-8"
    """Charset the file was read in; anything else is rewritten as UTF-8."""


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
    """Index of the block's inline token in the parsed token stream; -1 for fields."""
    span: Span | None = None
    """Source location of the text, for the Markdown edition."""
    field: tuple[str | int, ...] = field(default=())
    """For front-matter units, the path of keys to the value; empty for blocks."""
