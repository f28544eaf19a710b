"""Provenance: the revision each report was built from, read from git once per build."""

from __future__ import annotations

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
    """True when the file has changes that are not committed."""


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def revisions(root: Path, folder: str = "content") -> dict[str, Revision]:
    """Last commit of every file under ``folder`` (paths relative to ``root``), in one pass."""
    top = _git(root, "rev-parse", "--show-prefix")
    if top is None:
        return {}
    log = _git(root, "log", "--format=%x00%H %cI", "--name-only", "--no-renames",
               "--relative", "--", folder)
    found: dict[str, Revision] = {}
    current = None
    for line in (log or "").splitlines():
        if line.startswith("\0"):
            commit, _, date = line[1:].partition(" ")
            current = Revision(commit, date)
        elif line and current is not None and line not in found:
            found[line] = current
    status = _git(root, "status", "--porcelain", "--relative", "--", folder) or ""
    for line in status.splitlines():
        path = line[3:].strip().strip('"')
        old = found.get(path, Revision("", ""))
        found[path] = Revision(old.commit, old.date, modified=True)
    return found
