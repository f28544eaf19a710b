"""Segmentation: which blocks become units and what their msgids are."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.errors import ContentError
from publisher.lang.text import is_cjk
from publisher.source.segment import segment
from publisher.source.units import UnitKind


def units(text: str):
    return segment(text, Path("r.md")).units


def msgids(text: str) -> list[str]:
    return [u.msgid for u in units(text)]


def test_every_kind_of_block():
    text = """---
title: The title
date: 2024-11-15
organisers: [Org A, Org B]
---
# Heading one

A paragraph
over two lines.

- item one
- item *two*

> quoted text

| Head | Other |
|------|-------|
| cell | `x`   |

Text with a note.[^n]

[^n]: The footnote.

Before code.

    code is not a unit

```
nor is this
```

[ref]: https://example.org/
"""
    found = [(u.kind, u.msgid) for u in units(text)]
    assert found == [
        (UnitKind.FIELD, "The title"),
        (UnitKind.FIELD, "Org A"),
        (UnitKind.FIELD, "Org B"),
        (UnitKind.HEADING, "Heading one"),
        (UnitKind.PARAGRAPH, "A paragraph over two lines."),
        (UnitKind.LIST_ITEM, "item one"),
        (UnitKind.LIST_ITEM, "item *two*"),
        (UnitKind.BLOCKQUOTE, "quoted text"),
        (UnitKind.TABLE_HEADER, "Head"),
        (UnitKind.TABLE_HEADER, "Other"),
        (UnitKind.TABLE_CELL, "cell"),  # `x` alone is code: nothing to translate
        (UnitKind.PARAGRAPH, "Text with a note.[^n]"),
        (UnitKind.PARAGRAPH, "Before code."),
        (UnitKind.FOOTNOTE, "The footnote."),
    ]


def test_lines_are_units_of_their_source():
    found = units("Intro\n\n## Second\n\nPara\ngraph\n")
    assert [u.line for u in found] == [1, 3, 5]


@pytest.mark.parametrize(("source", "expected"), [
    ("日本と韓国の\n関係について", "日本と韓国の関係について"),
    ("日韓関係の\nTrump 2.0", "日韓関係の Trump 2.0"),
    ("한일 관계의\n미래를 그리다", "한일 관계의 미래를 그리다"),
    ("Korea and\nJapan", "Korea and Japan"),
    ("「日韓」\n（仮）", "「日韓」（仮）"),
    ("line one  \nline two", "line one\nline two"),
    ("line one\\\nline two", "line one\nline two"),
    ("`code\nspan` text", "`code span` text"),
])
def test_soft_breaks_join_by_script_hard_breaks_stay(source, expected):
    assert msgids(source) == [expected]


@pytest.mark.parametrize("language_text", [
    "戸田記念国際平和研究所は2021年から世宗研究所と共同で、日韓両国の国会議員、政策担当者、研究者を招いている。",
    "도다평화연구소는 2021년부터 세종연구소와 함께 한일 양국의 국회의원, 정책 결정자, 학자, 언론인이 참여하는 사업을 이어 왔다.",
    "Since 2021, the Toda Peace Institute has collaborated with the Sejong Institute on a project.",
])
@pytest.mark.parametrize("width", [7, 13, 24])
def test_rewrapping_changes_no_msgid(language_text, width):
    one_line = msgids(language_text)
    if " " in language_text:  # spaced scripts wrap at spaces
        words, lines, line = language_text.split(" "), [], ""
        for word in words:
            if line and len(line) + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        wrapped = "\n".join(lines + [line])
    else:  # Japanese wraps between any two CJK characters
        wrapped, count = "", 0
        for before, char in zip(" " + language_text, language_text):
            if count >= width and is_cjk(before) and is_cjk(char):
                wrapped, count = wrapped + "\n", 0
            wrapped, count = wrapped + char, count + 1
    assert msgids(wrapped) == one_line
    assert msgids("  " + wrapped.replace("\n", "\n   ")) == one_line


def test_nested_containers():
    text = "> - quoted *item*\n>   continued\n>\n>   second para\n"
    assert [(u.kind, u.msgid) for u in units(text)] == [
        (UnitKind.LIST_ITEM, "quoted *item* continued"),
        (UnitKind.LIST_ITEM, "second para"),
    ]


def test_setext_heading_and_table_pipes():
    assert msgids("Title\n=====\n") == ["Title"]
    assert msgids("| a \\| b |\n|---|\n| c |\n") == ["a | b", "c"]


def test_directives_note_and_skip():
    found = units("<!-- i18n: Keep the acronym -->\nUse NATO here.\n\n"
                  "<!-- i18n: skip -->\n- not translated\n- neither\n\nLast.\n")
    assert [(u.msgid, u.notes) for u in found] == [
        ("Use NATO here.", ("Keep the acronym",)),
        ("Last.", ()),
    ]


def test_note_applies_to_every_unit_of_a_list():
    found = units("<!-- i18n: about the list -->\n\n- one\n- two\n\nafter\n")
    assert [u.notes for u in found] == [("about the list",), ("about the list",), ()]


def test_numbers_and_symbols_alone_are_not_units():
    assert msgids("| 1 | 2024 |\n|---|---|\n| 3 | x |\n\n---\n\n* * *\n") == ["x"]
    assert msgids("| `code` | <https://example.org> |\n|---|---|\n\n`only code`\n") == []


def test_front_matter_fields():
    found = units("---\ntitle: T\nsummary: >\n  folded\n  text\nslug: no\nlang: en\n"
                  "organisers:\n  - A\n  - B\npartners: [C, D]\n---\nBody\n")
    assert [(u.field, u.msgid) for u in found] == [
        (("title",), "T"), (("summary",), "folded text"), (("organisers", 0), "A"),
        (("organisers", 1), "B"), (("partners", 0), "C"), (("partners", 1), "D"), ((), "Body")]


def test_front_matter_errors_name_the_line():
    with pytest.raises(ContentError) as caught:
        segment("---\ntitle: [unclosed\n---\n", Path("r.md"))
    assert caught.value.line == 2
    with pytest.raises(ContentError) as caught:
        segment("---\nlang: en\ntitle:\n  - a\n  - b\n---\n", Path("r.md"))
    assert "'title' must be text" in str(caught.value) and caught.value.line == 4
    with pytest.raises(ContentError) as caught:
        segment("---\nlang: en\norganisers:\n  - a\n  - [b]\n---\n", Path("r.md"))
    assert "organisers" in str(caught.value) and caught.value.line == 5
    with pytest.raises(ContentError) as caught:
        segment("---\ntitle: T\ndate: next tuesday\n---\n", Path("r.md"))
    assert "YYYY-MM-DD" in str(caught.value) and caught.value.line == 3


def test_dashes_that_are_not_front_matter():
    # CommonMark reads this as a rule and two headings, not as front matter.
    assert msgids("---\nFoo\n---\nBar\n---\nBaz\n") == ["Foo", "Bar", "Baz"]


def test_crlf_and_bom_are_normalised():
    assert msgids("\ufeffLine one\r\nline two\r\n\r\nNext\r\n") == ["Line one line two", "Next"]
