"""Every CommonMark spec example: units, identity and pseudo-translated editions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from equivalence import faithful, same_inline, substituted
from htmlnorm import REFERENCE, canonical, render
from pseudo import pseudo
from publisher.source.markdown import block_skeleton, parse
from publisher.source.plaintext import plain_text
from publisher.source.reassemble import Translations, reassemble
from publisher.source.segment import message_text, segment

EXAMPLES = json.loads((Path(__file__).parent / "data/commonmark/examples.json").read_text())
IDS = [f"example-{e['example']}" for e in EXAMPLES]


def test_normalisation_changes_meaning_only_in_known_corner_cases():
    sensitive = set()
    for example in EXAMPLES:
        document = segment(example["markdown"], Path("spec.md"))
        for unit in document.units:
            if not same_inline(document.tokens[unit.token_index].content, unit.msgid):
                sensitive.add(example["example"])
    assert sensitive == {488}


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_units_are_whole_blocks(example):
    """One unit per block with text, made of that block's text only."""
    document = segment(example["markdown"], Path("spec.md"))
    tokens = document.tokens
    expected = [i for i, t in enumerate(tokens) if t.type == "inline"
                and any(c.isalpha() for c in plain_text(message_text(t))) and t.meta.get("span")]
    assert [u.token_index for u in document.units] == expected
    for unit in document.units:
        token = tokens[unit.token_index]
        start, end = token.meta["span"]
        # The msgid is the block's own text: nothing merged in, nothing cut off.
        words = "".join(unit.msgid.split())
        assert words.replace("\\", "") in "".join(document.text[start:end].split()).replace(
            "\\", "").replace(">", "") or ">" in words
        assert unit.msgid == message_text(token)


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_identity_edition_is_the_source(example):
    document = segment(example["markdown"], Path("spec.md"))
    edition = reassemble(document, Translations({u.msgid: u.msgid for u in document.units}),
                         "ja")
    assert edition.text == document.text
    assert REFERENCE.render(edition.text) == REFERENCE.render(example["markdown"])


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_respliced_source_renders_the_same(example):
    """Each unit replaced by its own msgid (forced through the splicing path) renders as the
    source does, modulo whitespace."""
    document = segment(example["markdown"], Path("spec.md"))
    texts = {u.msgid: u.msgid + " " for u in document.units}
    edition = reassemble(document, Translations(texts), "ja")
    assert not edition.rejected
    assert block_skeleton(parse(edition.text)) == block_skeleton(list(document.tokens))
    if faithful(document):
        assert canonical(render(edition.text)) == canonical(render(document.text))


@pytest.mark.parametrize("example", EXAMPLES, ids=IDS)
def test_pseudo_translation_substitutes_every_unit(example):
    document = segment(example["markdown"], Path("spec.md"))
    texts = {u.msgid: pseudo(u.msgid) for u in document.units}
    edition = reassemble(document, Translations(texts), "ja")
    assert not edition.rejected
    assert all(edition.translated)
    assert block_skeleton(parse(edition.text)) == block_skeleton(list(document.tokens))
    if faithful(document):
        assert canonical(render(edition.text)) == canonical(substituted(document, texts))
