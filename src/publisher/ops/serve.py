"""``publisher serve``: a local preview that rebuilds when a report or catalog is saved.

The site is built (every edition, below the threshold and drafts included: a translator wants
to see the paragraph they just translated) into a temporary folder, served on the loopback
address only, and rebuilt when a file under ``content/``, ``locales/`` or the settings
changes. Pages get a small script that reloads them after a rebuild. Nothing is written in
the project but the build cache; the temporary folder goes when the server stops.
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from publisher.config import CONFIG_NAME, Config
from publisher.errors import PublisherError
from publisher.ops.build import BuildResult, build
from publisher.project import CONTENT, LOCALES
from publisher.runtime.cache import CACHE_DIR, digest_bytes
from publisher.runtime.fsutil import project_lock

__all__ = ["Preview", "serve"]

#: Where pages ask whether a newer build exists (a long poll: the answer comes when it does).
RELOAD_PATH = "/_publisher/reload"

_RELOAD_SCRIPT = b"""<script>(function () {
  var seen = %d;
  function poll() {
    fetch("%s?seen=" + seen).then(function (r) { return r.text(); }).then(function (v) {
      if (Number(v) > seen) { location.reload(); } else { poll(); }
    }, function () { setTimeout(poll, 2000); });
  }
  poll();
})();</script>
"""


@dataclass(slots=True)
class Preview:
    """The state the server threads share: the current build's number, and a condition to
    wait on until the next one."""

    folder: Path
    version: int = 0
    error: str = ""
    changed: threading.Condition = field(default_factory=threading.Condition)

    def published(self, error: str = "") -> None:
        with self.changed:
            self.version += 1
            self.error = error
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float = 25.0) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version > seen, timeout=timeout)
            return self.version


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the CLI reports builds
        pass

    def do_GET(self) -> None:
        if self.path.startswith(RELOAD_PATH):
            seen = self.path.partition("seen=")[2]
            version = self.preview.wait(int(seen) if seen.isdigit() else 0)
            self._send(str(version).encode(), "text/plain; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_bytes().replace(
                b"</body>",
                _RELOAD_SCRIPT % (self.preview.version, RELOAD_PATH.encode()) + b"</body>",
            )
            self._send(page, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def _watched(config: Config) -> list[Path]:
    return [
        path
        for path in (config.root / CONTENT, config.root / LOCALES, config.root / CONFIG_NAME)
        if path.exists()
    ]


def _relevant(change: tuple[Any, str]) -> bool:
    """Saves that change what the site shows (editors' swap and backup files do not)."""
    name = Path(change[1]).name
    return name.endswith((".md", ".po", ".pot", ".csv", ".toml")) and not name.startswith(".")


def serve(
    config: Config,
    port: int,
    languages: tuple[str, ...],
    report: Callable[[str, BuildResult | None, str], None],
    stop: threading.Event,
    ready: Callable[[str], None],
) -> None:
    """Serve the preview on ``127.0.0.1:port`` until ``stop`` is set.

    ``report(kind, result, error)`` is told of each build; ``ready(url)`` once the server
    listens."""
    from watchfiles import watch

    folder = Path(tempfile.mkdtemp(prefix="publisher-preview-"))
    preview = Preview(folder)
    handler = partial(type("Handler", (_Handler,), {"preview": preview}), directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise PublisherError(
            f"cannot listen on 127.0.0.1:{port} ({error.strerror})",
            hint="another program uses the port: choose another with --port",
        ) from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        _rebuild(config, folder, languages, preview, report, "built")
        thread.start()
        ready(f"http://127.0.0.1:{server.server_address[1]}/")
        for changes in watch(
            *_watched(config),
            stop_event=stop,
            debounce=300,
            step=100,
            rust_timeout=500,
            yield_on_timeout=False,
        ):
            if any(_relevant(change) for change in changes):
                _rebuild(config, folder, languages, preview, report, "rebuilt")
    finally:
        server.shutdown()
        server.server_close()
        with preview.changed:
            preview.changed.notify_all()
        shutil.rmtree(folder, ignore_errors=True)
        _forget(config, folder)


def _rebuild(
    config: Config,
    folder: Path,
    languages: tuple[str, ...],
    preview: Preview,
    report: Callable[[str, BuildResult | None, str], None],
    kind: str,
) -> None:
    try:
        with project_lock(config.root):
            result = build(config, languages, "html", folder, force=True, drafts=True)
    except PublisherError as error:  # a catalog saved half-way: say so, keep the last build
        report("failed", None, str(error))
        return
    preview.published()
    report(kind, result, "")


def _forget(config: Config, folder: Path) -> None:
    """Remove the build records of the temporary folder from the cache."""
    target = digest_bytes(f"html:{folder.resolve()}".encode())[:12]
    for name in (f"build-{target}.json", f"build-{target}.incomplete"):
        with contextlib.suppress(OSError):
            (config.root / CACHE_DIR / name).unlink()
