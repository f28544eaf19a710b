"""The quick ways of ``check``'s rules, each held to the full way it stands for: a
translation that writes every number of its source as the source writes it says them all
(the full reading of numbers, times of day, words, scale words and era years agrees); the
first look for a time of day misses none; a glossary term found without a look-behind is
found where the look-behind pattern finds it; a large glossary's index finds the terms that
going through it term by term finds."""

from __future__ import annotations

import polib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO
from publisher.lang.numbers import _missing, _written_alike, missing_numbers

# Pieces of text that give numbers other meanings than their digits: times of day, scale
# words, era years, addresses, characters NFKC turns into digits, words around them.
_PIECES = [
    "3", "12", "2024", "1,200", "4.2", "4,2", "1,2,3", "09", "０５", "①", "²", "9", "15",
    "9:00", "9:30", " am", " pm", " p.m.", " o'clock", "時", "午後", "午前", "시", "세 시", "오후 ",
    " million", "万", "千", "억", "조", "천", "割", "令和", "6年", "元年", "年",
    "https://example.org/2019", "info2@example.org", "www.x.org/3",
    " people", " program", " 人", "。", "、", " ", " ", "、第", "번", " of ", "twelve", "二十六",
]
_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join)


def _pairs_of_the_sample() -> list[tuple[str, str, str]]:
    """Every translated entry of the sample project's catalogs, both ways round."""
    pairs = []
    for path in sorted((REPO / "locales").glob("*/**/*.po")):
        language = path.relative_to(REPO / "locales").parts[0]
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                pairs.append((entry.msgid, entry.msgstr, language))
                pairs.append((entry.msgstr, entry.msgid, "en"))
    return pairs


@settings(max_examples=600, deadline=None)
@given(source=_TEXT, translation=_TEXT, language=st.sampled_from(["en", "ja", "ko"]))
def test_the_quick_answer_agrees_with_the_full_reading(source, translation, language):
    if _written_alike(source, translation):
        assert _missing(source, translation, language) == ()


@settings(max_examples=300, deadline=None)
@given(source=_TEXT, extra=_TEXT, language=st.sampled_from(["en", "ja", "ko"]))
def test_a_translation_holding_the_source_agrees_too(source, extra, language):
    """The source's own pieces, with more around them: the quick answer is often given."""
    translation = extra + source + extra
    if _written_alike(source, translation):
        assert _missing(source, translation, language) == ()


def test_the_quick_answer_agrees_on_the_sample_translations():
    pairs = _pairs_of_the_sample()
    quick = [pair for pair in pairs if _written_alike(pair[0], pair[1])]
    assert len(pairs) > 150
    assert len(quick) > 40  # taken often: not a check of nothing
    for source, translation, language in quick:
        assert _missing(source, translation, language) == (), (source, translation)


@pytest.mark.parametrize(("source", "translation", "language"), [
    ("It starts at 9 pm.", "It starts at 9 am.", "en"),  # a time of day
    ("It began in 6.", "令和6年に始まった。", "ja"),  # an era year
    ("in 2019", "see https://example.org/2019", "en"),  # digits of an address
    ("1조 and 2천억", "1조 2천억", "ko"),  # scale words: one number, not two
    ("It cost 4.2 million.", "4.2万かかった。", "ja"),  # another scale
])
def test_the_quick_answer_is_not_given_where_digits_say_something_else(
        source, translation, language):
    """Each of these writes the source's digits again but does not say its number: the full
    reading finds it missing, and the quick answer stays out of the way."""
    full = _missing(source, translation, language)
    assert full != ()
    assert not _written_alike(source, translation)
    assert missing_numbers(source, translation, language) == list(full)


# Pieces of times of day as the three languages write them, and near misses.
_CLOCK_PIECES = [
    "9", "12", "0", "25", "９", ":", ":00", ".30", ".", " ", "  ", "am", "AM", "a.m.", "p.m", "pm",
    "PM", "o'clock", "o\u2019clock", "時", "時間", "分", "半", "午前", "午後", "시", "시간", "시즌", "분",
    "반", "오전", "오후", "세", "열한", "한", "스물", "program", "amend", "Vietnam", "時代", "x",
]


@settings(max_examples=1500, deadline=None)
@given(text=st.lists(st.sampled_from(_CLOCK_PIECES), min_size=1, max_size=7).map("".join))
@example(text="at 9 o'clock")
@example(text="at 9o\u2019clock")
@example(text="at 9.30 pm")
@example(text="at 9:00")
@example(text="at 9 a.m.")
@example(text="at 9PM")
@example(text="午後9時に")
@example(text="오후 세 시 반")
@example(text="열한시")
@example(text="9시 30분")
def test_the_first_look_for_a_time_misses_none(text):
    """The one pattern :func:`times` looks with first finds a sign of every time its patterns
    read in full."""
    from publisher.lang.clock import _all_times, times

    assert times(text) == _all_times(text)


# ------------------------------------------------------------------ glossary terms in words

_TERM_TEXT_PIECES = ["sea", "wall", "walls", "Sea", "WALL", " ", "-", "\u2010", "x", "non-", "_",
                     "policy", "policies", "Local", "local", "1", "é", ".", "sea wall", "seawall",
                     "ab", "ab ab"]


