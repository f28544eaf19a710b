"""Helpers for the browser tests: a headless Chromium, a local HTTP server, page watchers and a
small PNG reader (stdlib only, Pillow is used when it happens to be installed).

Nothing here skips: when Playwright or Chromium is missing the tests that use it fail.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import shutil
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- the publisher command line -------------------------------------------------------------

def publisher(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``publisher --root ROOT ARGS...`` as a user would, in a separate process."""
    result = subprocess.run([sys.executable, "-m", "publisher", "--root", str(root), *args],
                            capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"publisher {' '.join(args)} exited {result.returncode}\n"
                             f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def copy_sample_project(target: Path) -> Path:
    """Copy the repository's own sample project (settings, content, catalogs) to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "publisher.toml", target / "publisher.toml")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "locales", target / "locales")
    return target


# --- a local web server ---------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free local port; yields the base URL (ending with ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- Chromium -------------------------------------------------------------------------------

def launch(playwright: Any) -> Any:
    """Headless Chromium from the system package (never a downloaded browser)."""
    assert Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM}"
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=CHROMIUM_ARGS)


@dataclass
class Watch:
    """Everything a page reported that a clean page must not: errors, failures, dialogs."""

    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"]

    def ignore_favicon(self) -> None:
        """Forget the browser's own request for ``/favicon.ico``, which the site does not
        provide and no page asks for (Chromium requests it from the server root anyway)."""
        self.console = [(k, t) for k, t in self.console if not t.endswith("/favicon.ico")]

    def problems(self) -> list[str]:
        self.ignore_favicon()
        return ([f"console error: {t}" for t in self.console_errors]
                + [f"page error: {t}" for t in self.page_errors]
                + [f"request failed: {t}" for t in self.failed_requests]
                + [f"HTTP error: {t}" for t in self.bad_responses]
                + [f"dialog: {t}" for t in self.dialogs])


def watch(page: Any) -> Watch:
    """Attach listeners to ``page``; dialogs are recorded and dismissed."""
    seen = Watch()
    page.on("console", lambda m: seen.console.append(
        (m.type, f"{m.text} at {m.location.get('url', '')}")))
    page.on("pageerror", lambda e: seen.page_errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("requestfailed",
            lambda r: seen.failed_requests.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400
            and seen.bad_responses.append(f"{r.status} {r.url}"))

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(Exception):
            dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


# --- screenshots ----------------------------------------------------------------------------

def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG file"
    return struct.unpack(">II", data[16:24])


_ANALYSE = """async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(img, 0, 0);
    const {data, width, height} = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map();
    const inked = new Set();
    for (let i = 0, n = 0; i < data.length; i += 4, n++) {
        const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
    }
    let background = 0, most = 0;
    for (const [key, count] of counts) if (count > most) { most = count; background = key; }
    for (let i = 0, n = 0; i < data.length; i += 4, n++) {
        const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        if (key !== background) inked.add(Math.floor(n / width));
    }
    return {width, height, colours: counts.size, dominantShare: most / (width * height),
            inkedRows: inked.size / height};
}"""


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    colours: int
    """Distinct RGB colours."""
    dominant_share: float
    """Share of the pixels in the most common colour (1.0 = a blank picture)."""
    inked_rows: float
    """Share of the pixel rows with anything but the background colour."""


def analyse_png(browser: Any, data: bytes) -> Picture:
    """Decode a PNG in the browser (a canvas) and measure how much is drawn on it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        url = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        result = page.evaluate(_ANALYSE, url)
    finally:
        context.close()
    return Picture(result["width"], result["height"], result["colours"],
                   result["dominantShare"], result["inkedRows"])
