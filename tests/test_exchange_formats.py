"""XLIFF 1.2, TMX 1.4b and the placeholders that keep inline Markdown safe in CAT tools.

Oracles, where there is one independent of the code under test:
* ``join(protect(x)) == x`` on every inline text of the CommonMark spec and the real-world
  corpus, and on generated Markdown;
* pseudo-translating only the prose of ``protect(x)`` (ASCII letters uppercased) must leave
  every code span, link destination, image source, raw HTML tag and footnote reference as
  markdown-it-py's ordinary, non-validating tokenizer sees them in ``x``;
* the XML is checked with ``xml.etree.ElementTree`` (another parser), and the CAT-tool edits
  are made with it too;
* error line numbers are counted in the hand-written fixtures below.
"""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.errors import PublisherError
from publisher.exchange.placeholders import (
    Placeholder,
    PlaceholderError,
    align,
    join,
    normalise,
    protect,
    restore,
)
from publisher.exchange.tmx import TmxUnit, read_tmx, write_tmx
from publisher.exchange.xliff import (
    XLIFF_NS,
    ExchangeError,
    XliffFile,
    XliffUnit,
    read_xliff,
    state_from,
    state_of,
    write_xliff,
)
from publisher.source.markdown import parse, parser

DATA = Path(__file__).parent / "data"
EXAMPLES = json.loads((DATA / "commonmark/examples.json").read_text())
REALWORLD = sorted(p for p in (DATA / "realworld").glob("*.md") if p.name != "SOURCES.md")
NS = {"x": XLIFF_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
P = Placeholder


# -- Oracle: the inline structure markdown-it-py's own tokenizer gives ------------------------


class _AnyLabel(dict):
    """Every non-empty label is a defined link reference (labels ``^…`` are footnotes)."""

    def get(self, key, default=None):
        return {"href": "", "title": ""} if key and not key.startswith("^") else default


class _AnyNote(dict):
    """Every ``[^label]`` is a defined footnote."""

    def __contains__(self, key):
        return True

    def __bool__(self):
        return True


def _env(references=None) -> dict:
    return {
        "references": _AnyLabel() if references is None else copy.deepcopy(references),
        "footnotes": {"refs": _AnyNote(), "list": {}},
    }


def _walk(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def structure(text: str, references=None) -> list[tuple]:
    """What must survive translation: every non-prose token with its exact content."""
    tokens = parser().parseInline(text, _env(references))[0].children or []
    kept = []
    for t in _walk(tokens):
        if t.type in ("code_inline", "html_inline"):
            kept.append((t.type, t.markup, t.content))
        elif t.type in ("link_open", "image"):
            kept.append((t.type, t.attrGet("href"), t.attrGet("src"), t.attrGet("title")))
        elif t.type == "footnote_ref":
            kept.append((t.type, t.meta.get("label")))
        elif t.type not in ("text", "text_special"):
            kept.append((t.type,))
    return kept


_LOWER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def pseudo(segments):
    """A translation that changes every ASCII letter of the prose and nothing else."""
    return tuple(s.translate(_LOWER) if isinstance(s, str) else s for s in segments)


def check_protected(text: str, env=None) -> None:
    segments = protect(text, env)
    assert join(segments) == text
    assert segments == normalise(segments)
    assert [p.id for p in segments if isinstance(p, P)] == [
        str(n) for n in range(1, 1 + sum(isinstance(p, P) for p in segments))
    ]
    references = None if env is None else env.get("references", {})
    assert structure(join(pseudo(segments)), references) == structure(text, references)


def _inline_texts(markdown: str):
    env: dict = {}
    tokens = parse(markdown, env)
    return env, [t.content for t in tokens if t.type == "inline"]


# -- protect / join / restore: examples ---------------------------------------------------------


@pytest.mark.parametrize(
    "msgid, expected",
    [
        ("plain words only", ("plain words only",)),
        ("Run `make test` now", ("Run ", P("1", "`make test`"), " now")),
        (
            'See **the [report](https://example.org/r "R")** and `code`[^1] <b>x</b>',
            (
                "See **the ",
                P("1", "["),
                "report",
                P("2", '](https://example.org/r "R")'),
                "** and ",
                P("3", "`code`"),
                P("4", "[^1]"),
                " ",
                P("5", "<b>"),
                "x",
                P("6", "</b>"),
            ),
        ),
        ("![a `b` c](i.png)", (P("1", "!["), "a ", P("2", "`b`"), " c", P("3", "](i.png)"))),
        ("[text][label] and [short] and [coll][]", (
            P("1", "["), "text", P("2", "][label]"), " and ", P("3", "[short]"), " and ",
            P("4", "[coll][]"),
        )),
        ("mail <a@b.org> or <https://x.org/?a=1>", (
            "mail ", P("1", "<a@b.org>"), " or ", P("2", "<https://x.org/?a=1>"),
        )),
        ("note^[with `code` inside] end", (
            "note", P("1", "^["), "with ", P("2", "`code`"), " inside", P("3", "]"), " end",
        )),
        ("a <!-- hidden --> b", ("a ", P("1", "<!-- hidden -->"), " b")),
        ("no `closing backtick and \\[not a link](x)", (
            "no `closing backtick and \\[not a link](x)",
        )),
        ("``a ` b`` and ``` x", (P("1", "``a ` b``"), " and ``` x")),
        ("日本語の[リンク](https://例え.jp)と`コード`です。", (
            "日本語の", P("1", "["), "リンク", P("2", "](https://例え.jp)"), "と",
            P("3", "`コード`"), "です。",
        )),
        ("*emphasis* and &amp; and line\nbreak", ("*emphasis* and &amp; and line\nbreak",)),
        ("`code`", (P("1", "`code`"),)),
        ("", ()),
    ],
)
def test_protect_examples(msgid, expected):
    assert protect(msgid) == expected
    assert join(expected) == msgid


def test_document_references_decide_what_a_bracket_is():
    env = {"references": {"DEFINED": {"href": "/d", "title": ""}}}
    assert protect("[defined] and [loose] and [t][defined]", env) == (
        P("1", "[defined]"), " and [loose] and ", P("2", "["), "t", P("3", "][defined]"),
    )
    # Without the document's definitions every bracketed label might be a link.
    assert protect("[loose]") == (P("1", "[loose]"),)


def test_carriage_returns_and_nuls_keep_their_offsets():
    text = "a\r\nb `c\r\nd` e\0 `f`"
    segments = protect(text)
    assert join(segments) == text
    assert [p.text for p in segments if isinstance(p, P)] == ["`c\r\nd`", "`f`"]


def test_restore_takes_each_placeholder_from_the_source():
    source = protect("See [the guide](g.md) and `x`.")
    target = ("「", P("3", ""), "」と", P("1", "["), "手引き", P("2", "](wrong)"), "を参照。")
    assert restore(target, source) == "「`x`」と[手引き](g.md)を参照。"


@pytest.mark.parametrize(
    "target, message",
    [
        (("a", P("1", "`x`")), "the translation lacks placeholder 2 (`y`)"),
        (("a",), "the translation lacks placeholders 1 (`x`), 2 (`y`)"),
        ((P("1", ""), P("2", ""), P("3", "")), "placeholder 3, which the source does not have"),
        ((P("1", ""), P("1", ""), P("2", "")), "the translation has placeholder 1 twice"),
    ],
)
def test_restore_refuses_placeholders_that_do_not_match(target, message):
    with pytest.raises(PlaceholderError) as caught:
        restore(target, protect("`x` and `y`"))
    assert message in caught.value.message


def test_restore_shortens_long_placeholders_in_messages():
    source = protect("[a](https://example.org/" + "x" * 80 + ")")
    with pytest.raises(PlaceholderError) as caught:
        restore((P("1", "["), "a"), source)
    assert "…" in str(caught.value) and len(str(caught.value)) < 100


def test_align_gives_a_translation_its_source_ids():
    source = protect("`a`, `b` and `a`")
    target = align(protect("`b`、`a`、`a`、`c`"), source)
    assert [p.id for p in target if isinstance(p, P)] == ["2", "1", "3", "4"]
    with pytest.raises(PlaceholderError, match="placeholder 4"):
        restore(target, source)


# -- protect / join: properties over real and generated Markdown --------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{e['example']}" for e in EXAMPLES])
def test_commonmark_inlines_round_trip_and_keep_their_markup(example):
    env, texts = _inline_texts(example["markdown"])
    for text in texts:
        check_protected(text)
        check_protected(text, env)


@pytest.mark.parametrize("path", REALWORLD, ids=lambda p: p.stem)
def test_realworld_inlines_round_trip_and_keep_their_markup(path):
    env, texts = _inline_texts(path.read_text(encoding="utf-8"))
    assert texts
    for text in texts:
        check_protected(text, env)


_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "![", "^[", "[^1]", "`", "``", "<", ">", "<b>", "</b>", "<!--", "-->",
     "*", "_", "\\", "\n", "\r\n", " ", "  ", "&amp;", "\"t\"", "http://x.org", "a@b.c", ":",
     "word", "日本", "한국", "\t", "\0", "][", "](", "url", "<https://a.b>"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=3), max_size=25).map("".join))
