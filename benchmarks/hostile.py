"""Hostile document shapes: does the work grow in proportion to the input?

For each shape (a huge paragraph, very many tiny paragraphs, deeply nested lists and quotes, a
very wide table) this builds a project at size n and at size 4n, times `publisher update` and
`publisher build` (HTML and Markdown) as subprocesses, with their peak memory, and prints the
ratio of the two times. Linear work gives a ratio near 4; a quadratic blow-up gives ~16.

    python benchmarks/hostile.py [--scale 1.0] [--json out.json]
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
from pathlib import Path

PUBLISHER = Path(sys.executable).with_name("publisher")
WORDS = ("policy dialogue trust security cooperation memory treaty region workshop "
         "institute experts journalists history future partnership").split()


def huge_paragraph(size: int) -> str:
    """One paragraph of ``size`` words, wrapped every ten words (about 9 bytes a word)."""
    words = [f"{WORDS[i % len(WORDS)]}{i % 97}" for i in range(size)]
    lines = [" ".join(words[i:i + 10]) for i in range(0, size, 10)]
    return "# Long\n\n" + "\n".join(lines) + "\n"


def many_paragraphs(size: int) -> str:
    return "".join(f"Paragraph {WORDS[i % len(WORDS)]} number {i}.\n\n" for i in range(size))


def deep_nesting(size: int) -> str:
    """``size`` blocks, each a list and quote nested 30 deep (past the parser's limit)."""
    block = []
    for depth in range(30):
        marker = "> " if depth % 2 else "- "
        block.append("  " * depth + marker + f"level {depth} text")
    return "".join("\n".join(block) + f"\n\nSeparator {i}.\n\n" for i in range(size))


def wide_table(size: int) -> str:
    """A table with ``size`` columns and three rows."""
    head = "| " + " | ".join(f"Column {i}" for i in range(size)) + " |"
    rule = "|" + "---|" * size
    rows = ["| " + " | ".join(f"cell {r}-{i} {WORDS[i % len(WORDS)]}" for i in range(size)) + " |"
            for r in range(3)]
    return "\n".join([head, rule, *rows]) + "\n"


SHAPES = {
    "5 MB paragraph (words)": (huge_paragraph, 140_000),
    "tiny paragraphs": (many_paragraphs, 25_000),
    "nested lists and quotes (blocks)": (deep_nesting, 500),
    "table columns": (wide_table, 2_500),
}


# Runs one command and prints its own peak memory: a fresh process per command, so the
# figure is that command's alone.
_WRAPPER = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed(root: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one publisher command."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, str(PUBLISHER), "--root", str(root),
                           *args], check=True, capture_output=True, text=True,
                          env={**os.environ, "PUBLISHER_JOBS": "1"})
    seconds = time.perf_counter() - start
    return seconds, int(done.stdout.strip()) / 1024


def measure(make, size: int, work: Path) -> dict[str, tuple[float, float]]:
    root = work / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    (root / "content/doc.md").write_text(make(size), encoding="utf-8")
    results = {"update": timed(root, "update")}
    results["build html"] = timed(root, "build", "--force")
    results["build md"] = timed(root, "build", "--force", "--format", "md")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    report = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"{'shape':34} {'command':11} {'n':>8} {'t(n) s':>8} {'t(4n) s':>8} "
              f"{'ratio':>6} {'MB(4n)':>7}")
        for name, (make, base) in SHAPES.items():
            size = max(1, int(base * args.scale))
            small, large = measure(make, size, work), measure(make, 4 * size, work)
            for command in small:
                ratio = large[command][0] / max(small[command][0], 1e-9)
                print(f"{name:34} {command:11} {size:>8} {small[command][0]:8.2f} "
                      f"{large[command][0]:8.2f} {ratio:6.1f} {large[command][1]:7.0f}")
                report.setdefault(name, {})[command] = {
                    "n": size, "seconds_n": small[command][0],
                    "seconds_4n": large[command][0], "ratio": ratio,
                    "peak_mb_4n": large[command][1]}
    print("ratio: time at 4n / time at n (4 = linear; the fixed start-up cost pulls it lower)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
