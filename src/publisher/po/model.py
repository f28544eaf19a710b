"""The gettext side of the pipeline: catalog entries and whole catalogs."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Catalog", "Message", "State"]


class State(enum.Enum):
    """Where a unit stands in a language: what readers get and what coverage counts.

    The states are GNU gettext's: ``msgfmt --statistics`` counts translated, fuzzy and
    untranslated messages the same way.
    """

    TRANSLATED = "translated"
    """A confirmed translation: published."""
    FUZZY = "fuzzy"
    """A translation the source has moved away from: shown in the source language."""
    UNTRANSLATED = "untranslated"
    """No translation yet."""


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
    def has_translation(self) -> bool:
        """True when any translator's work is stored in the entry (fuzzy counts)."""
        return any(self.translations)

    @property
    def state(self) -> State:
        """The entry's :class:`State`, as ``msgfmt --statistics`` counts it: an obsolete
        entry, the header, or an empty (first) translation is untranslated; any other
        fuzzy or translated. (Asked of every entry by every command: it reads the fields
        directly, not through the properties above.)"""
        if self.obsolete or (self.msgctxt is None and not self.msgid):
            return State.UNTRANSLATED
        if self.msgid_plural is None:
            first = self.msgstr
        else:
            first = self.msgstr_plural[0] if self.msgstr_plural else ""
        if not first:
            return State.UNTRANSLATED
        return State.FUZZY if "fuzzy" in self.flags else State.TRANSLATED


@dataclass(frozen=True, slots=True)
class Catalog:
    """A whole catalog: header entry, then messages in file order."""

    header: Message
    """The entry with the empty msgid; its msgstr holds ``Name: value`` lines."""
    messages: tuple[Message, ...] = ()
    """Every other entry, obsolete ones included, in file order."""
    source_encoding: str = "UTF-8"
    """Charset the file was read in; anything else is rewritten as UTF-8."""
