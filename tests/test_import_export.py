"""``publisher import`` and ``publisher export`` end to end.

Independent oracles: other tools' catalogs of real documents (translate-toolkit, mdpo, po4a,
Sphinx with MyST: ``tests/data/foreign/``), polib and GNU ``msgfmt`` to read what was
written, markdown-it-py to tell where a translation belongs and whether an edition keeps its
source's blocks, translate-toolkit to read the XLIFF and TMX files written, and ElementTree to
make the edits a CAT tool makes.
"""

from __future__ import annotations

import copy
import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff

from conftest import DATA, copy_sample, make_project, msgfmt_check, run, snapshot

FOREIGN = DATA / "foreign"
REALWORLD = DATA / "realworld"
XLIFF = "urn:oasis:names:tc:xliff:document:1.2"
NS = {"x": XLIFF}
ET.register_namespace("", XLIFF)

# The least share of a document's units each tool's catalog must bring in. Some of a
# tool's entries are not the document's text any more: translate-toolkit and mdpo read a
# footnote holding a list as one paragraph (clippy-README: 5 of 89 units), po4a rewraps
# code spans and flattens tables into paragraphs.
FLOOR = {
    "translate-toolkit": 0.93,
    "translate-toolkit-noplaceholders": 0.93,
    "mdpo": 0.93,
    "po4a": 0.85,
    "sphinx-myst": 0.97,
}
DOCUMENTS = {  # document -> its language
    "black-README": "en",
    "clippy-README": "en",
    "flask-README": "en",
    "jpholiday-README": "ja",
}


def _oracle() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .enable("strikethrough")
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )


def _text(markdown: str, env: dict) -> str:
    """What a reader reads of a text: rendered, tags and all whitespace taken out."""
    rendered = _oracle().render(markdown, copy.deepcopy(env))
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", rendered))).casefold()


def _project(tmp_path: Path, document: Path, language: str) -> tuple[Path, str]:
    target = "ja" if language != "ja" else "en"
    root = make_project(
        tmp_path / "project",
        {"content/doc.md": document.read_text(encoding="utf-8")},
        f'[project]\nsource_language = "{language}"\nlanguages = ["{language}", "{target}"]\n',
    )
    return root, target


def _as_translated(pot: Path, out: Path) -> Path:
    """A tool's template with each msgstr its msgid: the translation a placement must keep
    with its own unit."""
    catalog = polib.pofile(str(pot), wrapwidth=0)
    for entry in catalog:
        entry.msgstr = entry.msgid
    catalog.save(str(out))
    return out


CASES = [
    (tool, document)
    for tool in sorted(FLOOR)
    for document in sorted(DOCUMENTS)
    if (FOREIGN / tool / f"{document}.pot").exists()
]


