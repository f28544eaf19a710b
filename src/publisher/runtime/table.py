"""Read-only tables whose entries are made when asked for.

What a build made of thousands of reports (each output's manifest entry, each edition's
index entry, each report's cache record) is kept on disk (:mod:`publisher.runtime.spool`)
and read back one entry at a time as the manifest, the index pages and the cache are written:
a :class:`Table` holds only the keys, in order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from publisher.runtime.spool import Spool

__all__ = ["Table", "chained", "spooled", "as_text"]


def as_text(value: Any) -> str:
    """``value`` as JSON with sorted keys and characters as they are: one text per value,
    the same in every run."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Table(Mapping[str, Any]):
    """A mapping in key order whose values ``load`` makes each time one is asked for (so
    that a value is held only while it is used); ``text``, when given, gives a value's
    :func:`as_text` without making it."""

    __slots__ = ("_keys", "_load", "_text")

    def __init__(
        self,
        keys: Iterable[str],
        load: Callable[[str], Any],
        text: Callable[[str], str | None] | None = None,
    ) -> None:
        self._keys = dict.fromkeys(sorted(keys))
        self._load = load
        self._text = text

    def text(self, key: str) -> str | None:
        """The value of ``key`` as :func:`as_text` makes it, when the table holds it so
        (None when it does not: make the value, then its text)."""
        return self._text(key) if self._text is not None and key in self._keys else None

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys:
            raise KeyError(key)
        return self._load(key)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __eq__(self, other: object) -> bool:
        """Compared a value at a time (``Mapping``'s own comparison copies both whole)."""
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(self) == len(other) and all(
            key in other and other[key] == self[key] for key in self
        )

    def __repr__(self) -> str:
        return f"Table({len(self)} keys)"


def chained(*tables: Mapping[str, Any]) -> Table:
    """The union of ``tables`` in key order; where several hold a key, the first one's
    value."""

    def holder(key: str) -> Mapping[str, Any]:
        for table in tables:
            if key in table:
                return table
        raise KeyError(key)  # pragma: no cover (keys come from the tables)

    def text(key: str) -> str | None:
        table = holder(key)
        return table.text(key) if isinstance(table, Table) else None

    return Table({key for table in tables for key in table}, lambda key: holder(key)[key], text)


def spooled(spool: Spool) -> Table:
    """The texts of ``spool`` (each made by :func:`as_text`), decoded when asked for."""
    return Table(spool, lambda key: json.loads(spool[key]), spool.__getitem__)
