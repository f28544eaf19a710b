#!/usr/bin/env python3
"""Extract the examples of the CommonMark spec (spec.txt) into JSON.

The output matches what the CommonMark project's ``test/spec_tests.py
--dump-tests`` (the ``commonmark.json`` of a spec release) contains: a list
of objects with the keys ``markdown``, ``html``, ``example`` (1-based),
``start_line``, ``end_line`` and ``section``.

Rules:

* an example opens with a line of 32 backticks followed by `` example`` and
  closes with a line of 32 backticks;
* inside it, a line holding a single ``.`` separates the Markdown input from
  the expected HTML;
* ``→`` (U+2192) in the example stands for a tab;
* ``start_line`` is the line number (1-based) of the opening fence,
  ``end_line`` that of the closing fence;
* ``section`` is the text of the last ATX heading (``#+ ``) seen outside an
  example.

Usage::

    python extract_examples.py [spec.txt] [-o examples.json]

With no arguments it reads ``spec.txt`` next to this script and writes
``examples.json`` next to it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

FENCE = "`" * 32
OPEN = FENCE + " example"
TAB_MARK = "\u2192"
HEADING_RE = re.compile(r"#+ ")

HERE = Path(__file__).resolve().parent


def extract(text: str) -> list[dict]:
    """Return the examples of the spec given as text."""
    examples: list[dict] = []
    section = ""
    state = 0  # 0: prose, 1: Markdown input, 2: expected HTML
    start_line = 0
    md_lines: list[str] = []
    html_lines: list[str] = []

    # Split on "\n" only: str.splitlines() would also break on U+2028, form
    # feeds and other characters that the spec's examples may contain.
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped == OPEN:
            state = 1
            start_line = number
            md_lines, html_lines = [], []
        elif state == 2 and stripped == FENCE:
            examples.append(
                {
                    "markdown": "".join(md_lines).replace(TAB_MARK, "\t"),
                    "html": "".join(html_lines).replace(TAB_MARK, "\t"),
                    "example": len(examples) + 1,
                    "start_line": start_line,
                    "end_line": number,
                    "section": section,
                }
            )
            state = 0
        elif state == 1 and stripped == ".":
            state = 2
        elif state == 1:
            md_lines.append(line)
        elif state == 2:
            html_lines.append(line)
        elif HEADING_RE.match(line):
            section = HEADING_RE.sub("", line, count=1).strip()
    if state != 0:
        raise ValueError(f"unterminated example opened on line {start_line}")
    return examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", default=str(HERE / "spec.txt"))
    parser.add_argument("-o", "--output", default=str(HERE / "examples.json"))
    args = parser.parse_args(argv)

    # newline="" keeps the line endings exactly as they are in the file.
    with open(args.spec, encoding="utf-8", newline="") as fh:
        examples = extract(fh.read())

    with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(examples, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    print(f"{len(examples)} examples written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
