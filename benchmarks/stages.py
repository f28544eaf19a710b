"""What the cold paths cannot skip: each stage's cost as a multiple of the parse floor.

Every cold path of issue 14 parses each report and then reads, writes, re-parses or renders
text of the size of the report once per target language. This times those stages alone,
each in its own loop over a project's files (CPU seconds, the best of ``--repeat`` passes,
one core), with the parts publisher does them with — markdown-it-py for parsing and
rendering, publisher's reader and GNU-exact writer for catalogs — and nothing of publisher's
own logic (no units, merging, memory, rules, templates or files written):

- ``floor``: markdown-it-py's parse of every ``content/**/*.md`` (as ``floor.py parse``);
- ``read``: every report's catalogs (``locales/<lang>/<slug>.po``) read, with their
  comments (``read``) and without (``read, no comments``, as ``status`` reads them);
- ``write``: every catalog read written again (GNU line breaking); ``write, new`` every
  template (``locales/templates/<slug>.pot``) written once per file a new project
  makes of it (the template and one catalog a target language, of the template's size);
- ``verify``: each translation parsed as the inline Markdown it is (publisher's inline
  parser, with its shortcut for plain text): what checking an edition's markup costs;
- ``render``: each report's tokens rendered to HTML by markdown-it-py, once an edition.

Each path's sum of the stages it needs is a lower bound of the path: what it would cost if
all of publisher's own work were free. The bound is printed beside the issue's goals (for
the generated archive, and for real-world documents), marked ``>`` where it is above one.

And what the catalogs' part would cost in compiled code: every catalog joined into one
(each file's entries given a context of their own, so none merge) is read and written by GNU
``msgcat`` (C) and by publisher's reader and writer (``gnu``, CPU seconds of each).

    python benchmarks/stages.py [--reports 200] [--project DIR] [--repeat 2] [--json out]

Without ``--project``, a generated archive of ``--reports`` reports (``generate.py``,
seed 1) in a temporary folder; with it, any project with catalogs (the real documents'
project that ``run.py --real`` leaves in its work folder, for example).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import timing  # (this folder: the benchmarks' way of timing a command)

HERE = Path(__file__).resolve().parent

# Each cold path: the stages it cannot skip, and its goals (on the generated archive, and on
# real-world documents; None: no such goal).
PATHS: list[tuple[str, list[str], float | None, float | None]] = [
    ("update on a new project", ["floor", "write, new"], 1.2, 1.2),
    ("update, catalogs without stamps", ["floor", "read", "write"], 3.0, 1.5),
    ("first status", ["floor", "read, no comments"], 2.0, 1.5),
    ("first check", ["floor", "read", "verify"], 4.0, 3.0),
    ("cold HTML build", ["floor", "read", "verify", "render"], 3.0, 2.0),
    ("cold Markdown build", ["floor", "read", "verify"], None, 1.5),
]


def best(repeat: int, work: Callable[[], object]) -> float:
    """The least CPU time of ``repeat`` runs of ``work``."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def each(items: Iterable[Any], step: Callable[[Any], object]) -> Callable[[], None]:
    def run() -> None:
        for item in items:
            step(item)

    return run


def joined(catalogs: list[Path]) -> str:
    """One catalog holding every entry of ``catalogs``: the first file's header, and each
    file's entries with a context naming the file (prefixed to a context they have)."""
    out: list[str] = []
    for number, path in enumerate(catalogs):
        head, _, body = path.read_text("utf-8").partition("\n\n")
        if not out:
            out.append(head + "\n")
        lines, has_context = [], False
        for line in body.split("\n"):
            for keyword in ("msgctxt ", "#~ msgctxt "):
                if line.startswith(keyword):
                    line = f'{keyword}"f{number}:{line[len(keyword) + 1 :]}'
                    has_context = True
            for keyword, context in (("msgid ", "msgctxt"), ("#~ msgid ", "#~ msgctxt")):
                if line.startswith(keyword):
                    if not has_context:
                        lines.append(f'{context} "f{number}"')
                    has_context = False
            lines.append(line)
        out.append("\n".join(lines))
    return "\n".join(out)


