"""Helpers shared by the bad-input tests: projects, snapshots, and the assertions of the contract.

The contract (DESIGN.md, "Exit codes"): bad input gets a clear message naming the file and the
line, exit code 2, no traceback, and nothing written or lost.  Every case here checks, in this
order, so that the first failing assertion says what is wrong:

1. the exit code;
2. no traceback (the CLI raised ``SystemExit``, not some other exception; no "Traceback" text);
3. the message names the file (relative path) and the line, where there is one;
4. the whole tree around the project (``tmp_path``, so writes outside the project count too) is
   unchanged: same files with the same bytes, same folders, same symlinks.

There is no exception in (4): the project lock is held on the project folder itself, so no
lock file is ever created.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import traceback
from pathlib import Path

from click.testing import CliRunner, Result

import conftest
from publisher.cli import cli

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
PUBLISHER = REPO / ".venv" / "bin" / "publisher"
if not PUBLISHER.exists():  # an installation elsewhere: the script beside this interpreter
    PUBLISHER = Path(sys.executable).with_name("publisher")


# The sample project's files these tests corrupt.
EN_REPORT = "content/reports/2024-korea-japan-workshop.md"
KO_REPORT = "content/reports/2024-workshop-sessions-summary.md"
JA_PO = "locales/ja/reports/2024-korea-japan-workshop.po"
KO_PO = "locales/ko/reports/2024-korea-japan-workshop.po"
POT = "locales/templates/reports/2024-korea-japan-workshop.pot"

#: Every command that reads the whole project, as argument lists after ``--root DIR``.
#: status and check may not exist yet; they are included on purpose.
ALL_COMMANDS = {
    "update": ["update"],
    "status": ["status"],
    "check": ["check"],
    "build": ["build"],
    "build-md": ["build", "--format", "md"],
}


def command_params(*names: str):
    """``pytest.mark.parametrize`` values for the named commands (all when none named)."""
    import pytest

    names = names or tuple(ALL_COMMANDS)
    return [pytest.param(ALL_COMMANDS[n], id=n) for n in names]


copy_sample = conftest.copy_sample  # the repository's sample project, copied to a folder


def write(root: Path, relative: str, data: bytes | str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------- snapshots


def tree(folder: Path, ignore: tuple[str, ...] = ()) -> dict[str, object]:
    """Everything under ``folder``: files (bytes), folders and symlinks (their target).

    Symlinks are recorded, never followed, so a link pointing outside is not read through.
    """
    found: dict[str, object] = {}
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(top, name)
            rel = path.relative_to(folder).as_posix()
            if name in ignore and not path.is_dir():
                continue
            if path.is_symlink():
                found[rel] = ("symlink", os.readlink(path))
            elif path.is_dir():
                found[rel] = ("folder",)
            else:
                found[rel] = path.read_bytes()
    return found


def tree_difference(before: dict[str, object], after: dict[str, object]) -> str:
    """A readable account of what changed between two :func:`tree` snapshots ('' if none)."""
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = []
    if added:
        parts.append(f"new: {added}")
    if removed:
        parts.append(f"removed: {removed}")
    if changed:
        parts.append(f"changed: {changed}")
    return "; ".join(parts)


def assert_unchanged(before: dict[str, object], folder: Path, ignore=()) -> None:
    difference = tree_difference(before, tree(folder, ignore))
    assert not difference, f"files were written or lost on bad input: {difference}"


# -------------------------------------------------------------------------- running


def invoke(root: Path | str, *args: str, runner: CliRunner | None = None) -> Result:
    """Run the CLI in-process on a project, catching whatever escapes it."""
    runner = runner or CliRunner()
    return runner.invoke(cli, ["--root", str(root), *args], catch_exceptions=True)


def describe(result: Result) -> str:
    """The run's output and any escaped exception, for assertion messages."""
    text = f"exit code {result.exit_code}\n--- output ---\n{result.output}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        text += "--- escaped exception ---\n" + "".join(
            traceback.format_exception(*result.exc_info))
    return text


def run_script(*args: str, cwd: Path | None = None, timeout: float = 60
               ) -> subprocess.CompletedProcess:
    """Run the real console script, as a user's terminal would."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", NO_COLOR="1")
    return subprocess.run([str(PUBLISHER), *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env=env)


def names_place(output: str, file: str | None, line: int | tuple[int, ...] | None) -> bool:
    """True when ``output`` names ``file`` and (one of) ``line``.

    The contract's form is ``file:line: message``; "file ... line N" is accepted too.
    """
    if file is None:
        return True
    if file not in output:
        return False
    if line is None:
        return True
    lines = line if isinstance(line, tuple) else (line,)
    for number in lines:
        if re.search(rf"{re.escape(file)}:{number}\b", output):
            return True
        if re.search(rf"\bline {number}\b", output):
            return True
    return False


def assert_bad_input(result: Result, *, file: str | None, line=None,
                     says: tuple[str, ...] = (), exit_code: int = 2) -> None:
    """Exit code 2, no traceback, a message naming the file and line and saying ``says``."""
    info = describe(result)
    assert result.exit_code == exit_code, f"expected exit code {exit_code}\n{info}"
    assert isinstance(result.exception, SystemExit), f"an exception escaped the CLI\n{info}"
    assert "Traceback" not in result.output, info
    assert result.output.strip(), f"no message at all\n{info}"
    assert names_place(result.output, file, line), (
        f"the message does not name {file}" + (f" line {line}" if line else "") + f"\n{info}")
    for words in says:
        assert words.lower() in result.output.lower(), f"the message does not say {words!r}\n{info}"


def check_bad_input(tmp_path: Path, root: Path, args: list[str], *, file: str | None,
                    line=None, says: tuple[str, ...] = ()) -> Result:
    """Run one bad-input case end to end: snapshot, run, assert, compare the snapshot."""
    before = tree(tmp_path)
    result = invoke(root, *args)
    assert_bad_input(result, file=file, line=line, says=says)
    assert_unchanged(before, tmp_path)
    return result


def line_of(text: str, needle: str, start: int = 1) -> int:
    """The 1-based number of the first line at or after ``start`` that contains ``needle``."""
    for number, line in enumerate(text.split("\n"), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def make_tiny(root: Path, files: dict[str, str | bytes], config: str = "") -> Path:
    """A small project: ``files`` maps paths under ``root`` to their content."""
    root.mkdir(parents=True, exist_ok=True)
    write(root, "publisher.toml", config)
    for name, data in files.items():
        write(root, name, data)
    return root