@settings(max_examples=800, deadline=None)
@given(text=st.lists(st.sampled_from(_TERM_TEXT_PIECES), min_size=1, max_size=8).map("".join),
       form=st.sampled_from(["sea wall", "local policy", "wall", "Sea-Wall", "x", "ab ab"]),
       english=st.booleans(), compound=st.booleans())
@example(text="xab ab ab", form="ab ab", english=False, compound=False)  # one inside another
def test_a_term_is_found_where_the_look_behind_pattern_finds_it(text, form, english, compound):
    """The term is looked for without a look-behind in its pattern; the answer is that of
    the pattern with it (what comes before the term: no letter, digit, or hyphen)."""
    import re

    from publisher.ops.check.glossary import _contains, _word_pattern

    pattern, _ = _word_pattern(form, english, compound)
    edge = "\\w" if compound else "\\w\\-\u2010\u2011"
    whole = re.compile(rf"(?<![{edge}]){pattern.pattern}", re.IGNORECASE)
    language = "en" if english else "fr"
    assert _contains(text, form, language, compound) == (whole.search(text) is not None)


@pytest.mark.parametrize("msgstr", ["とても__重要だ。", "とても*重要だ。", "とても重要だ。**"])
def test_a_lone_marker_in_plain_prose_is_still_seen(msgstr):
    """A translation of plain prose that shows ``*`` or ``__`` as text is warned about: the
    quick way out for prose on both sides looks for both markers."""
    from publisher.ops.check.markup import markup_problems

    found = list(markup_problems("It is very important.", msgstr, (), "en", "ja"))
    assert [(severity, code) for severity, code, _ in found] == [("warning", "emphasis")]


@pytest.mark.parametrize("address", ["www.example.org/report", "WWW.EXAMPLE.ORG/R", "wWw.example.org"])
def test_a_www_address_in_any_case_is_an_address(address):
    """The quick look for an address (an @, a :// or a www.) sees www. in any case."""
    from publisher.lang.text import addresses, without_addresses

    text = f"See {address} for the data."
    assert addresses(text) == [address]
    assert without_addresses(text) == "See   for the data."


@pytest.mark.parametrize(("source", "kept", "lost", "missing"), [
    ("오후 세 시에 시작한다.", "It starts at 3 p.m.", "It starts in the afternoon.", "오후 세 시"),
    ("令和元年に始まった。", "It began in 2019.", "It began.", "2019"),
])
def test_a_number_without_a_digit_is_looked_for(source, kept, lost, missing):
    """The first look for a number in a source: a Korean hour in words and an era's first
    year hold one without any digit."""
    assert missing_numbers(source, kept, "en") == []
    assert [n.text for n in missing_numbers(source, lost, "en")] == [missing]


# Words of glossary terms: short ones (stems shorter than the index's keys), plurals in -y,
# words inside others (Korea, Koreans), case, hyphens, an en dash, Japanese and Korean.
_TERM_WORDS = ["war", "UN", "policy", "policies", "Korea", "Koreans", "civil", "society",
               "sea", "wall", "walls", "peace", "treaty", "a", "I", "Japan", "x", "anti",
               "日韓", "基本条約", "평화", "조약", "Œuvre", "naïve"]
_JOIN = st.sampled_from([" ", "-", "\u2013", " ", "\n"])
_FORM = st.lists(st.sampled_from(_TERM_WORDS), min_size=1, max_size=3).map(" ".join)
_PROSE = st.lists(
    st.tuples(st.sampled_from([*_TERM_WORDS, "the", "of", "is", ",", ".", "(", ")"]), _JOIN),
    max_size=40,
).map(lambda pieces: "".join((word.upper() if len(word) == 2 else word) + join
                             for word, join in pieces))


@settings(max_examples=150, deadline=None)
@given(
    forms=st.lists(st.lists(_FORM, min_size=1, max_size=3), min_size=70, max_size=120),
    text=_PROSE,
    source=st.sampled_from(["en", "ja", "ko", "fr"]),
)
def test_a_large_glossarys_index_finds_what_going_term_by_term_finds(forms, text, source):
    """Over 64 forms, the terms of a text are looked for only among those whose stem's first
    letters the text has: the same terms, in the same order, as the glossary read in parts
    of a few forms each (read term by term)."""
    from publisher.ops.check.glossary import _INDEXED, Glossary, Term

    terms = tuple(
        Term({source: tuple(variants), "xx": (f"t{n}",)}, line=n + 2)
        for n, variants in enumerate(forms)
    )
    assert sum(len(t.forms[source]) for t in terms) > _INDEXED
    whole = Glossary(terms).expected(source, "xx", text)
    parts = [
        found
        for start in range(0, len(terms), 10)
        for found in Glossary(terms[start : start + 10]).expected(source, "xx", text)
    ]
    assert whole == parts


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.text(max_size=12), min_size=7, max_size=7),
    st.integers(min_value=0, max_value=10**6),
)
def test_a_findings_record_is_what_asdict_makes(texts: list[str], line: int) -> None:
    """The JSON output and the cache take a finding's record: every field, in the
    dataclass's order, with the same values as ``dataclasses.asdict``."""
    import dataclasses

    from publisher.ops.check.rules import Finding

    severity, code, file, language, report, msgid, message = texts
    finding = Finding(severity, code, file, line, language, report, msgid, message)
    record = finding.record()
    assert record == dataclasses.asdict(finding)
    assert list(record) == [f.name for f in dataclasses.fields(Finding)]
    assert Finding(**record) == finding