def gnu(catalogs: list[Path], repeat: int) -> dict[str, float]:
    """CPU seconds to read and write every catalog as one: GNU msgcat, then publisher."""
    from publisher.po.read import read_catalog
    from publisher.po.write import format_catalog

    msgcat = shutil.which("msgcat")
    if msgcat is None:
        raise SystemExit("GNU gettext's msgcat is needed (Debian: apt install gettext)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "all.po"
        path.write_text(joined(catalogs), "utf-8")
        data = path.read_bytes()

        runs = [timing.measure([msgcat, str(path), "-o", os.devnull]) for _ in range(repeat)]
        if any(run["exit_code"] != 0 for run in runs):
            raise SystemExit(f"msgcat failed on the joined catalog: {runs[0].get('error')}")
        return {
            "bytes": len(data),
            "msgcat": min(float(str(run["cpu_seconds"])) for run in runs),
            "publisher": best(repeat, lambda: format_catalog(read_catalog(data, path))),
        }


def measure(root: Path, repeat: int) -> dict[str, Any]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    from publisher.config import load_config
    from publisher.po.read import read_catalog
    from publisher.po.write import format_catalog
    from publisher.project import catalog_path, discover, template_path
    from publisher.source.markdown import parse_inline

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(footnote_plugin)
    config = load_config(root)
    reports = discover(config)
    sources = [report.path for report in reports]
    # A report's catalogs one after another, as the commands take them (the writer keeps
    # the line breaks of the last strings it wrapped: a msgid is wrapped once a report).
    catalogs = [
        path
        for report in reports
        for language in config.languages
        if (path := catalog_path(config, language, report)).is_file()
    ]
    templates = [
        path for report in reports if (path := template_path(config, report)).is_file()
    ]
    if not sources or not catalogs or not templates:
        raise SystemExit(f"{root}: needs content/, catalogs and templates (run update first)")
    per_report = len(catalogs) / len(sources)  # target languages a report has, on average
    files = round(1 + per_report)  # what a new project writes a report: template, catalogs

    read = [read_catalog(path.read_bytes(), path) for path in catalogs]
    pots = [read_catalog(path.read_bytes(), path) for path in templates]
    translations = [
        m.msgstr for catalog in read for m in catalog.messages if m.msgstr and not m.obsolete
    ]
    parsed = [(md.parse(path.read_text("utf-8"), env := {}), env) for path in sources]

    stages = {
        "floor": best(repeat, each(sources, lambda p: md.parse(p.read_text("utf-8")))),
        "read": best(repeat, each(catalogs, lambda p: read_catalog(p.read_bytes(), p))),
        "read, no comments": best(
            repeat, each(catalogs, lambda p: read_catalog(p.read_bytes(), p, notes=False))
        ),
        "write": best(repeat, each(read, format_catalog)),
        "write, new": best(
            repeat, each(pots, lambda pot: [format_catalog(pot) for _ in range(files)])
        ),
        "verify": best(repeat, each(translations, parse_inline)),
        "render": best(
            repeat, each(parsed, lambda pe: md.renderer.render(pe[0], md.options, pe[1]))
        )
        * per_report,
    }
    floor = stages["floor"]
    return {
        "gnu": gnu(catalogs, repeat),
        "project": str(root),
        "reports": len(sources),
        "catalogs": len(catalogs),
        "source_bytes": sum(p.stat().st_size for p in sources),
        "catalog_bytes": sum(p.stat().st_size for p in catalogs),
        "translations": len(translations),
        "cpu_seconds": stages,
        "times_floor": {name: seconds / floor for name, seconds in stages.items()},
        "bounds": [
            {
                "path": path,
                "stages": needs,
                "bound": sum(stages[name] for name in needs) / floor,
                "goal": goal,
                "goal_real": goal_real,
            }
            for path, needs, goal, goal_real in PATHS
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--project", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = args.project
        if root is None:
            root = Path(folder) / "archive"
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), "--reports", str(args.reports),
                 "--seed", "1", "--out", str(root)],
                check=True, capture_output=True,
            )
        result = measure(root, args.repeat)
    print(
        f"{result['reports']} reports ({result['source_bytes'] / 1e6:.1f} MB), "
        f"{result['catalogs']} catalogs ({result['catalog_bytes'] / 1e6:.1f} MB), "
        f"{result['translations']} translations"
    )
    print(f"{'stage':>20} {'CPU s':>7} {'x floor':>8}")
    for name, seconds in result["cpu_seconds"].items():
        print(f"{name:>20} {seconds:7.2f} {result['times_floor'][name]:8.2f}")
    print(f"\n{'path':>32} {'bound':>6} {'goal':>5} {'real':>5}  stages (bound above: >)")

    def goal(value: float | None, bound: float) -> str:
        return "    -" if value is None else f"{value:4.1f}{'>' if bound > value else ' '}"

    for row in result["bounds"]:
        print(
            f"{row['path']:>32} {row['bound']:6.2f} {goal(row['goal'], row['bound'])}"
            f" {goal(row['goal_real'], row['bound'])}  {' + '.join(row['stages'])}"
        )
    compiled = result["gnu"]
    print(
        f"\nall catalogs as one ({compiled['bytes'] / 1e6:.1f} MB), read and written: "
        f"GNU msgcat {compiled['msgcat']:.2f} s, publisher {compiled['publisher']:.2f} s"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