def test_generated_markdown_round_trips_and_keeps_its_markup(text):
    check_protected(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join), st.randoms(use_true_random=False))
def test_any_order_of_the_source_placeholders_restores(text, random):
    source = protect(text)
    marks = [s for s in source if isinstance(s, P)]
    random.shuffle(marks)
    target = tuple(x for p in marks for x in ("翻訳", P(p.id, "")))
    restored = restore(target, source)
    assert restored == "".join("翻訳" + p.text for p in marks)


# -- XLIFF: writing -----------------------------------------------------------------------------


def _units() -> tuple[XliffUnit, ...]:
    source = protect("Run `make` in [the folder](dir/) <b>now</b>")
    return (
        XliffUnit(
            id="u1",
            source=source,
            target=align(protect("[フォルダ](dir/)で`make`を<b>今</b>実行"), source),
            state="translated",
            msgctxt="menu",
            notes=("checked by Aiko",),
            developer_notes=("keep it short", "second line"),
            locations=(("content/r.md", 3), ("content/s.md", 0)),
        ),
        XliffUnit(
            id="u2",
            source=protect("A & B < C > D\r\n\ttab"),
            target=("A と B",),
            state="needs-review-translation",
            previous_source="A & B",
        ),
        XliffUnit(id="u3", source=("Untranslated",), target=None, state="new"),
    )


