"""Reading PDF files back with independent tools: poppler (pdftotext, pdffonts, pdfinfo) and
pypdf, never WeasyPrint's own objects."""

from __future__ import annotations

import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return (0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F
            or 0xA960 <= code <= 0xA97F or 0xD7B0 <= code <= 0xD7FF)


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts``: name (subset tag removed), type, emb, sub."""
    rows = []
    for line in _run("pdffonts", str(path)).splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID
        name = parts[0]
        rows.append({"name": name.split("+", 1)[-1], "subset_tag": name.split("+")[0]
                     if "+" in name else "", "emb": parts[-5], "sub": parts[-4],
                     "uni": parts[-3]})
    return rows


def pdf_info(path: Path) -> dict[str, str]:
    info = {}
    for line in _run("pdfinfo", "-isodates", str(path)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_texts(path: Path) -> list[str]:
    """Text of each page (``pdftotext``; pages end with a form feed)."""
    return _run("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")[:-1]


@dataclass
class Line:
    page: int
    block: int
    x: float
    y: float
    x2: float
    words: list[str]
    boxes: list[tuple[float, float]] = field(default_factory=list)
    """(xMin, xMax) of each word."""
    height: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(self.words)


def bbox_lines(path: Path) -> list[Line]:
    """Lines of every page from ``pdftotext -bbox-layout`` (block -> line -> word)."""
    xhtml = _run("pdftotext", "-enc", "UTF-8", "-bbox-layout", str(path), "-")
    ns = "{http://www.w3.org/1999/xhtml}"
    root = ET.fromstring(xhtml)
    lines: list[Line] = []
    block_id = 0
    for page_number, page in enumerate(root.iter(f"{ns}page"), start=1):
        for block in page.iter(f"{ns}block"):
            block_id += 1
            for line in block.iter(f"{ns}line"):
                found = list(line.iter(f"{ns}word"))
                lines.append(Line(page_number, block_id, float(line.get("xMin")),
                                  float(line.get("yMin")), float(line.get("xMax")),
                                  [w.text or "" for w in found],
                                  [(float(w.get("xMin")), float(w.get("xMax"))) for w in found],
                                  float(line.get("yMax")) - float(line.get("yMin"))))
    return lines


def outline(path: Path) -> list[tuple[int, str, int]]:
    """The PDF outline as (depth, title, page number)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    result: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                result.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return result


