"""Shared fixtures: temporary publishing projects and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import cli

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def copy_sample(root: Path) -> Path:
    """Copy the repository's own sample project into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("publisher.toml", "content", "locales"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    return root


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's own sample project."""
    return copy_sample(tmp_path)


def make_project(root: Path, files: dict[str, str], config: str = "") -> Path:
    """Write a project: ``files`` maps paths under the root to their text."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "publisher.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run(runner: CliRunner, root: Path, *args: str):
    """Invoke the CLI on a project and return click's result."""
    return runner.invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def msgcat(path: Path, width: int) -> bytes:
    option = ["--no-wrap"] if width == 0 else [f"--width={width}"]
    return subprocess.run(["msgcat", *option, str(path)], capture_output=True,
                          check=True).stdout


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under a folder, for before/after comparisons."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}
