"""Extraction: a report's units -> the entries of its template."""

from __future__ import annotations

from collections.abc import Iterable

from publisher.po.model import Message
from publisher.source.units import Unit, UnitKind

__all__ = ["template_messages"]


def _label(unit: Unit) -> str:
    if unit.kind is UnitKind.FIELD:
        return f"{unit.kind.value}: {unit.field[0]}"
    return unit.kind.value


def template_messages(units: Iterable[Unit], reference: str) -> tuple[Message, ...]:
    """One template entry per distinct text, in document order, with every reference."""
    grouped: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for unit in units:
        labels, notes, refs = grouped.setdefault(unit.msgid, ([], [], []))
        for target, items in (
            (labels, [_label(unit)]),
            (notes, unit.notes),
            (refs, [f"{reference}:{unit.line}"]),
        ):
            target.extend(item for item in items if item not in target)
    return tuple(
        Message(
            msgid=msgid,
            references=tuple(refs),
            extracted_comments=(
                ", ".join(labels),
                *(line for note in notes for line in note.splitlines()),
            ),
        )
        for msgid, (labels, notes, refs) in grouped.items()
    )