@pytest.mark.parametrize(("tool", "document"), CASES)
def test_other_tools_catalogs_land_on_their_own_units(runner, tmp_path, tool, document):
    source = REALWORLD / f"{document}.md"
    root, target = _project(tmp_path, source, DOCUMENTS[document])
    assert run(runner, root, "update").exit_code == 0
    foreign = _as_translated(FOREIGN / tool / f"{document}.pot", tmp_path / "foreign.po")

    result = run(runner, root, "import", "--lang", target, str(foreign))
    assert result.exit_code == 0, result.output

    catalog_file = root / "locales" / target / "doc.po"
    assert msgfmt_check(catalog_file).returncode == 0
    offered = _by_msgid_line(foreign)
    parsed: dict = {}
    _oracle().parse(source.read_text(encoding="utf-8"), parsed)
    env = {"references": parsed.get("references", {})}  # (not its footnotes: no list)
    entries = [e for e in polib.pofile(str(catalog_file)) if not e.obsolete]
    placed = [e for e in entries if e.msgstr]
    assert len(placed) >= FLOOR[tool] * len(entries), (len(placed), len(entries))
    for entry in placed:
        origin = re.search(r"import: .*:(\d+)$", entry.tcomment, re.MULTILINE)
        assert origin, entry.tcomment
        offer = offered[int(origin[1])]
        if "fuzzy" in entry.flags:
            continue  # a near match: the translator compares with #|
        # (translate-toolkit numbers link destinations: [text]{1})
        # (a footnote's definition is read only with a call of it)
        calls = "".join(f"\n\n[^{label}]" for label in re.findall(r"^\[\^([^\]]+)\]:", offer.msgid, re.M))
        offer_text = _text(re.sub(r"\]\{\d+\}", "]()", offer.msgid) + calls, env)
        assert _text(entry.msgid, env) in offer_text, (entry.msgid, offer.msgid)

    # The edition keeps the source's blocks, and a second run changes nothing.
    before = snapshot(root / "locales")
    again = run(runner, root, "import", "--lang", target, str(foreign))
    assert again.exit_code == 0 and "0 file(s) changed" in again.output
    assert snapshot(root / "locales") == before
    build = run(runner, root, "build", "--format", "md", "--lang", target, "--force")
    assert build.exit_code == 0, build.output
    edition = (root / "site-md" / target / "doc.md").read_text(encoding="utf-8")
    original = _body(source.read_text(encoding="utf-8"))
    assert _blocks(_body(edition)) == _blocks(original)
    assert _text(_body(edition), env) == _text(original, env)


def _by_msgid_line(path: Path) -> dict[int, polib.POEntry]:
    """A catalog's entries by the line of their msgid keyword (polib gives an entry's first
    line, that of its comments)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = {}
    for entry in polib.pofile(str(path), wrapwidth=0):
        line = entry.linenum
        while not lines[line - 1].startswith("msgid "):
            line += 1
        found[line] = entry
    return found


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """The blocks of a text, as markdown-it-py reads them."""
    return [(t.type, t.tag) for t in _oracle().parse(markdown) if t.type != "inline"]


def _body(markdown: str) -> str:
    """A Markdown file without its front matter."""
    if markdown.startswith("---\n"):
        return markdown[markdown.index("\n---\n", 4) + 5 :]
    return markdown


# Translations made with other tools' segmentations, and where each must go.
REPORT = """\
# Course structure

This is a four day course.

* Day 1: Basic Rust, ownership and the borrow checker.
* Day 2: Compound data types and the standard library.

