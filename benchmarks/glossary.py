"""A large glossary: does ``check`` grow with the number of terms?

An institute's term base can hold thousands of terms. This takes a generated archive
(``generate.py``, ``--reports`` reports), times a first ``publisher check`` (no cache, one
core) with the archive's own glossary, then with glossaries of ``--terms`` terms each (words
of the real-world documents under ``tests/data/realworld``, one to three words a term, so
most terms are in no paragraph, as with a real term base), and prints each time and its
ratio to the first. The terms' rows are the same in every run (a fixed seed).

    python benchmarks/glossary.py [--reports 100] [--terms 250,1000,4000] [--json out.json]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLISHER = Path(sys.executable).with_name("publisher")
CORPUS = HERE.parent / "tests" / "data" / "realworld"


def vocabulary() -> list[str]:
    """Words of four letters or more of the real-world documents, the commonest left out."""
    words: collections.Counter[str] = collections.Counter()
    for path in sorted(CORPUS.glob("*.md")):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", path.read_text("utf-8")))
    return [word for word, _ in words.most_common()][100:]


def glossary(terms: int, words: list[str]) -> str:
    chosen = random.Random(1)
    rows = ["en,ja,ko,note"]
    for number in range(terms):
        term = " ".join(chosen.sample(words, chosen.choice([1, 2, 2, 3])))
        rows.append(f"{term},用語{number},용어{number},")
    return "\n".join(rows) + "\n"


def check(root: Path) -> float:
    """Wall seconds of a first check (the cache removed), one core."""
    shutil.rmtree(root / ".publisher-cache", ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run([str(PUBLISHER), "--root", str(root), "check"], capture_output=True,
                          text=True, env={**os.environ, "PUBLISHER_JOBS": "1"}, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: findings with errors, as in the archive
        raise SystemExit(f"check failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--terms", default="250,1000,4000")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    sizes = [int(size) for size in args.terms.split(",")]
    words = vocabulary()
    report: dict[str, object] = {"reports": args.reports}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "archive"
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--reports",
                        str(args.reports), "--seed", "1", "--out", str(root)],
                       check=True, capture_output=True)
        path = root / "locales" / "glossary.csv"
        own = len(path.read_text("utf-8").splitlines()) - 1 if path.exists() else 0
        base = check(root)
        print(f"{'glossary':>18} {'check s':>8} {'ratio':>6}")
        print(f"{f'its own ({own} terms)':>18} {base:8.2f} {1.0:6.2f}")
        report["own"] = {"terms": own, "seconds": base}
        for size in sizes:
            path.write_text(glossary(size, words), "utf-8")
            seconds = check(root)
            print(f"{f'{size} terms':>18} {seconds:8.2f} {seconds / base:6.2f}")
            report[str(size)] = {"terms": size, "seconds": seconds, "ratio": seconds / base}
    print("ratio: the check's time over its time with the archive's own glossary")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
