"""A PDF edition's HTML -> PDF bytes, with WeasyPrint: tagged (PDF/UA-1), reproducible, every
font embedded, and two checks that fail the build rather than print something wrong."""

from __future__ import annotations

import gc
import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Any

from publisher.editions.pdf.patches import (
    footnote_misplacements,
    patch_cjk_justification,
    patch_footnote_reporting,
    split_block,
    struct_lang,
)

__all__ = [
    "render_pdf",
    "MissingGlyphs",
    "FootnoteMisplaced",
    "RenderResult",
    "CONFIGURED_FAMILIES",
]

#: The faces the print stylesheet names; anything else in the PDF is a fallback font.
CONFIGURED_FAMILIES = frozenset(
    {
        "Noto Serif",
        "Noto Sans",
        "Noto Serif CJK JP",
        "Noto Sans CJK JP",
        "Noto Serif CJK KR",
        "Noto Sans CJK KR",
        "Noto Sans Mono",
    }
)


class MissingGlyphs(Exception):
    """Characters that no configured face has (they would print as boxes or in a stray font)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class _NotdefCatcher(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ".notdef glyph" in message:
            self.messages.append(message)


class FootnoteMisplaced(Exception):
    """A footnote that still lands on another page than its call."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class RenderResult:
    """A rendered PDF, with what went into it."""

    pdf: bytes
    pages: int
    timings: dict[str, float]
    fonts: dict[str, str]
    """Embedded family -> characters drawn with it."""


_FONT_CONFIG: Any = None


def font_config() -> Any:
    """One FontConfiguration per process: fontconfig's scan and Pango's caches are reused."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def pdf_identifier(document_html: str) -> bytes:
    """A stable /ID for the PDF: a digest of what was rendered (and of the engine version)."""
    import weasyprint

    digest = hashlib.sha256(f"{weasyprint.__version__}\0{document_html}".encode())
    return digest.hexdigest()[:32].encode()


_XREF = b"<</Type /XRef"


def with_identifier(data: bytes, first: bytes) -> bytes:
    """``data`` with a stable ``/ID`` in its trailer: ``first``, and a digest of the file.

    Asked for one, pydyf serializes every object a second time to hash them (about a quarter
    of the writing); here the finished file is hashed instead, and the pair written into the
    cross-reference stream's dictionary, before any offset the file records (none moves).

    >>> data = with_identifier(b"%PDF-1.7\\n9 0 obj\\n<</Type /XRef/Size 9>>", b"ab")
    >>> data[data.index(b"<<") :]
    b'<</Type /XRef/ID [(ab) (83a0906259f229804fba407d753a2be3)]/Size 9>>'
    """
    at = data.rfind(_XREF)
    if at < 0 or b"/ID [" in data[at:]:
        return data
    second = hashlib.md5(data, usedforsecurity=False).hexdigest().encode()
    at += len(_XREF)
    return data[:at] + b"/ID [(" + first + b") (" + second + b")]" + data[at:]


def render_pdf(document_html: str, base_url: str | None, *, max_passes: int = 4) -> RenderResult:
    """HTML -> PDF bytes, with PDF/UA-1 tagging, stable /ID and two checks.

    Footnotes: WeasyPrint 70 sometimes puts a note on the page after its call, or drops it,
    even with ``footnote-policy: line`` (see ``patch_footnote_reporting``, applied unless
    ``patch_footnotes`` is False). After layout, each note's page is compared with its call's;
    for a note moved away, the block split over that page break is kept whole
    (``break-inside: avoid`` through ``data-b``) and the document laid out again. A note still
    misplaced after ``max_passes`` raises ``FootnoteMisplaced``: never a silent misplacement.

    Glyphs: raises ``MissingGlyphs`` when a character had no glyph in any installed face
    (WeasyPrint draws .notdef and logs a warning) or was drawn with a face the stylesheet
    does not name (fontconfig's fallback found it elsewhere).
    """
    import weasyprint

    patch_footnote_reporting()
    patch_cjk_justification()
    config = font_config()
    catcher = _NotdefCatcher()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(catcher)
    # Wall-clock seconds, and CPU seconds of this process (*_cpu): on a shared 2-core machine
    # only the second is stable enough to compare.
    timings: dict[str, float] = {"parse": 0.0, "layout": 0.0, "layout_cpu": 0.0, "passes": 0}
    kept: list[str] = []
    # WeasyPrint builds one large graph of boxes per document: the cyclic garbage collector,
    # run again and again as it grows, costs about a tenth of the rendering. It is paused
    # for the document and runs as usual afterwards (what the document left is collected).
    collecting = gc.isenabled()
    gc.disable()
    try:
        start, cpu = time.perf_counter(), time.process_time()
        html = weasyprint.HTML(string=document_html, base_url=base_url)
        timings["parse"] = time.perf_counter() - start
        timings["parse_cpu"] = time.process_time() - cpu
        while True:
            start, cpu = time.perf_counter(), time.process_time()
            extra = (
                [
                    weasyprint.CSS(
                        string="".join(
                            f'[data-b="{b}"]{{break-inside:avoid !important}}' for b in kept
                        )
                    )
                ]
                if kept
                else None
            )
            document = html.render(font_config=config, pdf_variant="pdf/ua-1", stylesheets=extra)
            timings["layout"] += time.perf_counter() - start
            timings["layout_cpu"] += time.process_time() - cpu
            timings["passes"] += 1
            misplaced = footnote_misplacements(document)
            if not misplaced:
                break
            fixes = {
                block
                for _, _, body_page in misplaced
                if (block := split_block(document, body_page - 1)) is not None
            }
            if timings["passes"] >= max_passes or not fixes - set(kept):
                raise FootnoteMisplaced(
                    [f"note {n}: call on page {c}, text on page {b}" for n, c, b in misplaced]
                )
            kept.extend(sorted(fixes - set(kept)))
        start, cpu = time.perf_counter(), time.process_time()
        with struct_lang():
            data = with_identifier(
                document.write_pdf(pdf_variant="pdf/ua-1"), pdf_identifier(document_html)
            )
        timings["write"] = time.perf_counter() - start
        timings["write_cpu"] = time.process_time() - cpu
    finally:
        logger.removeHandler(catcher)
        if collecting:
            gc.enable()
    fonts: dict[str, str] = {}
    for font in document.fonts.values():
        chars = "".join(sorted(set("".join(font.to_unicode.values()))))
        fonts[font.family] = fonts.get(font.family, "") + chars
    problems = list(catcher.messages)
    for family, chars in sorted(fonts.items()):
        if family not in CONFIGURED_FAMILIES:
            shown = " ".join(f"U+{ord(c):04X} {c}" for c in chars[:20])
            problems.append(f"drawn with fallback font {family!r}: {shown}")
    if problems:
        raise MissingGlyphs(problems)
    timings["kept_whole"] = len(kept)
    return RenderResult(data, len(document.pages), timings, fonts)
