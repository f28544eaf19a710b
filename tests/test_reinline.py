"""Editions parsed inline only (``publisher.source.reinline``) are exactly editions parsed whole.

The oracle is markdown-it-py itself: for every source (the CommonMark spec examples, the
real-world corpus, generated documents) and every set of translations and marks, when the
inline-only way accepts the pieces, its tokens (every field, children included) and its
environment must be those of a parse of the whole edition text; and reassembly must give the
same edition with it as without it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.source import reassemble as reassembly
from publisher.source import reinline
from publisher.source.markdown import parse
from publisher.source.reassemble import Translations, reassemble
from publisher.source.reinline import Piece, reparse_inline
from publisher.source.segment import Document, segment

DATA = Path(__file__).parent / "data"
EXAMPLES = [e["markdown"] for e in json.loads(
    (DATA / "commonmark" / "examples.json").read_text(encoding="utf-8"))]
REALWORLD = {p.name: p.read_text(encoding="utf-8")
             for p in sorted((DATA / "realworld").glob("*.md"))}

SETTINGS = settings(deadline=None, max_examples=400, report_multiple_bugs=False)

# Translations a translator writes (one line of prose, with inline Markdown), and what the
# inline-only way must refuse or get exactly right (block openers, pipes, breaks, footnote
# references added or lost, link references, raw HTML).
PROSE = (
    "日韓関係の未来", "한일 관계의 미래", "The future of relations", "**重要**な点",
    "`code` と *強調*", "[リンク](https://example.org)", "[参照][ref]", "注[^1]を参照",
    "注釈[^note]", "<b>太字</b>", "<span>x</span>", "a &amp; b", "日本、韓国。", "「凍結」",
    "2026年の報告", "a\\*b", "x_y_z", "https://example.org", "<https://example.org>",
    "![画像](a.png)", "末尾  ", "  先頭", "1. 番号", "1", "# 見出し", "- 項目", "> 引用",
    "| 表 |", "a | b", "行\n改行", "行\\", "見出し #", "---", "[x]: /u", "<div>", "\\# 見出し",
    "<!-- note -->", "=", "~~~", "***", "", " ", "\u3000全角", "a\u00a0b", "*注*：本文",
    "**強調**から", "* 項目", "-5%", "--- x", "_x_", "___", "#タグ", "`x` y", "```js", "~x",
    "[a](b) です", "[a]: b", "[^1]: 注", "[a\\]]: b", "<b>太字</b>です", "<b>", "<div>x",
    "<https://example.org> 参照", "<span lang=\"en\">x</span>", "1.5 mm", "+ 項目", "+1",
    "<p>段落", "<em>x</em> y", "<script>x</script>", "*", "**", "- ", "1)", "[^1]",
    "a | b 表", ":-", "-|-", ":--:", "<user@example.org> 宛", "`a|b` の値", "<ftp://x.org/a>",
)


def pieces_for(document: Document, texts: dict[str, str]) -> dict[int, Piece]:
    """The pieces reassembly would place for these translations, escaped as it escapes them."""
    return {
        index: reassembly._piece(document, unit, texts[unit.msgid], hard=False)
        for index, unit in enumerate(document.units)
        if texts.get(unit.msgid) and texts[unit.msgid] != unit.msgid and unit.span is not None
    }


def as_data(tokens: list[Any]) -> list[dict[str, Any]]:
    return [t.as_dict() for t in tokens]


def same_as_whole(document: Document, pieces: dict[int, Piece],
                  trusted: frozenset[int] = frozenset()) -> bool:
    """Check the inline-only tokens against a whole parse; True when the way was taken."""
    text = reassembly._splice(document.text, list(pieces.values()))
    found = reparse_inline(document, pieces, trusted, text)
    if found is None:
        return False
    tokens, env = found
    whole_env: dict[str, Any] = {}
    whole = parse(text, whole_env)
    assert as_data(tokens) == as_data(whole), f"edition:\n{text}"
    assert env == whole_env, f"edition:\n{text}"
    return True


def translations(data: st.DataObject, document: Document) -> dict[str, str]:
    msgids = list(dict.fromkeys(u.msgid for u in document.units))
    return {
        msgid: data.draw(st.one_of(
            st.sampled_from(PROSE),
            st.lists(st.sampled_from(PROSE), min_size=1, max_size=3).map(" ".join),
            st.sampled_from(PROSE).map(lambda p, m=msgid: f"{p} {m}"),
        ), label=msgid[:30])
        for msgid in msgids
    }


def marks_for(document: Document, pieces: dict[int, Piece]) -> dict[int, Piece]:
    translated = tuple(i in pieces for i in range(len(document.units)))
    return reassembly._mark_candidates(document, translated, "en")


@SETTINGS
@given(source=st.sampled_from(EXAMPLES), data=st.data())
def test_spec_examples_inline_only_equals_whole_parse(source: str, data: st.DataObject) -> None:
    document = segment(source, Path("report.md"))
    pieces = pieces_for(document, translations(data, document))
    same_as_whole(document, pieces)
    marks = marks_for(document, pieces)
    same_as_whole(document, {**pieces, **marks}, frozenset(marks))


@settings(SETTINGS, max_examples=120)
@given(name=st.sampled_from(sorted(REALWORLD)), data=st.data())
def test_real_documents_inline_only_equals_whole_parse(name: str, data: st.DataObject) -> None:
    document = segment(REALWORLD[name], Path(name))
    pieces = pieces_for(document, translations(data, document))
    same_as_whole(document, pieces)
    marks = marks_for(document, pieces)
    same_as_whole(document, {**pieces, **marks}, frozenset(marks))


@pytest.mark.parametrize("name", sorted(REALWORLD))
def test_real_documents_whole_translations_are_placed_inline_only(name: str) -> None:
    """Prose in place of every unit: the inline-only way is taken, and exact."""
    document = segment(REALWORLD[name], Path(name))
    texts = {u.msgid: f"訳{index} {u.msgid[:20].strip('#|`')}"
             for index, u in enumerate(document.units)}
    pieces = {i: p for i, p in pieces_for(document, texts).items()
              if reinline._plain_line(p[2]) or document.units[i].token_index < 0}
    if not any(document.units[i].token_index >= 0 for i in pieces):
        pytest.skip("no block unit with a plain translation")  # pragma: no cover
    titles = [i for i in pieces if document.units[i].token_index < 0
              and document.units[i].kind.value == "link title"]
    for index in titles:
        del pieces[index]
    assert same_as_whole(document, pieces), "the inline-only way was not taken"
    marks = marks_for(document, pieces)
    assert same_as_whole(document, {**pieces, **marks}, frozenset(marks))


SAMPLE = """---
title: Relations
summary: A report
---

