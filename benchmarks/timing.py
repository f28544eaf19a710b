"""Timing one command: wall time, CPU time, peak memory, exit code; medians over runs.

Only the standard library: ``run.py`` and its helpers run under any Python 3.11+.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Self

MB = 1024 * 1024


def say(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


class TreeSampler:
    """Samples the summed resident memory of a process and its descendants from /proc."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _children(pid: int) -> list[int]:
        found = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    found += [int(c) for c in handle.read().split()]
        except OSError:
            pass
        return found

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            total, stack = 0, [self.pid]
            while stack:
                pid = stack.pop()
                total += self._rss(pid)
                stack += self._children(pid)
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> Self:
        if os.path.isdir("/proc"):
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


_RUSAGE_HELPER = (
    "import json,resource,subprocess,sys,time\n"
    "t=time.perf_counter(); rc=subprocess.call(sys.argv[1:])\n"
    "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write('\\n@@RUSAGE@@'+json.dumps([time.perf_counter()-t,u.ru_utime,u.ru_stime,"
    "u.ru_maxrss,rc])+'\\n'); sys.exit(rc)\n")


def measure(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
            log: Path | None = None, sample_tree: bool = False) -> dict[str, object]:
    """Run ``cmd`` once; its wall time, CPU time, peak memory and exit code."""
    gnu_time = Path("/usr/bin/time")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        stats_file = Path(tmp, "time")
        if gnu_time.exists():
            wrapped = [str(gnu_time), "-f", "%e %U %S %M %x", "-o", str(stats_file), *cmd]
        else:
            wrapped = [sys.executable, "-c", _RUSAGE_HELPER, *cmd]
        err_path = Path(tmp, "stderr")
        with contextlib.ExitStack() as stack:
            out = stack.enter_context(open(log, "wb")) if log else subprocess.DEVNULL
            err = stack.enter_context(open(err_path, "wb"))
            started = time.perf_counter()
            process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=out, stderr=err)
            sampler = TreeSampler(process.pid) if sample_tree else None
            if sampler:
                with sampler:
                    process.wait()
            else:
                process.wait()
            wall = time.perf_counter() - started
        stderr = err_path.read_text("utf-8", "replace")
        if gnu_time.exists():
            fields = stats_file.read_text().split()[-5:]
            user, system, peak_kb, code = float(fields[1]), float(fields[2]), int(fields[3]), \
                int(fields[4])
        else:
            stderr, _, tail = stderr.rpartition("\n@@RUSAGE@@")
            _, user, system, peak_kb, code = json.loads(tail)
        if log:
            with open(log.with_suffix(".err"), "w", encoding="utf-8") as handle:
                handle.write(stderr)
    result: dict[str, object] = {
        "seconds": round(wall, 4), "cpu_seconds": round(user + system, 3),
        "peak_mb": round(peak_kb / 1024, 1), "exit_code": code,
        "load_before": round(load, 2),
    }
    if sampler:
        result["peak_tree_mb"] = round(sampler.peak / MB, 1)
    if code not in (0, 1):
        result["error"] = stderr.strip()[-2000:]
        say(f"  ! {' '.join(cmd[-3:])} exited {code}: {stderr.strip()[-500:]}")
    return result


def summarize(runs: list[dict[str, object]]) -> dict[str, object]:
    """Medians over the repetitions, and the runs themselves."""
    def med(key: str) -> float | None:
        values = [float(r[key]) for r in runs if key in r]  # type: ignore[arg-type]
        return round(statistics.median(values), 4) if values else None
    summary: dict[str, object] = {
        "seconds": med("seconds"), "cpu_seconds": med("cpu_seconds"),
        "peak_mb": max((float(r["peak_mb"]) for r in runs), default=None),  # type: ignore[arg-type]
        "exit_codes": sorted({int(r["exit_code"]) for r in runs}),  # type: ignore[call-overload]
        "runs": runs,
    }
    if any("peak_tree_mb" in r for r in runs):
        summary["peak_tree_mb"] = max(float(r.get("peak_tree_mb", 0)) for r in runs)  # type: ignore[arg-type]
    if any("work_seconds" in r for r in runs):
        summary["work_seconds"] = med("work_seconds")
        summary["work_cpu_seconds"] = med("work_cpu_seconds")
    return summary

