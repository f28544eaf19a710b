"""The parser's shortcut for text without inline markup gives the tokens markdown-it-py's own
inline parser gives: the oracle is the same parser with markdown-it-py's core ``inline``
rule put back, on every CommonMark spec example, the real-world documents, the sample report
and random texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_core import inline as stock_inline

from publisher.source.markdown import parse, parse_inline, parser

DATA = Path(__file__).parent / "data"
EXAMPLES = [e["markdown"] for e in json.loads((DATA / "commonmark/examples.json").read_text())]
DOCUMENTS = [
    p.read_text(encoding="utf-8")
    for p in sorted((DATA / "realworld").glob("*.md")) + sorted((DATA / "seeds").glob("*.txt"))
    if p.name != "SOURCES.md"
]


def _stock(front_matter: bool = True):
    md = parser.__wrapped__(front_matter)  # a parser of its own, not the shared one
    md.core.ruler.at("inline", stock_inline)
    return md


def _tokens(tokens) -> list[dict]:
    return [token.as_dict() for token in tokens]


def _assert_same(text: str) -> None:
    for front_matter in (True, False):
        env_ours: dict = {}
        env_stock: dict = {}
        ours = parser(front_matter).parse(text, env_ours)
        stock = _stock(front_matter).parse(text, env_stock)
        assert _tokens(ours) == _tokens(stock), text
        assert env_ours == env_stock
    assert _tokens(parse_inline(text)) == _tokens(_stock().parseInline(text)[0].children or [])


def test_the_shortcut_is_in_place():
    """Without it this file would compare the parser with itself."""
    rules = {rule.name: rule.fn for rule in parser().core.ruler.__rules__}
    assert rules["inline"] is not stock_inline


@pytest.mark.parametrize("number", range(0, len(EXAMPLES), 50))
def test_commonmark_examples(number):
    for text in EXAMPLES[number : number + 50]:
        _assert_same(text)


@pytest.mark.parametrize("number", range(len(DOCUMENTS)))
def test_real_documents(number):
    text = DOCUMENTS[number]
    _assert_same(text)
    plain = [t for t in parse(text) if t.type == "inline" and len(t.children or ()) == 1]
    assert plain  # some paragraphs of every document take the shortcut


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab 日本 \n\\`*_[]!<>&^~-:#+=@${}()|.\t'\"")), max_size=60))
def test_random_texts(text):
    _assert_same(text)


def test_no_shortcut_for_a_parser_it_cannot_stand_for():
    """A parser with a rule the shortcut does not know, or one that tries no rule at all,
    keeps markdown-it-py's own inline rule."""
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    from publisher.source.markdown import _plain_text_inline

    assert _plain_text_inline(parser.__wrapped__(True)) is not None
    assert _plain_text_inline(parser.__wrapped__(True).use(dollarmath_plugin)) is None
    assert _plain_text_inline(parser.__wrapped__(True).use(deflist_plugin)) is not None
    flat = parser.__wrapped__(True)
    flat.options["maxNesting"] = 0
    assert _plain_text_inline(flat) is None
