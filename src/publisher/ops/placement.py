"""Placing translations from elsewhere on the units of the project's reports.

A translation is placed by the meaning of its source text, in this order: the same text (an
exact match); the same text once both are read as a reader gets them (after normalisation:
see :func:`publisher.exchange.foreign.canonical`); the text of a unit that is one link (the
link text alone was translated: the destination is kept); an entry of another tool that
holds several blocks (a whole list, say) is cut into its blocks, each placed as above when its
translation has the same blocks; and, for units still without a
translation, the closest source text at or above the memory's threshold, as a fuzzy
translation with that text as the previous msgid (``#|``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from publisher.exchange.foreign import (
    Offer,
    blocks,
    canonical,
    link_only,
    our_breaks,
    strip_markers,
)
from publisher.ops.memory import Memory, Recollection

__all__ = ["Unit", "Placed", "Placer", "EXACT", "NORMALISED", "FUZZY"]

EXACT, NORMALISED, FUZZY = "exact", "normalised", "fuzzy"


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of the project a translation can be placed on."""

    report: str
    """The report's slug."""
    msgid: str
    translated: bool
    """Does its catalog hold a translation (confirmed or fuzzy) already?"""


@dataclass(frozen=True, slots=True)
class Placed:
    """A translation placed on a unit."""

    unit: Unit
    msgstr: str
    fuzzy: bool
    how: str
    """:data:`EXACT`, :data:`NORMALISED` or :data:`FUZZY`."""
    offer: Offer
    previous: str | None = None
    """For a near match: the source text the translation was made for."""


@dataclass(slots=True)
class Placer:
    """The units of one language, indexed to place offers on them."""

    units: list[Unit]
    references: Mapping[str, Mapping[str, Any]]
    """Each report's link reference definitions (markdown-it's ``env["references"]``)."""
    threshold: float
    by_text: dict[str, list[Unit]] = field(default_factory=dict)
    by_meaning: dict[str, list[Unit]] = field(default_factory=dict)
    by_link_text: dict[str, list[tuple[Unit, str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for unit in self.units:
            self.by_text.setdefault(unit.msgid, []).append(unit)
            refs = self.references.get(unit.report, {})
            self.by_meaning.setdefault(canonical(unit.msgid, refs), []).append(unit)
            parts = link_only(unit.msgid)
            if parts is not None:
                opening, text, closing = parts
                self.by_link_text.setdefault(canonical(text, refs), []).append(
                    (unit, opening, closing)
                )

    def place(self, offers: Iterable[Offer]) -> tuple[list[Placed], list[Offer]]:
        """Where each offer goes (the first offer for a unit wins), and the offers that fit
        no unit."""
        placed: dict[tuple[str, str], Placed] = {}
        left: list[Offer] = []
        later: list[Offer] = []
        for whole in offers:
            # a whole offer first; one that spans several blocks, block by block
            for offer in [whole] if self._exact(whole) else blocks(whole) or [whole]:
                found = self._exact(offer)
                if offer is not whole:  # a piece: the same unit, spelt another way
                    found = [replace(item, how=NORMALISED) for item in found]
                if not found:
                    later.append(offer)
                for item in found:
                    placed.setdefault((item.unit.report, item.unit.msgid), item)
        near = Memory(
            Recollection(unit.msgid, "", f"{unit.report}:0", "text")
            for unit in self.units
            if not unit.translated and (unit.report, unit.msgid) not in placed
        )
        by_key = {(unit.report, unit.msgid): unit for unit in self.units}
        for offer in later:
            match = near.near(offer.msgid, "text", "", self.threshold) if near else None
            if match is None:
                left.append(offer)
                continue
            unit = by_key[(match[0].origin.rpartition(":")[0], match[0].msgid)]
            placed.setdefault(
                (unit.report, unit.msgid),
                Placed(unit, our_breaks(offer.msgstr), True, FUZZY, offer, offer.msgid),
            )
        return list(placed.values()), left

    def _exact(self, offer: Offer) -> list[Placed]:
        """Placements by the same text, the same meaning, or the same link text."""
        if offer.msgid in self.by_text:
            return [
                Placed(unit, offer.msgstr, offer.fuzzy, EXACT, offer)
                for unit in self.by_text[offer.msgid]
            ]
        stripped = strip_markers(offer.msgid)
        msgstr = our_breaks(
            strip_markers(offer.msgstr) if stripped != offer.msgid else offer.msgstr
        )
        found = []
        for key in dict.fromkeys((canonical(stripped), canonical(offer.msgid))):
            for unit in self.by_meaning.get(key, ()):
                found.append(Placed(unit, msgstr, offer.fuzzy, NORMALISED, offer))
            for unit, opening, closing in self.by_link_text.get(key, ()):
                found.append(
                    Placed(unit, f"{opening}{msgstr}{closing}", offer.fuzzy, NORMALISED, offer)
                )
        return found
