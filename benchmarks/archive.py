"""The generated archive the benchmark works on, and the edits it makes to it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from timing import say

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _main_checkout() -> Path | None:
    """The main checkout when this repository is a git worktree of it (for its .venv)."""
    found = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--path-format=absolute",
                            "--git-common-dir"], check=False, capture_output=True, text=True)
    common = Path(found.stdout.strip()) if found.returncode == 0 else None
    return common.parent if common and common.name == ".git" else None


def find_publisher(explicit: str | None) -> Path:
    main = _main_checkout()
    candidates = [explicit] if explicit else [
        str(REPO / ".venv" / "bin" / "publisher"),
        str(main / ".venv" / "bin" / "publisher") if main else None,
        shutil.which("publisher"), str(Path(sys.executable).with_name("publisher"))]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return Path(candidate)
    raise SystemExit("cannot find the publisher command; pass --publisher PATH")


def ensure_polib(python: Path) -> None:
    if subprocess.run([str(python), "-c", "import polib"], check=False, capture_output=True).returncode:
        say("installing polib into the venv (benchmark-only dependency)")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "polib"], check=True)


def _generator_hash() -> str:
    digest = hashlib.sha256()
    for name in ("generate.py",):
        digest.update((HERE / name).read_bytes())
    for sample in sorted((REPO / "content").rglob("*.md")) + sorted((REPO / "locales").rglob("*.po")):
        digest.update(sample.read_bytes())
    return digest.hexdigest()[:16]


class Archive:
    """A generated project plus a pristine copy of its content and catalogs."""

    def __init__(self, work: Path, reports: int, seed: int) -> None:
        self.base = work / f"archive-n{reports}-s{seed}"
        self.project = self.base / "project"
        self.pristine = self.base / "pristine"
        self.reports = reports
        self.seed = seed
        self.info: dict[str, object] = {}

    def ensure(self, python: Path, publisher: Path, jobs: int,
               env: dict[str, str] | None = None) -> None:
        stamp = self.base / "archive.json"
        key = _generator_hash()
        if stamp.is_file():
            info = json.loads(stamp.read_text())
            if info.get("generator") == key and self.project.is_dir() and self.pristine.is_dir():
                self.info = info
                say(f"reusing {self.base}")
                return
        if self.base.exists():
            shutil.rmtree(self.base)
        self.base.mkdir(parents=True)
        say(f"generating {self.reports} reports (seed {self.seed}) into {self.project}")
        info_path = self.base / "generate.json"
        subprocess.run([str(python), str(HERE / "generate.py"), "--reports", str(self.reports),
                        "--seed", str(self.seed), "--out", str(self.project),
                        "--publisher", str(publisher), "--jobs", str(jobs),
                        "--info", str(info_path)], check=True, env=env)
        self.pristine.mkdir()
        for name in ("content", "locales"):
            shutil.copytree(self.project / name, self.pristine / name, symlinks=True)
        info = json.loads(info_path.read_text())
        info["generator"] = key
        stamp.write_text(json.dumps(info, indent=2) + "\n")
        self.info = info

    def restore(self) -> None:
        """Sources and catalogs as generated; no cache, no site, no other output."""
        for name in ("content", "locales"):
            shutil.rmtree(self.project / name, ignore_errors=True)
            shutil.copytree(self.pristine / name, self.project / name, symlinks=True)
        self.clean("site", ".publisher-cache", "site-md-ja")

    def unstamp(self) -> None:
        """Remove the X-Publisher-Digest line from every template and catalog."""
        stamp = re.compile(rb'^"X-Publisher-Digest: [0-9a-f]*\\n"\n', re.MULTILINE)
        for path in (self.project / "locales").rglob("*.po*"):
            data = path.read_bytes()
            path.write_bytes(stamp.sub(b"", data, count=1))

    def clean(self, *names: str) -> None:
        for name in names:
            path = self.project / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    def reports_by_language(self, language: str) -> list[Path]:
        found = []
        for path in sorted((self.pristine / "content").rglob("*.md")):
            head = path.read_text("utf-8").split("\n---", 1)[0]
            lang = re.search(r"(?m)^lang: *(\S+)", head)
            if (lang.group(1) if lang else "en") == language:
                found.append(path.relative_to(self.pristine / "content"))
        return found

    # -- the edits

    def edit_report(self) -> str:
        """Change one paragraph of one English report (the middle one)."""
        english = self.reports_by_language("en")
        rel = english[len(english) // 2]
        path = self.project / "content" / rel
        lines = path.read_text("utf-8").split("\n")
        end = lines.index("---", 1) if lines and lines[0] == "---" else -1
        for index in range(end + 1, len(lines)):
            if len(lines[index]) > 100 and lines[index][:1].isupper():
                lines[index] += " An editor added this sentence to the paragraph."
                break
        _atomic_write(path, "\n".join(lines))
        return rel.as_posix()

    def edit_catalog(self) -> str:
        """Change one translation (msgstr) in one Japanese catalog."""
        english = self.reports_by_language("en")
        rel = english[len(english) // 3].with_suffix(".po")
        path = self.project / "locales" / "ja" / rel
        text = path.read_text("utf-8")
        header_end = text.index("\n\n")
        match = re.compile(r'(?m)^msgstr "(?=[^"\n]+")').search(text, header_end)
        if match is None:
            raise SystemExit(f"no single-line translation to edit in {path}")
        text = text[:match.end()] + "改訂：" + text[match.end():]
        _atomic_write(path, text)
        return f"ja/{rel.as_posix()}"


def _atomic_write(path: Path, text: str) -> None:
    temp = path.with_name(path.name + ".bench-tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)

