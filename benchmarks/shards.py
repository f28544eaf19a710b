"""``--shard K/N``: N parts run one after another do the work of one run, with its outputs.

For each command, on the archive and on one core, one run and then the N parts, each part
as a CI job would run it (no ``.publisher-cache``, since every job starts from a checkout):

- ``update``: on the catalogs as generated with their stamps removed (the full work), in a
  fresh copy each time; ``publisher update`` against ``update --shard K/N`` for K = 1..N in
  turn, then every file under ``locales/`` compared byte for byte.
- ``check``: on the project as updated; ``check --format json`` against the N parts'
  ``check --format json --shard K/N``, the union of the parts' findings compared with the
  one run's (as multisets).
- ``build``: ``build --out WHOLE`` against ``build --shard K/N --out PART-K`` for each K and
  then ``build --merge PART-1 ... --merge PART-N --out MERGED`` (the merge counts in the
  parts' total), every file of MERGED compared byte for byte with WHOLE.

The total of the parts over the one run (wall and CPU) should stay within 10 %.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import statistics
from pathlib import Path
from typing import TYPE_CHECKING

from timing import say

if TYPE_CHECKING:
    from archive import Archive
    from run import Bench

#: The parts' total may exceed one run's time by this share.
WITHIN = 0.10


def digests(folder: Path) -> dict[str, str]:
    """Every file under a folder (hidden ones too), by relative path: its SHA-256."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(one: dict[str, str], other: dict[str, str]) -> list[str]:
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


def findings(log: Path) -> list[str]:
    """The findings of ``check --format json`` (each as canonical JSON), or [] if none."""
    try:
        data = json.loads(log.read_text("utf-8"))
    except (OSError, ValueError):
        return []
    return sorted(json.dumps(f, sort_keys=True, ensure_ascii=False)
                  for f in data.get("findings", []))


class _Runs:
    """One command's runs: the one run and each part's, over the repetitions."""

    def __init__(self) -> None:
        self.one: list[dict[str, object]] = []
        self.parts: list[list[dict[str, object]]] = []
        self.same: list[bool] = []
        self.notes: list[str] = []

    def figure(self) -> dict[str, object]:
        def med(runs: list[dict[str, object]], key: str) -> float:
            return round(statistics.median(float(r[key]) for r in runs), 3)  # type: ignore[arg-type]

        one = {"seconds": med(self.one, "seconds"), "cpu_seconds": med(self.one, "cpu_seconds")}
        parts = [{"seconds": med(runs, "seconds"), "cpu_seconds": med(runs, "cpu_seconds")}
                 for runs in zip(*self.parts)]
        total = {"seconds": round(sum(p["seconds"] for p in parts), 3),
                 "cpu_seconds": round(sum(p["cpu_seconds"] for p in parts), 3)}
        codes = sorted({int(r["exit_code"]) for r in self.one + [  # type: ignore[call-overload]
            run for rep in self.parts for run in rep]})
        return {
            "one_run": one, "parts": parts, "total": total,
            "ratio": round(total["seconds"] / one["seconds"], 3) if one["seconds"] else None,
            "cpu_ratio": (round(total["cpu_seconds"] / one["cpu_seconds"], 3)
                          if one["cpu_seconds"] else None),
            "identical": all(self.same) if self.same else None,
            "outputs": self.notes[-1] if self.notes else "", "exit_codes": codes,
        }


def run_shards(bench: Bench, archive: Archive, count: int, repeat: int) -> dict[str, object]:
    jobs = bench.args.jobs
    area = archive.base / "shards"
    update, check, build = _Runs(), _Runs(), _Runs()

    def cli(name: str, *argv: str) -> dict[str, object]:
        archive.clean(".publisher-cache")
        return bench.cli(archive, name, *argv, jobs=jobs)

    def parts(name: str, *argv: str) -> list[dict[str, object]]:
        return [cli(f"{name}_{k}of{count}", *argv, "--shard", f"{k}/{count}")
                for k in range(1, count + 1)]

    for rep in range(repeat):
        say(f"shards: {count} parts against one run, repetition {rep + 1} of {repeat}")
        # update, the full work: catalogs without stamps, a fresh copy for each side.
        archive.restore()
        archive.unstamp()
        update.one.append(cli("shard_update_one_run", "update"))
        whole = digests(archive.project / "locales")
        archive.restore()
        archive.unstamp()
        update.parts.append(parts("shard_update", "update"))
        differ = differences(whole, digests(archive.project / "locales"))
        update.same.append(not differ)
        update.notes.append(f"{len(whole):,} files under locales/"
                            + (f", {len(differ)} differ: {', '.join(differ[:3])}" if differ else ""))

        # check, on the project as updated.
        check.one.append(cli("shard_check_one_run", "check", "--format", "json"))
        found = findings(bench.logs / "shard_check_one_run.out")
        check.parts.append(parts("shard_check", "check", "--format", "json"))
        union = sorted(f for k in range(1, count + 1)
                       for f in findings(bench.logs / f"shard_check_{k}of{count}.out"))
        check.same.append(union == found)
        check.notes.append(f"{len(found):,} findings in one run, {len(union):,} in the parts")

        # build: N parts and the merge, against one run.
        shutil.rmtree(area, ignore_errors=True)
        area.mkdir(parents=True)
        build.one.append(cli("shard_build_one_run", "build", "--out", str(area / "whole")))
        folders = [area / f"part-{k}" for k in range(1, count + 1)]
        runs = [cli(f"shard_build_{k}of{count}", "build", "--shard", f"{k}/{count}",
                    "--out", str(folder)) for k, folder in enumerate(folders, 1)]
        merge = ["build", "--out", str(area / "merged")]
        for folder in folders:
            merge += ["--merge", str(folder)]
        runs.append(cli("shard_build_merge", *merge))
        build.parts.append(runs)
        whole = digests(area / "whole")
        differ = differences(whole, digests(area / "merged"))
        build.same.append(not differ)
        build.notes.append(f"{len(whole):,} files in the site"
                           + (f", {len(differ)} differ: {', '.join(differ[:3])}" if differ else ""))
    return {"count": count, "repeat": repeat, "jobs": jobs, "update": update.figure(),
            "check": check.figure(), "build": build.figure()}
