"""``--compare REV``: the outputs of the code benchmarked against another revision's.

An optimisation must not change a byte of what publisher writes. ``REV`` (a commit, tag or
branch of this repository: the code before the change) has its ``src/publisher`` taken with
``git archive`` into ``WORK/revisions/<commit>/`` and put first on ``PYTHONPATH``, as the
frozen snapshot is. Then, on the archive, on one core and with no cache, each side starting
from the same files:

- ``update`` on the catalogs as generated with their stamps removed (the full work): every
  file under ``locales/`` compared byte for byte;
- ``check --format json`` on the project as that update left it: the findings (as
  multisets, each finding as canonical JSON);
- ``build --out`` (HTML) and ``build --format md --out``: every file of each site.

The two sides' times are recorded too (``seconds``), as a rough before/after; the main
series is the measurement.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import TYPE_CHECKING

from shards import differences, digests, findings
from timing import say

if TYPE_CHECKING:
    from archive import Archive
    from run import Bench

REPO = Path(__file__).resolve().parent.parent
#: What is compared, by name: (what it is, the command).
COMMANDS = {
    "update": "update (catalogs without stamps)",
    "check": "check",
    "build_html": "HTML build",
    "build_md": "Markdown build",
}


def snapshot(work: Path, revision: str) -> tuple[str, Path]:
    """The commit ``revision`` names, and a folder holding its ``publisher`` package."""
    found = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", f"{revision}^{{commit}}"],
                           check=False, capture_output=True, text=True)
    if found.returncode:
        raise SystemExit(f"--compare: {revision!r} is not a commit of {REPO} "
                         f"({found.stderr.strip()})")
    commit = found.stdout.strip()
    target = work / "revisions" / commit[:12]
    if not (target / "publisher" / "__init__.py").is_file():
        data = subprocess.run(["git", "-C", str(REPO), "archive", commit, "src/publisher"],
                              check=True, capture_output=True).stdout
        unpacked = target.with_name(target.name + ".tmp")
        shutil.rmtree(unpacked, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            try:
                tar.extractall(unpacked, filter="data")
            except TypeError:  # a Python without extraction filters (the archive is git's)
                tar.extractall(unpacked)
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        (unpacked / "src" / "publisher").rename(target / "publisher")
        shutil.rmtree(unpacked)
    return commit, target


def _side(bench: Bench, archive: Archive, side: str, area: Path) -> dict[str, object]:
    """Run the four commands with the code now on ``bench.pythonpath``: their outputs."""
    jobs = bench.args.jobs

    failed: list[str] = []

    def cli(name: str, *argv: str) -> dict[str, object]:
        archive.clean(".publisher-cache")
        result = bench.cli(archive, f"compare_{side}_{name}", *argv, jobs=jobs)
        if result["exit_code"] not in (0, 1):  # 1: check found errors, as it may
            failed.append(f"{side} {name} exited with {result['exit_code']} "
                          f"(logs/compare_{side}_{name}.err)")
        return result

    archive.restore()
    archive.unstamp()
    seconds = {"update": cli("update", "update")["seconds"]}
    outputs: dict[str, object] = {"update": digests(archive.project / "locales")}
    seconds["check"] = cli("check", "check", "--format", "json")["seconds"]
    outputs["check"] = findings(bench.logs / f"compare_{side}_check.out")
    for name, argv in (("build_html", ()), ("build_md", ("--format", "md"))):
        folder = area / side / name
        shutil.rmtree(folder, ignore_errors=True)
        seconds[name] = cli(name, "build", *argv, "--out", str(folder))["seconds"]
        outputs[name] = digests(folder)
    return {"seconds": seconds, "outputs": outputs, "failed": failed}


def run_compare(bench: Bench, archive: Archive, revision: str) -> dict[str, object]:
    commit, folder = snapshot(bench.work, revision)
    say(f"compare: the outputs against {revision} ({commit[:12]}), from {folder}")
    area = archive.base / "compare"
    own = bench.pythonpath
    try:
        bench.pythonpath = str(folder)
        before = _side(bench, archive, "revision", area)
    finally:
        bench.pythonpath = own
    after = _side(bench, archive, "benchmarked", area)
    archive.restore()
    result: dict[str, object] = {"revision": revision, "commit": commit}
    failed = [*before["failed"], *after["failed"]]  # type: ignore[misc]
    for name in COMMANDS:
        old, new = before["outputs"][name], after["outputs"][name]  # type: ignore[index]
        if name == "check":
            same = old == new
            note = f"{len(old):,} findings, {len(new):,} now"
        else:
            differ = differences(old, new)
            same = not differ
            note = f"{len(old):,} files" + (
                f", {len(differ)} differ: {', '.join(differ[:3])}" if differ else "")
        broken = [text for text in failed if f" {name} " in text]
        if broken:  # a command that failed wrote nothing to compare
            same, note = False, "; ".join(broken)
        result[name] = {"identical": same, "outputs": note,
                        "seconds": {"revision": before["seconds"][name],  # type: ignore[index]
                                    "benchmarked": after["seconds"][name]}}  # type: ignore[index]
    return result
