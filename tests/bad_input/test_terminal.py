"""The real console script in a subprocess: what a user's terminal shows on bad input.

CliRunner cannot show a traceback (it catches the exception); a real process prints one to
stderr.  These runs prove that none reaches the terminal, and that the message goes to stderr.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import EN_REPORT, JA_PO, assert_unchanged, copy_sample, run_script, tree, write


def _merge_conflict(root: Path):
    text = (root / JA_PO).read_text("utf-8")
    line = text[:text.index('msgstr "日本・東京"')].count("\n") + 1  # the marker takes its line
    text = text.replace(
        'msgstr "日本・東京"', '<<<<<<< HEAD\nmsgstr "日本・東京"\n=======\nmsgstr "東京"\n'
        '>>>>>>> other', 1)
    write(root, JA_PO, text)
    return JA_PO, line


def _bad_toml(root: Path):
    write(root, "publisher.toml", '[project]\ntitle = "x\n')
    return "publisher.toml", 2


def _latin1_report(root: Path):
    write(root, "content/reports/zz.md", b"---\ntitle: T\n---\n\nCaf\xe9.\n")
    return "content/reports/zz.md", 5


def _lang_unknown(root: Path):
    write(root, "content/reports/zz.md", "---\ntitle: T\nlang: xx\n---\n\nText.\n")
    return "content/reports/zz.md", 3


def _binary_catalog(root: Path):
    write(root, JA_PO, bytes(range(256)) * 8)
    return JA_PO, None


CASES = [_merge_conflict, _bad_toml, _latin1_report, _lang_unknown, _binary_catalog]



@pytest.mark.parametrize("case, args", [
    pytest.param(c, ["update"], id=f"update-{c.__name__.strip('_')}") for c in CASES] + [
    pytest.param(_merge_conflict, ["build"], id="build-merge_conflict"),
    pytest.param(_latin1_report, ["build", "--format", "md"], id="build-md-latin1_report"),
])
def test_console_script_shows_no_traceback(tmp_path: Path, case, args):
    root = copy_sample(tmp_path / "project")
    file, line = case(root)
    before = tree(tmp_path)
    done = run_script("--root", str(root), *args)
    shown = f"exit {done.returncode}\n--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"
    assert done.returncode == 2, shown
    assert "Traceback" not in done.stderr + done.stdout, shown
    assert file in done.stderr, shown
    if line is not None:
        assert f"{file}:{line}" in done.stderr, shown
    assert_unchanged(before, tmp_path)



def test_console_script_from_inside_the_project(tmp_path: Path):
    """Run with the project as the working folder (no --root): relative names in messages."""
    root = copy_sample(tmp_path / "project")
    file, line = _latin1_report(root)
    done = run_script("update", cwd=root)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert f"{file}:{line}:" in done.stderr, done.stderr


def test_console_script_unreadable_catalog(tmp_path: Path):
    """A catalog that cannot be read (here a folder where the file should be; a permission
    problem is the same OSError) is reported with its name: exit 2, no traceback."""
    root = copy_sample(tmp_path / "project")
    (root / JA_PO).unlink()
    (root / JA_PO).mkdir()
    done = run_script("--root", str(root), "update")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert JA_PO in done.stderr


# --------------------------------------------------------------------------- lock file


@pytest.mark.parametrize("args", [["update"], ["build"]], ids=["update", "build"])
def test_bad_input_leaves_no_lock_file(tmp_path: Path, args):
    """Strictly "nothing written": not even a lock file (the lock is on the folder)."""
    root = copy_sample(tmp_path / "project")
    write(root, EN_REPORT, b"---\ntitle: T\nsubtitle: a: b\n---\n")
    before = tree(tmp_path, ignore=())
    done = run_script("--root", str(root), *args)
    assert done.returncode == 2, done.stderr
    assert_unchanged(before, tmp_path, ignore=())
    assert not (root / ".publisher.lock").exists()
