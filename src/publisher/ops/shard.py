"""Sharding: an archive split by report, so that machines of a CI job matrix share the work.

Reports are independent, so ``update``, ``check`` and ``build`` can each take ``--shard K/N``:
the run does the work of the reports of part K of N, and no other. The partition depends on
nothing but a report's slug (a digest of it), so every machine computes the same one, a report
stays in its part however many others are added, and the parts are near equal in size. What
belongs to no report (the site catalog, index pages) is the first part's, or the merge's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

__all__ = ["Shard", "parse_shard"]

_FORM = re.compile(r"\A([1-9][0-9]*)/([1-9][0-9]*)\Z")


@dataclass(frozen=True, slots=True)
class Shard:
    """Part ``index`` of ``count`` (from 1)."""

    index: int
    count: int

    def holds(self, slug: str) -> bool:
        """Is the report ``slug`` in this part?

        >>> parts = [Shard(k, 3) for k in (1, 2, 3)]
        >>> [sum(p.holds(f"reports/{n}") for n in range(300)) for p in parts]
        [95, 101, 104]
        """
        digest = hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "big") % self.count == self.index - 1

    @property
    def first(self) -> bool:
        """The part that also does what belongs to no report."""
        return self.index == 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """``K/N`` as a :class:`Shard`; raises ValueError with what is wrong.

    >>> parse_shard("2/4")
    Shard(index=2, count=4)
    >>> parse_shard("5/4")
    Traceback (most recent call last):
    ...
    ValueError: the part 5 is not one of 1 to 4
    """
    match = _FORM.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not K/N (part K of N, as 2/4)")
    index, count = int(match[1]), int(match[2])
    if index > count:
        raise ValueError(f"the part {index} is not one of 1 to {count}")
    return Shard(index, count)