# The future

A paragraph that is wrapped
over three lines, with a note[^1]
and a [link][ref].

> A quote that
> goes on.

- an item
  continued
- another

| a | b |
| --- | --- |
| cell one | cell two |

Setext heading
--------------

[^1]: The note,
    on two lines.

[ref]: https://example.org "A title"
"""


def test_sample_is_taken_inline_only_and_exact() -> None:
    document = segment(SAMPLE, Path("report.md"))
    texts = {u.msgid: f"{u.msgid.split()[0]} 訳文" for u in document.units
             if u.kind.value != "link title"}
    pieces = pieces_for(document, texts)
    assert same_as_whole(document, pieces)
    marks = marks_for(document, {})
    assert same_as_whole(document, marks, frozenset(marks))


@pytest.mark.parametrize("translation", [
    "# 見出し", "- 項目", "* 項目", "+ 項目", "> 引用", "1. 番号", "2) 番号", "[x]: /u",
    "[^1]: 注", "<div>", "<b>", "<p>段落", "<!-- x -->", "```", "~~~ x", "***", "_ _ _",
    "見出し #", "末尾\\", "行\n改行", " 先頭",
])
def test_what_could_open_a_block_is_parsed_whole(translation: str) -> None:
    """Put as it is (not escaped as reassembly escapes it), such a text is refused."""
    document = segment("Intro text.\n***\n\n| a | b |\n| - | - |\n| c | d |\n", Path("r.md"))
    for index, unit in enumerate(document.units):
        assert unit.span is not None
        pieces = {index: (unit.span.start, unit.span.end, translation, translation)}
        text = reassembly._splice(document.text, list(pieces.values()))
        assert reparse_inline(document, pieces, frozenset(), text) is None
        assert same_as_whole(document, {index: (unit.span.start, unit.span.end, "訳", "訳")})


@SETTINGS
@given(source=st.sampled_from(EXAMPLES + list(REALWORLD.values())[:6]), data=st.data())
def test_reassembly_gives_the_same_edition_either_way(source: str, data: st.DataObject) -> None:
    document = segment(source, Path("report.md"))
    texts = translations(data, document)
    fast = reassemble(document, Translations(texts=texts), "ja", mark="en")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reassembly, "reparse_inline", lambda *args: None)
        whole = reassemble(document, Translations(texts=texts), "ja", mark="en")
    assert (fast.text, fast.translated, fast.rejected) == (
        whole.text, whole.translated, whole.rejected)
    assert (fast.parsed is None) == (whole.parsed is None)
    if fast.parsed and whole.parsed:
        assert as_data(fast.parsed[0]) == as_data(whole.parsed[0])
        assert fast.parsed[1] == whole.parsed[1]


def test_a_rule_at_the_top_is_parsed_whole() -> None:
    """``---`` / text / ``---`` at the top is front matter or a rule and a heading by what the
    text says (YAML or not): a translation there can change which, so it is parsed whole."""
    document = segment("---\nFoo\n---\nBar\n---\nBaz\n", Path("report.md"))
    pieces = pieces_for(document, {"Foo": "&#x66;oo", "Baz": "訳"})
    text = reassembly._splice(document.text, list(pieces.values()))
    assert reparse_inline(document, pieces, frozenset(), text) is None
    document = segment("Foo\n---\nBar\n", Path("report.md"))
    assert same_as_whole(document, pieces_for(document, {"Foo": "&#x66;oo", "Bar": "訳"}))


def test_pipes_in_a_paragraph_before_a_line_no_row_can_be() -> None:
    """A pipe cannot make a paragraph a table's header when the line after it cannot be a
    delimiter row (blank, text, a list item); text
    of pipes, dashes and colons alone could be the delimiter row under a heading with a pipe
    (markdown-it-py then makes a table of the two: shown by the whole parse)."""
    for source in ("Intro text.\n\nMore text.\n", "Intro text.\n***\n", "- Intro text.\n- b\n"):
        document = segment(source, Path("r.md"))
        assert same_as_whole(document, pieces_for(document, {"Intro text.": "a | b の値"}))
    document = segment("| a | b |\n| - | - |\n| c | d |\n", Path("r.md"))  # never in a cell
    for index, unit in enumerate(document.units):
        assert unit.span is not None
        pieces = {index: (unit.span.start, unit.span.end, "x | y", "x | y")}
        text = reassembly._splice(document.text, list(pieces.values()))
        assert reparse_inline(document, pieces, frozenset(), text) is None
    document = segment("- Intro text.\n- --\n", Path("r.md"))  # a line a row could be
    pieces = pieces_for(document, {"Intro text.": "a | b の値"})
    text = reassembly._splice(document.text, list(pieces.values()))
    assert reparse_inline(document, pieces, frozenset(), text) is None
    for heading, row in (("# A |", ":-"), ("# A |", "|-"), ("# A | B", "-|-"), ("# A | B", ":-:|:-:")):
        document = segment(f"{heading}\nText here.\n", Path("r.md"))
        unit = document.units[1]
        assert unit.span is not None
        pieces = {1: (unit.span.start, unit.span.end, row, row)}
        text = reassembly._splice(document.text, list(pieces.values()))
        assert reparse_inline(document, pieces, frozenset(), text) is None
        assert "table_open" in [t.type for t in parse(text)]