See the [migration guide](https://example.org/migrate) and the [FAQ][faq].

A claim that needs a source.[^1]

[faq]: https://example.org/faq
[^1]: Some uses include:
    - strict styles;
    - checks on CI.
"""

MDBOOK_OLD = r"""
msgid ""
msgstr ""
"Language: ko\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: src/course.md:1
msgid "# Course structure"
msgstr "# 강의 구성"

#: src/course.md:5
msgid ""
"* Day 1: Basic Rust, ownership and the borrow checker.\n"
"* Day 2: Compound data types and the standard library."
msgstr ""
"* 1일차: 러스트 기초, 소유권, 빌림 검사기.\n"
"* 2일차: 복합 데이터 타입과 표준 라이브러리."

#: src/course.md:14
msgid ""
"[^1]: Some uses include:\n"
"    - strict styles;\n"
"    - checks on CI."
msgstr ""
"[^1]: 다음과 같은 용도가 있습니다:\n"
"    - 엄격한 스타일\n"
"    - CI 검사"
"""

TRANSLATE_TOOLKIT = r"""
msgid ""
msgstr ""
"Language: ko\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: course.md:3
msgctxt "course.md:3"
msgid "This is a four day course."
msgstr "4일 과정입니다."

#: course.md:8
msgid "See the [migration guide]{1} and the [FAQ]{2}."
msgstr "[이전 안내서]{1}와 [자주 묻는 질문]{2}을 보십시오."
"""


def _course(tmp_path: Path) -> Path:
    root = make_project(
        tmp_path / "p",
        {"content/course.md": REPORT},
        '[project]\nsource_language = "en"\nlanguages = ["en", "ko"]\n',
    )
    assert run(CliRunner(), root, "update").exit_code == 0
    return root


def test_translations_cut_another_way_find_their_units(runner, tmp_path):
    root = _course(tmp_path)
    (tmp_path / "mdbook.po").write_text(MDBOOK_OLD, encoding="utf-8")
    (tmp_path / "tt.po").write_text(TRANSLATE_TOOLKIT, encoding="utf-8")

    result = run(runner, root, "import", str(tmp_path / "mdbook.po"), str(tmp_path / "tt.po"))
    assert result.exit_code == 0, result.output
    assert "0 left" in result.output

    got = {e.msgid: e.msgstr for e in polib.pofile(str(root / "locales/ko/course.po"))}
    assert got == {
        "Course structure": "강의 구성",
        "This is a four day course.": "4일 과정입니다.",
        "Day 1: Basic Rust, ownership and the borrow checker.": "1일차: 러스트 기초, 소유권, 빌림 검사기.",
        "Day 2: Compound data types and the standard library.": "2일차: 복합 데이터 타입과 표준 라이브러리.",
        "See the [migration guide](https://example.org/migrate) and the [FAQ][faq].":
            "[이전 안내서](https://example.org/migrate)와 [자주 묻는 질문][faq]을 보십시오.",
        "Some uses include:": "다음과 같은 용도가 있습니다:",
        "strict styles;": "엄격한 스타일",
        "checks on CI.": "CI 검사",
        "A claim that needs a source.[^1]": "",
    }
    assert run(runner, root, "build", "--format", "md", "--lang", "ko").exit_code == 0
    edition = (root / "site-md/ko/course.md").read_text(encoding="utf-8")
    tokens = [t.type for t in _oracle().parse(_body(edition))]
    assert tokens == [t.type for t in _oracle().parse(REPORT)]


def test_a_list_translated_with_other_items_is_not_cut(runner, tmp_path):
    root = _course(tmp_path)
    merged = MDBOOK_OLD.replace(
        '"* 1일차: 러스트 기초, 소유권, 빌림 검사기.\\n"\n"* 2일차: 복합 데이터 타입과 표준 라이브러리."',
        '"* 1일차와 2일차: 러스트 기초와 표준 라이브러리."',
    )
    assert merged != MDBOOK_OLD
    (tmp_path / "mdbook.po").write_text(merged, encoding="utf-8")
    assert run(runner, root, "import", str(tmp_path / "mdbook.po")).exit_code == 0
    got = {e.msgid: e.msgstr for e in polib.pofile(str(root / "locales/ko/course.po"))}
    assert got["Day 1: Basic Rust, ownership and the borrow checker."] == ""
    assert got["Day 2: Compound data types and the standard library."] == ""


def test_import_keeps_translations_and_refuses_broken_markup(runner, tmp_path):
    root = _course(tmp_path)
    po = root / "locales/ko/course.po"
    catalog = polib.pofile(str(po))
    catalog.find("Course structure").msgstr = "과정 구성"
    catalog.save()
    assert run(runner, root, "update").exit_code == 0
    foreign = tmp_path / "other.po"
    foreign.write_text(
        MDBOOK_OLD
        + '\n#: x\nmsgid "See the [migration guide](https://example.org/migrate) and the '
        '[FAQ][faq]."\nmsgstr "이전 안내서와 자주 묻는 질문을 보십시오."\n',
        encoding="utf-8",
    )
    before = po.read_bytes()
    dry = run(runner, root, "import", "--dry-run", str(foreign))
    assert dry.exit_code == 0 and po.read_bytes() == before
    result = run(runner, root, "import", str(foreign))
    assert result.exit_code == 0
    assert "1 kept (already translated)" in result.output
    line = foreign.read_text().split("\n").index(
        'msgid "See the [migration guide](https://example.org/migrate) and the [FAQ][faq]."'
    ) + 1
    assert f"{foreign}:{line}: refused: the link target" in result.output
    got = {e.msgid: e.msgstr for e in polib.pofile(str(po))}
    assert got["Course structure"] == "과정 구성"
    assert got["See the [migration guide](https://example.org/migrate) and the [FAQ][faq]."] == ""
    assert run(runner, root, "import", "--overwrite", str(foreign)).exit_code == 0
    assert polib.pofile(str(po)).find("Course structure").msgstr == "강의 구성"


# XLIFF and TMX with CAT tools


def _export(runner, root: Path, fmt: str, *args: str) -> Path:
    result = run(runner, root, "export", "--format", fmt, *args)
    assert result.exit_code == 0, result.output
    return root / "export"


def _catalogs(root: Path, language: str) -> dict[str, polib.POFile]:
    folder = root / "locales" / language
    return {
        str(p.relative_to(folder).with_suffix("")): polib.pofile(str(p))
        for p in sorted(folder.rglob("*.po"))
        if p.name != "_site.po"
    }


def test_xliff_export_is_read_by_translate_toolkit_as_the_catalogs_say(runner, sample):
    out = _export(runner, sample, "xliff", "--lang", "ja")
    catalogs = _catalogs(sample, "ja")
    assert catalogs
    for slug, catalog in catalogs.items():
        path = out / "ja" / f"{slug}.xlf"
        root = ET.parse(path).getroot()
        assert root.tag == f"{{{XLIFF}}}xliff" and root.get("version") == "1.2"
        store = tt_xliff.xlifffile.parsefile(str(path))
        units = [u for u in store.units if not u.isheader()]
        entries = [e for e in catalog if not e.obsolete]
        assert [u.source for u in units] == [e.msgid for e in entries]
        for unit, entry in zip(units, entries):
            assert unit.isfuzzy() == entry.fuzzy
            assert unit.istranslated() == (entry.translated() and not entry.fuzzy)
            assert (unit.target or "") == entry.msgstr
            assert unit.getlocations() == [
                f"{name}:{line}" for name, line in entry.occurrences
            ]
            assert unit.getnotes("developer") == entry.comment
        ids = [u.getid() for u in units]
        assert len(set(ids)) == len(ids)


def test_xliff_unchanged_imports_as_nothing_changed(runner, sample):
    out = _export(runner, sample, "xliff")
    before = snapshot(sample / "locales")
    files = sorted(str(p) for p in out.rglob("*.xlf"))
    assert len(files) >= 2
    result = run(runner, sample, "import", *files)
    assert result.exit_code == 0, result.output
    assert "0 file(s) changed" in result.output
    assert snapshot(sample / "locales") == before


def _cat_tool_edit(path: Path, prefix: str, every: bool = False) -> dict[str, str]:
    """What a CAT tool does: each unit without a confirmed translation (``every``: each
    unit) gets a target made of its source (placeholders kept as ``<ph>`` with their text
    emptied, as Trados does) with ``prefix`` in front, marked translated. Returns the ids
    of the units edited."""
    tree = ET.parse(path)
    edited = {}
    for unit in tree.getroot().iterfind(".//x:trans-unit", NS):
        target = unit.find("x:target", NS)
        if not every and target is not None and target.get("state") == "translated":
            continue
        source = unit.find("x:source", NS)
        if target is not None:
            unit.remove(target)
        target = copy.deepcopy(source)
        target.tag = f"{{{XLIFF}}}target"
        target.text = prefix + (target.text or "")
        for placeholder in target.iterfind("x:ph", NS):
            placeholder.text = None
        target.set("state", "translated")
        unit.insert(list(unit).index(source) + 1, target)
        edited[unit.get("id")] = prefix
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    return edited


def test_a_cat_tool_edit_imports_with_its_states_and_placeholders(runner, sample):
    out = _export(runner, sample, "xliff", "--lang", "ja")
    path = out / "ja" / "reports" / "2024-workshop-sessions-summary.xlf"
    ET.parse(path)  # well-formed before the edit
    edited = _cat_tool_edit(path, "【訳】")
    assert edited
    before = _catalogs(sample, "ja")["reports/2024-workshop-sessions-summary"]
    pending = [e.msgid for e in before if not e.obsolete and (e.fuzzy or not e.msgstr)]
    assert pending

    result = run(runner, sample, "import", str(path))
    assert result.exit_code == 0, result.output
    after = _catalogs(sample, "ja")["reports/2024-workshop-sessions-summary"]
    assert msgfmt_check(Path(after.fpath)).returncode == 0
    for msgid in pending:
        entry = after.find(msgid)
        assert entry.msgstr == "【訳】" + msgid  # each placeholder back as its source's text
        assert not entry.fuzzy
    for entry in before:
        if not entry.obsolete and entry.msgid not in pending:
            assert after.find(entry.msgid).msgstr == entry.msgstr
    assert run(runner, sample, "build", "--format", "md", "--lang", "ja").exit_code == 0


def test_a_unit_that_does_not_fit_is_refused_with_its_line_and_the_rest_goes_in(
    runner, sample
):
    out = _export(runner, sample, "xliff", "--lang", "ja")
    path = out / "ja" / "reports" / "2024-korea-japan-workshop.xlf"
    _cat_tool_edit(path, "【訳】", every=True)
    text = path.read_text(encoding="utf-8")
    # one target loses a placeholder; another unit's id is one the catalog never had
    broken = re.search(r'<target state="translated">【訳】[^<]*<ph id="1"\s*/>', text)
    assert broken, "the report has a unit with a placeholder to edit"
    text = text[: broken.start()] + re.sub(r'<ph id="1"\s*/>', "", broken[0]) + text[broken.end() :]
    unit_id = re.findall(r'<trans-unit id="([0-9a-f]+)"', text)[0]
    text = text.replace(f'<trans-unit id="{unit_id}"', '<trans-unit id="0000000000000000"')
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    broken_line = text[: broken.start()].count("\n") + 1
    unit_line = next(
        i + 1 for i in range(broken_line - 1, -1, -1) if "<trans-unit " in lines[i]
    )
    unknown_line = next(i + 1 for i, text in enumerate(lines) if "0000000000000000" in text)

    result = run(runner, sample, "import", "--overwrite", str(path))
    assert result.exit_code == 0
    assert f"{path}:{unit_line}: refused: the translation lacks placeholder 1" in result.output
    assert f"{path}:{unknown_line}: refused: unknown unit id '0000000000000000'" in result.output
    after = _catalogs(sample, "ja")["reports/2024-korea-japan-workshop"]
    assert sum(e.msgstr.startswith("【訳】") for e in after) >= 2


def test_tmx_holds_every_confirmed_translation_and_feeds_another_project(runner, sample, tmp_path):
    out = _export(runner, sample, "tmx")
    source_language = "en"
    pairs = {
        (e.msgid, e.msgstr)
        for slug, catalog in _catalogs(sample, "ja").items()
        if slug == "reports/2024-korea-japan-workshop"
        for e in catalog
        if not e.obsolete and e.msgstr and not e.fuzzy and not e.msgctxt
    }
    store = tt_tmx.tmxfile.parsefile(str(out / f"{source_language}-ja.tmx"))
    read = {(u.source, u.target) for u in store.units}
    assert read == pairs
    tree = ET.parse(out / f"{source_language}-ja.tmx")
    assert tree.getroot().get("version") == "1.4"

    # Another project with the same text, untranslated, takes them from the memory.
    other = copy_sample(tmp_path / "other")
    shutil.rmtree(other / "locales")
    assert run(runner, other, "update").exit_code == 0
    result = run(runner, other, "import", str(out / f"{source_language}-ja.tmx"))
    assert result.exit_code == 0, result.output
    assert (other / "locales/memory" / f"{source_language}-ja.tmx").read_bytes() == (
        out / f"{source_language}-ja.tmx"
    ).read_bytes()
    got = {
        (e.msgid, e.msgstr)
        for e in _catalogs(other, "ja")["reports/2024-korea-japan-workshop"]
        if e.msgstr and not e.fuzzy
    }
    assert got == pairs


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("notes.txt", "hello", "not a file import knows"),
        ("broken.xlf", '<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n', "broken.xlf:"),
        ("v2.xlf", '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>', "1.2"),
        ("memory.tmx", "<tmx>\n<body>\n</tmx>\n", "memory.tmx:"),
        ("nolang.po", 'msgid "Hello"\nmsgstr "Bonjour"\n', "--lang"),
    ],
)
def test_bad_files_are_refused_whole_and_nothing_is_written(runner, sample, tmp_path, name,
                                                           content, says):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    before = snapshot(sample)
    result = run(runner, sample, "import", str(bad))
    assert result.exit_code == 2, result.output
    assert says in result.output and "Traceback" not in result.output
    assert snapshot(sample) == before


def test_gnu_gettext_reads_what_import_writes(runner, sample, tmp_path):
    foreign = tmp_path / "ko.po"
    subprocess.run(
        ["msginit", "--no-translator", "-l", "ko", "-i",
         str(sample / "locales/templates/reports/2024-korea-japan-workshop.pot"),
         "-o", str(foreign)],
        check=True, capture_output=True,
    )
    catalog = polib.pofile(str(foreign))
    for entry in catalog:
        entry.msgstr = entry.msgid
    catalog.save()
    result = run(runner, sample, "import", "--overwrite", str(foreign))
    assert result.exit_code == 0, result.output
    for path in (sample / "locales/ko").rglob("*.po"):
        assert msgfmt_check(path).returncode == 0, path


def test_a_near_match_goes_to_its_closest_unit_once(runner, tmp_path):
    first = "The workshop was held in Tokyo on 15 November with fourteen experts."
    second = "The workshop was held in Seoul on 16 November with fourteen experts."
    offered = "The workshop was held in Tokyo on 15 November with fifteen experts."
    root = make_project(
        tmp_path / "p",
        {"content/r.md": f"{first}\n\n{second}\n"},
        '[project]\nsource_language = "en"\nlanguages = ["en", "ja"]\n',
    )
    assert run(runner, root, "update").exit_code == 0
    foreign = tmp_path / "ja.po"
    foreign.write_text(
        'msgid ""\nmsgstr "Language: ja\\n"\n\n'
        f'msgid "{offered}"\nmsgstr "ワークショップは11月15日に東京で15名の専門家を迎えて開かれた。"\n',
        encoding="utf-8",
    )
    assert run(runner, root, "import", str(foreign)).exit_code == 0
    po = root / "locales/ja/r.po"
    entries = {e.msgid: e for e in polib.pofile(str(po))}
    assert entries[first].fuzzy and entries[first].previous_msgid == offered
    assert entries[second].msgstr == ""
    before = po.read_bytes()
    again = run(runner, root, "import", str(foreign))
    assert again.exit_code == 0 and "0 file(s) changed" in again.output
    assert po.read_bytes() == before


@pytest.mark.parametrize(("address", "taken"), [
    ("https://example.org/ja/guide", True),     # the page in the translation's language
    ("https://example.org/ko/guide", False),    # in a third language
    ("https://example.org/guide", False),       # another page
])
def test_a_link_localised_to_the_translations_language_is_imported(runner, tmp_path, address,
                                                                  taken):
    msgid = "Read the [guide](https://example.org/en/guide) first."
    root = make_project(
        tmp_path / "p",
        {"content/r.md": msgid + "\n"},
        '[project]\nsource_language = "en"\nlanguages = ["en", "ja", "ko"]\n',
    )
    assert run(runner, root, "update").exit_code == 0
    foreign = tmp_path / "ja.po"
    foreign.write_text(
        f'msgid ""\nmsgstr "Language: ja\\n"\n\nmsgid "{msgid}"\nmsgstr "まず[手引き]({address})を読む。"\n',
        encoding="utf-8",
    )
    result = run(runner, root, "import", str(foreign))
    assert result.exit_code == 0
    got = polib.pofile(str(root / "locales/ja/r.po")).find(msgid).msgstr
    assert got == (f"まず[手引き]({address})を読む。" if taken else ""), result.output