def _xliff() -> bytes:
    return write_xliff(
        [XliffFile("content/r.md", "en", "ja", _units()), XliffFile("content/s.md", "en", "ko", ())],
        "1.2.3",
    )


def test_xliff_is_well_formed_and_shaped_as_the_po_guide_says():
    root = ET.fromstring(_xliff())
    assert root.tag == f"{{{XLIFF_NS}}}xliff" and root.get("version") == "1.2"
    files = root.findall("x:file", NS)
    assert [f.attrib for f in files] == [
        {"original": "content/r.md", "source-language": "en", "target-language": "ja",
         "datatype": "po"},
        {"original": "content/s.md", "source-language": "en", "target-language": "ko",
         "datatype": "po"},
    ]
    tool = files[0].find("x:header/x:tool", NS)
    assert tool.attrib == {"tool-id": "publisher", "tool-name": "publisher", "tool-version": "1.2.3"}
    units = files[0].findall("x:body/x:trans-unit", NS)
    assert [u.get("id") for u in units] == ["u1", "u2", "u3"]
    assert [u.get("approved") for u in units] == ["yes", None, None]
    assert units[0].get("resname") == "menu" and units[1].get("resname") is None
    assert all(u.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for u in units)
    first, second, third = units
    source = first.find("x:source", NS)
    assert source.text == "Run "
    assert [(p.get("id"), p.text) for p in source.findall("x:ph", NS)] == [
        ("1", "`make`"), ("2", "["), ("3", "](dir/)"), ("4", "<b>"), ("5", "</b>")]
    target = first.find("x:target", NS)
    assert target.get("state") == "translated"
    assert [p.get("id") for p in target.findall("x:ph", NS)] == ["2", "3", "1", "4", "5"]
    groups = {g.get("name") + str(i): g for i, g in enumerate(first.findall("x:context-group", NS))}
    assert [(c.get("context-type"), c.text) for c in groups["po-entry0"]] == [("x-po-msgctxt", "menu")]
    assert groups["po-reference1"].get("purpose") == "location"
    assert [(c.get("context-type"), c.text) for c in groups["po-reference1"]] == [
        ("sourcefile", "content/r.md"), ("linenumber", "3")]
    assert [(c.get("context-type"), c.text) for c in groups["po-reference2"]] == [
        ("sourcefile", "content/s.md")]
    assert [(n.get("from"), n.text) for n in first.findall("x:note", NS)] == [
        ("developer", "keep it short"), ("developer", "second line"),
        ("po-translator", "checked by Aiko")]
    assert second.find("x:source", NS).text == "A & B < C > D\r\n\ttab"  # &#13; kept the CR
    assert second.find("x:target", NS).get("state") == "needs-review-translation"
    previous = second.find("x:context-group/x:context", NS)
    assert (previous.get("context-type"), previous.text) == ("x-po-previous-msgid", "A & B")
    assert third.find("x:target", NS) is None


def test_xliff_bytes_are_deterministic():
    first, second = _xliff(), _xliff()
    assert first == second
    assert first.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"')
    assert first.endswith(b"</xliff>\n") and b"date" not in first


