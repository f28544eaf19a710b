"""Bad command lines: exit 2, a message naming the option, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import check_bad_input, command_params, copy_sample


@pytest.mark.parametrize("args", command_params())
def test_unknown_option(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, [*args, "--frobnicate"], file=None,
                    says=("--frobnicate",))


@pytest.mark.parametrize("args", command_params())
def test_lang_not_configured(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, [*args, "--lang", "xx"], file=None, says=("xx", "--lang"))


@pytest.mark.parametrize("args", command_params())
def test_lang_known_but_not_configured(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, [*args, "--lang", "fr"], file=None, says=("fr", "--lang"))


@pytest.mark.parametrize("value", ["en", "en,en", "en,ja,ko", "en,xx", ","])
def test_bilingual_needs_two_configured_languages(tmp_path: Path, value):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, ["build", "--bilingual", value], file=None,
                    says=("--bilingual",))


@pytest.mark.parametrize("command", ["build", "status", "check"])
def test_unknown_format(tmp_path: Path, command):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, [command, "--format", "docx"], file=None,
                    says=("docx", "--format"))


def test_unknown_command(tmp_path: Path):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, ["publish"], file=None, says=("publish",))


@pytest.mark.parametrize("value", ["abc", "-5", "150", "nan"])
def test_status_fail_under_not_a_percentage(tmp_path: Path, value):
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, ["status", "--fail-under", value], file=None,
                    says=("--fail-under",))


def test_a_closed_pipe_is_not_called_bad_input(tmp_path: Path):
    """`publisher status --format json | head -c 10`: the reader goes away; no error message,
    and not the bad-input exit code."""
    import subprocess
    import sys

    root = copy_sample(tmp_path / "project")
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    writer = subprocess.run(
        [sys.executable, "-c", "from publisher.cli import main; main()", "--root", str(root),
         "status", "--format", "json"], stdout=reader.stdin, stderr=subprocess.PIPE,
        text=True, timeout=120)
    reader.stdin.close()
    reader.wait()
    assert writer.returncode in (0, 141), writer.stderr
    assert "error" not in writer.stderr.lower() and "Traceback" not in writer.stderr


@pytest.mark.parametrize("value", ["abc", "0", "-3"])
def test_publisher_jobs_not_a_number(tmp_path: Path, value, monkeypatch):
    monkeypatch.setenv("PUBLISHER_JOBS", value)
    root = copy_sample(tmp_path / "project")
    check_bad_input(tmp_path, root, ["status"], file=None, says=("PUBLISHER_JOBS",))


def test_a_cache_that_is_a_file_says_it_may_be_deleted(tmp_path: Path):
    import shutil

    root = copy_sample(tmp_path / "project")
    shutil.rmtree(root / ".publisher-cache", ignore_errors=True)
    (root / ".publisher-cache").write_text("not a folder\n")
    check_bad_input(tmp_path, root, ["update"], file=".publisher-cache",
                    says=("safe to delete",))
