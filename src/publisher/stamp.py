"""The ``X-Publisher-Digest`` header field: a catalog that says it is up to date.

``update`` writes, as the last header field of each template and catalog, a digest of the
file's own bytes (without that line) and of what the file was made from (the template's
messages, the language, the line width). When a later run finds a file whose digest still
matches, the file is exactly as ``update`` would write it again, so it is neither parsed, nor
merged, nor formatted: a run with no cache costs little more than parsing the sources.

Any other change to the file (a translator's edit, another tool's formatting) breaks the
match, and the file takes the full path; a file that only lost or changed its digest line is
left as it is. GNU gettext, Poedit, Lokalize and Weblate keep ``X-`` header fields.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["stamp", "verify", "unstamped", "key_of", "FIELD"]

FIELD = "X-Publisher-Digest"
#: Bump when the way catalogs are merged or written changes, so old stamps stop matching.
_FORMAT = "1"
_LINE = re.compile(rb'^"X-Publisher-Digest: [0-9a-f]*\\n"\n', re.MULTILINE)
# The stamp line must fit on one line at the page width, as GNU would write it.
_MIN_WIDTH = 60


def _digest(*parts: bytes | str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def key_of(*parts: str) -> str:
    """What a file is made from, as one string."""
    return _digest(_FORMAT, *parts)


def unstamped(data: bytes) -> bytes:
    """The file without its stamp line."""
    return _LINE.sub(b"", data, count=1)


def stamp(text: str, key: str, width: int) -> str:
    """``text`` (a formatted catalog without stamp) with its stamp as the last header line."""
    if width and width < _MIN_WIDTH:
        return text
    end = text.find("\n\n")
    end = len(text) if end < 0 else end + 1
    data = text.encode("utf-8")
    return f'{text[:end]}"{FIELD}: {_digest(key, data)}\\n"\n{text[end:]}'


def verify(data: bytes, key: str) -> bool:
    """Is ``data`` a file stamped for ``key`` and unchanged since?"""
    match = _LINE.search(data)
    if match is None:
        return False
    recorded = match.group()[len(FIELD) + 3:-4].decode("ascii")
    return recorded == _digest(key, data[:match.start()] + data[match.end():])
