"""Other tools on the same work: translate-toolkit's md2po + po2md and mdpo, against
publisher's update + Markdown build of the same editions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from timing import measure, say, summarize

if TYPE_CHECKING:
    from archive import Archive
    from run import Bench


def venv(bench: Bench, name: str, requirement: str, probe: str) -> Path | None:
    """A separate venv with one competitor installed (created on first use)."""
    base = bench.args.venvs / name
    python = base / "bin" / "python"
    if python.exists() and subprocess.run([str(python), "-c", probe],
                                          check=False, capture_output=True).returncode == 0:
        return base
    say(f"installing {requirement} into {base}")
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(base)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", requirement], check=True)
    except (subprocess.CalledProcessError, OSError) as err:
        say(f"  cannot install {requirement}: {err}")
        return None
    ok = subprocess.run([str(python), "-c", probe], check=False, capture_output=True).returncode == 0
    return base if ok else None


def run_competitors(bench: Bench, archive: Archive) -> dict[str, object]:
    english = archive.reports_by_language("en")
    area = archive.base / "competitors"
    shutil.rmtree(area, ignore_errors=True)
    src, po = area / "src", area / "po-ja"
    for rel in english:
        for folder, target, suffix in ((src, archive.project / "content" / rel, ".md"),
                                       (po, archive.project / "locales" / "ja" / rel, ".po")):
            link = folder / rel.with_suffix(suffix)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(target.with_suffix(suffix))
    result: dict[str, object] = {"skipped": False, "reports": len(english),
                                 "what": "English sources -> template; Japanese catalogs "
                                         "-> Japanese Markdown editions"}
    runs: dict[str, list[dict[str, object]]] = {}
    ttk = venv(bench, "ttk-venv", "translate-toolkit[markdown]",
               "import translate.convert.md2po, mistletoe")
    mdpo = venv(bench, "mdpo-venv", "mdpo", "import mdpo.md2po, mdpo.po2md")
    driver = area / "mdpo_driver.py"
    driver.write_text(_MDPO_DRIVER, encoding="utf-8")
    for rep in range(bench.args.repeat):
        say(f"competitors, repetition {rep + 1} of {bench.args.repeat}")
        archive.restore()
        runs.setdefault("publisher_update_ja", []).append(bench.cli(
            archive, "publisher_update_ja", "update", "--lang", "ja", jobs=bench.args.jobs))
        archive.clean(".publisher-cache")
        runs.setdefault("publisher_build_md_ja", []).append(bench.cli(
            archive, "publisher_build_md_ja", "build", "--format", "md", "--lang", "ja",
            "--force", "--out", str(archive.project / "site-md-ja"), jobs=bench.args.jobs))
        # The update again on catalogs without stamps (as another tool saved them): every
        # source parsed, every Japanese catalog merged and written, like md2po's full work.
        archive.restore()
        archive.unstamp()
        runs.setdefault("publisher_update_ja_unstamped", []).append(bench.cli(
            archive, "publisher_update_ja_unstamped", "update", "--lang", "ja",
            jobs=bench.args.jobs))
        parallel = bench.args.parallel_jobs
        if parallel and parallel != bench.args.jobs:
            # As a user runs it: publisher uses every core by default.
            archive.restore()
            runs.setdefault("publisher_update_ja_all_cores", []).append(bench.cli(
                archive, "publisher_update_ja_all_cores", "update", "--lang", "ja",
                jobs=parallel))
            archive.clean(".publisher-cache")
            runs.setdefault("publisher_build_md_ja_all_cores", []).append(bench.cli(
                archive, "publisher_build_md_ja_all_cores", "build", "--format", "md",
                "--lang", "ja", "--force", "--out", str(archive.project / "site-md-ja"),
                jobs=parallel))
        if ttk:
            bin_ = ttk / "bin"
            for out in ("ttk-pot", "ttk-md-ja"):
                shutil.rmtree(area / out, ignore_errors=True)
            runs.setdefault("ttk_md2po", []).append(tool(
                bench, "ttk_md2po",
                [str(bin_ / "md2po"), "--progress=none", "--no-placeholders",
                 "-P", "-i", str(src), "-o", str(area / "ttk-pot")]))
            runs.setdefault("ttk_po2md", []).append(tool(
                bench, "ttk_po2md",
                [str(bin_ / "po2md"), "--progress=none", "--no-placeholders",
                 "-i", str(po), "-t", str(src), "-o", str(area / "ttk-md-ja")]))
        if mdpo:
            for out in ("mdpo-pot", "mdpo-md-ja"):
                shutil.rmtree(area / out, ignore_errors=True)
            runs.setdefault("mdpo_md2po_po2md", []).append(loop_timed(tool(
                bench, "mdpo_md2po_po2md",
                [str(mdpo / "bin" / "python"), str(driver), str(src), str(po),
                 str(area / "mdpo-pot"), str(area / "mdpo-md-ja")]),
                bench.logs / "mdpo_md2po_po2md.out"))
    summary = {name: summarize(r) for name, r in runs.items()}
    result["commands"] = summary
    pub = _total(summary, "publisher_update_ja", "publisher_build_md_ja")
    result["publisher_total"] = pub
    if ttk:
        result["translate_toolkit_total"] = _total(summary, "ttk_md2po", "ttk_po2md")
        result["translate_toolkit_version"] = _version(ttk, "translate-toolkit")
    else:
        result["translate_toolkit"] = "not available"
    if mdpo:
        result["mdpo_total"] = _total(summary, "mdpo_md2po_po2md")
        loop = summary["mdpo_md2po_po2md"]
        result["mdpo_loop"] = {"seconds": loop.get("work_seconds"),
                               "cpu_seconds": loop.get("work_cpu_seconds"),
                               "parts": ["the loop of mdpo_md2po_po2md, imports not counted"]}
        result["mdpo_version"] = _version(mdpo, "mdpo")
    else:
        result["mdpo"] = "not available"
    unstamped = _total(summary, "publisher_update_ja_unstamped", "publisher_build_md_ja")
    if unstamped["seconds"]:
        result["publisher_total_unstamped"] = unstamped
    wide = _total(summary, "publisher_update_ja_all_cores", "publisher_build_md_ja_all_cores")
    if wide["seconds"]:
        result["publisher_total_all_cores"] = wide
    for key in ("translate_toolkit_total", "mdpo_total", "mdpo_loop"):
        other = result.get(key)
        if isinstance(other, dict) and other.get("seconds") and pub["seconds"]:
            other["times_publisher"] = round(other["seconds"] / pub["seconds"], 2)
            if pub["cpu_seconds"] and other.get("cpu_seconds"):
                other["cpu_times_publisher"] = round(other["cpu_seconds"] / pub["cpu_seconds"], 2)
            if unstamped["seconds"]:
                other["times_publisher_unstamped"] = round(
                    other["seconds"] / unstamped["seconds"], 2)
            if wide["seconds"]:
                other["times_publisher_all_cores"] = round(other["seconds"] / wide["seconds"], 2)
    return result


def loop_timed(result: dict[str, object], log: Path) -> dict[str, object]:
    """The loop's own time, from the JSON a driver prints last (``work_seconds``)."""
    try:
        inner = json.loads(log.read_text("utf-8").strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return result
    result.update(work_seconds=round(inner["seconds"], 4),
                  work_cpu_seconds=round(inner["cpu_seconds"], 4),
                  files=inner.get("files"), failures=inner.get("failures"))
    return result


def tool(bench: Bench, name: str, cmd: list[str]) -> dict[str, object]:
    result = measure(cmd, log=bench.logs / f"{name}.out", env=bench.env(None, publisher=False))
    say(f"  {name:<24} {result['seconds']:>8.2f} s  cpu {result['cpu_seconds']:>7.2f} s  "
        f"{result['peak_mb']:>7.1f} MB  exit {result['exit_code']}")
    return result


_MDPO_DRIVER = '''"""mdpo through its API, in one process: md2po of every source to a template, then po2md
of every source with its Japanese catalog. The loop alone is timed (imports are not), and
printed as JSON on the last line of the output."""
import json
import sys
import time
from pathlib import Path

from mdpo.md2po import markdown_to_pofile
from mdpo.po2md import pofile_to_markdown

src, po, pot_out, md_out = map(Path, sys.argv[1:5])
sources = sorted(src.rglob("*.md"))
failures = 0
wall, cpu = time.perf_counter(), time.process_time()
for source in sources:
    rel = source.relative_to(src)
    pot = pot_out / rel.with_suffix(".pot")
    pot.parent.mkdir(parents=True, exist_ok=True)
    markdown_to_pofile(str(source), po_filepath=str(pot), save=True)
    out = md_out / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        pofile_to_markdown(str(source), str(po / rel.with_suffix(".po")), save=str(out))
    except Exception as err:  # a competitor failing on one file is reported, not fatal
        failures += 1
        print(f"{rel}: {err}", file=sys.stderr)
print(json.dumps({"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu,
                  "files": len(sources), "failures": failures}))
'''


def _total(summary: dict[str, dict[str, object]], *names: str) -> dict[str, object]:
    if not all(name in summary for name in names):
        return {"seconds": None, "cpu_seconds": None, "parts": list(names)}
    return {
        "seconds": round(sum(float(summary[n]["seconds"]) for n in names), 3),  # type: ignore[arg-type]
        "cpu_seconds": round(sum(float(summary[n]["cpu_seconds"]) for n in names), 3),  # type: ignore[arg-type]
        "peak_mb": max(float(summary[n]["peak_mb"]) for n in names),  # type: ignore[arg-type]
        "parts": list(names),
    }


def _version(venv: Path, package: str) -> str | None:
    found = subprocess.run([str(venv / "bin" / "python"), "-c",
                            f"import importlib.metadata as m; print(m.version('{package}'))"],
                           check=False, capture_output=True, text=True)
    return found.stdout.strip() or None

