"""The project's translation memory: every confirmed translation in the project's catalogs
(and in TMX files under ``locales/memory/``), offered to units that have none.

As msgmerge's compendium: an exact match (the same source text, of the same kind where the
kind matters: a heading for a heading, a front-matter field for the same field) is filled in
as translated when every match agrees, as fuzzy when they disagree (the most recent first,
the others named in translator comments); a near match (similarity at or above
``[tm] threshold``) is filled in as fuzzy with the matched source as the previous msgid
(``#|``), so the translator sees the difference as for an edited paragraph. Each filled
entry says where its translation came from (``# tm: locales/ja/x.po:123``). Fuzzy
translations are never published.

Lookups go through an index: exact matches by text, near ones among the entries that share
rare words (or, in Japanese and Korean, pairs of characters) with the unit. When ``update``
consults the memory is :mod:`publisher.ops.recall`'s business.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import chain, pairwise

from rapidfuzz import fuzz, process

from publisher.config import Config
from publisher.po.header import header_field
from publisher.po.model import Catalog, Message, State

__all__ = ["Recollection", "Memory", "kind_of", "recollections", "fill", "Filled"]

#: Candidates scored per unit when looking for a near match.
_CANDIDATES = 40


@dataclass(frozen=True, slots=True)
class Recollection:
    """One confirmed translation the memory holds."""

    msgid: str
    msgstr: str
    origin: str
    """Where it was found: ``locales/ja/reports/x.po:123``."""
    kind: str
    """``heading``, ``field:<name>`` or ``text`` (see :func:`kind_of`)."""
    date: str = ""
    """When its catalog was last saved by a translator (``PO-Revision-Date``), to put the
    most recent first."""
    recalled: bool = False
    """It was itself filled from the memory (``# tm:``): where it came from is named first,
    so a run names the same origins whatever catalogs earlier runs filled."""
    provisional: bool = False
    """Its line is the line in its catalog as found, which ``update`` has yet to write
    again (another tool saved it, or its source changed): the line it will be on is found
    when the origin is named (see :func:`fill`)."""

    @property
    def place(self) -> tuple[str, str]:
        """Its file and source text: where it is, whatever the file's layout."""
        return self.origin.rpartition(":")[0], self.msgid


def kind_of(message: Message) -> str:
    """The kind of unit an entry comes from, where it matters for reuse: a heading, a
    front-matter field (by name), or any other text."""
    label = message.extracted_comments[0] if message.extracted_comments else ""
    if label.startswith("front-matter field:"):
        return "field:" + label.split(":", 1)[1].split(",")[0].strip()
    if label.split(",")[0].strip() == "heading":
        return "heading"
    return "text"


def recollections(catalog: Catalog, origin: str, text: str | None = None) -> list[Recollection]:
    """The confirmed translations of a catalog, as the memory holds them; ``text`` is the
    catalog as written, when its entries were not read from it (their lines are found
    there)."""
    active = [m for m in catalog.messages if not m.obsolete]
    if not any(m.state is State.TRANSLATED for m in active):
        return []  # (a new catalog: its lines are not looked for)
    date = header_field(catalog.header, "PO-Revision-Date") or ""
    lines = [m.line for m in active]
    if text is not None:  # a written catalog holds the header, then the active entries
        lines = _msgid_lines(text)[1 : 1 + len(active)]
    return [
        Recollection(
            m.msgid,
            m.msgstr,
            f"{origin}:{line}",
            kind_of(m),
            date,
            any(c.startswith("tm: ") for c in m.translator_comments),
        )
        for m, line in zip(active, lines)
        if m.state is State.TRANSLATED
        and m.msgctxt is None
        and m.msgid_plural is None
        and m.msgstr != m.msgid
    ]


_MSGID_LINE = re.compile(r"^msgid ", re.MULTILINE)


def _msgid_lines(text: str) -> list[int]:
    """The number of each line of ``text`` that starts with ``msgid``.

    >>> _msgid_lines('msgid ""\\nmsgstr ""\\n\\n#| msgid "a"\\nmsgid "b"\\nmsgstr ""\\n')
    [1, 5]
    """
    numbers, line, last = [], 1, 0
    for match in _MSGID_LINE.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        numbers.append(line)
    return numbers


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[^\W\d_{_CJK}]+")  # letters, CJK ones aside
_CJK_RUN = re.compile(rf"[{_CJK}]{{2,}}")
#: Keys of a unit used to find its near matches: its rarest ones.
_RARE = 6


def _keys(text: str) -> set[str]:
    """What near matches share: pairs of words in a row (a word alone in a text of one word),
    and runs of three CJK characters (two in a run of two). Pairs and runs are rare enough
    that a text's rarest keys lead to its near matches among hundreds of thousands.

    >>> sorted(_keys("The treaty of 1965 and 日韓基本条約"))
    ['and of', 'of treaty', 'the treaty', '基本条', '日韓基', '本条約', '韓基本']
    >>> sorted(_keys("Conclusion"))
    ['conclusion']
    """
    lowered = text.lower()
    # Lowered whole, a text gives the same words when no character grew in lowering (each
    # became one that is a letter exactly when it was: the tests go through every one) and
    # none lowers by its context (a Greek capital sigma: σ, or ς at the end of a word).
    same = len(lowered) == len(text) and "Σ" not in text
    words = _WORD.findall(lowered) if same else [w.lower() for w in _WORD.findall(text)]
    keys = {f"{a} {b}" if a < b else f"{b} {a}" for a, b in pairwise(words)} or set(words)
    if not text.isascii():
        for run in _CJK_RUN.findall(text):
            keys.update(run[i : i + 3] for i in range(max(1, len(run) - 2)))
    return keys


class Memory:
    """Recollections of one language, indexed for exact and near lookups."""

    def __init__(self, items: Iterable[Recollection]) -> None:
        self.items = list(items)
        self.exact: dict[str, list[Recollection]] = defaultdict(list)
        for item in self.items:
            self.exact[item.msgid].append(item)
        self._texts: list[str] = []
        self._lengths: list[int] = []
        self._index: dict[str, list[int]] | None = None
        self._sorted: dict[str, list[Recollection]] = {}
        self._near: dict[tuple[str, str, str, float], tuple[Recollection, float] | None] = {}
        self._scored: dict[tuple[str, float], list[tuple[str, float]]] = {}

    def __bool__(self) -> bool:
        return bool(self.items)

    def matches(self, msgid: str, kind: str, own: str) -> list[Recollection]:
        """Exact matches of the same kind, from other files than ``own``: translators' own
        before those the memory gave, most recent first (one per distinct translation)."""
        distinct: dict[str, Recollection] = {}
        for item in self._in_order(msgid):
            if item.msgstr not in distinct and _offered(item, kind, own):
                distinct[item.msgstr] = item
        return list(distinct.values())

    def _in_order(self, msgid: str) -> list[Recollection]:
        """The recollections of ``msgid``: translators' own before those the memory gave,
        the most recent first, then by origin (sorted once per text: a boilerplate text can
        be in every catalog)."""
        found = self._sorted.get(msgid)
        if found is None:
            found = sorted(self.exact.get(msgid, ()), key=lambda r: r.place)
            found.sort(key=lambda r: r.date, reverse=True)
            found.sort(key=lambda r: r.recalled)
            self._sorted[msgid] = found
        return found

    def near(
        self, msgid: str, kind: str, own: str, threshold: float
    ) -> tuple[Recollection, float] | None:
        """The closest other source text at or above ``threshold`` percent similar (the most
        similar, then as :meth:`matches` orders them: the same answer in every run).

        Texts are compared once each, however many catalogs hold them; an answer is kept
        (``update`` asks once to know which catalogs to fill, and again to fill them)."""
        key = (msgid, kind, own, threshold)
        if key not in self._near:
            self._near[key] = self._nearest(msgid, kind, own, threshold)
        return self._near[key]

    def _nearest(
        self, msgid: str, kind: str, own: str, threshold: float
    ) -> tuple[Recollection, float] | None:
        found = []
        for text, score in self._similar(msgid, threshold):
            item = next((r for r in self._in_order(text) if _offered(r, kind, own)), None)
            if item is not None:
                found.append((score, item))
        if not found:
            return None
        found.sort(key=lambda pair: pair[1].place)
        found.sort(key=lambda pair: pair[1].date, reverse=True)
        found.sort(key=lambda pair: pair[1].recalled)
        found.sort(key=lambda pair: pair[0], reverse=True)
        return found[0][1], found[0][0]

    def _similar(self, msgid: str, threshold: float) -> list[tuple[str, float]]:
        """The source texts at or above ``threshold`` percent similar to ``msgid`` among its
        candidates, in the order ranked, with their scores. It depends on the text alone, not
        on the catalog asking: a text in many catalogs (a boilerplate paragraph, a heading
        such as "Conclusion") is looked for once."""
        key = (msgid, threshold)
        found = self._scored.get(key)
        if found is not None:
            return found
        index = self._near_index()
        texts = self._texts
        # The rarest keys find the candidates: a text that similar shares most of them.
        keys = sorted(
            (key for key in _keys(msgid) if key in index), key=lambda key: (len(index[key]), key)
        )[:_RARE]
        shared: Counter[int] = Counter(chain.from_iterable(index[key] for key in keys))
        # A ratio of t % needs lengths within these bounds (2 * common / total >= t / 100).
        size, lengths = len(msgid), self._lengths
        low, high = size * threshold / (200 - threshold), size * (200 - threshold) / threshold
        # The candidates sharing the most keys, then by number: two sorts at C speed (the
        # second is stable), then the first ones of a length that can reach the threshold.
        order = sorted(shared)
        order.sort(key=shared.__getitem__, reverse=True)
        ranked: list[int] = []
        for number in order:
            if low <= lengths[number] <= high:
                ranked.append(number)
                if len(ranked) == _CANDIDATES:
                    break
        # Scored in one call (rapidfuzz's loop), in the order ranked: those at the threshold.
        found = [
            (text, score)
            for text, score, _ in process.extract(
                msgid,
                [texts[number] for number in ranked],
                scorer=fuzz.ratio,
                score_cutoff=threshold,
                limit=None,
            )
        ]
        self._scored[key] = found
        return found

    def _near_index(self) -> dict[str, list[int]]:
        if self._index is None:
            self._texts = list(self.exact)
            self._lengths = [len(text) for text in self._texts]
            index: dict[str, list[int]] = defaultdict(list)
            for number, text in enumerate(self._texts):
                for key in _keys(text):
                    index[key].append(number)
            # Keys most texts have say nothing about which ones are near.
            common = max(50, len(self._texts) // 20)
            self._index = {key: found for key, found in index.items() if len(found) <= common}
        return self._index


def _offered(item: Recollection, kind: str, own: str) -> bool:
    """May ``item`` be offered to an entry of ``kind`` in the catalog ``own``?"""
    return item.origin.rpartition(":")[0] != own and _same_kind(item.kind, kind)


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a == "text" and b == "text")


@dataclass(frozen=True, slots=True)
class Filled:
    """What the memory gave one catalog."""

    translated: int = 0
    fuzzy: int = 0


def fill(
    catalog: Catalog,
    memory: Memory,
    config: Config,
    own: str,
    origin: Callable[[Recollection], str] = lambda item: item.origin,
) -> tuple[Catalog, Filled]:
    """``catalog`` with its untranslated entries filled from ``memory`` (``own`` names the
    catalog, whose own translations are not offered back to it; ``origin`` says where a
    recollection is, its line as ``update`` writes its catalog)."""
    translated = fuzzy = 0
    messages = []
    for message in catalog.messages:
        if (
            message.obsolete
            or message.has_translation
            or message.msgid_plural is not None
            or message.msgctxt is not None
        ):
            messages.append(message)
            continue
        kind = kind_of(message)
        exact = memory.matches(message.msgid, kind, own)
        if exact:
            agreed = len(exact) == 1 and config.tm_exact == "translated"
            notes = (
                f"tm: {origin(exact[0])}",
                *(f"tm: also {origin(other)}: {other.msgstr}" for other in exact[1:]),
            )
            message = replace(
                message,
                msgstr=exact[0].msgstr,
                flags=() if agreed else ("fuzzy",),
                translator_comments=(*message.translator_comments, *notes),
            )
            translated += agreed
            fuzzy += not agreed
        elif near := memory.near(message.msgid, kind, own, config.tm_threshold):
            item, score = near
            message = replace(
                message,
                msgstr=item.msgstr,
                flags=("fuzzy",),
                previous_msgid=item.msgid,
                translator_comments=(
                    *message.translator_comments,
                    f"tm: {origin(item)} ({score:.0f}% similar)",
                ),
            )
            fuzzy += 1
        messages.append(message)
    return replace(catalog, messages=tuple(messages)), Filled(translated, fuzzy)
