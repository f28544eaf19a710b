"""The cold paths on real-world Markdown: documents the generator did not make.

``run.py --real`` builds a project from ``tests/data/realworld/`` (READMEs, changelogs and
docs of other projects, in English, Japanese and Korean; see its ``SOURCES.md``): the
documents, byte for byte, copied in turn under ``content/copy-NN/`` until the project holds
about ``--real-mb`` MB of Markdown (9). They have no front matter, so every one is a report
in the project's source language (English), with Japanese and Korean catalogs.

Then, once (the project is reused while the corpus, the size, these scripts and the
package's code are unchanged):

1. ``publisher update`` creates the templates and catalogs;
2. every catalog is pseudo-translated (``python realdocs.py translate PROJECT``, with the
   venv's Python): every entry gets a translation that differs from its msgid but keeps its
   inline markup, the one ``tests/recase.py`` makes (the case of every letter of the text
   swapped, references and escapes spelt another way, one letter written as a character
   reference; code spans, URLs, link destinations and raw HTML keep their bytes), so every
   edition is really reassembled; front-matter fields and link titles get their letters'
   case swapped;
3. every template and catalog loses its ``X-Publisher-Digest`` line and is saved again by
   GNU ``msgcat`` (as by a translator's tool; msgcat itself would keep the line), so that
   the next ``update`` does the full work.

``run.py`` then times, against the parse floor of these documents and on one core: update on
a new project (no ``locales/``), the full update (no cache, no stamps), the first status,
the first check, the cold HTML build and the cold Markdown build, and prints them against
the real-document goals of issue 14.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from timing import MB, say

if TYPE_CHECKING:
    from run import Bench

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO / "tests" / "data" / "realworld"
RECASE = REPO / "tests" / "recase.py"
#: The fixed "now" of the project's first update (POT-Creation-Date).
EPOCH = 1735689600
_STAMP = re.compile(rb'^"X-Publisher-Digest: [0-9a-f]*\\n"\n', re.MULTILINE)

#: The real-document goals of issue 14: command -> (label, limit as a multiple of the parse).
GOALS = {
    "real_update_new_project": ("update on a new project (templates and catalogs created)", 1.2),
    "real_update_full": ("full update (no cache, catalogs re-saved by msgcat)", 1.5),
    "real_status": ("first status (no cache)", 1.5),
    "real_check": ("first check (no cache)", 3.0),
    "real_build_html": ("cold HTML build", 2.0),
    "real_build_md": ("cold Markdown build", 1.5),
}


def documents() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.md") if p.name != "SOURCES.md")


class RealProject:
    """The project of real documents, and a pristine copy of its content and catalogs."""

    def __init__(self, work: Path, megabytes: float) -> None:
        self.megabytes = megabytes
        self.base = work / f"real-{megabytes:g}mb"
        self.project = self.base / "project"
        self.pristine = self.base / "pristine"
        self.info: dict[str, object] = {}

    def key(self, code: str) -> str:
        """What the prepared project depends on: the size, the corpus, these scripts, the
        settings, and the code that extracted the catalogs (``code``, its digest)."""
        digest = hashlib.sha256(f"{self.megabytes:g}:{code}".encode())
        for path in [*documents(), Path(__file__), RECASE, REPO / "publisher.toml"]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes() if path.is_file() else b"")
        return digest.hexdigest()[:16]

    def ensure(self, bench: Bench) -> None:
        stamp = self.base / "real.json"
        key = self.key(bench.code_digest())
        if stamp.is_file():
            info = json.loads(stamp.read_text())
            if info.get("key") == key and self.project.is_dir() and self.pristine.is_dir():
                self.info = info
                say(f"reusing {self.base}")
                return
        shutil.rmtree(self.base, ignore_errors=True)
        self.project.mkdir(parents=True)
        info: dict[str, object] = {"key": key, **self._copy_documents()}
        shutil.copy(REPO / "publisher.toml", self.project / "publisher.toml")
        say(f"real documents: {info['files']} files (the {info['documents']} documents copied "
            f"in turn, {info['copies']} round(s), {int(info['content_bytes']) / MB:.1f} MB) "  # type: ignore[call-overload]
            f"in {self.project}")
        env = bench.env(bench.args.parallel_jobs or bench.args.jobs)
        env["SOURCE_DATE_EPOCH"] = str(EPOCH)
        subprocess.run([str(bench.publisher), "--root", str(self.project), "update"],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        found = subprocess.run([str(bench.python), str(HERE / "realdocs.py"), "translate",
                                str(self.project)], check=True, env=bench.env(None),
                               capture_output=True, text=True)
        info["translations"] = json.loads(found.stdout.strip().splitlines()[-1])
        info["resaved_by"] = resave(self.project / "locales")
        info["catalog_bytes"] = sum(p.stat().st_size
                                    for p in (self.project / "locales").rglob("*.po"))
        self.pristine.mkdir()
        for name in ("content", "locales"):
            shutil.copytree(self.project / name, self.pristine / name)
        stamp.write_text(json.dumps(info, indent=2) + "\n")
        self.info = info
        say(f"real documents ready: {json.dumps(info['translations'])}")

    def _copy_documents(self) -> dict[str, object]:
        """The documents in turn under content/copy-NN/, until the size is reached."""
        sources = documents()
        target = self.megabytes * MB
        size = files = 0
        copy = 0
        while size < target:
            copy += 1
            for path in sources:
                out = self.project / "content" / f"copy-{copy:02d}" / path.name
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out)
                size += path.stat().st_size
                files += 1
                if size >= target:
                    break
        return {"documents": len(sources), "copies": copy, "files": files,
                "content_bytes": size, "megabytes": self.megabytes}

    def restore(self) -> None:
        """Sources and catalogs as prepared; no cache, no site, no other output."""
        for name in ("content", "locales"):
            shutil.rmtree(self.project / name, ignore_errors=True)
            shutil.copytree(self.pristine / name, self.project / name)
        self.clean("site", "site-md", ".publisher-cache")

    def clean(self, *names: str) -> None:
        for name in names:
            path = self.project / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def resave(locales: Path) -> str:
    """Every template and catalog without its stamp line, saved again by GNU msgcat."""
    msgcat = shutil.which("msgcat")
    version = None
    if msgcat:
        found = subprocess.run([msgcat, "--version"], check=False, capture_output=True, text=True)
        version = found.stdout.splitlines()[0] if found.stdout else "msgcat"
    for path in sorted(locales.rglob("*.po*")):
        path.write_bytes(_STAMP.sub(b"", path.read_bytes(), count=1))
        if msgcat:
            temp = path.with_name(path.name + ".msgcat")
            subprocess.run([msgcat, "--width=79", "-o", str(temp), str(path)], check=True)
            os.replace(temp, path)
    if not msgcat:
        say("  msgcat (GNU gettext) is not installed: the catalogs stay as polib saved them")
    return version or "polib (msgcat not installed)"


def series(bench: Bench, real: RealProject) -> dict[str, list[dict[str, object]]]:
    """The cold paths on the real documents, on ``--jobs`` cores, each run with no cache."""
    jobs = bench.args.jobs
    runs: dict[str, list[dict[str, object]]] = {}

    def record(name: str, *argv: str) -> None:
        real.clean(".publisher-cache")
        runs.setdefault(name, []).append(bench.cli(real, name, *argv, jobs=jobs))

    for rep in range(bench.args.repeat):
        say(f"real documents, repetition {rep + 1} of {bench.args.repeat}")
        real.restore()
        runs.setdefault("floor_parse", []).append(bench.floor(real, "parse"))
        real.clean("locales")
        record("real_update_new_project", "update")
        real.restore()
        record("real_update_full", "update")
        record("real_status", "status")
        record("real_check", "check")
        real.clean("site")
        record("real_build_html", "build")
        real.clean("site-md")
        record("real_build_md", "build", "--format", "md")
    return runs


# --------------------------------------------------------------------------- translate
# Run with the venv's Python: ``python realdocs.py translate PROJECT``.


def translate(project: Path) -> dict[str, object]:
    """Pseudo-translate every catalog of the project in place (saved by polib)."""
    import polib

    sys.path.insert(0, str(REPO / "tests"))
    from recase import _PLAIN_ORACLE, ORACLE, recase

    mappings: dict[str, dict[str, str]] = {}
    stats = {"catalogs": 0, "entries": 0, "recased": 0, "swapped": 0, "fallback": 0,
             "same_as_msgid": 0}

    def environment(text: str) -> dict[str, object]:
        env: dict[str, object] = {}
        tokens = ORACLE.parse(text, env)
        if tokens and tokens[0].type != "front_matter" and text.startswith("---"):
            env = {}
            _PLAIN_ORACLE.parse(text, env)
        return env

    for path in sorted((project / "locales").rglob("*.po")):
        rel = path.relative_to(project / "locales")
        source = project / "content" / Path(*rel.parts[1:]).with_suffix(".md")
        text = source.read_text("utf-8") if source.is_file() else ""
        key = hashlib.sha256(text.encode()).hexdigest()
        done = mappings.setdefault(key, {})
        env = environment(text) if text else {}
        catalog = polib.pofile(str(path), encoding="utf-8", wrapwidth=79)
        for entry in catalog:
            if entry.obsolete or not entry.msgid:
                continue
            stats["entries"] += 1
            kind = entry.comment or ""
            if entry.msgid not in done:
                if not text or kind.startswith(("front-matter field", "link title", "site")):
                    done[entry.msgid] = entry.msgid.swapcase()
                    stats["swapped"] += 1
                else:
                    try:
                        done[entry.msgid] = recase(entry.msgid, env)
                        stats["recased"] += 1
                    except Exception:  # keep going; the count says how often
                        done[entry.msgid] = entry.msgid.swapcase()
                        stats["fallback"] += 1
            entry.msgstr = done[entry.msgid]
            stats["same_as_msgid"] += entry.msgstr == entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalog.metadata.pop("X-Publisher-Digest", None)
        catalog.save(str(path))
        stats["catalogs"] += 1
    stats["distinct_sources"] = len(mappings)
    return stats


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "translate":
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    print(json.dumps(translate(Path(sys.argv[2]))))
