"""Texts a run makes one per report and needs again at its end, kept in a temporary file.

A build keeps what it made of each report (a few kilobytes of JSON) until the index pages,
the manifest and the cache are written; for thousands of reports, held in memory, that
grows with the archive. A :class:`Spool` holds only where each text is.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

__all__ = ["Spool"]


class Spool:
    """Texts by key, written to an anonymous temporary file (gone when closed, or when the
    process ends however it ends)."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self._places: dict[str, tuple[int, int]] = {}
        self._end = 0

    def __setitem__(self, key: str, text: str) -> None:
        data = text.encode("utf-8")
        self._file.seek(self._end)
        self._file.write(data)
        self._places[key] = (self._end, len(data))
        self._end += len(data)

    def __getitem__(self, key: str) -> str:
        start, size = self._places[key]
        self._file.seek(start)
        return self._file.read(size).decode("utf-8")

    def __contains__(self, key: object) -> bool:
        return key in self._places

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[str]:
        """The keys, in the order first written."""
        return iter(self._places)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