def test_xliff_refuses_characters_xml_cannot_hold():
    unit = XliffUnit(id="bad", source=("form\x0cfeed",), target=None, state="new")
    with pytest.raises(ExchangeError, match="U\\+000C") as caught:
        write_xliff([XliffFile("r.md", "en", "ja", (unit,))], "1")
    assert "unit bad of r.md" in str(caught.value)


def test_xliff_refuses_duplicate_ids_and_unknown_states_when_writing():
    unit = XliffUnit(id="a", source=("x",), target=None, state="new")
    with pytest.raises(ValueError, match="id 'a'"):
        write_xliff([XliffFile("r.md", "en", "ja", (unit, unit))], "1")
    with pytest.raises(ValueError, match="not an XLIFF 1.2 state"):
        write_xliff([XliffFile("r.md", "en", "ja", (replace(unit, state="fuzzy"),))], "1")


# -- XLIFF: reading back ------------------------------------------------------------------------


def _unlined(files):
    return tuple(
        replace(f, units=tuple(replace(u, line=0) for u in f.units)) for f in files
    )


def test_xliff_round_trip():
    files = read_xliff(_xliff(), "out.xlf")
    assert _unlined(files) == (
        XliffFile("content/r.md", "en", "ja", _units()),
        XliffFile("content/s.md", "en", "ko", ()),
    )
    lines = _xliff().decode().splitlines()
    assert [u.line for u in files[0].units] == [
        n for n, text in enumerate(lines, 1) if "<trans-unit " in text
    ]


_TEXT = st.lists(_PIECES.filter(lambda p: p != "\0") | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                                  max_size=4), max_size=12).map("".join)
_LABEL = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)


@st.composite
def _unit(draw, number):
    source = protect(draw(_TEXT))
    state = draw(st.sampled_from(["translated", "needs-review-translation", "new"]))
    target = None
    if state != "new":
        target = align(protect(draw(_TEXT) or "x"), source)
    return XliffUnit(
        id=f"u{number}",
        source=source,
        target=target,
        state=state,
        msgctxt=draw(st.none() | _LABEL),
        notes=tuple(draw(st.lists(_TEXT, max_size=2))),
        developer_notes=tuple(draw(st.lists(_TEXT, max_size=2))),
        locations=tuple(draw(st.lists(st.tuples(_LABEL.filter(bool), st.integers(0, 9999)),
                                      max_size=2))),
        previous_source=draw(st.none() | _TEXT),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(), max_size=6).flatmap(
    lambda xs: st.tuples(*[_unit(n) for n in range(len(xs))])))
def test_generated_xliff_round_trips(units):
    files = (XliffFile("content/r.md", "en", "ko", tuple(units)),)
    data = write_xliff(files, "0.1")
    ET.fromstring(data)  # another parser agrees it is XML
    assert _unlined(read_xliff(data, "g.xlf")) == files


@pytest.mark.parametrize(
    "target_state, approved, has_target, expected",
    [
        (None, None, False, "new"),
        ("translated", "yes", False, "new"),
        ("new", None, True, "needs-review-translation"),
        ("needs-translation", None, True, "needs-review-translation"),
        ("needs-review-l10n", "yes", True, "needs-review-translation"),
        ("translated", "no", True, "needs-review-translation"),
        (None, "no", True, "needs-review-translation"),
        ("translated", None, True, "translated"),
        ("final", None, True, "translated"),
        ("signed-off", None, True, "translated"),
        (None, "yes", True, "translated"),
        (None, None, True, "translated"),
        ("x-custom", None, True, "translated"),
    ],
)
def test_state_table(target_state, approved, has_target, expected):
    assert state_from(target_state, approved, has_target) == expected


def test_state_of_catalog_entries():
    assert state_of(True, False, True) == "translated"
    assert state_of(False, True, True) == "needs-review-translation"
    assert state_of(False, True, False) == "new"
    assert state_of(False, False, False) == "new"


