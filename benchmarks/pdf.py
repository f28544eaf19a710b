"""PDF editions: pages per second for a cold build, the share of the time spent outside
WeasyPrint's own rendering of the same HTML, and a no-op build as a share of the cold one.

In one process, on one core (``PUBLISHER_JOBS=1``), after an untimed build of the same
project that warms WeasyPrint's font caches for both timings alike: a cold ``build --format
pdf`` of a fresh copy of the project (the sample, or an archive made by ``generate.py``),
recording each HTML document the builder hands to WeasyPrint; and the same documents
rendered by WeasyPrint alone (``HTML(string=...).render()`` and ``write_pdf()``, nothing of
publisher's around them, the garbage collector paused for each document as publisher
pauses it), timed once before the cold build and once after it (the mean: neither gains
from running second); then a no-op build. Prints the figures and the goals as PASS/FAIL.

With ``--reports K`` only K reports of the project are built (spread evenly over its
reports in path order, with their catalogs), which keeps a run on a large archive
affordable; ``--json FILE`` also writes the figures as JSON (``run.py --pdf-reports K`` does
both). CPU times (of this one process) are given beside the wall times.

Usage: ``.venv/bin/python benchmarks/pdf.py [PROJECT] [--repeat 3] [--reports K] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _copy(project: Path, into: Path, reports: int = 0) -> Path:
    into.mkdir(parents=True)
    if not reports:
        for name in ("publisher.toml", "content", "locales"):
            source = project / name
            if source.is_dir():
                shutil.copytree(source, into / name)
            elif source.exists():
                shutil.copy(source, into / name)
        return into
    # K reports spread over the archive, their templates and catalogs, and the files of
    # locales/ that belong to no report (glossary, the site's catalogs).
    if (project / "publisher.toml").exists():
        shutil.copy(project / "publisher.toml", into / "publisher.toml")
    sources = sorted((project / "content").rglob("*.md"))
    step = max(1, len(sources) // reports)
    chosen = sources[::step][:reports]
    locales = project / "locales"
    wanted = {path.relative_to(project / "content").with_suffix("") for path in chosen}
    for path in sorted(locales.rglob("*")) if locales.is_dir() else ():
        if not path.is_file():
            continue
        rel = path.relative_to(locales)
        slug = Path(*rel.parts[1:]).with_suffix("") if len(rel.parts) > 1 else None
        if slug is None or len(rel.parts) == 2 or slug in wanted:
            (into / "locales" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, into / "locales" / rel)
    for path in chosen:
        target = into / "content" / path.relative_to(project / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return into


def measure(project: Path, reports: int = 0) -> dict[str, float]:

    import publisher.editions.pdf.render as render
    from publisher.config import load_config
    from publisher.ops.build import build

    documents: list[tuple[str, str]] = []
    original = render.render_pdf

    def recording(document_html: str, base_url: str, **options: object) -> render.RenderResult:
        documents.append((document_html, base_url))
        return original(document_html, base_url, **options)  # type: ignore[arg-type]

    render.render_pdf = recording
    # Fonts and WeasyPrint's caches warmed first, for both timings alike: a whole build of
    # the same project, untimed. (Without it, whichever of the two runs first pays for
    # loading every face it uses into Pango and fontTools, about 0.5 s on the sample.)
    with tempfile.TemporaryDirectory() as folder:
        build(load_config(_copy(project, Path(folder) / "warm", reports)), fmt="pdf", force=True)
        warm = list(documents)
        # WeasyPrint alone is timed before the cold build and after it (the mean of the two):
        # neither side gains from running second.
        before, before_cpu = _alone(warm)
    documents.clear()
    with tempfile.TemporaryDirectory() as folder:
        root = _copy(project, Path(folder) / "project", reports)
        config = load_config(root)
        start, cpu = time.perf_counter(), time.process_time()
        result = build(config, fmt="pdf", force=True)
        cold, cold_cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        build(config, fmt="pdf", force=True)
        noop = time.perf_counter() - start
        pages = 0
        for pdf in (root / "site").rglob("*.pdf"):
            pages += weasyprint_pages(pdf)
    render.render_pdf = original
    after, after_cpu = _alone(documents)
    alone, alone_cpu = (before + after) / 2, (before_cpu + after_cpu) / 2
    return {"editions": result.editions, "pages": pages, "cold": cold, "noop": noop,
            "weasyprint_alone": alone, "cold_cpu": cold_cpu, "weasyprint_alone_cpu": alone_cpu}


def _alone(documents: list[tuple[str, str]]) -> tuple[float, float]:
    """Wall and CPU seconds of WeasyPrint alone rendering ``documents`` to PDF, as publisher
    has it render them (the cyclic garbage collector paused for each document)."""
    import gc

    import weasyprint

    from publisher.editions.pdf.render import font_config

    start, cpu = time.perf_counter(), time.process_time()
    for document_html, base_url in documents:
        gc.disable()
        try:
            weasyprint.HTML(string=document_html, base_url=base_url).render(
                font_config=font_config(), pdf_variant="pdf/ua-1").write_pdf(
                    pdf_variant="pdf/ua-1")
        finally:
            gc.enable()
    return time.perf_counter() - start, time.process_time() - cpu


def weasyprint_pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", type=Path, default=REPO,
                        help="a publishing project (default: the sample)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reports", type=int, default=0,
                        help="build only this many reports of the project (0: all)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    os.environ["PUBLISHER_JOBS"] = "1"
    runs = [measure(args.project.resolve(), args.reports) for _ in range(args.repeat)]
    figures = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    outside = max(0.0, figures["cold"] - figures["weasyprint_alone"]) / figures["cold"]
    outside_cpu = (max(0.0, figures["cold_cpu"] - figures["weasyprint_alone_cpu"])
                   / figures["cold_cpu"])
    noop_share = figures["noop"] / figures["cold"]
    figures.update(reports=args.reports or None, outside_share=round(outside, 4),
                   outside_share_cpu=round(outside_cpu, 4), noop_share=round(noop_share, 4))
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"cold PDF build: {figures['cold']:.2f} s for {figures['editions']:.0f} editions, "
          f"{figures['pages']:.0f} pages: {figures['pages'] / figures['cold']:.1f} pages/s")
    print(f"WeasyPrint alone on the same HTML: {figures['weasyprint_alone']:.2f} s")
    verdict = "PASS" if outside <= 0.10 else "FAIL"
    print(f"{verdict} time outside WeasyPrint's rendering: {100 * outside:.1f} % "
          f"(by CPU time: {100 * outside_cpu:.1f} %) (goal <= 10 %)")
    verdict = "PASS" if noop_share < 0.02 else "FAIL"
    print(f"{verdict} no-op PDF build: {figures['noop']:.3f} s, {100 * noop_share:.2f} % of cold "
          "(goal < 2 %)")
    return 0


if __name__ == "__main__":
    # This repository's src/, after the PYTHONPATH entries (run.py's snapshot of it).
    given = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    sys.path.insert(1 + len(given), str(REPO / "src"))
    sys.exit(main())
