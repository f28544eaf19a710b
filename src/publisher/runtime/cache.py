"""The work cache in ``.publisher-cache/``: what is known to be up to date, by content hash.

A record says "these files had these digests when the work was last done". When every file of
a record still has its digest, the work is skipped. Digests are blake2b of the bytes; a file
whose size, mtime and inode did not change since it was last hashed is not read again (as git
does with its index). Every record also carries the tool's own digest (its code, templates and
style sheet) and the digest of the settings it depends on, so a new version or a changed
setting redoes everything. The folder is safe to delete at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from publisher.runtime.jsontext import json_pieces
from publisher.runtime.table import chained

__all__ = [
    "Cache",
    "tool_digest",
    "digest_bytes",
    "new_digest",
    "dump_stream",
    "read_bytes",
    "file_digest",
    "CACHE_DIR",
]

CACHE_DIR = ".publisher-cache"
_FORMAT = 2


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def new_digest() -> Any:
    """A hashlib object whose ``hexdigest()`` agrees with :func:`digest_bytes`."""
    return hashlib.blake2b(digest_size=16)


@cache
def tool_digest() -> str:
    """Digest of the package itself: any change to code, templates, CSS or data invalidates
    all."""
    digest = hashlib.blake2b(digest_size=16)
    package = resources.files("publisher")
    folders = [package]
    while folders:
        folder = folders.pop(0)
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if item.is_dir() and not item.name.startswith(("_", ".")):
                folders.append(item)
            elif item.is_file() and item.name.endswith((".py", ".html", ".xml", ".css", ".txt")):
                digest.update(item.name.encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()


class Cache:
    """One command's records, plus the shared table of file digests."""

    def __init__(self, root: Path, name: str, salt: str = "") -> None:
        self.root = root
        self._root = str(root)
        self.folder = root / CACHE_DIR
        self.path = self.folder / f"{name}.json"
        self.salt = f"{_FORMAT}:{tool_digest()}:{salt}"
        _sweep_stale(self.folder)
        data = self._load(self.path)
        self.records: dict[str, Any] = (
            data.get("records", {}) if data.get("salt") == self.salt else {}
        )
        self._stats: dict[str, str] = self._load(self.folder / "files.json").get("files", {})
        self._changed = False
        self.pending: dict[str, Any] = {}
        """Records to adopt once the files they describe are written."""

    @staticmethod
    def _load(path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def key(self, path: Path) -> str:
        """How records name a file: relative to the project, or absolute when outside it
        (an output folder elsewhere)."""
        if not path.is_absolute():
            return str(path)
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)

    def digest(self, path: Path) -> str:
        """Digest of a file's bytes ("-" when it does not exist)."""
        return self._digest(path, self.key(path))

    def _digest(self, path: Path | str, key: str) -> str:
        try:
            stat = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return "-"
        signature = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino} "
        known = self._stats.get(key)
        if isinstance(known, str) and known.startswith(signature):
            return known[len(signature) :]
        seen = _READ.get(str(path), "")
        value = (
            seen[len(signature) :]
            if seen.startswith(signature)
            else digest_bytes(Path(path).read_bytes())
        )
        self._stats[key] = signature + value  # one string per file: compact in memory
        self._changed = True
        return value

    def remember(self, name: str, value: str) -> None:
        """Note that the file ``name`` (relative to the root) now has digest ``value``."""
        try:
            stat = (self.root / name).stat()
        except OSError:
            return
        self._stats[name] = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino} {value}"
        self._changed = True

    def digests(self, paths: list[Path]) -> dict[str, str]:
        return {self.key(p): self.digest(p) for p in paths}

    def fresh(self, key: str) -> dict[str, Any] | None:
        """The record for ``key`` if every file it names still has the same digest."""
        record = self.records.get(key)
        if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
            return None
        for name, value in record["files"].items():
            # (names are keys already; joined as strings: a Path each is slow for thousands)
            if self._digest(os.path.join(self._root, name), name) != value:
                return None
        return record

    def put(self, key: str, files: list[Path], **extra: Any) -> None:
        """Record that the work for ``key`` is done with ``files`` as they are now."""
        self.records[key] = {"files": self.digests(files), **extra}
        self._changed = True

    def drop(self, key: str) -> None:
        if self.records.pop(key, None) is not None:
            self._changed = True

    def adopt(self, key: str, record: dict[str, Any]) -> None:
        """Take a record made elsewhere (by a worker process) for files now on disk."""
        self.records[key] = record
        for name, value in record.get("files", {}).items():
            self.remember(name, value)
        self._changed = True

    def save(self, more: Mapping[str, Any] | None = None) -> None:
        """Write the records, and ``more`` records, taken one at a time as they are written
        (a table of thousands of records made from files on disk; the files they name must
        be :meth:`remember`-ed first). Best effort: a cache that cannot be written is just
        slower."""
        if not self._changed and not more:
            return
        records: Mapping[str, Any] = chained(more, self.records) if more else self.records
        with contextlib.suppress(OSError):
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                _dump(ignore, "*\n")
            _dump(self.path, {"salt": self.salt, "records": records})
            _dump(self.folder / "files.json", {"files": self._stats})
        self._changed = False


# Files this process has read (path -> "size mtime inode digest"), so that a file read for
# its content is not read again for its digest.
_READ: dict[str, str] = {}


def read_bytes(path: Path) -> bytes:
    """A file's bytes, its digest noted for :meth:`Cache.digest` when the file did not change
    while it was read."""
    before = os.stat(path)
    data = path.read_bytes()
    after = os.stat(path)
    signature = (before.st_size, before.st_mtime_ns, before.st_ino)
    if (
        signature
        == (after.st_size, after.st_mtime_ns, after.st_ino)
        == (
            len(data),
            after.st_mtime_ns,
            after.st_ino,
        )
    ):
        _READ[str(path)] = f"{before.st_size} {before.st_mtime_ns} {before.st_ino} " + (
            digest_bytes(data)
        )
    return data


def file_digest(path: Path) -> str:
    """Digest of a file's bytes ("-" when it does not exist), without reading it again when
    this process read it as it is."""
    try:
        stat = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return "-"
    signature = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino} "
    seen = _READ.get(str(path), "")
    if seen.startswith(signature):
        return seen[len(signature) :]
    try:
        return digest_bytes(path.read_bytes())
    except FileNotFoundError:
        return "-"


# ``.<name>.<pid>.<random>.tmp``: a cache file being written by process <pid>.
_PENDING = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]{8}\.tmp$")


def _sweep_stale(folder: Path) -> None:
    """Remove the half-written cache files of processes that no longer run (killed ones).

    Commands that only read the project (status, check) write the cache without the project
    lock, so a file is removed only when the process writing it is gone.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _PENDING.match(name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: it exists
    return True


def dump_stream(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a cache file atomically with ``write``, which writes it to the stream given
    piece by piece (a large cache file is never held whole in memory)."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _dump(path: Path, data: Mapping[str, Any] | str) -> None:
    """Write text, or ``data`` as JSON, to a temporary file named after this process, and
    rename it into place."""

    def write(stream: BinaryIO) -> None:
        if isinstance(data, str):
            stream.write(data.encode("utf-8"))
            return
        for piece in json_pieces(data):
            stream.write(piece.encode("utf-8"))

    dump_stream(path, write)
