"""Writing and reading one large catalog: publisher against GNU gettext and polib.

Builds a catalog of ``--messages`` entries (1,200 by default: about 1.2 MB, English msgids
with Japanese and Korean msgstrs, references, comments, a third of them fuzzy), then times,
in the same run and on the same bytes:

- ``format_catalog``: publisher writing it in GNU's exact format (79 columns), against
  ``msgcat --width=79`` reading and writing the same file (a subprocess, start-up included);
- ``read_catalog``: publisher reading it, against ``polib.pofile`` on the same file.

Each figure is the median of ``--repeat`` runs (CPU time of this process for the in-process
figures, wall time for msgcat), printed with its ratio to the baseline. Nothing is asserted:
the tests check what these functions do, this script how long they take.

Usage: ``.venv/bin/python benchmarks/catalogs.py [--messages 1200] [--repeat 5] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EN = ("Since 2021, the Toda Peace Institute has collaborated with the Sejong Institute on a "
      "project that brings together key opinion leaders—including parliamentarians, "
      "policymakers, academics, and journalists—from Japan and South Korea.")
JA = ("日本と韓国の関係は、1965年の日韓基本条約以来、さまざまな局面を経てきた。"
      "「戸田記念国際平和研究所」と世宗研究所は2024年11月にワークショップを開催し、"
      "両国の安全保障協力について議論した。")
KO = ("한일 관계는 1965년 한일기본조약 이후 다양한 국면을 거쳐 왔다. 세종연구소와 "
      "도다기념국제평화연구소는 2024년 11월 워크숍을 개최하여 양국의 안보 협력에 대해 "
      "논의하였다.")
HEADER = ("Project-Id-Version: publisher\nLanguage: ja\nMIME-Version: 1.0\n"
          "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")


def make_catalog(count: int, salt: int = 0):
    """The catalog; ``salt`` changes every msgid (format_catalog remembers the wrapping of
    recent strings, so each timed run gets texts it has not seen)."""
    from publisher.po.model import Catalog, Message

    messages = tuple(
        Message(msgid=f"{EN} ({salt}-{i})", msgstr=(JA if i % 2 else KO) * 2,
                references=(f"content/reports/x.md:{i}",),
                extracted_comments=("paragraph",), flags=("fuzzy",) * (i % 3 == 0))
        for i in range(count))
    return Catalog(header=Message(msgid="", msgstr=HEADER), messages=messages)


def cpu(function, repeat: int, prepare=lambda run: None) -> float:
    """Median CPU seconds of ``function(prepare(run))`` over ``repeat`` runs (``prepare``
    is not timed)."""
    runs = []
    for run in range(repeat):
        argument = prepare(run)
        started = time.process_time()
        function(argument)
        runs.append(time.process_time() - started)
    return statistics.median(runs)


def wall(command: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1200, help="catalog size (1200)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions; medians (5)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    import polib

    from publisher.po.read import read_catalog
    from publisher.po.write import format_catalog

    catalog = make_catalog(args.messages)
    text = format_catalog(catalog, 79)
    data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "large.po")
        path.write_bytes(data)
        figures = {
            "bytes": len(data),
            "messages": args.messages,
            "format_catalog": cpu(lambda fresh: format_catalog(fresh, 79), args.repeat,
                                  lambda run: make_catalog(args.messages, salt=run + 1)),
            "msgcat": wall(["msgcat", "--width=79", "-o", "/dev/null", str(path)],
                           args.repeat),
            "read_catalog": cpu(lambda _: read_catalog(data, "large.po"), args.repeat),
            "polib": cpu(lambda _: polib.pofile(str(path), encoding="utf-8"), args.repeat),
        }
    figures["format_vs_msgcat"] = figures["format_catalog"] / figures["msgcat"]
    figures["read_vs_polib"] = figures["read_catalog"] / figures["polib"]
    megabytes = len(data) / 1e6
    print(f"catalog: {args.messages} messages, {megabytes:.2f} MB; medians of {args.repeat}")
    print(f"{'figure':34} {'seconds':>8} {'MB/s':>7} {'ratio':>6}")
    rows = [("format_catalog (publisher, CPU)", "format_catalog", "format_vs_msgcat"),
            ("msgcat --width=79 (GNU, wall)", "msgcat", None),
            ("read_catalog (publisher, CPU)", "read_catalog", "read_vs_polib"),
            ("polib.pofile (CPU)", "polib", None)]
    for label, key, ratio in rows:
        seconds = figures[key]
        shown = f"{figures[ratio]:6.2f}" if ratio else f"{'1.00':>6}"
        print(f"{label:34} {seconds:8.3f} {megabytes / max(seconds, 1e-9):7.1f} {shown}")
    print("ratio: publisher's time over the baseline below it, measured in this run")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
