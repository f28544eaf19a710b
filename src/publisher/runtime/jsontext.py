"""JSON laid out for people (indented), written a piece at a time.

``json.dumps(..., indent=N)`` uses the pure-Python encoder and builds the whole text, a piece
for every key and value, before returning it: for a manifest or a list of findings of
thousands of reports, hundreds of megabytes at once. :func:`indented_pieces` gives the same
text as it goes, its outer levels an item at a time, each item encoded whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["indented_pieces"]


def indented_pieces(
    value: Any, indent: int, *, sort_keys: bool = False, depth: int = 1
) -> Iterator[str]:
    """The pieces of ``json.dumps(value, ensure_ascii=False, sort_keys=sort_keys,
    indent=indent)``, iterators written as lists. Mappings and lists less than ``depth``
    levels deep are written an item at a time, as are, at any depth, iterators (their items
    made as they are written) and mappings that are not dicts (tables read from disk);
    anything else is encoded whole."""
    pad = " " * indent

    def walk(item: Any, level: int) -> Iterator[str]:
        if isinstance(item, Mapping) and (level < depth or not isinstance(item, dict)):
            keys = sorted(item) if sort_keys else list(item)
            if not keys:
                yield "{}"
                return
            inner = "\n" + pad * (level + 1)
            for number, key in enumerate(keys):
                yield ("," if number else "{") + inner + json.dumps(key, ensure_ascii=False) + ": "
                yield from walk(item[key], level + 1)
            yield "\n" + pad * level + "}"
        elif isinstance(item, Iterator) or (isinstance(item, (list, tuple)) and level < depth):
            inner = "\n" + pad * (level + 1)
            empty = True
            for element in item:
                yield ("[" if empty else ",") + inner
                yield from walk(element, level + 1)
                empty = False
            yield "[]" if empty else "\n" + pad * level + "]"
        else:
            text = json.dumps(
                item, ensure_ascii=False, sort_keys=sort_keys, indent=indent, default=_plain
            )
            yield text.replace("\n", "\n" + pad * level) if level else text

    return walk(value, 0)


def _plain(value: object) -> object:
    """A table or an iterator inside what is encoded whole, as JSON takes it."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, Iterator):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
