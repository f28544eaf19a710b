"""Paths that point outside the project, at nothing, or at the wrong kind of thing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .support import check_bad_input, command_params, copy_sample, describe


@pytest.mark.parametrize("slug, says", [
    pytest.param("../x", ("../x", "outside"), id="parent"),
    pytest.param("/etc/passwd", ("/etc/passwd", "outside"), id="absolute"),
    pytest.param("reports/../../../etc/passwd", ("outside",), id="parent-inside"),
    pytest.param("reports/no-such-report", ("no-such-report",), id="missing"),
])
def test_update_report_option(tmp_path: Path, slug, says):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, ["update", "--report", slug], file=None, says=says)


@pytest.mark.parametrize("args", command_params())
def test_symlinked_report_pointing_outside(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    outside = tmp_path / "elsewhere" / "secret.md"
    outside.parent.mkdir()
    outside.write_text("---\ntitle: Not part of the project\n---\n\nSecret text.\n")
    os.symlink(outside, root / "content" / "reports" / "linked.md")
    result = check_bad_input(tmp_path, root, args, file="content/reports/linked.md")
    assert "Secret text" not in result.output


@pytest.mark.parametrize("args", command_params())
def test_root_is_missing(tmp_path: Path, args):
    missing = tmp_path / "no-such-project"
    result = check_bad_input(tmp_path, missing, args, file="no-such-project")
    assert not missing.exists(), describe(result)


@pytest.mark.parametrize("args", command_params())
def test_root_is_a_file(tmp_path: Path, args):
    (tmp_path / "a-file").write_text("not a project\n")
    check_bad_input(tmp_path, tmp_path / "a-file", args, file="a-file")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_build_out_is_a_file(tmp_path: Path, fmt):
    root = copy_sample(tmp_path / "project")
    (tmp_path / "out.txt").write_text("I am a file, not a folder\n")
    check_bad_input(tmp_path, root, ["build", "--format", fmt, "--out",
                                     str(tmp_path / "out.txt")], file="out.txt")


def test_build_out_inside_a_file(tmp_path: Path):
    """--out under a path whose parent is a file: os.makedirs fails with NotADirectoryError."""
    root = copy_sample(tmp_path / "project")
    (tmp_path / "out.txt").write_text("I am a file\n")
    check_bad_input(tmp_path, root, ["build", "--out", str(tmp_path / "out.txt" / "site")],
                    file="out.txt")
