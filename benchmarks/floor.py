"""The floor figures of the benchmark: the bare work no tool can avoid, on one core.

``parse``: read every ``content/**/*.md`` of a project and parse it with markdown-it-py,
configured as publisher needs it (CommonMark + tables, front matter and footnotes from
mdit-py-plugins), nothing else. ``polib``: load every ``locales/**/*.po`` with polib.

Prints one JSON object: the time of the loop alone (``seconds`` wall, ``cpu_seconds``
process CPU), the number of files and bytes. Interpreter start-up and imports are not
counted; ``run.py`` also times the whole process.

Usage: ``python benchmarks/floor.py parse|polib PROJECT``
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def parse_floor(root: Path) -> dict[str, object]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(footnote_plugin)
    files = sorted((root / "content").rglob("*.md"))
    size = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        text = path.read_text("utf-8")
        size += len(text.encode("utf-8"))
        md.parse(text)
    return {"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu,
            "files": len(files), "bytes": size}


def polib_floor(root: Path) -> dict[str, object]:
    import polib

    files = sorted((root / "locales").rglob("*.po"))
    entries = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        entries += len(polib.pofile(str(path), encoding="utf-8"))
    return {"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu,
            "files": len(files), "entries": entries,
            "bytes": sum(p.stat().st_size for p in files)}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("parse", "polib"):
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[1])
    result = parse_floor(root) if argv[0] == "parse" else polib_floor(root)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
