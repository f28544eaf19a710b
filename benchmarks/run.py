"""Benchmark publisher at archive scale (issue "Speed at archive scale").

Generates (or reuses) an archive of N reports with ``generate.py``, then times, in one run
and over several repetitions (medians):

- the floor: a bare markdown-it-py parse of every source, and a bare polib load of every
  catalog (one core, ``floor.py``);
- the real console script as a subprocess: cold ``update`` (no cache, catalogs as
  generated), no-op ``update``, ``update`` after one paragraph of one report changed,
  ``status``, ``check``, cold ``build`` (no site/, no cache), no-op ``build``, and
  ``build`` after one msgstr of one catalog changed; optionally cold update and build again
  with every core (``PUBLISHER_JOBS``);
- translate-toolkit's ``md2po`` + ``po2md`` and mdpo on the English sources, against
  publisher's cold update + Markdown build of the same editions;
- with ``--scaling``: peak memory of cold update and build at several sizes.

Each figure is wall time; CPU time (user + system) is recorded too, since a shared machine
stretches wall time. Peak memory is the largest resident set of any one process of the
command (``/usr/bin/time -f %M``, else ``getrusage``); with several worker processes the
sampled sum over the process tree is recorded as ``peak_tree_mb``.

Results are printed as a table and written as JSON (``WORK/results-<N>.json``).

Usage::

    python benchmarks/run.py --reports 2000 --repeat 3 [--jobs 1] [--skip-competitors] [--scaling]

Only the standard library is needed to run this script; the archive is generated and the
floor measured with the Python of the venv that holds the ``publisher`` command.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Self

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORK = HERE / "out"
MB = 1024 * 1024

#: Commands whose time is given as a percent of a cold one.
COLD_OF = {
    "update_noop": "update_cold",
    "update_one_report": "update_cold",
    "build_noop": "build_cold",
    "build_one_catalog": "build_cold",
}

LABELS = {
    "floor_parse": "floor: parse all sources (markdown-it)",
    "floor_polib": "floor: load all catalogs (polib)",
    "update_cold": "update, cold",
    "update_noop": "update, no-op",
    "update_one_report": "update, one report changed",
    "status": "status",
    "check": "check",
    "build_cold": "build (html), cold",
    "build_noop": "build (html), no-op",
    "build_one_catalog": "build (html), one catalog changed",
    "update_cold_unstamped": "update, cold, catalogs without stamps",
    "update_cold_parallel": "update, cold, all cores",
    "build_cold_parallel": "build (html), cold, all cores",
}


def say(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- measuring


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


def package_digest(package: Path) -> str:
    """Digest of a package's code, templates and static files."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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


# --------------------------------------------------------------------------- the archive


def find_publisher(explicit: str | None) -> Path:
    candidates = [explicit] if explicit else [
        str(REPO / ".venv" / "bin" / "publisher"), shutil.which("publisher"),
        str(Path(sys.executable).with_name("publisher"))]
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


