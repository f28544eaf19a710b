"""Progress on long work: a bar on a terminal, nothing in CI or in a pipe."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import make_project

PUBLISHER = Path(sys.executable).with_name("publisher")


def _archive(root: Path) -> Path:
    return make_project(root, {f"content/r{n:02d}.md": f"# Report {n}\n\nText {n}.\n"
                               for n in range(24)})


def _on_a_terminal(root: Path, env: dict[str, str]) -> str:
    main, secondary = pty.openpty()
    done = subprocess.run([str(PUBLISHER), "--root", str(root), "update"], stdin=secondary,
                          stdout=secondary, stderr=secondary, env=env, timeout=120)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert done.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_shows_a_progress_bar(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    output = _on_a_terminal(_archive(tmp_path), env)
    assert "updating  [" in output and "%" in output


def test_ci_and_pipes_stay_quiet(tmp_path):
    root = _archive(tmp_path)
    output = _on_a_terminal(root, {**os.environ, "CI": "true"})
    assert "updating" not in output
    shutil.rmtree(root / ".publisher-cache", ignore_errors=True)
    piped = subprocess.run([str(PUBLISHER), "--root", str(root), "update", "--check"],
                           capture_output=True, text=True, env={**os.environ, "CI": ""})
    assert "updating" not in piped.stderr + piped.stdout
