"""Every CommonMark spec example: its units, and its edition when every unit is translated.

Expectations come from markdown-it-py alone (``blocks.py``, ``recase.py``): which blocks hold
words, where they are, and how the source renders.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blocks import assert_units_are_blocks, text_blocks
from equivalence import same_inline
from publisher.source.reassemble import Translations, reassemble
from publisher.source.segment import segment
from recase import ORACLE, assert_recased_edition_reads_as_the_source, oracle_for

EXAMPLES = json.loads((Path(__file__).parent / "data/commonmark/examples.json").read_text())

#: Examples whose meaning depends on a soft line break that a msgid joins (a line break
#: inside a ``<...>`` link destination): pinned by the first test below.
MEANINGFUL_BREAKS = {488}

WITH_TEXT = [e for e in EXAMPLES if text_blocks(ORACLE, e["markdown"])]
WITHOUT_TEXT = [e for e in EXAMPLES if e not in WITH_TEXT]


def _id(example) -> str:
    return f"example-{example['example']}"


def _document(example):
    return segment(example["markdown"], Path("spec.md"))


def test_normalisation_changes_meaning_only_in_known_corner_cases():
    sensitive = set()
    for example in EXAMPLES:
        document = _document(example)
        for unit in document.units:
            if unit.token_index < 0:
                continue  # a link title: no block
            if not same_inline(document.tokens[unit.token_index].content, unit.msgid):
                sensitive.add(example["example"])
    assert sensitive == MEANINGFUL_BREAKS


def test_examples_without_words_have_no_unit_and_come_out_unchanged():
    """Code, HTML, rules, link definitions, numbers alone: nothing to translate."""
    assert len(WITHOUT_TEXT) == 147  # of 649: the spec is mostly about markup
    for example in WITHOUT_TEXT:
        document = _document(example)
        assert document.units == (), example["example"]
        assert reassemble(document, Translations({}), "ja").text == document.text


@pytest.mark.parametrize("example", WITH_TEXT, ids=_id)
def test_units_are_whole_blocks(example):
    """One unit per block with words, holding that block's text and spanning it."""
    document = _document(example)
    assert_units_are_blocks(document, oracle_for(document))


@pytest.mark.parametrize("example", WITH_TEXT, ids=_id)
def test_recased_edition_reads_as_the_source(example):
    """Every unit translated with its letters' case swapped and its references and escapes
    spelt differently: each block holds its translation, and the edition renders as the
    source does but for the case of its letters."""
    assert_recased_edition_reads_as_the_source(
        _document(example), whole=example["example"] not in MEANINGFUL_BREAKS)
