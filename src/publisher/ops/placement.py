"""Placing translations from elsewhere on the units of the project's reports.

A translation is placed by the meaning of its source text, in this order: the same text (an
exact match); the same text once both are read as a reader gets them (after normalisation:
see :func:`publisher.exchange.foreign.canonical`); the text of a unit that is one link (the
link text alone was translated: the destination is kept); translate-toolkit's numbered
destinations (``[text]{1}``) read as the unit's own; an entry of another tool that
holds several blocks (a whole list, say) is cut into its blocks, each placed as above when its
translation has the same blocks; and, for units still without a
translation, the closest source text at or above the memory's threshold, as a fuzzy
translation with that text as the previous msgid (``#|``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from publisher.exchange.foreign import (
    NUMBERED,
    Offer,
    blocks,
    canonical,
    link_only,
    numbered_links,
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
    by_numbered: dict[str, list[tuple[Unit, dict[str, str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for unit in self.units:
            self.by_text.setdefault(unit.msgid, []).append(unit)
            refs = self.references.get(unit.report, {})
            self.by_meaning.setdefault(canonical(unit.msgid, refs), []).append(unit)
            numbered, numbers = numbered_links(unit.msgid, refs)
            if numbers:
                self.by_numbered.setdefault(numbered, []).append((unit, numbers))
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
        # Each offer goes to its closest unit, translated or not (so that a second run, with
        # that unit translated, does not send it to the next closest); each unit without a
        # translation takes its closest offer.
        near = Memory(
            Recollection(unit.msgid, "", f"{unit.report}:0", "text") for unit in self.units
        )
        by_key = {(unit.report, unit.msgid): unit for unit in self.units}
        best: dict[tuple[str, str], tuple[float, Offer]] = {}
        for offer in later:
            match = near.near(offer.msgid, "text", "", self.threshold) if near else None
            if match is None:
                left.append(offer)
                continue
            key = (match[0].origin.rpartition(":")[0], match[0].msgid)
            if key not in best or match[1] > best[key][0]:
                best[key] = (match[1], offer)
        for key, (_, offer) in best.items():
            unit = by_key[key]
            if not unit.translated and key not in placed:
                placed[key] = Placed(
                    unit, our_breaks(offer.msgstr), True, FUZZY, offer, offer.msgid
                )
        return list(placed.values()), left

    def _exact(self, offer: Offer) -> list[Placed]:
        """Placements by the same text, the same meaning, or the same link text."""
        if offer.msgid in self.by_text:
            return [
                Placed(unit, offer.msgstr, offer.fuzzy, EXACT, offer)
                for unit in self.by_text[offer.msgid]
            ]
        if NUMBERED.search(offer.msgid):
            return self._numbered(offer)
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

    def _numbered(self, offer: Offer) -> list[Placed]:
        """Placements of a translate-toolkit entry, whose links' destinations are numbered
        (``[text]{1}``): each number in the translation becomes the unit's destination."""
        found = []
        key = numbered_links(our_breaks(offer.msgid))[0]
        for unit, numbers in self.by_numbered.get(key, ()):
            msgstr = NUMBERED.sub(partial(_destination, numbers), our_breaks(offer.msgstr))
            if not NUMBERED.search(msgstr):
                found.append(Placed(unit, msgstr, offer.fuzzy, NORMALISED, offer))
        return found


def _destination(numbers: dict[str, str], match: re.Match[str]) -> str:
    return numbers.get(match[1], match[0])