def metadata(path: Path) -> dict[str, Any]:
    """Document info, catalog /Lang, MarkInfo and the count of structure elements with /Lang."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    root = reader.trailer["/Root"]
    info = {k: str(v) for k, v in (reader.metadata or {}).items()}
    langs: dict[str, int] = {}
    tree = root.get("/StructTreeRoot")
    stack = [tree.get_object()] if tree is not None else []
    seen = 0
    while stack and seen < 200000:
        node = stack.pop()
        seen += 1
        if hasattr(node, "get"):
            if "/Lang" in node:
                langs[str(node["/Lang"])] = langs.get(str(node["/Lang"]), 0) + 1
            kids = node.get("/K")
            if kids is None:
                continue
            kids = kids.get_object()
            for kid in (kids if isinstance(kids, list) else [kids]):
                kid = kid.get_object() if hasattr(kid, "get_object") else kid
                if hasattr(kid, "get") and kid.get("/Type") != "/MCR":
                    stack.append(kid)
    return {"info": info, "lang": str(root.get("/Lang", "")),
            "marked": str(root.get("/MarkInfo", {}).get("/Marked", "")),
            "display_doc_title": str(root.get("/ViewerPreferences", {}).get(
                "/DisplayDocTitle", "")),
            "struct_langs": langs, "id": [str(x) for x in reader.trailer.get("/ID", [])]}


JA_NO_START = frozenset("、。，．）」』】〕〉》］｝〙〗”’ー・：；！？ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
                        "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠～")
JA_NO_END = frozenset("（「『【〔〈《［｛〘〖“‘")


def kinsoku_violations(lines: list[Line]) -> list[str]:
    """Lines that start with a character Japanese never starts a line with (strict kinsoku:
    closing brackets, 。、, the long-vowel mark, small kana) or end with an opening bracket."""
    bad = []
    for line in lines:
        text = line.text
        if text and text[0] in JA_NO_START:
            bad.append(f"p{line.page} starts: {text[:20]}")
        if text and text[-1] in JA_NO_END:
            bad.append(f"p{line.page} ends: {text[-20:]}")
    return bad


def spaces_between_kanji(lines: list[Line], source_text: str) -> list[str]:
    """Spaces between two CJK ideographs or kana in the PDF text that the source lacks.

    pdftotext writes a space for any visible gap, so the source decides, as for Korean:
    ``left right`` is a fault when the source has ``leftright`` and never ``left right``
    (the site title 戸田記念国際平和研究所 報告書 has a real space; table cells side by
    side are not in the source next to each other at all, so they do not count either)."""
    src = " ".join(source_text.split())
    def cjk(c: str) -> bool:
        return unicodedata.name(c, "").startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA"))
    bad = []
    for line in lines:
        for k, (left, right) in enumerate(zip(line.words, line.words[1:])):
            if left and right and cjk(left[-1]) and cjk(right[0]) and \
                    f"{left}{right}" in src and f"{left} {right}" not in src:
                bad.append(f"p{line.page}: …{left[-6:]} {right[:6]}…")
    return bad


def ragged_lines(lines: list[Line], font_size: float) -> tuple[int, list[str]]:
    """Justification check: body lines (the most common left edge) that are not the last of
    their paragraph must reach the right edge (within 1pt). Lines short by more than 3em
    (before an unbreakable run) are left alone by design and not counted.
    Returns (lines checked, descriptions of ragged ones)."""
    from collections import Counter

    if not lines:
        return 0, []
    left = Counter(round(line.x) for line in lines).most_common(1)[0][0]
    body = [line for line in lines if round(line.x) == left]
    right = max(line.x2 for line in body)
    checked, ragged = 0, []
    for line, following in zip(body, body[1:]):
        if line.page != following.page or not 0 < following.y - line.y < 2 * line.height:
            continue  # last line of a paragraph or of a page
        short = right - line.x2
        if short > 3 * font_size + 0.5:
            continue
        checked += 1
        if short > 1.0:
            ragged.append(f"p{line.page} short {short:.1f}pt: …{line.text[-12:]}")
    return checked, ragged


def korean_word_breaks(lines: list[Line], source_text: str) -> list[str]:
    """Line ends that cut a Korean word in two.

    Between the last word ``a`` of a line and the first word ``b`` of the next line in the
    same block, the source text decides: if it holds ``a b`` (with white space) the break is
    at a word boundary; if it holds ``ab`` only, the line broke inside a word. Only breaks
    with Hangul on both sides are judged; ambiguous cases (both or neither found) are
    reported with a ``?`` so that a test can see how many it could not decide.
    """
    src = " ".join(source_text.split())
    bad = []
    for first, second in zip(lines, lines[1:]):
        # pdftotext -bbox-layout often makes each line its own block: the next line of the
        # same paragraph is the next line on the page just below, starting near the same x.
        if first.page != second.page or not first.words or not second.words or \
                not 0 < second.y - first.y < 2 * first.height or abs(second.x - first.x) > 30:
            continue
        a, b = first.words[-1], second.words[0]
        if not (a and b and _is_hangul(a[-1]) and _is_hangul(b[0])):
            continue
        spaced, joined = f"{a} {b}" in src, f"{a}{b}" in src
        if joined and not spaced:
            bad.append(f"p{first.page}: {a}|{b}")
        elif joined == spaced:
            bad.append(f"? p{first.page}: {a}|{b}")
    return bad


def footnote_pages(path: Path, notes: dict[str, tuple[str, str, str]]) -> list[str]:
    """Each footnote's text must be on the page of its call.

    ``notes`` maps a note number to (text just before the call, start of the note's text,
    text just after the call), all from the rendered HTML. A page holds the call when it holds
    before + number + after; pages are compared with white space removed (pdftotext wraps
    anywhere, and drops or adds spaces in CJK text).
    """
    by_page: dict[int, list[str]] = {}
    for line in bbox_lines(path):  # block by block: the columns of a bilingual page apart
        # A hyphen WeasyPrint added at a line end (U+2010) is not in the source.
        by_page.setdefault(line.page, []).append("".join(line.text.split()).removesuffix("\u2010"))
    pages = ["".join(by_page.get(n, [])) for n in range(1, max(by_page, default=0) + 1)]
    problems = []
    for number, (before, note, after) in notes.items():
        note_key = "".join(note.split())
        # pdftotext may put a raised call after the word it precedes: accept the number
        # anywhere in the few characters around the call.
        # The context may cross a page break (then the running header sits inside it): try
        # shorter ones; the note number in the middle keeps them specific.
        call_pages = []
        for size in (14, 7, 4):
            call_pages = [i + 1 for i, t in enumerate(pages)
                          if _has_call(t, before[-size:], number, after[:size])]
            if call_pages:
                break
        note_pages = [i + 1 for i, t in enumerate(pages) if note_key in t]
        if not call_pages or not note_pages:
            problems.append(f"note {number}: call on {call_pages}, text on {note_pages}")
        elif not set(call_pages) & set(note_pages):
            problems.append(f"note {number}: call on page {call_pages}, "
                            f"text on page {note_pages}")
    return problems


def _has_call(text: str, before: str, number: str, after: str) -> bool:
    start = text.find(before)
    while start >= 0:
        window = text[start + len(before):start + len(before) + len(after) + len(number) + 1]
        if number in window and window.replace(number, "", 1).startswith(after[:len(after)]):
            return True
        start = text.find(before, start + 1)
    return False


def pdf_page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])
