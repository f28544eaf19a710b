"""The ``X-Publisher-Digest`` header field: a catalog that says it is up to date.

``update`` writes, as the last header field of each template and catalog, three short
digests: of the report's source (with the settings), of the file's own bytes (without that
line) together with that source, and of the same bytes together with the template's messages.
A later run without cache that finds

* the same source: knows the file is exactly what it would write again, without even parsing
  the report (the *source* check);
* a changed source (a typo fixed elsewhere, a re-wrapped paragraph) but the same messages:
  knows the file is still right, after parsing the report but not the catalog (the *template*
  check).

Either way the catalog is neither parsed, nor merged, nor formatted. Any other change to the
file (a translator's edit, another tool's formatting) breaks both checks and the file takes the
full path. GNU gettext, Poedit, Lokalize and Weblate keep ``X-`` header fields.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from publisher.po.model import Catalog

__all__ = [
    "stamp",
    "verify_source",
    "verify_template",
    "unstamped",
    "without_stamp",
    "key_of",
    "header_end",
    "FIELD",
]

FIELD = "X-Publisher-Digest"
#: Bump when the way catalogs are merged or written changes, so old stamps stop matching.
_FORMAT = "2"
_PART = 10  # hex digits of each digest: 40 bits, and the line fits in GNU's width
_LINE = re.compile(rb'^"X-Publisher-Digest: ([0-9a-f]*)\\n"\n', re.MULTILINE)
# The stamp line must fit on one line at the page width, as GNU would write it.
_MIN_WIDTH = 60


def _digest(*parts: bytes | str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:_PART]


def key_of(*parts: str) -> str:
    """What a file is made from, as one string."""
    return hashlib.blake2b("\0".join((_FORMAT, *parts)).encode("utf-8"), digest_size=16).hexdigest()


def unstamped(data: bytes) -> bytes:
    """The file without its stamp line."""
    match = _search(data)
    return data if match is None else data[: match.start()] + data[match.end() :]


def header_end(data: bytes) -> int:
    """Where the header entry of a catalog file ends (after its last line)."""
    end = data.find(b"\n\n")
    return len(data) if end < 0 else end + 1


def _search(data: bytes) -> re.Match[bytes] | None:
    """The stamp line, looked for in the header only (where it is written)."""
    return _LINE.search(data, 0, header_end(data))


def without_stamp(catalog: Catalog) -> Catalog:
    """The catalog as read, without its stamp in the header (a merge must not carry it)."""
    header = catalog.header
    lines = [line for line in header.msgstr.split("\n") if not line.startswith(f"{FIELD}:")]
    return replace(catalog, header=replace(header, msgstr="\n".join(lines)))


def stamp(text: str, source_key: str, template_key: str, width: int) -> str:
    """``text`` (a formatted catalog without stamp) with its stamp as the last header line."""
    if width and width < _MIN_WIDTH:
        return text
    end = text.find("\n\n")
    end = len(text) if end < 0 else end + 1
    data = text.encode("utf-8")
    value = _digest(source_key) + _digest(source_key, data) + _digest(template_key, data)
    return f'{text[:end]}"{FIELD}: {value}\\n"\n{text[end:]}'


def _parts(data: bytes) -> tuple[str, str, str, bytes] | None:
    match = _search(data)
    if match is None:
        return None
    value = match.group(1).decode("ascii")
    if len(value) != 3 * _PART:
        return None  # a stamp of another format
    rest = data[: match.start()] + data[match.end() :]
    return value[:_PART], value[_PART : 2 * _PART], value[2 * _PART :], rest


def verify_source(data: bytes, source_key: str) -> bool:
    """Was ``data`` written from this very source and not changed since?"""
    parts = _parts(data)
    return (
        parts is not None
        and parts[0] == _digest(source_key)
        and parts[1] == _digest(source_key, parts[3])
    )


def verify_template(data: bytes, template_key: str) -> bool:
    """Was ``data`` written from these template messages and not changed since?"""
    parts = _parts(data)
    return parts is not None and parts[2] == _digest(template_key, parts[3])
