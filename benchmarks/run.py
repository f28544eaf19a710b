"""Benchmark publisher at archive scale (issues "Speed at archive scale" and 14, "Full work
at the parser's pace").

Generates (or reuses) an archive of N reports with ``generate.py``, then times, in one run
and over several repetitions (medians):

- the floor: a bare markdown-it-py parse of every source, and a bare polib load of every
  catalog (one core, ``floor.py``);
- the real console script as a subprocess: cold ``update`` (no cache, catalogs as
  generated), no-op ``update``, ``update`` after one paragraph of one report changed, a
  first ``status`` and a first ``check`` (no cache), cold ``build`` (no site/, no cache),
  no-op ``build``, ``build`` after one msgstr of one catalog changed, ``update`` on
  catalogs without stamps (the full work) and on a new project (no locales/); optionally
  cold update and build again with every core (``PUBLISHER_JOBS``);
- translate-toolkit's ``md2po`` + ``po2md`` and mdpo (its loop, in one process) on the
  English sources, against publisher's cold update + Markdown build of the same editions
  (``competitors.py``);
- ``update``, ``check`` and ``build`` in N parts (``--shard K/N``) against one run, totals
  and outputs (``shards.py``);
- with ``--compare REV``: the outputs of ``update``, ``check`` and both builds against those
  of the code of another revision, byte for byte (``compare.py``);
- a cold PDF build of a few reports against WeasyPrint alone (``pdf.py``);
- with ``--real``: the cold paths on real-world Markdown, pseudo-translated (``realdocs.py``);
- with ``--scaling``: peak memory of cold update (with and without stamps) and cold build
  at several sizes.

Every target is printed as PASS/FAIL (``verdicts.py``).

Each figure is wall time; CPU time (user + system) is recorded too, since a shared machine
stretches wall time. Peak memory is the largest resident set of any one process of the
command (``/usr/bin/time -f %M``, else ``getrusage``); with several worker processes the
sampled sum over the process tree is recorded as ``peak_tree_mb``.

Results are printed as a table and written as JSON (``WORK/results-<N>.json``).

Usage::

    python benchmarks/run.py --reports 2000 --repeat 3 [--jobs 1] [--skip-competitors]
        [--shards 4] [--pdf-reports 3] [--real [--real-mb 9]] [--scaling] [--compare REV]

Only the standard library is needed to run this script; the archive is generated and the
floor measured with the Python of the venv that holds the ``publisher`` command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from archive import Archive, ensure_polib, find_publisher
from compare import run_compare
from competitors import run_competitors
from realdocs import RealProject
from realdocs import series as real_series
from shards import run_shards
from timing import measure, say, summarize
from verdicts import derive, print_report, targets

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_WORK = HERE / "out"

#: The commands whose peak memory ``--scaling`` compares across archive sizes (each from
#: the archive as generated, with no cache and no site/).
SCALING = (("update_cold", ("update",)), ("update_cold_unstamped", ("update",)),
           ("build_cold", ("build",)))


def package_digest(package: Path) -> str:
    """Digest of a package's code, templates and static files."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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
        else:
            self.live()

    def installed_package(self) -> Path:
        found = subprocess.run([str(self.python), "-c",
                                "import os, publisher; print(os.path.dirname(publisher.__file__))"],
                               check=True, capture_output=True, text=True, env=self.env(None))
        return Path(found.stdout.strip())

    def package(self) -> Path:
        """The package to run: ``src/publisher`` of the repository this script is in (a
        worktree benchmarks its own code with the venv of another checkout), else the one
        the venv imports."""
        own = REPO / "src" / "publisher"
        return own if (own / "__init__.py").is_file() else self.installed_package()

    def freeze(self) -> None:
        """Run a snapshot of the package, so that edits to src/ during the run (which also
        invalidate the tool's cache) do not mix versions. The console script stays the real
        one: the snapshot only comes first on PYTHONPATH."""
        package = self.package()
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
            self.live()
            return
        self.frozen = {"frozen": True, "source": str(package), "digest": digest,
                       "snapshot": str(target)}
        say(f"running a snapshot of {package} ({digest}) from {target}")

    def code_digest(self) -> str:
        """The digest of the package the commands run."""
        return str(self.frozen.get("digest") or package_digest(self.package()))

    def live(self) -> None:
        """Run the live code of this repository's package (first on PYTHONPATH when the venv
        would import another copy)."""
        self.pythonpath = None
        package = self.package()
        if package.resolve() != self.installed_package().resolve():
            self.pythonpath = str(package.parent)
        self.frozen = {"frozen": False, "source": str(package)}
        say(f"running the live code of {package}")

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
            # First runs, as on a fresh clone or in CI: no cache at all.
            archive.clean(".publisher-cache")
            record("status", self.cli(archive, "status", "status", jobs=jobs))
            archive.clean(".publisher-cache")
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
            # A new project: the sources alone, no locales/ (every template and catalog is
            # created).
            archive.restore()
            archive.clean("locales")
            record("update_new_project",
                   self.cli(archive, "update_new_project", "update", jobs=jobs))
            if parallel and parallel != jobs:
                archive.restore()
                record("update_cold_parallel",
                       self.cli(archive, "update_cold_parallel", "update", jobs=parallel))
                archive.clean("site", ".publisher-cache")
                record("build_cold_parallel",
                       self.cli(archive, "build_cold_parallel", "build", jobs=parallel))
        return runs, edits

    # -- PDF

    def pdf(self, archive: Archive) -> dict[str, object]:
        """``pdf.py`` on a few reports: a cold PDF build against WeasyPrint alone on the same
        HTML, in one process on one core."""
        project = self.args.pdf_project.resolve() if self.args.pdf_project else archive.project
        out = self.work / "pdf.json"
        out.unlink(missing_ok=True)
        cmd = [str(self.python), str(HERE / "pdf.py"), str(project), "--reports",
               str(self.args.pdf_reports), "--repeat", str(self.args.pdf_repeat), "--json", str(out)]
        say(f"PDF: {self.args.pdf_reports} report(s) of {project}")
        result = measure(cmd, env=self.env(None), log=self.logs / "pdf.out")
        figures: dict[str, object] = {"project": str(project), "process": result}
        if result["exit_code"] == 0 and out.is_file():
            figures.update(json.loads(out.read_text("utf-8")))
            say(f"  cold {figures['cold']:.2f} s, WeasyPrint alone {figures['weasyprint_alone']:.2f} s, "
                f"outside {100 * float(figures['outside_share']):.1f} %")  # type: ignore[arg-type]
        else:
            lines = (self.logs / "pdf.err").read_text("utf-8", "replace").strip().splitlines()
            figures["error"] = " ".join(lines[-2:])[-600:] if lines else f"exit {result['exit_code']}"
            say(f"  ! the PDF measurement failed: {figures['error']}")
        return figures

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
            for name, argv in SCALING:
                runs = []
                for _ in range(self.args.scaling_repeat):
                    archive.restore()
                    if name == "update_cold_unstamped":
                        archive.unstamp()
                    runs.append(self.cli(archive, f"scaling_{size}_{name}", *argv,
                                         jobs=self.args.jobs))
                row[name] = summarize(runs)
            table[str(size)] = row
        result: dict[str, object] = {"sizes": sizes, "by_size": table}
        if len(sizes) >= 2:
            low, high = str(min(sizes)), str(max(sizes))
            growth = {}
            for name, _ in SCALING:
                a = table[low][name]["peak_mb"]  # type: ignore[index]
                b = table[high][name]["peak_mb"]  # type: ignore[index]
                growth[name] = round(b / a, 3) if a else None
            result["peak_growth"] = growth
        return result


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
    parser.add_argument("--shards", type=int, default=4,
                        help="N for the --shard K/N figures: N parts run one after another "
                             "against one run (4; 0 skips them)")
    parser.add_argument("--shard-repeat", type=int, default=1,
                        help="repetitions of the shard figures (1)")
    parser.add_argument("--pdf-reports", type=int, default=3,
                        help="reports of the archive built as PDF by pdf.py (3; 0 skips it)")
    parser.add_argument("--pdf-repeat", type=int, default=1,
                        help="repetitions of the PDF figure (1)")
    parser.add_argument("--pdf-project", type=Path,
                        help="take the PDF reports from this project instead of the archive")
    parser.add_argument("--real", action="store_true",
                        help="also measure the cold paths on real-world Markdown "
                             "(tests/data/realworld/, copied to --real-mb MB; realdocs.py)")
    parser.add_argument("--real-mb", type=float, default=9.0,
                        help="size of the real-document project in MB of Markdown (9)")
    parser.add_argument("--compare", metavar="REV",
                        help="also run update, check and both builds with the code of the git "
                             "revision REV and compare every output byte for byte (compare.py)")
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
        competitors = run_competitors(bench, archive)
    shards = (run_shards(bench, archive, args.shards, max(1, args.shard_repeat))
              if args.shards >= 2 else None)
    compare = run_compare(bench, archive, args.compare) if args.compare else None
    pdf = bench.pdf(archive) if args.pdf_reports > 0 else None
    real = None
    if args.real:
        project = RealProject(bench.work, args.real_mb)
        project.ensure(bench)
        real_commands = {name: summarize(r) for name, r in real_series(bench, project).items()}
        derive(real_commands)
        real = {"project": project.info, "commands": real_commands}
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
        "shards": shards,
        "compare": compare,
        "pdf": pdf,
        "real": real,
        "scaling": scaling,
    }
    results["targets"] = targets(results, args.jobs)
    out = args.json or bench.work / f"results-{args.reports}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(results)
    print(f"\nresults written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