def _cat_tool_edit(data: bytes) -> bytes:
    """Edit an exported file the way memoQ, Trados or OmegaT save it."""
    ET.register_namespace("", XLIFF_NS)
    root = ET.fromstring(data)
    units = {u.get("id"): u for u in root.iter(f"{{{XLIFF_NS}}}trans-unit")}
    q = lambda name: f"{{{XLIFF_NS}}}{name}"

    # u1: the translator rewrites the target; <ph> 1 becomes <x/>, 4 and 5 lose their
    # content, and the sentence is wrapped in <mrk mtype="seg"> and a <g>.
    u1 = units["u1"]
    u1.remove(u1.find(q("target")))
    target = ET.Element(q("target"), {"state": "final"})
    mrk = ET.SubElement(target, q("mrk"), {"mtype": "seg", "mid": "1"})
    mrk.text = "今すぐ"
    ET.SubElement(mrk, q("ph"), {"id": "2"}).text = "["
    g = ET.SubElement(mrk, q("g"), {"id": "9"})
    g.text = "そのフォルダ"
    ET.SubElement(mrk, q("ph"), {"id": "3"}).tail = "で"
    ET.SubElement(mrk, q("x"), {"id": "1"}).tail = "を"
    ET.SubElement(mrk, q("ph"), {"id": "4"}).tail = "実行"
    ET.SubElement(mrk, q("ph"), {"id": "5"})
    u1.insert(1, target)
    del u1.attrib["approved"]

    # u2: a fuzzy unit confirmed.
    u2 = units["u2"]
    u2.find(q("target")).set("state", "translated")
    u2.find(q("target")).text = "AとB"
    u2.set("approved", "yes")

    # u3: translated by someone who only types (no state at all), with a tool's own note.
    u3 = units["u3"]
    ET.SubElement(u3, q("target")).text = "未翻訳ではない"
    ET.SubElement(u3, "{urn:example:tool}segment-info", {"{urn:example:tool}by": "me"})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def test_cat_tool_edits_come_back_as_markdown():
    original = read_xliff(_xliff(), "out.xlf")[0]
    edited = read_xliff(_cat_tool_edit(_xliff()), "back.xlf")[0]
    by_id = {u.id: u for u in edited.units}
    u1, u2, u3 = by_id["u1"], by_id["u2"], by_id["u3"]
    assert u1.source == original.units[0].source
    assert u1.state == "translated"
    assert u1.target == ("今すぐ", P("2", "["), "そのフォルダ", P("3", ""), "で", P("1", ""), "を",
                         P("4", ""), "実行", P("5", ""))
    assert restore(u1.target, u1.source) == "今すぐ[そのフォルダ](dir/)で`make`を<b>実行</b>"
    assert (u2.state, restore(u2.target, u2.source)) == ("translated", "AとB")
    assert (u3.state, restore(u3.target, u3.source)) == ("translated", "未翻訳ではない")
    assert u1.msgctxt == "menu" and u2.previous_source == "A & B"
    assert u1.locations == (("content/r.md", 3), ("content/s.md", 0))


def test_cat_tool_drops_a_placeholder():
    head, target = _xliff().split(b"<target", 1)
    data = head + b"<target" + target.replace(b'<ph id="1">`make`</ph>', b"make", 1)
    unit = read_xliff(data, "back.xlf")[0].units[0]
    with pytest.raises(PlaceholderError, match="lacks placeholder 1 \\(`make`\\)"):
        restore(unit.target, unit.source)