# --------------------------------------------------------------------------- the runs


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work: Path = args.work.resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        self.publisher = find_publisher(args.publisher)
        self.python = self.publisher.with_name("python")
        if not self.python.exists():
            self.python = Path(sys.executable)
        self.logs = self.work / "logs"
        self.logs.mkdir(exist_ok=True)
        self.cores = os.cpu_count() or 1
        self.pythonpath: str | None = None
        self.frozen: dict[str, object] = {"frozen": False}
        if args.freeze:
            self.freeze()

    def freeze(self) -> None:
        """Run a snapshot of the package, so that edits to src/ during the run (which also
        invalidate the tool's cache) do not mix versions. The console script stays the real
        one: the snapshot only comes first on PYTHONPATH."""
        found = subprocess.run([str(self.python), "-c",
                                "import os, publisher; print(os.path.dirname(publisher.__file__))"],
                               check=True, capture_output=True, text=True)
        package = Path(found.stdout.strip())
        digest = package_digest(package)
        target = self.work / "frozen" / digest
        if not (target / "publisher").is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(package, target / "publisher",
                            ignore=shutil.ignore_patterns("__pycache__"))
        self.pythonpath = str(target)
        check = subprocess.run([str(self.python), "-c", "import publisher; print(publisher.__file__)"],
                               check=False, capture_output=True, text=True, env=self.env(None))
        if not check.stdout.strip().startswith(str(target)):
            say(f"cannot run a snapshot of the package (it imports from {check.stdout.strip()}); "
                "running the live code")
            self.pythonpath = None
            return
        self.frozen = {"frozen": True, "source": str(package), "digest": digest,
                       "snapshot": str(target)}
        say(f"running a snapshot of {package} ({digest}) from {target}")

    def env(self, jobs: int | None, publisher: bool = True) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PUBLISHER_JOBS", None)
        if jobs:
            env["PUBLISHER_JOBS"] = str(jobs)
        if publisher and self.pythonpath:
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (self.pythonpath, env.get("PYTHONPATH")) if p)
        return env

    def cli(self, archive: Archive, name: str, *argv: str, jobs: int | None) -> dict[str, object]:
        cmd = [str(self.publisher), "--root", str(archive.project), *argv]
        result = measure(cmd, cwd=archive.project, env=self.env(jobs),
                         log=self.logs / f"{name}.out", sample_tree=bool(jobs and jobs > 1))
        say(f"  {name:<24} {result['seconds']:>8.2f} s  cpu {result['cpu_seconds']:>7.2f} s  "
            f"{result['peak_mb']:>7.1f} MB  exit {result['exit_code']}")
        return result

    def floor(self, archive: Archive, mode: str) -> dict[str, object]:
        cmd = [str(self.python), str(HERE / "floor.py"), mode, str(archive.project)]
        log = self.logs / f"floor_{mode}.out"
        result = measure(cmd, log=log, env=self.env(None))
        if result["exit_code"] == 0:
            inner = json.loads(log.read_text())
            result.update(process_seconds=result["seconds"], process_cpu_seconds=result["cpu_seconds"],
                          work_seconds=round(inner["seconds"], 4),
                          work_cpu_seconds=round(inner["cpu_seconds"], 4),
                          files=inner["files"])
            # The floor is the work itself: interpreter start-up is not part of it.
            result["seconds"], result["cpu_seconds"] = result["work_seconds"], result["work_cpu_seconds"]
        say(f"  floor_{mode:<18} {result['seconds']:>8.2f} s  cpu {result['cpu_seconds']:>7.2f} s  "
            f"{result['peak_mb']:>7.1f} MB")
        return result

    # -- the main series

    def series(self, archive: Archive) -> tuple[dict[str, list[dict[str, object]]], dict[str, str]]:
        jobs = self.args.jobs
        parallel = self.args.parallel_jobs
        runs: dict[str, list[dict[str, object]]] = {}
        edits: dict[str, str] = {}

        def record(name: str, result: dict[str, object]) -> None:
            runs.setdefault(name, []).append(result)

        for rep in range(self.args.repeat):
            say(f"repetition {rep + 1} of {self.args.repeat}")
            archive.restore()
            record("floor_parse", self.floor(archive, "parse"))
            record("floor_polib", self.floor(archive, "polib"))
            record("update_cold", self.cli(archive, "update_cold", "update", jobs=jobs))
            record("update_noop", self.cli(archive, "update_noop", "update", jobs=jobs))
            edits["report"] = archive.edit_report()
            record("update_one_report", self.cli(archive, "update_one_report", "update", jobs=jobs))
            record("status", self.cli(archive, "status", "status", jobs=jobs))
            record("check", self.cli(archive, "check", "check", jobs=jobs))
            archive.clean("site", ".publisher-cache")
            record("build_cold", self.cli(archive, "build_cold", "build", jobs=jobs))
            record("build_noop", self.cli(archive, "build_noop", "build", jobs=jobs))
            edits["catalog"] = archive.edit_catalog()
            record("build_one_catalog", self.cli(archive, "build_one_catalog", "build", jobs=jobs))
            # Catalogs that no publisher run stamped (written by other tools): every one is
            # parsed, merged and formatted. The full cost of a cold update.
            archive.restore()
            archive.unstamp()
            record("update_cold_unstamped",
                   self.cli(archive, "update_cold_unstamped", "update", jobs=jobs))
            if parallel and parallel != jobs:
                archive.restore()
                record("update_cold_parallel",
                       self.cli(archive, "update_cold_parallel", "update", jobs=parallel))
                archive.clean("site", ".publisher-cache")
                record("build_cold_parallel",
                       self.cli(archive, "build_cold_parallel", "build", jobs=parallel))
        return runs, edits

    # -- competitors

    def venv(self, name: str, requirement: str, probe: str) -> Path | None:
        """A separate venv with one competitor installed (created on first use)."""
        base = self.args.venvs / name
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

    def competitors(self, archive: Archive) -> dict[str, object]:
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
        ttk = self.venv("ttk-venv", "translate-toolkit[markdown]",
                        "import translate.convert.md2po, mistletoe")
        mdpo = self.venv("mdpo-venv", "mdpo", "import mdpo.md2po, mdpo.po2md")
        driver = area / "mdpo_driver.py"
        driver.write_text(_MDPO_DRIVER, encoding="utf-8")
        for rep in range(self.args.repeat):
            say(f"competitors, repetition {rep + 1} of {self.args.repeat}")
            archive.restore()
            runs.setdefault("publisher_update_ja", []).append(self.cli(
                archive, "publisher_update_ja", "update", "--lang", "ja", jobs=self.args.jobs))
            archive.clean(".publisher-cache")
            runs.setdefault("publisher_build_md_ja", []).append(self.cli(
                archive, "publisher_build_md_ja", "build", "--format", "md", "--lang", "ja",
                "--force", "--out", str(archive.project / "site-md-ja"), jobs=self.args.jobs))
            parallel = self.args.parallel_jobs
            if parallel and parallel != self.args.jobs:
                # As a user runs it: publisher uses every core by default.
                archive.restore()
                runs.setdefault("publisher_update_ja_all_cores", []).append(self.cli(
                    archive, "publisher_update_ja_all_cores", "update", "--lang", "ja",
                    jobs=parallel))
                archive.clean(".publisher-cache")
                runs.setdefault("publisher_build_md_ja_all_cores", []).append(self.cli(
                    archive, "publisher_build_md_ja_all_cores", "build", "--format", "md",
                    "--lang", "ja", "--force", "--out", str(archive.project / "site-md-ja"),
                    jobs=parallel))
            if ttk:
                bin_ = ttk / "bin"
                for out in ("ttk-pot", "ttk-md-ja"):
                    shutil.rmtree(area / out, ignore_errors=True)
                runs.setdefault("ttk_md2po", []).append(self.tool(
                    "ttk_md2po", [str(bin_ / "md2po"), "--progress=none", "--no-placeholders",
                                  "-P", "-i", str(src), "-o", str(area / "ttk-pot")]))
                runs.setdefault("ttk_po2md", []).append(self.tool(
                    "ttk_po2md", [str(bin_ / "po2md"), "--progress=none", "--no-placeholders",
                                  "-i", str(po), "-t", str(src), "-o", str(area / "ttk-md-ja")]))
            if mdpo:
                for out in ("mdpo-pot", "mdpo-md-ja"):
                    shutil.rmtree(area / out, ignore_errors=True)
                runs.setdefault("mdpo_md2po_po2md", []).append(self.tool(
                    "mdpo_md2po_po2md", [str(mdpo / "bin" / "python"), str(driver), str(src),
                                         str(po), str(area / "mdpo-pot"),
                                         str(area / "mdpo-md-ja")]))
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
            result["mdpo_version"] = _version(mdpo, "mdpo")
        else:
            result["mdpo"] = "not available"
        wide = _total(summary, "publisher_update_ja_all_cores", "publisher_build_md_ja_all_cores")
        if wide["seconds"]:
            result["publisher_total_all_cores"] = wide
        for key in ("translate_toolkit_total", "mdpo_total"):
            other = result.get(key)
            if isinstance(other, dict) and pub["seconds"]:
                other["times_publisher"] = round(other["seconds"] / pub["seconds"], 2)
                if pub["cpu_seconds"]:
                    other["cpu_times_publisher"] = round(other["cpu_seconds"] / pub["cpu_seconds"], 2)
                if wide["seconds"]:
                    other["times_publisher_all_cores"] = round(other["seconds"] / wide["seconds"], 2)
        return result

    def tool(self, name: str, cmd: list[str]) -> dict[str, object]:
        result = measure(cmd, log=self.logs / f"{name}.out", env=self.env(None, publisher=False))
        say(f"  {name:<24} {result['seconds']:>8.2f} s  cpu {result['cpu_seconds']:>7.2f} s  "
            f"{result['peak_mb']:>7.1f} MB  exit {result['exit_code']}")
        return result

    # -- memory scaling

    def scaling(self) -> dict[str, object]:
        sizes = [int(s) for s in self.args.scaling_sizes.split(",") if s.strip()]
        table: dict[str, object] = {}
        for size in sizes:
            archive = Archive(self.work, size, self.args.seed)
            archive.ensure(self.python, self.publisher, self.args.parallel_jobs or self.args.jobs,
                           self.env(None))
            say(f"memory scaling at {size} reports")
            row: dict[str, object] = {}
            for name, argv in (("update_cold", ("update",)), ("build_cold", ("build",))):
                runs = []
                for _ in range(self.args.scaling_repeat):
                    archive.restore()
                    if name == "build_cold":
                        archive.clean("site", ".publisher-cache")
                    runs.append(self.cli(archive, f"scaling_{size}_{name}", *argv,
                                         jobs=self.args.jobs))
                row[name] = summarize(runs)
            table[str(size)] = row
        result: dict[str, object] = {"sizes": sizes, "by_size": table}
        if len(sizes) >= 2:
            low, high = str(min(sizes)), str(max(sizes))
            growth = {}
            for name in ("update_cold", "build_cold"):
                a = table[low][name]["peak_mb"]  # type: ignore[index]
                b = table[high][name]["peak_mb"]  # type: ignore[index]
                growth[name] = round(b / a, 3) if a else None
            result["peak_growth"] = growth
        return result


