"""Dangerous link destinations counted quickly: the count is the one made by seeing the whole
text through (backslashes, entities, full-width forms, invisible characters, case), and the
quick look that skips most texts only skips those where that count is nought."""

from __future__ import annotations

import html
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.source.sanitize import _DANGEROUS, _INVISIBLE, _schemes

_PIECES = [
    "javascript", "JavaScript", "java\u200bscript", "ｊａｖａｓｃｒｉｐｔ", "vbscript", "data", "DATA",
    "file", "fil&#101;", "&#106;avascript", "](", "] (", "]:", "<", ":", "：", "\\:", "&colon;",
    "&#58;", "\u00ad", "\t", " ", "Note", "10", "x", "\\", "&", "t", "e", "a", "İ", "ſ",
]


def _reference(text: str) -> int:
    """The count as the rule states it: every way of spelling seen through, then counted."""
    seen = unicodedata.normalize("NFKC", html.unescape(text.replace("\\", "")))
    return len(_DANGEROUS.findall(_INVISIBLE.sub("", seen).lower()))


@settings(max_examples=1500, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join))
def test_the_quick_count_is_the_full_count(text):
    assert _schemes(text) == _reference(text)


@pytest.mark.parametrize(("text", "count"), [
    ("[x](java\u200bscript:alert(1))", 1), ("[x](ｊａｖａｓｃｒｉｐｔ：alert(1))", 1),
    ("[x](&#106;avascript&#58;alert(1))", 1), ("<fil&#101;:x> and ] (DATA\t:x", 2),
    ("Note: see [the data](https://example.org/data) at 10:30", 0),
])
def test_spellings_of_a_scheme_are_seen_through(text, count):
    assert _schemes(text) == _reference(text) == count


def test_only_the_last_letters_of_the_schemes_lower_to_them():
    """The quick look wants T, A or E (any case) before a colon: no other character lowers to
    end in t, a or e, and none but the colon lowers to hold a colon."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if lowered[-1:] in ("t", "a", "e"):
            assert char in "tTaAeE", hex(code)
        if ":" in lowered:
            assert char == ":", hex(code)
