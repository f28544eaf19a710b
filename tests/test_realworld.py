"""Real-world Markdown (READMEs, changelogs, docs in English, Japanese and Korean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from equivalence import faithful, substituted
from htmlnorm import REFERENCE, canonical, render
from pseudo import pseudo
from publisher.source.markdown import block_skeleton, parse
from publisher.source.reassemble import Translations, reassemble
from publisher.source.segment import segment

DOCUMENTS = sorted((Path(__file__).parent / "data/realworld").glob("*.md"))
DOCUMENTS = [p for p in DOCUMENTS if p.name != "SOURCES.md"]


def _document(path: Path):
    return segment(path.read_text(encoding="utf-8"), Path(path.name))


def test_corpus_is_there():
    assert len(DOCUMENTS) >= 25


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_identity_edition(path):
    document = _document(path)
    edition = reassemble(document, Translations({u.msgid: u.msgid for u in document.units}),
                         "ja")
    assert edition.text == document.text
    assert REFERENCE.render(edition.text) == REFERENCE.render(document.text)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_respliced_edition_renders_the_same(path):
    document = _document(path)
    edition = reassemble(document, Translations({u.msgid: u.msgid + " "
                                                 for u in document.units}), "ja")
    assert not edition.rejected
    assert block_skeleton(parse(edition.text)) == block_skeleton(list(document.tokens))
    if faithful(document):
        assert canonical(render(edition.text)) == canonical(render(document.text))
    # The reference parser a reader would use sees the same block structure too.
    plain = [(t.type, t.tag) for t in REFERENCE.parse(document.text) if t.type != "inline"]
    assert [(t.type, t.tag) for t in REFERENCE.parse(edition.text)
            if t.type != "inline"] == plain


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_pseudo_translated_edition(path):
    document = _document(path)
    texts = {u.msgid: pseudo(u.msgid) for u in document.units}
    edition = reassemble(document, Translations(texts), "ja")
    assert not edition.rejected
    assert block_skeleton(parse(edition.text)) == block_skeleton(list(document.tokens))
    if faithful(document):
        assert canonical(render(edition.text)) == canonical(substituted(document, texts))
