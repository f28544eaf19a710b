"""JSON written a piece at a time, never held whole.

A cache file, a manifest or a list of findings of thousands of reports is tens to hundreds
of megabytes of JSON. :func:`json_pieces` gives the compact text of a cache file a batch of
records at a time; :func:`indented_pieces` the text laid out for people (``json.dumps``
with an indent, whose pure-Python encoder builds the whole text before returning it), its
outer levels an item at a time. Each item is encoded whole by ``json.dumps``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["json_pieces", "indented_pieces"]


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


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def json_pieces(data: Mapping[str, Any], batch: int = 256) -> Iterator[str]:
    """``json.dumps(data, sort_keys=True, separators=(",", ":"))`` in pieces: the records of
    a top-level table one batch at a time, never the whole text at once (tens of megabytes
    for an archive of thousands of reports); a table may be any mapping (one whose records
    are made as they are taken: :class:`~publisher.runtime.table.Table`). Each record is
    encoded by ``json.dumps``, whose C encoder ``json.dump`` to a stream lacks (five times
    slower)."""
    if not all(isinstance(key, str) for key in data):
        yield _compact(data)
        return
    yield "{"
    for number, key in enumerate(sorted(data)):
        value = data[key]
        yield ("," if number else "") + json.dumps(key) + ":"
        if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
            yield _compact(value)
            continue
        pieces = ["{"]
        for inner, name in enumerate(sorted(value)):
            pieces.append(("," if inner else "") + json.dumps(name) + ":" + _compact(value[name]))
            if len(pieces) >= batch:
                yield "".join(pieces)
                pieces = []
        pieces.append("}")
        yield "".join(pieces)
    yield "}"
