"""Notes for translators left out of Markdown editions without a parse, exactly as with one.

A Markdown edition drops its ``<!-- i18n: ... -->`` notes when that leaves every block as it
was, which a parse of the cleaned text verifies. For notes that stand alone at the top level
after a block blank lines cannot continue, the parse is skipped; the oracle is that parse
(markdown-it-py): on the CommonMark examples and the real-world corpus with notes put
between their lines, the text must be the one the verifying parse gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from publisher.editions.md import builder
from publisher.errors import ContentError
from publisher.source.segment import segment

DATA = Path(__file__).parent / "data"
EXAMPLES = [
    e["markdown"]
    for e in json.loads((DATA / "commonmark" / "examples.json").read_text(encoding="utf-8"))
]
REALWORLD = [p.read_text(encoding="utf-8") for p in sorted((DATA / "realworld").glob("*.md"))]
NOTES = (
    "<!-- i18n: a note -->",
    "<!-- i18n: skip -->",
    "<!--i18n:x--> <!-- i18n: y -->",
    "<!-- i18n: a note\n   on two lines --> <!-- i18n: z -->",
)


def with_notes(data: st.DataObject, source: str) -> str:
    lines = source.split("\n")
    places = data.draw(st.sets(st.integers(0, len(lines)), max_size=4), label="places")
    for place in sorted(places, reverse=True):
        note = data.draw(st.sampled_from(NOTES), label="note")
        blank = data.draw(st.booleans(), label="blank lines around")
        lines[place:place] = ["", note, ""] if blank else [note]
    return "\n".join(lines)


def check(text: str) -> bool:
    """The text without notes is the same with the shortcut as with the parse; True when
    the shortcut applies."""
    try:
        document = segment(text, Path("report.md"))
    except ContentError:  # a note put inside front matter
        assume(False)
    tokens = list(document.tokens)
    alone = builder._notes_stand_alone(document)
    verified = builder._without_directives(document.text, tokens, False)
    assert builder._without_directives(document.text, tokens, alone) == verified, text
    return alone


@settings(deadline=None, max_examples=400)
@given(source=st.sampled_from(EXAMPLES + REALWORLD), data=st.data())
def test_notes_left_out_without_a_parse_as_with_one(source: str, data: st.DataObject) -> None:
    check(with_notes(data, source))


def test_notes_between_paragraphs_and_headings_need_no_parse() -> None:
    text = "# Title\n<!-- i18n: keep the name -->\nText.\n\n<!-- i18n: a note -->\n\nMore.\n"
    assert check(text)
    assert builder._without_directives(text, list(segment(text, Path("r.md")).tokens), True) == (
        "# Title\n\nText.\n\n\n\nMore.\n"
    )


def test_notes_after_a_list_a_quote_or_code_are_verified() -> None:
    # Blank lines would join the two lists, the two code blocks, the item and its text.
    for text in (
        "- a\n<!-- i18n: x -->\n- b\n",
        "    code\n<!-- i18n: x -->\n    more\n",
        "- a\n\n<!-- i18n: x -->\n\n  b\n",
        "> a\n<!-- i18n: x -->\n> b\n",
        "Text[^1].\n\n[^1]: Note.\n<!-- i18n: x -->\n    more\n",
        "- a\n  <!-- i18n: x -->\n  b\n",
    ):
        assert not check(text), text