# A file as CAT tools save one, by hand: Trados-style seg-source, bpt/ept/it, extra namespaces.
SAVED = """\
<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" sdl:version="1.0">
  <file original="content/r.md" source-language="en-US" target-language="ja-JP" datatype="po">
    <body>
      <group id="g1" restype="x-paragraph">
        <trans-unit id="a" approved="yes">
          <source>One <bpt id="1">&lt;b&gt;</bpt>two<ept id="1">&lt;/b&gt;</ept> <it id="2" pos="open">&lt;i&gt;</it></source>
          <seg-source><mrk mtype="seg" mid="1">One <bpt id="1">&lt;b&gt;</bpt>two<ept id="1">&lt;/b&gt;</ept> <it id="2" pos="open">&lt;i&gt;</it></mrk></seg-source>
          <target xml:lang="ja-JP" state="signed-off"><mrk mtype="seg" mid="1"><it id="2" pos="open"/><bpt id="1"/>二<ept id="1"/>と一</mrk></target>
          <sdl:seg-defs><sdl:seg id="1" conf="ApprovedSignOff"/></sdl:seg-defs>
        </trans-unit>
      </group>
      <trans-unit id="b">
        <source>Draft</source>
        <target state="needs-review-translation">下書き</target>
        <note>reviewer: please check</note>
        <note from="developer">shown in the menu</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_reads_paired_and_isolated_codes_from_other_tools():
    (file,) = read_xliff(SAVED.encode(), "saved.xlf")
    assert (file.source_language, file.target_language) == ("en-US", "ja-JP")
    a, b = file.units
    assert a.source == ("One ", P("1", "<b>"), "two", P("/1", "</b>"), " ", P("2", "<i>"))
    assert (a.line, b.line) == (6, 13)
    assert a.state == "translated"
    assert restore(a.target, a.source) == "<i><b>二</b>と一"
    assert (b.state, b.notes, b.developer_notes) == (
        "needs-review-translation", ("reviewer: please check",), ("shown in the menu",))


# As translate-toolkit's po2xliff writes a PO file (its previous msgid in <alt-trans>).
TOOLKIT = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1">
  <file original="in.po" source-language="en-US" datatype="plaintext" target-language="ja">
    <body>
      <trans-unit xml:space="preserve" id="2" approved="no" restype="x-gettext-domain-header">
        <source>Content-Type: text/plain; charset=UTF-8
</source>
        <target state="translated">Content-Type: text/plain; charset=UTF-8
</target>
      </trans-unit>
      <trans-unit xml:space="preserve" id="3" approved="no">
        <source>New `code` here</source>
        <target state="needs-translation">新しい`code`</target>
        <alt-trans xml:space="preserve" origin="previous"><source>Old `code`</source>
          <target>新しい`code`</target>
        </alt-trans>
        <context-group name="po-reference" purpose="location">
          <context context-type="sourcefile">content/r.md</context>
          <context context-type="linenumber">12</context>
        </context-group>
        <note from="developer">extracted</note>
        <note from="po-translator">translator note</note>
      </trans-unit>
      <trans-unit xml:space="preserve" id="5">
        <source>Empty</source>
        <target></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_reads_translate_toolkit_xliff():
    (file,) = read_xliff(TOOLKIT.encode(), "toolkit.xlf")
    assert _unlined((file,)) == (XliffFile("in.po", "en-US", "ja", (
        XliffUnit("3", ("New `code` here",), ("新しい`code`",), "needs-review-translation",
                  notes=("translator note",), developer_notes=("extracted",),
                  locations=(("content/r.md", 12),), previous_source="Old `code`"),
        XliffUnit("5", ("Empty",), None, "new"),
    )),)
    lines = TOOLKIT.splitlines()
    assert [u.line for u in file.units] == [
        1 + next(n for n, text in enumerate(lines) if f'id="{i}"' in text) for i in (3, 5)]


# -- XLIFF: broken files, with the line each error names ------------------------------------------


def _xliff_with(units: str) -> bytes:
    return (
        '<?xml version="1.0"?>\n'  # line 1
        f'<xliff version="1.2" xmlns="{XLIFF_NS}">\n'  # 2
        '<file original="r.md" source-language="en" target-language="ja" datatype="po">\n'  # 3
        "<body>\n"  # 4
        f"{units}\n"  # 5 on
        "</body></file></xliff>\n"
    ).encode()


@pytest.mark.parametrize(
    "data, line, message",
    [
        (b"msgid \"x\"\nmsgstr \"y\"\n", 1, "not well-formed XML"),
        (_xliff_with("<trans-unit id='a'>\n<source>x</target>\n</trans-unit>"), 6,
         "not well-formed XML: mismatched tag"),
        (_xliff_with("<trans-unit id='a'><source>x</source></trans-unit>\n"
                     "<trans-unit><source>y</source></trans-unit>"), 6, "has no id"),
        (_xliff_with("<trans-unit id='a'><source>x</source></trans-unit>\n\n"
                     "<trans-unit id='a'><source>y</source></trans-unit>"), 7,
         "two units have the id 'a' (the first is on line 5)"),
        (_xliff_with("\n<trans-unit id='a'>\n<target>y</target></trans-unit>"), 6,
         "unit a has no <source>"),
        (_xliff_with("<trans-unit id='a'>\n<source>a <ph>b</ph></source></trans-unit>"), 6,
         "an inline <ph> has no id"),
        (_xliff_with("<trans-unit id='a'><source>x</source>\n<context-group purpose='location'>"
                     "<context context-type='sourcefile'>r.md</context>\n"
                     "<context context-type='linenumber'>ten</context></context-group>"
                     "</trans-unit>"), 7, "the line number 'ten' is not a number"),
        (b'<?xml version="1.0"?>\n<tmx version="1.4"/>', 2, "not an XLIFF file"),
        (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>', 1,
         "XLIFF 2.0 is not supported"),
        (b'<xliff version="3.1"/>', 1, "unknown XLIFF version '3.1'"),
        (b'<!DOCTYPE x [\n<!ENTITY boom "boom">\n]>\n<xliff version="1.2">&boom;</xliff>', 2,
         "declares an XML entity"),
    ],
    ids=["not-xml", "mismatched", "no-id", "duplicate-id", "no-source", "ph-without-id",
         "bad-line-number", "wrong-root", "xliff-2", "bad-version", "entity"],
)
def test_broken_xliff_names_file_and_line(data, line, message):
    with pytest.raises(ExchangeError) as caught:
        read_xliff(data, "in/ja.xlf")
    error = caught.value
    assert isinstance(error, PublisherError)
    assert (str(error.path), error.line) == ("in/ja.xlf", line)
    assert message in error.message


def test_deep_nesting_is_refused_not_a_crash():
    data = _xliff_with("<trans-unit id='a'><source>" + "<g id='1'>" * 300 + "x"
                       + "</g>" * 300 + "</source></trans-unit>")
    with pytest.raises(ExchangeError, match="nested more than"):
        read_xliff(data, "deep.xlf")


# -- TMX --------------------------------------------------------------------------------------------


def _tmx_units() -> tuple[TmxUnit, ...]:
    source = protect("Use `pip install x` & see <https://x.org>.")
    return (
        TmxUnit("en", (("en", source), ("ja", align(protect("<https://x.org> を見て `pip install x` を使う。"), source))),
                (("x-report", "summary"), ("x-po-msgctxt", "a\tb"))),
        TmxUnit("ko", (("ko", ("안녕하세요",)), ("en", ("Hello",)))),
    )


def test_tmx_is_well_formed_and_shaped_as_tmx_14b():
    data = write_tmx(_tmx_units(), "en", "1.2.3")
    assert data == write_tmx(_tmx_units(), "en", "1.2.3") and data.endswith(b"</tmx>\n")
    root = ET.fromstring(data)
    assert (root.tag, root.get("version")) == ("tmx", "1.4")
    assert root.find("header").attrib == {
        "creationtool": "publisher", "creationtoolversion": "1.2.3", "segtype": "paragraph",
        "o-tmf": "gettext", "adminlang": "en", "srclang": "en", "datatype": "plaintext"}
    first, second = root.findall("body/tu")
    assert first.get("srclang") is None and second.get("srclang") == "ko"
    assert [(p.get("type"), p.text) for p in first.findall("prop")] == [
        ("x-report", "summary"), ("x-po-msgctxt", "a\tb")]
    tuvs = first.findall("tuv")
    assert [t.get(XML_LANG) for t in tuvs] == ["en", "ja"]
    assert [(p.get("x"), p.text) for p in tuvs[1].findall("seg/ph")] == [
        ("2", "<https://x.org>"), ("1", "`pip install x`")]


def test_tmx_round_trip():
    data = write_tmx(_tmx_units(), "en", "0")
    units = read_tmx(data, "m.tmx")
    assert tuple(replace(u, line=0) for u in units) == _tmx_units()
    assert [u.line for u in units] == [
        n for n, text in enumerate(data.decode().splitlines(), 1) if re.search("<tu[ >]", text)]


def test_tmx_needs_numeric_placeholder_ids():
    unit = TmxUnit("en", (("en", (P("/1", "</b>"),)),))
    with pytest.raises(ValueError, match="not a number"):
        write_tmx([unit], "en", "0")


OMEGAT = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="6.0.1_0_1234abcd" segtype="sentence" srclang="EN-US"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv lang="EN-US">
        <seg>Run <bpt i="0" x="0">&lt;g0&gt;</bpt>make<ept i="0">&lt;/g0&gt;</ept> in <ph x="1">&lt;x1/&gt;</ph>.</seg>
      </tuv>
      <tuv lang="JA" changeid="aiko" changedate="20240102T030405Z" creationid="aiko" creationdate="20240102T030405Z">
        <seg><ph x="1">&lt;x1/&gt;</ph>で<bpt i="0" x="0">&lt;g0&gt;</bpt>make<ept i="0">&lt;/g0&gt;</ept>を実行。</seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">content/r.md</prop>
      <prop type="id">u7</prop>
      <tuv xml:lang="EN-US">
        <seg>Level one &lt;x0/&gt; tags as text</seg>
      </tuv>
      <tuv xml:lang="JA">
        <seg>レベル1 &lt;x0/&gt;</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""

MEMOQ = """\
<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="MemoQ" creationtoolversion="10.4.12" segtype="sentence" o-tmf="MemoQTM" adminlang="en-us" srclang="en-us" datatype="unknown">
    <prop type="defclient">Example</prop>
    <prop type="name">project-tm</prop>
  </header>
  <body>
    <tu changedate="20240105T101112Z" creationdate="20240105T101112Z" creationid="PM" changeid="PM">
      <prop type="client">Example</prop>
      <prop type="x-document">r.md</prop>
      <tuv xml:lang="en-us">
        <prop type="x-context-pre">&lt;seg&gt;&lt;/seg&gt;</prop>
        <seg>See <ph type="mq:ph" x="1">{1}</ph> and <hi type="bold">this</hi>.</seg>
      </tuv>
      <tuv xml:lang="ko-kr">
        <seg><ph type="mq:ph" x="1">{1}</ph>와 <hi type="bold">이것</hi>을 보세요.</seg>
      </tuv>
    </tu>
    <tu srclang="ko-kr">
      <tuv xml:lang="ko-kr"><seg>원문</seg></tuv>
      <tuv xml:lang="en-us"><seg>original <ut>{\\b}</ut>text<ut>{\\b0}</ut></seg></tuv>
    </tu>
  </body>
