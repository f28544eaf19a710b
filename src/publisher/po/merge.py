"""Catalog construction: messages -> template, and template + old catalog -> merged catalog.

Merging follows ``msgmerge --previous``: an exact match keeps its translation; a close match
brings the old translation as ``fuzzy`` with ``#| msgid`` showing the previous source; entries
that left the source become obsolete (``#~``) and come back, translation and all, when their
text returns. A translation is never dropped.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import fields, replace

from babel.messages.plurals import get_plural
from rapidfuzz import fuzz, process

from publisher.po.header import (
    TEMPLATE_FIELDS,
    creation_date,
    header_field,
    is_placeholder,
    new_catalog,
    set_header_fields,
)
from publisher.po.model import Catalog, Message

__all__ = ["build_template", "merge", "FUZZY_THRESHOLD"]

#: Minimum similarity (0-100) for an old translation to be offered as fuzzy, as msgmerge.
FUZZY_THRESHOLD = 60
# A new text that is a large enough part of an old one (a split paragraph) also matches.
_PART_THRESHOLD = 90
_PART_MIN_SHARE = 0.25


def build_template(
    messages: tuple[Message, ...],
    reference: str,
    slug: str,
    previous: Catalog | None = None,
    date: str | None = None,
) -> Catalog:
    """The template of one report, made of its :func:`template_messages`.

    ``POT-Creation-Date`` is taken from ``previous`` when the messages did not change, so an
    unchanged source gives a byte-identical template; ``date``, when given, is used as is.
    """
    if date is None:
        date = creation_date()
        if previous is not None and _same_messages(previous.messages, messages):
            date = header_field(previous.header, "POT-Creation-Date") or date
    header = Message(
        msgid="", flags=("fuzzy",), translator_comments=(f"Translation template for {reference}.",)
    )
    values = dict(TEMPLATE_FIELDS, **{"Project-Id-Version": slug, "POT-Creation-Date": date})
    return Catalog(header=set_header_fields(header, values.items()), messages=messages)


# Everything about a message but where it was read from.
_CONTENT = operator.attrgetter(*(f.name for f in fields(Message) if f.name != "line"))


def _same_messages(old: tuple[Message, ...], new: tuple[Message, ...]) -> bool:
    return len(old) == len(new) and all(_CONTENT(a) == _CONTENT(b) for a, b in zip(old, new))


def _required_header(template: Catalog, old: Catalog, language: str) -> Message:
    """The old header, with what the template and the language dictate brought up to date."""
    fields = [("POT-Creation-Date", header_field(template.header, "POT-Creation-Date") or "")]
    if not header_field(old.header, "Language"):
        fields.append(("Language", language))
    if (header_field(old.header, "Content-Type") or "").lower() != "text/plain; charset=utf-8":
        fields.append(("Content-Type", "text/plain; charset=UTF-8"))
    for name in ("MIME-Version", "Content-Transfer-Encoding"):
        if header_field(old.header, name) is None:
            fields.append((name, dict(TEMPLATE_FIELDS)[name]))
    fields.append(("Plural-Forms", get_plural(language.replace("-", "_")).plural_forms))
    chosen = header_field(old.header, "Plural-Forms")
    if chosen and not is_placeholder(chosen):
        fields.pop()  # the translator's (or their tool's) choice stands; a placeholder does not
    return set_header_fields(old.header, fields)


class _Matcher:
    """Finds the old translation closest to a new source text, as msgmerge's fuzzy search."""

    def __init__(self, old: Iterable[Message]) -> None:
        self.pool = [m for m in old if m.has_translation and m.msgid_plural is None]
        self.texts = [m.msgid for m in self.pool]

    def best(self, msgid: str) -> Message | None:
        if not self.pool:
            return None
        found = process.extractOne(
            msgid, self.texts, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        if found is not None:
            return self.pool[found[2]]
        # A paragraph that was split: the new text is a large enough part of an old one.
        # Only an old text longer than the new one can have been split into it: a short old
        # text (a name) inside a new paragraph is not a translation of that paragraph.
        longest = len(msgid) / _PART_MIN_SHARE
        candidates = [i for i, text in enumerate(self.texts) if len(msgid) < len(text) <= longest]
        found = process.extractOne(
            msgid,
            [self.texts[i] for i in candidates],
            scorer=fuzz.partial_ratio,
            score_cutoff=_PART_THRESHOLD,
        )
        return self.pool[candidates[found[2]]] if found is not None else None


def _carry(new: Message, old: Message) -> Message:
    """The template entry with the translator's work from an exactly matching old entry."""
    return replace(
        new,
        msgstr=old.msgstr,
        msgid_plural=old.msgid_plural,
        msgstr_plural=old.msgstr_plural,
        flags=old.flags,
        translator_comments=old.translator_comments,
        previous_msgctxt=old.previous_msgctxt if old.fuzzy else None,
        previous_msgid=old.previous_msgid if old.fuzzy else None,
        previous_msgid_plural=old.previous_msgid_plural if old.fuzzy else None,
    )


def merge(template: Catalog, old: Catalog | None, language: str) -> Catalog:
    """Merge the template into a language's catalog (``msgmerge --previous``, and better).

    Every translation of ``old`` survives: in a matching entry, as a fuzzy suggestion, or in
    an obsolete entry at the end of the catalog.
    """
    if old is None:
        old = new_catalog(template, language)
    previous = {m.key: m for m in old.messages if m.obsolete}
    previous.update({m.key: m for m in old.messages if not m.obsolete})
    matcher = _Matcher(previous.values())
    messages: list[Message] = []
    for entry in template.messages:
        match = previous.get(entry.key)
        if match is not None and match.msgid_plural is None:
            messages.append(_carry(entry, match))
            continue
        near = matcher.best(entry.msgid)
        if near is not None:
            entry = replace(
                entry,
                msgstr=near.msgstr,
                flags=("fuzzy",),
                translator_comments=near.translator_comments,
                previous_msgctxt=near.msgctxt,
                previous_msgid=near.msgid,
            )
        messages.append(entry)
    kept = {m.key for m in messages}
    for message in old.messages:
        if message.key not in kept and message.has_translation:
            messages.append(replace(message, obsolete=True, references=(), line=0))
    return Catalog(header=_required_header(template, old, language), messages=tuple(messages))
