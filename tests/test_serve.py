"""``publisher serve``: a local preview, on the loopback address only, that shows a saved
catalog edit within seconds and stops cleanly."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import polib
import pytest

from conftest import copy_sample

WORKSHOP = "reports/2024-korea-japan-workshop"


def _previews() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("publisher-preview-*")}


def _listening(port: int) -> list[str]:
    """The local addresses listening on ``port``, from the kernel's own table."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if int(hex_port, 16) == port and state == "0A":  # LISTEN
                found.append(address)
    return found


def _get(url: str, timeout: float = 10) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_preview_follows_a_catalog_edit_and_stops_cleanly(tmp_path: Path, stop: int) -> None:
    root = copy_sample(tmp_path / "project")
    before = _previews()
    server = subprocess.Popen(
        [sys.executable, "-m", "publisher", "--root", str(root), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + (server.stderr.read() if server.stderr else "")
        port = int(match.group(1))
        assert _listening(port) == ["0100007F"]  # 127.0.0.1, and nothing else
        page_url = f"{match.group(0)}ja/{WORKSHOP}.html"
        page = _get(page_url)
        assert "日韓関係の未来を展望する" in page
        version = int(re.search(r"var seen = (\d+);", page).group(1))

        catalog_path = root / f"locales/ja/{WORKSHOP}.po"
        catalog = polib.pofile(str(catalog_path))
        entry = next(e for e in catalog if e.msgstr == "日韓関係の未来を展望する")
        entry.msgstr = "日韓関係の未来を展望する（改訂）"
        catalog.save()
        # A page waiting for the next build hears of it (the long poll answers).
        assert int(_get(f"{match.group(0)}_publisher/reload?seen={version}", 30)) > version
        deadline = time.monotonic() + 15
        while "（改訂）" not in _get(page_url):
            assert time.monotonic() < deadline, "the edit did not show within 15 s"
            time.sleep(0.2)
        assert not (root / "site").exists()  # the preview writes nothing in the project
    finally:
        server.send_signal(stop)
        try:
            code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert code == 0, server.stderr.read() if server.stderr else ""
    assert _previews() == before  # its temporary folder is gone
    assert _listening(port) == []


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    root = copy_sample(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "publisher", "--root", str(root), "serve", "--port",
             str(port)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
