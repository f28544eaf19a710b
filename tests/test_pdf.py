"""PDF editions, read back with poppler (pdftotext, pdffonts, pdfinfo) and pypdf: never with
WeasyPrint's own objects. What a page should hold comes from the web edition of the same
report (the catalogs, the HTML page), not from the PDF pipeline."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import pdfcheck
from conftest import copy_sample, make_project

WORKSHOP = "reports/2024-korea-japan-workshop"
SUMMARY = "reports/2024-workshop-sessions-summary"


def publisher(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publisher", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("pdf") / "project")
    for args in (["build", "--format", "pdf", "--bilingual", "en,ja"], ["build"]):
        result = publisher(root, *args)
        assert result.returncode == 0, result.stderr
    return root


def _squeezed(text: str) -> str:
    return "".join(text.split()).replace("\u2060", "").replace("\u00ad", "")


def _page_body(root: Path, language: str, slug: str) -> str:
    page = (root / f"site/{language}/{slug}.html").read_text()
    return page.split('<div class="report-body">', 1)[1].rsplit("</article>", 1)[0]


def _text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_one_pdf_per_published_edition(sample: Path) -> None:
    status = json.loads(publisher(sample, "status", "--format", "json").stdout)
    threshold = 80
    expected = set()
    for report in status["reports"]:
        expected.add(f"{report['source_language']}/{report['slug']}.pdf")
        for language, figures in report["languages"].items():
            if figures["percent"] >= threshold:
                expected.add(f"{language}/{report['slug']}.pdf")
    found = {p.relative_to(sample / "site").as_posix() for p in (sample / "site").rglob("*.pdf")
             if not p.relative_to(sample / "site").as_posix().startswith("bilingual/")}
    assert found == expected
    assert f"ja/{SUMMARY}.pdf" not in found  # below the threshold


@pytest.mark.parametrize("language, region, other", [("ja", "JP", "KR"), ("ko", "KR", "JP")])
def test_every_font_is_embedded_and_regional(sample: Path, language: str, region: str,
                                             other: str) -> None:
    fonts = pdfcheck.pdf_fonts(sample / f"site/{language}/{WORKSHOP}.pdf")
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    names = [f["name"] for f in fonts]
    assert any(f"CJK-{region}" in name for name in names), names
    assert not any(f"CJK-{other}" in name for name in names), names


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_title_tags_language_and_outline(sample: Path, language: str) -> None:
    pdf = sample / f"site/{language}/{WORKSHOP}.pdf"
    page = (sample / f"site/{language}/{WORKSHOP}.html").read_text()
    title = _text_of(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).strip()
    info = pdfcheck.pdf_info(pdf)
    assert info["Title"] == title and info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    meta = pdfcheck.metadata(pdf)
    assert meta["lang"] == language
    headings = [" ".join(_text_of(h).split()) for h in re.findall(
        r"<h[23][^>]*>(.*?)</h[23]>", _page_body(sample, language, WORKSHOP), re.S)]
    outline = [" ".join(title.split()) for _, title, _ in pdfcheck.outline(pdf)]
    positions = [outline.index(heading) for heading in headings]  # each one is there
    assert positions == sorted(positions)  # in the order of the report


def test_a_partial_edition_marks_its_passages_in_the_source_language(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "project")
    assert publisher(root, "build", "--format", "pdf", "--lang", "ja", "--force").returncode == 0
    pdf = root / f"site/ja/{SUMMARY}.pdf"
    metadata = pdfcheck.metadata(pdf)
    assert metadata["struct_langs"].get("ko", 0) > 0  # the tagged PDF says where Korean is
    cover = pdfcheck.page_texts(pdf)[0]
    assert "翻訳についての注記" in cover and "韓国語" in cover


@pytest.mark.parametrize("language", ["ja", "ko"])
def test_every_translated_unit_is_printed_in_order(sample: Path, language: str) -> None:
    pdf = sample / f"site/{language}/{WORKSHOP}.pdf"
    printed = _squeezed("".join(pdfcheck.page_texts(pdf)))
    catalog = polib.pofile(str(sample / f"locales/{language}/{WORKSHOP}.po"))
    units = [e for e in catalog if e.translated() and not e.obsolete
             and "front-matter" not in e.comment]
    assert len(units) > 20
    position = 0
    for entry in units:
        from markdown_it import MarkdownIt

        text = _squeezed(_text_of(MarkdownIt("commonmark").renderInline(entry.msgstr)))
        text = re.sub(r"\[\^\d+\]", "", text)  # a footnote reference prints as its number
        if "footnote" in entry.comment:  # at the foot of its page: anywhere in the order
            assert text[:30] in printed, entry.msgstr[:60]
            continue
        found = printed.find(text[:30], position)
        assert found >= 0, f"not printed after position {position}: {entry.msgstr[:60]}"
        position = found


def test_korean_lines_break_between_words_only(sample: Path) -> None:
    for slug in (WORKSHOP, SUMMARY):
        pdf = sample / f"site/ko/{slug}.pdf"
        source = _text_of(_page_body(sample, "ko", slug)) + " " + _text_of(
            (sample / f"site/ko/{slug}.html").read_text().split("<header", 2)[2])
        breaks = pdfcheck.korean_word_breaks(pdfcheck.bbox_lines(pdf), source)
        assert not [b for b in breaks if not b.startswith("?")], breaks


def test_japanese_lines_keep_the_rules_and_no_space_between_kanji(sample: Path) -> None:
    pdf = sample / f"site/ja/{WORKSHOP}.pdf"
    lines = pdfcheck.bbox_lines(pdf)
    assert pdfcheck.kinsoku_violations(lines) == []
    source = _text_of((sample / f"site/ja/{WORKSHOP}.html").read_text())
    assert pdfcheck.spaces_between_kanji(lines, source) == []


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_each_footnote_is_on_the_page_of_its_call(sample: Path, language: str) -> None:
    body = _page_body(sample, language, WORKSHOP)
    notes = {}
    for number, text in re.findall(r'<li id="fn(\d+)" class="footnote-item">(.*?)</li>', body,
                                   re.S):
        text = re.sub(r'<a href="#fnref[^"]*" class="footnote-backref">.*?</a>', "", text)
        call = re.search(rf'(.{{0,200}})<sup class="footnote-ref"><a href="#fn{number}"',
                         body, re.S)
        before = _squeezed(_text_of(call.group(1)))
        after = _squeezed(_text_of(body[call.end():].split("</sup>", 1)[1][:200]))
        notes[number] = (before[-14:], _squeezed(_text_of(text))[:24], after[:6])
    assert notes
    problems = pdfcheck.footnote_pages(sample / f"site/{language}/{WORKSHOP}.pdf", notes)
    assert problems == []


def test_the_same_sources_give_the_same_bytes(sample: Path, tmp_path: Path) -> None:
    again = copy_sample(tmp_path / "again")
    assert publisher(again, "build", "--format", "pdf", "--lang", "ko").returncode == 0
    identifiers = set()
    for slug in (WORKSHOP, SUMMARY):
        path = again / f"site/ko/{slug}.pdf"
        assert path.read_bytes() == (sample / f"site/ko/{slug}.pdf").read_bytes()
        # a stable file identifier, read from the trailer by pypdf; the file's structure
        # checked by poppler (no error or warning)
        found = pdfcheck.metadata(path)["id"]
        assert len(found) == 2 and all(len(part) == 32 for part in found)
        identifiers.add(tuple(found))
        checked = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stderr
    assert len(identifiers) == 2  # each edition its own


def test_the_web_pages_link_their_pdf_with_its_size(sample: Path) -> None:
    size = (sample / f"site/ja/{WORKSHOP}.pdf").stat().st_size
    shown = f"{max(1, round(size / 1000))} KB" if size < 1_000_000 else f"{size / 1e6:.1f} MB"
    page = (sample / f"site/ja/{WORKSHOP}.html").read_text()
    assert re.search(rf'<a class="pdf" href="2024-korea-japan-workshop.pdf"[^>]*>PDF '
                     rf'<span class="size">\({re.escape(shown)}\)</span>', page)
    index = (sample / "site/ja/index.html").read_text()
    assert f'href="{WORKSHOP}.pdf"' in index


def test_the_bilingual_pdf_has_both_languages_and_one_cover(sample: Path) -> None:
    pdf = sample / f"site/bilingual/en-ja/{WORKSHOP}.pdf"
    pages = pdfcheck.page_texts(pdf)
    cover = _squeezed(pages[0])
    assert "VisioningtheFuture" in cover and "日韓関係の未来を展望する" in cover
    body = _squeezed("".join(pages[1:]))
    assert "theTreatyonBasicRelations" in body and "日韓基本条約" in body
    fonts = [f["name"] for f in pdfcheck.pdf_fonts(pdf)]
    assert any("CJK-JP" in name for name in fonts) and any(name.startswith("Noto-Serif")
                                                           or "NotoSerif" in name
                                                           for name in fonts), fonts


def test_letter_paper_is_a_setting(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "project")
    settings = root / "publisher.toml"
    settings.write_text(settings.read_text() + '\n[pdf]\npage_size = "Letter"\n')
    assert publisher(root, "build", "--format", "pdf", "--lang", "en").returncode == 0
    info = pdfcheck.pdf_info(root / f"site/en/{WORKSHOP}.pdf")
    assert info["Page size"].startswith("612 x 792")


def test_a_character_no_font_has_fails_the_build_with_its_name(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", {
        "content/r.md": "# Title\n\nA private character \ue000 in the text.\n"})
    result = publisher(root, "build", "--format", "pdf", "--lang", "en")
    assert result.returncode == 2, result.stderr
    assert "content/r.md" in result.stderr and "English" in result.stderr
    assert "U+E000" in result.stderr
    assert not list((root / "site").rglob("*.pdf")) if (root / "site").exists() else True


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Run `pip install publisher` first, then `publisher build`."),
    ("ja", "まず`pip install publisher`を実行し、次に`publisher build`を実行する。"),
])
def test_code_is_set_in_the_mono_face(tmp_path: Path, language: str, text: str) -> None:
    root = make_project(tmp_path / "project", {"content/r.md": f"# Setup\n\n{text}\n"},
                        f'[project]\nsource_language = "{language}"\nlanguages = ["{language}"]\n')
    result = publisher(root, "build", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    pdf = root / f"site/{language}/r.pdf"
    fonts = {row["name"]: row for row in pdfcheck.pdf_fonts(pdf)}
    assert fonts["Noto-Sans-Mono"]["emb"] == "yes"
    assert "pipinstallpublisher" in _squeezed("".join(pdfcheck.page_texts(pdf)))


def _link_uris(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [annot.get_object()["/A"]["/URI"] for page in PdfReader(path).pages
            for annot in page.get("/Annots", []) if "/URI" in annot.get_object().get("/A", {})]


def test_links_between_reports_in_a_pdf_lead_to_the_pages_and_name_no_local_folder(
        tmp_path: Path) -> None:
    """A link to another report in a PDF edition: relative to the PDF's place in the site
    (beside the pages, where it is published), absolute from the site's address when that
    is known (a PDF downloaded and sent on); never the folder of the machine that built it,
    so two checkouts build the same bytes. Read back with pypdf."""
    files = {"content/a.md": "# A\n\nSee [the other report](b.md) and [the web](https://example.org/x).\n",
             "content/b.md": "# B\n\nA paragraph of report b.\n"}
    config = '[project]\nlanguages = ["en"]\nsource_language = "en"\n'
    built = []
    for folder in ("one", "two"):
        root = make_project(tmp_path / folder / "project", files, config)
        result = publisher(root, "build", "--format", "pdf")
        assert result.returncode == 0, result.stderr
        built.append((root / "site/en/a.pdf").read_bytes())
    assert built[0] == built[1] and b"file:" not in built[0]
    assert _link_uris(tmp_path / "one/project/site/en/a.pdf") == ["b.html",
                                                                  "https://example.org/x"]
    settings = tmp_path / "one/project/publisher.toml"
    settings.write_text(config + '\n[build]\nbase_url = "https://reports.example.org/r/"\n')
    assert publisher(tmp_path / "one/project", "build", "--format", "pdf").returncode == 0
    assert _link_uris(tmp_path / "one/project/site/en/a.pdf") == [
        "https://reports.example.org/r/en/b.html", "https://example.org/x"]
