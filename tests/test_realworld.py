"""Real-world Markdown (READMEs, changelogs, docs in English, Japanese and Korean): units
and editions, checked against markdown-it-py alone (``blocks.py``, ``recase.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocks import assert_units_are_blocks
from publisher.source.segment import segment
from recase import assert_recased_edition_reads_as_the_source, oracle_for

DOCUMENTS = sorted((Path(__file__).parent / "data/realworld").glob("*.md"))
DOCUMENTS = [p for p in DOCUMENTS if p.name != "SOURCES.md"]


def _document(path: Path):
    return segment(path.read_text(encoding="utf-8"), Path(path.name))


def test_corpus_is_there():
    assert len(DOCUMENTS) == 42
    languages = {"ja": 0, "ko": 0}
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        languages["ja"] += any("\u3040" <= c <= "\u30ff" for c in text)
        languages["ko"] += any("\uac00" <= c <= "\ud7a3" for c in text)
    assert languages["ja"] >= 5 and languages["ko"] >= 5


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_units_and_recased_edition(path):
    """The units are the blocks with words (as markdown-it-py reads them), and with every
    unit recased the edition holds each translation and renders as the source does, modulo
    case."""
    document = _document(path)
    assert_units_are_blocks(document, oracle_for(document))
    assert_recased_edition_reads_as_the_source(document)
