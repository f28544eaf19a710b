"""Safe writes: atomic replacement of files, and one writer per project at a time."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import filecmp
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.errors import LockError

__all__ = [
    "stage",
    "stage_chunks",
    "Staged",
    "Transaction",
    "project_lock",
    "sweep",
    "INHERITED",
    "discard",
]


@dataclass(frozen=True, slots=True)
class Staged:
    """A file written beside its target, waiting to be renamed into place."""

    temporary: str
    target: Path
    created: Path | None = None
    """The topmost folder created for it (removed again if the work is abandoned)."""


def _missing_top(folder: Path) -> Path | None:
    top = None
    while not folder.exists():
        top, folder = folder, folder.parent
    return top


def stage(path: Path, data: bytes) -> Staged | None:
    """Write ``data`` to a temporary file beside ``path``; None when ``path`` already holds it."""
    if _unchanged(path, data):
        return None
    return _stage(path, [data])


def stage_chunks(path: Path, chunks: Iterable[str], digest: Any = None) -> Staged | None:
    """Like :func:`stage` for text made piece by piece (a long page straight from its
    template), never held whole in memory. ``digest`` (a hashlib object), when given, sees
    every byte."""

    def encoded() -> Iterator[bytes]:
        for chunk in chunks:
            data = chunk.encode("utf-8")
            if digest is not None:
                digest.update(data)
            yield data

    return _stage(path, encoded(), compare=True)


def _stage(path: Path, pieces: Iterable[bytes], compare: bool = False) -> Staged | None:
    """Write ``pieces`` to a temporary file beside ``path`` with the mode ``path`` has (or
    would get). With ``compare``, a result equal to ``path`` is dropped again (None)."""
    created = _missing_top(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:  # name the folder that cannot take the file, not a random name
        if created is not None:
            _remove_empty(created)
        raise OSError(
            error.errno,
            error.strerror,
            error.filename if error.errno == errno.ENOTDIR else str(path.parent),
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
        if compare and path.is_file() and filecmp.cmp(temporary, path, shallow=False):
            os.unlink(temporary)
            return None
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if created is not None:
            _remove_empty(created)
        raise
    return Staged(temporary, path, created)


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


class Transaction:
    """Files staged beside their targets and renamed into place together at the end.

    Nothing is visible before :meth:`commit`; an error before it (a bad file found late in a
    run) leaves every file as it was, and removes the folders made for new files. Each rename
    is atomic, so even a kill during the commit leaves each file either as before or as after.
    """

    def __init__(self, marker: Path | None = None, folders: tuple[Path, ...] = ()) -> None:
        """``marker`` is a file that exists while files are staged: if a killed run left it
        behind, the temporary files it may have left in ``folders`` are swept first. So they
        are when the marker's folder (the cache) is gone: deleting the cache must not keep
        a killed run's leftovers forever."""
        self._staged: list[Staged] = []
        self._removed: list[tuple[Path, Path]] = []
        self._marker = marker
        self._created: Path | None = None
        if marker is not None and (marker.exists() or not marker.parent.is_dir()):
            sweep([folder for folder in folders if folder.is_dir()])
            marker.unlink(missing_ok=True)

    def begin(self) -> None:
        """Say that files are about to be staged (by this process or by workers)."""
        if self._marker is not None and not self._marker.exists():
            self._created = _missing_top(self._marker.parent)
            self._marker.parent.mkdir(parents=True, exist_ok=True)
            self._marker.touch()

    def stage(self, path: Path, data: bytes) -> bool:
        """Prepare ``path`` to hold ``data``; False when it already does."""
        if _unchanged(path, data):
            return False
        self.begin()
        staged = stage(path, data)
        if staged is not None:
            self._staged.append(staged)
        return staged is not None

    def stage_chunks(self, path: Path, chunks: Iterable[str], digest: Any = None) -> bool:
        """Prepare ``path`` to hold the text made of ``chunks``; False when it already does."""
        self.begin()
        staged = stage_chunks(path, chunks, digest)
        if staged is not None:
            self._staged.append(staged)
        return staged is not None

    def adopt(self, staged: list[Staged]) -> None:
        """Take files staged elsewhere (by a worker process)."""
        self._staged.extend(staged)

    def forget(self, staged: list[Staged]) -> None:
        """Take back files staged earlier in the run (done again since)."""
        drop = {id(item) for item in staged}
        discard([item for item in self._staged if id(item) in drop])
        self._staged = [item for item in self._staged if id(item) not in drop]

    def remove(self, path: Path, top: Path) -> None:
        """Remove ``path`` at the commit, and the folders up to ``top`` it leaves empty."""
        self._removed.append((path, top))

    def commit(self) -> None:
        # Removals first: a run killed in between leaves the old manifest, which still
        # lists what is left to remove.
        for path, top in self._removed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            _remove_empty_parents(path.parent, top)
        self._removed.clear()
        for item in self._staged:
            os.replace(item.temporary, item.target)
        self._staged.clear()

    def rollback(self) -> None:
        discard(self._staged)
        self._staged.clear()
        self._removed.clear()

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                self.commit()
            else:
                self.rollback()
        finally:
            if self._marker is not None:
                self._marker.unlink(missing_ok=True)
                if kind is not None and self._created is not None:
                    _remove_empty(self._created)  # leave no trace of a failed run


def discard(staged: list[Staged]) -> None:
    """Remove staged files (and the folders made for them) that will not be committed."""
    for item in staged:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(item.temporary)
    for item in staged:
        if item.created is not None:
            _remove_empty(item.created)


def _remove_empty_parents(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents below ``top`` while they are empty."""
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone): stop there
            return
        folder = folder.parent


def _remove_empty(top: Path) -> None:
    """Remove ``top`` and the folders below it if they hold no file."""
    if not top.is_dir():
        return
    for folder, _, files in sorted(os.walk(top), key=lambda entry: -len(entry[0])):
        if not files:
            with contextlib.suppress(OSError):
                os.rmdir(folder)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


#: File descriptors a worker process must not keep (the project lock).
INHERITED: set[int] = set()

# Temporary files are named like ".name.po.k2x_9a1b.tmp" (see stage()).
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's write lock; another writer gets a :class:`LockError` at once.

    The lock is an advisory ``flock`` on the project folder itself, so no lock file is ever
    created; the system drops it when the holder exits, even when killed, so a stale lock
    never blocks anyone.
    """
    handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockError(
                "another publisher run is writing this project",
                root,
                hint="wait for it to finish, then run the command again",
            ) from None
        INHERITED.add(handle)
        try:
            yield
        finally:
            INHERITED.discard(handle)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def sweep(folders: list[Path]) -> int:
    """Remove temporary files that a killed run left behind; call with the lock held."""
    removed = 0
    for top in folders:
        for folder, _, files in os.walk(top):
            for name in files:
                if name.startswith(".") and _TEMPORARY.match(name):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(os.path.join(folder, name))
                        removed += 1
    return removed
