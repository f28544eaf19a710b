"""PDF editions: pages per second for a cold build, the share of the time spent outside
WeasyPrint's own rendering of the same HTML, and a no-op build as a share of the cold one.

In one process, on one core (``PUBLISHER_JOBS=1``): a cold ``build --format pdf`` of a
project (the sample, or an archive made by ``generate.py``), recording each HTML document the
builder hands to WeasyPrint; then the same documents rendered by WeasyPrint alone
(``HTML(string=...).render()`` and ``write_pdf()``, nothing of publisher's around them); then a
no-op build. Prints the figures and the goals as PASS/FAIL.

Usage: ``.venv/bin/python benchmarks/pdf.py [PROJECT] [--repeat 3]``
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


def _copy(project: Path, into: Path) -> Path:
    into.mkdir(parents=True)
    for name in ("publisher.toml", "content", "locales"):
        source = project / name
        if source.is_dir():
            shutil.copytree(source, into / name)
        elif source.exists():
            shutil.copy(source, into / name)
    return into


def measure(project: Path) -> dict[str, float]:
    import weasyprint

    import publisher.editions.pdf.render as render
    from publisher.config import load_config
    from publisher.editions.pdf.render import font_config
    from publisher.ops.build import build

    documents: list[tuple[str, str]] = []
    original = render.render_pdf

    def recording(document_html: str, base_url: str, **options: object) -> render.RenderResult:
        documents.append((document_html, base_url))
        return original(document_html, base_url, **options)  # type: ignore[arg-type]

    render.render_pdf = recording
    # Fonts and WeasyPrint's caches warmed first, for both timings alike.
    weasyprint.HTML(string="<p lang=ja>日本語 <span lang=ko>한국어</span> English</p>").render(
        font_config=font_config()).write_pdf()
    with tempfile.TemporaryDirectory() as folder:
        root = _copy(project, Path(folder) / "project")
        config = load_config(root)
        start = time.perf_counter()
        result = build(config, fmt="pdf", force=True)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        build(config, fmt="pdf", force=True)
        noop = time.perf_counter() - start
        pages = 0
        for pdf in (root / "site").rglob("*.pdf"):
            pages += weasyprint_pages(pdf)
    render.render_pdf = original
    start = time.perf_counter()
    for document_html, base_url in documents:
        weasyprint.HTML(string=document_html, base_url=base_url).render(
            font_config=font_config(), pdf_variant="pdf/ua-1").write_pdf(pdf_variant="pdf/ua-1")
    alone = time.perf_counter() - start
    return {"editions": result.editions, "pages": pages, "cold": cold, "noop": noop,
            "weasyprint_alone": alone}


def weasyprint_pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", type=Path, default=REPO,
                        help="a publishing project (default: the sample)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ["PUBLISHER_JOBS"] = "1"
    runs = [measure(args.project.resolve()) for _ in range(args.repeat)]
    figures = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    outside = max(0.0, figures["cold"] - figures["weasyprint_alone"]) / figures["cold"]
    noop_share = figures["noop"] / figures["cold"]
    print(json.dumps(figures, indent=1))
    print(f"cold PDF build: {figures['cold']:.2f} s for {figures['editions']:.0f} editions, "
          f"{figures['pages']:.0f} pages: {figures['pages'] / figures['cold']:.1f} pages/s")
    print(f"WeasyPrint alone on the same HTML: {figures['weasyprint_alone']:.2f} s")
    verdict = "PASS" if outside < 0.10 else "FAIL"
    print(f"{verdict} time outside WeasyPrint's rendering: {100 * outside:.1f} % (goal < 10 %)")
    verdict = "PASS" if noop_share < 0.02 else "FAIL"
    print(f"{verdict} no-op PDF build: {figures['noop']:.3f} s, {100 * noop_share:.2f} % of cold "
          "(goal < 2 %)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
