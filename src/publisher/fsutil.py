"""Safe writes: atomic replacement of files, and one writer per project at a time."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import LockError

__all__ = ["write_atomic", "stage", "Staged", "Transaction", "project_lock", "LOCK_NAME"]

LOCK_NAME = ".publisher.lock"


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
    created = _missing_top(path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return Staged(temporary, path, created)


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that; True if written.

    The bytes go to a temporary file in the same folder and replace the file in one rename:
    whoever kills the process sees the old file or the new one, never a half-written one.
    """
    staged = stage(path, data)
    if staged is None:
        return False
    os.replace(staged.temporary, path)
    return True


class Transaction:
    """Files staged beside their targets and renamed into place together at the end.

    Nothing is visible before :meth:`commit`; an error before it (a bad file found late in a
    run) leaves every file as it was, and removes the folders made for new files. Each rename
    is atomic, so even a kill during the commit leaves each file either as before or as after.
    """

    def __init__(self) -> None:
        self._staged: list[Staged] = []

    def stage(self, path: Path, data: bytes) -> bool:
        """Prepare ``path`` to hold ``data``; False when it already does."""
        staged = stage(path, data)
        if staged is not None:
            self._staged.append(staged)
        return staged is not None

    def adopt(self, staged: list[Staged]) -> None:
        """Take files staged elsewhere (by a worker process)."""
        self._staged.extend(staged)

    def commit(self) -> None:
        for item in self._staged:
            os.replace(item.temporary, item.target)
        self._staged.clear()

    def rollback(self) -> None:
        for item in self._staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(item.temporary)
        for item in self._staged:
            if item.created is not None:
                _remove_empty(item.created)
        self._staged.clear()

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.rollback()


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


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's write lock; another writer gets a :class:`LockError` at once.

    The lock is an advisory ``flock`` on ``.publisher.lock``: the system drops it when the
    holder exits, even when killed, so a stale lock never blocks anyone.
    """
    path = root / LOCK_NAME
    with open(path, "a+") as stream:
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            stream.seek(0)
            holder = stream.read().strip() or "another process"
            raise LockError(f"another publisher run ({holder}) is writing this project",
                            path, hint="wait for it to finish, then run the command again"
                            ) from None
        stream.seek(0)
        stream.truncate()
        stream.write(f"pid {os.getpid()}")
        stream.flush()
        try:
            yield
        finally:
            stream.seek(0)
            stream.truncate()
            fcntl.flock(stream.fileno(), fcntl.LOCK_UN)