</tmx>
"""

MULTILINGUAL = """\
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="block" o-tmf="x"
adminlang="en" srclang="*all*" datatype="plaintext"/><body>
<tu><tuv xml:lang="ja"><seg>はい</seg></tuv><tuv xml:lang="en"><seg>yes</seg></tuv></tu>
</body></tmx>
"""


def test_reads_omegat_exports():
    first, second = read_tmx(OMEGAT.encode(), "omegat.tmx")
    assert (first.source_language, first.line, second.line) == ("EN-US", 7, 16)
    (_, source), (language, target) = first.variants
    assert language == "JA"
    assert source == ("Run ", P("0", "<g0>"), "make", P("/0", "</g0>"), " in ", P("1", "<x1/>"), ".")
    # OmegaT's codes are its own shortcuts: restore against the source, by id.
    assert restore(target, source) == "<x1/>で<g0>make</g0>を実行。"
    assert second.properties == (("file", "content/r.md"), ("id", "u7"))
    assert second.variants[1] == ("JA", ("レベル1 <x0/>",))


def test_reads_memoq_exports():
    first, second = read_tmx(MEMOQ.encode(), "memoq.tmx")
    assert first.source_language == "en-us"
    assert first.properties == (("client", "Example"), ("x-document", "r.md"))
    assert first.variants == (
        ("en-us", ("See ", P("1", "{1}"), " and this.")),
        ("ko-kr", (P("1", "{1}"), "와 이것을 보세요.")),
    )
    assert second.source_language == "ko-kr"
    assert second.variants[1] == ("en-us", ("original ", P("#1", "{\\b}"), "text", P("#2", "{\\b0}")))


def test_reads_a_multilingual_memory():
    (unit,) = read_tmx(MULTILINGUAL.encode(), "all.tmx")
    assert unit.source_language == "*all*"
    assert unit.variants == (("ja", ("はい",)), ("en", ("yes",)))


@pytest.mark.parametrize(
    "data, line, message",
    [
        ("<tmx version='1.4'><header srclang='en'/>\n<body>\n<tu>\n<tuv xml:lang='en'><seg>a"
         "</seg></tuv>\n<tuv xml:lang='ja'><seg>b</tuv>\n</tu></body></tmx>", 5,
         "not well-formed XML"),
        ("<tmx version='1.4'><header srclang='en'/>\n<body>\n<tu>\n</tu></body></tmx>", 3,
         "a <tu> has no <tuv>"),
        ("<tmx version='1.4'><header srclang='en'/>\n<body><tu>\n<tuv><seg>a</seg></tuv>"
         "</tu></body></tmx>", 3, "a <tuv> has no xml:lang"),
        ("<tmx version='1.4'><header srclang='en'/>\n<body><tu>\n\n<tuv xml:lang='en'/>"
         "</tu></body></tmx>", 4, "the en <tuv> has no <seg>"),
        ("<tmx version='1.4'><header/>\n<body>\n\n<tu><tuv xml:lang='en'><seg>a</seg></tuv>"
         "</tu></body></tmx>", 4, "neither this <tu> nor the header"),
        ("<tmx version='1.4'>\n<header srclang='en'/></tmx>", 1, "has no <body>"),
        ("<tmx version='2.0'/>", 1, "TMX version 2.0 is not supported"),
        ("<?xml version='1.0'?>\n\n<xliff version='1.2'/>", 3, "not a TMX file"),
        ("<!DOCTYPE tmx SYSTEM 'tmx14.dtd'>\n<tmx version='1.4'><header srclang='en'/><body>\n"
         "<tu><tuv xml:lang='en'><seg>&nbsp;</seg></tuv></tu></body></tmx>", 3,
         "the entity &nbsp; is not defined"),
    ],
    ids=["not-xml", "no-tuv", "no-lang", "no-seg", "no-srclang", "no-body", "version",
         "wrong-root", "undefined-entity"],
)
def test_broken_tmx_names_file_and_line(data, line, message):
    with pytest.raises(ExchangeError) as caught:
        read_tmx(data.encode(), "tm/ja.tmx")
    assert (str(caught.value.path), caught.value.line) == ("tm/ja.tmx", line)
    assert message in caught.value.message
