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


@pytest.mark.parametrize("args", command_params())
def test_report_that_is_a_link_loop(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    os.symlink("loop.md", root / "content" / "reports" / "loop.md")
    check_bad_input(tmp_path, root, args, file="content/reports/loop.md", says=("link",))


@pytest.mark.parametrize("args", command_params())
def test_report_whose_name_is_not_utf8(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    name = os.path.join(os.fsencode(root / "content" / "reports"), b"caf\xe9.md")
    with open(name, "wb") as stream:
        stream.write(b"---\ntitle: T\n---\n\nA paragraph.\n")
    check_bad_input(tmp_path, root, args, file="content/reports/caf", says=("UTF-8",))


@pytest.mark.parametrize("args", command_params())
def test_content_that_is_a_file(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    import shutil

    shutil.rmtree(root / "content")
    (root / "content").write_text("not a folder\n")
    check_bad_input(tmp_path, root, args, file="content", says=("folder",))


@pytest.mark.parametrize("out", ["content", "locales", "locales/ja", ".", ""])
def test_build_out_among_the_sources(tmp_path: Path, out):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, ["build", "--format", "md", "--out", str(root / out)],
                    file=None, says=("--out",))


def test_a_file_where_a_folder_is_needed_is_named_with_advice(tmp_path: Path):
    root = copy_sample(tmp_path / "project")
    (root / "site").write_text("not a folder\n")
    result = check_bad_input(tmp_path, root, ["build"], file="site", says=("folder",))
    assert str(tmp_path) not in result.output, describe(result)  # relative to the project


def test_commands_find_the_project_from_a_subfolder(tmp_path: Path, monkeypatch):
    """As git finds its repository: from content/reports/, the project is two folders up,
    and nothing is written in the subfolder."""
    from click.testing import CliRunner

    from publisher.cli import cli

    root = copy_sample(tmp_path / "project")
    monkeypatch.chdir(root / "content" / "reports")
    result = CliRunner().invoke(cli, ["build", "--format", "md", "--out", str(tmp_path / "md")])
    assert result.exit_code == 0, describe(result)
    assert (tmp_path / "md" / "ja").is_dir()
    assert sorted(p.name for p in (root / "content" / "reports").iterdir()) == sorted(
        p.name for p in (copy_sample(tmp_path / "again") / "content" / "reports").iterdir())


@pytest.mark.parametrize("args", command_params())
def test_commands_outside_any_project(tmp_path: Path, args, monkeypatch):
    from click.testing import CliRunner

    from publisher.cli import cli

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "no publishing project" in result.output, describe(result)
    assert list(empty.iterdir()) == []
