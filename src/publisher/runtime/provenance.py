"""Provenance: the revision each report was built from, read from git once per build."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Revision", "revisions"]


@dataclass(frozen=True, slots=True)
class Revision:
    """The last commit that touched a source file."""

    commit: str
    """Full commit hash; empty when the project is not a git repository."""
    date: str
    """Commit date, ISO 8601."""
    modified: bool = False
    """True when the file has changes that are not committed (or is not committed at all)."""


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    # Paths are bytes to git: undecodable ones keep their bytes as surrogates, as os does.
    return os.fsdecode(done.stdout)


def revisions(root: Path, folder: str = "content") -> dict[str, Revision]:
    """Last commit of every file under ``folder`` (paths relative to ``root``), in one pass.

    Names are read NUL-separated (``-z``), so that names with spaces or non-ASCII letters,
    which git would otherwise quote, are read as they are.
    """
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return {}
    prefix = prefix.strip()
    log = (
        _git(
            root,
            "log",
            "-z",
            "--format=%x01%H %cI",
            "--name-only",
            "--no-renames",
            "--relative",
            "--",
            folder,
        )
        or ""
    )
    found: dict[str, Revision] = {}
    current = None
    for field in log.split("\0"):
        field = field.strip("\n")
        if "\x01" in field:  # "\x01<hash> <date>\n<first name>" or just the header
            header, _, name = field.partition("\x01")[2].partition("\n")
            commit, _, date = header.partition(" ")
            current = Revision(commit, date)
            field = name
        if field and current is not None and field not in found:
            found[field] = current
    # Porcelain paths are relative to the top of the repository, whatever the folder.
    status = (
        _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", folder) or ""
    )
    entries = status.split("\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            index += 1  # a rename or copy is followed by its old name
        if path.startswith(prefix):
            path = path[len(prefix) :]
            old = found.get(path, Revision("", ""))
            found[path] = Revision(old.commit, old.date, modified=True)
    return found