_MDPO_DRIVER = '''"""mdpo on every file: md2po to a template, then po2md with the Japanese catalog."""
import sys
from pathlib import Path
from mdpo.md2po import markdown_to_pofile
from mdpo.po2md import pofile_to_markdown

src, po, pot_out, md_out = map(Path, sys.argv[1:5])
failures = 0
for source in sorted(src.rglob("*.md")):
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
print(f"failures: {failures}")
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


# --------------------------------------------------------------------------- report


def derive(commands: dict[str, dict[str, object]]) -> None:
    """Ratios to the parse floor, and percents of the cold figures."""
    floor = commands.get("floor_parse", {}).get("seconds")
    floor_cpu = commands.get("floor_parse", {}).get("cpu_seconds")
    for name, figure in commands.items():
        if floor and figure.get("seconds") is not None:
            figure["ratio_to_parse"] = round(float(figure["seconds"]) / float(floor), 2)  # type: ignore[arg-type]
        if floor_cpu and figure.get("cpu_seconds") is not None:
            figure["cpu_ratio_to_parse"] = round(float(figure["cpu_seconds"]) / float(floor_cpu), 2)  # type: ignore[arg-type]
        cold = commands.get(COLD_OF.get(name, ""), {}).get("seconds")
        if cold:
            figure["percent_of_cold"] = round(100 * float(figure["seconds"]) / float(cold), 2)  # type: ignore[arg-type]


def targets(commands: dict[str, dict[str, object]], competitors: dict[str, object] | None,
            scaling: dict[str, object] | None, jobs: int) -> dict[str, dict[str, object]]:
    def get(name: str, key: str) -> float | None:
        value = commands.get(name, {}).get(key)
        return float(value) if value is not None else None  # type: ignore[arg-type]

    found: dict[str, dict[str, object]] = {}

    def add(name: str, text: str, value: float | None, limit: float, below: bool = True) -> None:
        ok = None if value is None else (value <= limit if below else value >= limit)
        found[name] = {"target": text, "value": value, "limit": limit, "ok": ok}

    ratio = get("update_cold", "ratio_to_parse") if jobs == 1 else None
    add("cold_update_vs_parse", "cold update <= 2x the bare parse (one core)", ratio, 2.0)
    found["cold_update_vs_parse"]["cpu_value"] = \
        get("update_cold", "cpu_ratio_to_parse") if jobs == 1 else None
    cold, fast = get("update_cold", "seconds"), get("update_cold_parallel", "seconds")
    add("cold_update_parallel_speedup", "cold update faster with two cores (speed-up > 1)",
        round(cold / fast, 2) if cold and fast else None, 1.0, below=False)
    add("noop_update_percent", "no-op update <= 2 % of cold update",
        get("update_noop", "percent_of_cold"), 2.0)
    add("noop_build_percent", "no-op build <= 2 % of cold build",
        get("build_noop", "percent_of_cold"), 2.0)
    add("one_report_update_percent", "update after one report changed <= 5 % of cold",
        get("update_one_report", "percent_of_cold"), 5.0)
    # With stamps, a cold update hardly works at all, so the two ratios above compare two
    # near-no-ops; against the full cold work (catalogs nobody stamped) they read:
    full = get("update_cold_unstamped", "seconds")
    for name, label, limit in (("update_noop", "no-op update", 2.0),
                               ("update_one_report", "update after one report changed", 5.0)):
        seconds = get(name, "seconds")
        add(f"{name}_of_unstamped", f"{label} <= {limit:g} % of a cold update without stamps",
            round(100 * seconds / full, 2) if seconds and full else None, limit)
    add("one_catalog_build_percent", "build after one catalog changed <= 5 % of cold",
        get("build_one_catalog", "percent_of_cold"), 5.0)
    ttk = (competitors or {}).get("translate_toolkit_total")
    add("vs_translate_toolkit", "update + Markdown build >= 5x faster than md2po + po2md",
        (ttk.get("times_publisher_all_cores") or ttk.get("times_publisher"))
        if isinstance(ttk, dict) else None, 5.0, below=False)
    add("vs_translate_toolkit_one_core",
        "(one core) update + Markdown build >= 5x faster than md2po + po2md",
        ttk.get("times_publisher") if isinstance(ttk, dict) else None, 5.0, below=False)
    growth = (scaling or {}).get("peak_growth") or {}
    for name in ("update_cold", "build_cold"):
        add(f"memory_flat_{name.split('_')[0]}",
            f"peak memory of {name.split('_')[0]} flat across sizes (growth <= 1.25x)",
            growth.get(name), 1.25)  # type: ignore[union-attr]
    return found


def _fmt(value: object, spec: str, suffix: str = "") -> str:
    if value is None:
        return "-"
    return format(value, spec) + suffix


def print_report(results: dict[str, object]) -> None:
    commands: dict[str, dict[str, object]] = results["commands"]  # type: ignore[assignment]
    meta = results["meta"]
    archive = results["archive"]
    print()
    print(f"publisher benchmark: {meta['reports']} reports, seed {meta['seed']}, "  # type: ignore[index]
          f"{meta['repeat']} repetition(s), PUBLISHER_JOBS={meta['jobs']}, "  # type: ignore[index]
          f"{meta['cores']} cores, load {meta['load_before']} -> {meta['load_after']}")  # type: ignore[index]
    print(f"archive: {archive.get('words', 0):,} words, "  # type: ignore[union-attr]
          f"{(archive.get('content_bytes') or 0) / MB:.1f} MB of Markdown, "  # type: ignore[union-attr]
          f"{(archive.get('catalog_bytes') or 0) / MB:.1f} MB of catalogs")  # type: ignore[union-attr]
    print()
    header = (f"{'figure':<38} {'wall s':>9} {'cpu s':>9} {'x parse':>8} {'cpu x':>7} "
              f"{'% cold':>7} {'peak MB':>8} {'exit':>5}")
    print(header)
    print("-" * len(header))
    for name, figure in commands.items():
        peak = figure.get("peak_tree_mb") or figure.get("peak_mb")
        print(f"{LABELS.get(name, name):<38} {_fmt(figure.get('seconds'), '9.2f')} "
              f"{_fmt(figure.get('cpu_seconds'), '9.2f')} "
              f"{_fmt(figure.get('ratio_to_parse'), '7.2f', 'x')} "
              f"{_fmt(figure.get('cpu_ratio_to_parse'), '6.2f', 'x')} "
              f"{_fmt(figure.get('percent_of_cold'), '6.1f', '%')} "
              f"{_fmt(peak, '8.1f')} "
              f"{','.join(str(c) for c in figure.get('exit_codes', [])):>5}")  # type: ignore[union-attr]
    competitors = results.get("competitors")
    if isinstance(competitors, dict) and not competitors.get("skipped"):
        print()
        print(f"against other tools ({competitors['reports']} English reports -> Japanese Markdown):")
        rows = [("publisher update --lang ja + build --format md", competitors.get("publisher_total")),
                ("  the same on all cores", competitors.get("publisher_total_all_cores"))]
        rows.append(("translate-toolkit md2po + po2md", competitors.get("translate_toolkit_total")))
        rows.append(("mdpo md2po + po2md (API, one process)", competitors.get("mdpo_total")))
        for label, figure in rows:
            if not isinstance(figure, dict):
                print(f"  {label:<48} not available")
                continue
            times = figure.get("times_publisher")
            print(f"  {label:<48} {_fmt(figure.get('seconds'), '8.2f', ' s')} "
                  f"cpu {_fmt(figure.get('cpu_seconds'), '8.2f', ' s')} "
                  f"{_fmt(figure.get('peak_mb'), '7.1f', ' MB')}"
                  + (f"  ({times:.1f}x publisher's time)" if times else ""))
    scaling = results.get("scaling")
    if isinstance(scaling, dict):
        print()
        print("peak memory (MB) by archive size:")
        sizes = [str(s) for s in scaling["sizes"]]  # type: ignore[union-attr]
        print(f"  {'command':<14}" + "".join(f"{s + ' reports':>16}" for s in sizes) + f"{'growth':>10}")
        for name in ("update_cold", "build_cold"):
            cells = "".join(
                f"{_fmt(scaling['by_size'][s][name]['peak_mb'], '16.1f')}" for s in sizes)  # type: ignore[index]
            growth = (scaling.get("peak_growth") or {}).get(name)  # type: ignore[union-attr]
            print(f"  {name:<14}{cells}{_fmt(growth, '9.2f', 'x')}")
    busy = [name for name, figure in commands.items()
            if any(float(r.get("load_before", 0)) > meta["cores"]  # type: ignore[index, arg-type, union-attr]
                   for r in figure.get("runs", []))]  # type: ignore[union-attr]
    if busy:
        print()
        print(f"note: the machine was busy (1-minute load above {meta['cores']}) when these ran: "  # type: ignore[index]
              f"{', '.join(busy)}; their wall times are stretched, compare the cpu columns")
    print()
    print("targets:")
    for name, target in results["targets"].items():  # type: ignore[union-attr]
        state = {True: "PASS", False: "FAIL", None: "n/a "}[target["ok"]]
        extra = f" (by CPU time: {target['cpu_value']:.2f})" if target.get("cpu_value") else ""
        print(f"  [{state}] {target['target']}: {_fmt(target['value'], '.2f')}{extra}")


def git_commit() -> str | None:
    found = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                           check=False, capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"],
                           check=False, capture_output=True, text=True)
    if found.returncode:
        return None
    return found.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000, help="archive size (2000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (1)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; medians (3)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="PUBLISHER_JOBS for the main series (1: one core)")
    parser.add_argument("--parallel-jobs", type=int, default=os.cpu_count() or 1,
                        help="PUBLISHER_JOBS for the extra cold update/build rows (default: all "
                             "cores; 0 to skip them)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="work folder for archives, logs and results (benchmarks/out)")
    parser.add_argument("--venvs", type=Path, default=DEFAULT_WORK,
                        help="folder for the competitors' venvs (benchmarks/out)")
    parser.add_argument("--publisher", help="the publisher console script (default: .venv)")
    parser.add_argument("--skip-competitors", action="store_true",
                        help="do not run translate-toolkit and mdpo")
    parser.add_argument("--scaling", action="store_true",
                        help="also measure peak memory at each of --scaling-sizes")
    parser.add_argument("--scaling-sizes", default="500,2000",
                        help="archive sizes for --scaling (500,2000)")
    parser.add_argument("--scaling-repeat", type=int, default=1,
                        help="repetitions per size for --scaling (1)")
    parser.add_argument("--json", type=Path, help="results file (WORK/results-<N>.json)")
    parser.add_argument("--no-freeze", dest="freeze", action="store_false",
                        help="run the live package instead of a snapshot taken at the start")
    args = parser.parse_args(argv)
    args.venvs = args.venvs.resolve()
    if args.repeat < 1 or args.reports < 1:
        parser.error("--repeat and --reports must be at least 1")

    bench = Bench(args)
    ensure_polib(bench.python)
    load_before = round(os.getloadavg()[0], 2)
    started = time.perf_counter()
    archive = Archive(bench.work, args.reports, args.seed)
    archive.ensure(bench.python, bench.publisher, args.parallel_jobs or args.jobs, bench.env(None))
    runs, edits = bench.series(archive)
    commands = {name: summarize(r) for name, r in runs.items()}
    derive(commands)
    competitors: dict[str, object] = {"skipped": True}
    if not args.skip_competitors:
        competitors = bench.competitors(archive)
    scaling = bench.scaling() if args.scaling else None
    results: dict[str, object] = {
        "meta": {
            "reports": args.reports, "seed": args.seed, "repeat": args.repeat,
            "jobs": args.jobs, "parallel_jobs": args.parallel_jobs, "cores": bench.cores,
            "python": platform.python_version(), "platform": platform.platform(),
            "publisher": str(bench.publisher), "commit": git_commit(),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "load_before": load_before, "load_after": round(os.getloadavg()[0], 2),
            "seconds": round(time.perf_counter() - started, 1),
            "memory_tool": "/usr/bin/time" if Path("/usr/bin/time").exists() else "getrusage",
            "edits": edits,
            "code": bench.frozen,
        },
        "archive": archive.info,
        "floor": {"parse": commands.get("floor_parse"), "polib": commands.get("floor_polib")},
        "commands": commands,
        "competitors": competitors,
        "scaling": scaling,
    }
    results["targets"] = targets(commands, competitors if not args.skip_competitors else None,
                                 scaling, args.jobs)
    out = args.json or bench.work / f"results-{args.reports}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(results)
    print(f"\nresults written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
