"""read_catalog: strict parsing with line numbers, charsets, and the round trip with msgcat."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from publisher.errors import CatalogError
from publisher.po.grammar import parse_references
from publisher.po.model import Catalog, Message
from publisher.po.read import read_catalog
from publisher.po.write import format_catalog
from test_poformat import CASES, catalogs, run_msgcat

HEAD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'  # lines 1-3


def read(text: str, path: str = "locales/ja/report.po") -> Catalog:
    """Read a PO text given as str (UTF-8)."""
    return read_catalog(text.encode("utf-8"), path)


def read_error(text: str | bytes) -> CatalogError:
    """The CatalogError reading the text raises."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(CatalogError) as caught:
        read_catalog(data, "locales/ja/report.po")
    return caught.value


# ----------------------------------------------------------------------- valid input


def test_entries_comments_flags_and_lines() -> None:
    cat = read(HEAD + (
        "# translator\n"              # 4
        "#\n"                          # 5
        "#. extracted\n"               # 6
        "#: content/a.md:3 ./b.md:4\n" # 7
        "#: c.md\n"                    # 8
        "#, fuzzy, sticky\n"           # 9
        "#| msgid \"old\"\n"           # 10
        "msgctxt \"ctx\"\n"            # 11
        "msgid \"\"\n"                 # 12
        "\"two \"\n"                   # 13
        "\"lines\"\n"                  # 14
        "msgstr \"二行\"\n"            # 15
        "\n"
        "msgid \"one\"\n"              # 17
        "msgid_plural \"many\"\n"
        "msgstr[0] \"一つ\"\n"
        "msgstr[1] \"多数\"\n"
        "\n"
        "#, fuzzy\n"
        "#~| msgid \"older\"\n"
        "#~ msgid \"gone\"\n"          # 24
        "#~ msgstr \"消えた\"\n"))
    first, plural, obsolete = cat.messages
    assert cat.header.line == 1 and cat.source_encoding == "UTF-8"
    assert first == Message(
        msgid="two lines", msgstr="二行", msgctxt="ctx", flags=("fuzzy", "sticky"),
        translator_comments=("translator", ""), extracted_comments=("extracted",),
        references=("content/a.md:3", "./b.md:4", "c.md"), previous_msgid="old", line=12)
    assert (plural.line, plural.msgid_plural, plural.msgstr_plural) == (17, "many",
                                                                          ("一つ", "多数"))
    assert obsolete.obsolete and obsolete.fuzzy and obsolete.previous_msgid == "older"
    assert obsolete.line == 24


def test_bom_and_crlf_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + (HEAD + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n").encode()
    cat = read_catalog(data, "x.po")
    assert cat.messages[0].msgstr == "b" and cat.messages[0].line == 4
    assert cat.header.msgstr == "Content-Type: text/plain; charset=UTF-8\n"


def test_last_flag_line_wins_as_in_gnu() -> None:
    cat = read(HEAD + '#, fuzzy\n#, c-format\nmsgid "a"\nmsgstr "b"\n')
    assert cat.messages[0].flags == ("c-format",)
    assert cat.messages[0].translated


def test_range_flag_is_kept_whole() -> None:
    cat = read(HEAD + '#, c-format, range: 0..10\nmsgid "a"\nmsgstr "b"\n')
    assert cat.messages[0].flags == ("c-format", "range: 0..10")


def test_escapes_are_resolved() -> None:
    cat = read(HEAD + r'msgid "a\n\t\"\\\101\x42\303\251"' + '\nmsgstr ""\n')
    assert cat.messages[0].msgid == 'a\n\t"\\ABé'


def test_free_form_layout_is_accepted_like_gnu() -> None:
    cat = read(HEAD + 'msgid "a" "b" msgstr "c" # tail\nmsgid\n"d"\nmsgstr [ 0 ]"x"\n'
               .replace('msgstr [ 0 ]"x"', 'msgstr "e"'))
    assert [(m.msgid, m.msgstr) for m in cat.messages] == [("ab", "c"), ("d", "e")]
    assert cat.messages[1].translator_comments == ("tail",)


def test_missing_header_and_placeholder_charset_mean_utf8() -> None:
    cat = read('msgid "a"\nmsgstr "日本"\n')
    assert cat.header == Message(msgid="") and cat.source_encoding == "UTF-8"
    cat = read('msgid ""\nmsgstr "Content-Type: text/plain; charset=CHARSET\\n"\n\n'
               'msgid "a"\nmsgstr "日本"\n')
    assert cat.source_encoding == "UTF-8" and cat.messages[0].msgstr == "日本"


@pytest.mark.parametrize("charset,text", [
    ("Shift_JIS", "日本語の表示、ソフト"), ("EUC-JP", "日韓基本条約"), ("EUC-KR", "한일기본조약"),
    ("CP949", "세종연구소 똠방각하"), ("ISO-2022-JP", "戸田記念国際平和研究所"), ("GBK", "世宗研究所"),
    ("ISO-8859-1", "café"), ("ISO-8859-15", "€uro"), ("ISO-8859-5", "Мир"),
])
def test_declared_charsets_are_decoded(charset: str, text: str) -> None:
    source = (f'# {text}\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"'
              f'\n\nmsgid "x"\nmsgstr "{text}"\n')
    cat = read_catalog(source.encode(charset), "x.po")
    assert cat.source_encoding == charset
    assert cat.messages[0].msgstr == text and cat.header.translator_comments == (text,)


def test_shift_jis_with_backslash_trail_byte() -> None:
    # 表 is 0x95 0x5C in Shift_JIS: the second byte is an ASCII backslash.
    source = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=Shift_JIS\\n"\n\n'
              'msgid "table"\nmsgstr "表"\n').encode("shift_jis")
    assert read_catalog(source, "x.po").messages[0].msgstr == "表"


# --------------------------------------------------------------------------- errors


ERRORS = {
    "syntax error": (HEAD + 'msgid "a"\nmsgstr "b" }\n', 5, "text outside quotes"),
    "text outside quotes": (HEAD + 'msgid "a" foo\nmsgstr "b"\n', 4, "text outside quotes"),
    "bare text line": (HEAD + 'msgid "a"\nmsgstr "b"\nhello world\n', 6, "text outside quotes"),
    "unterminated string": (HEAD + 'msgid "a\nmsgstr "b"\n', 4, "unterminated string"),
    "invalid escape": (HEAD + 'msgid "a"\nmsgstr "C:\\temp\\q"\n', 5, "invalid escape"),
    "msgstr without msgid": (HEAD + 'msgstr "b"\n', 4, "msgstr without a msgid"),
    "msgid without msgstr": (HEAD + 'msgid "a"\n\nmsgid "c"\nmsgstr ""\n', 4,
                             "has no msgstr"),
    "msgid at end of file": (HEAD + 'msgid "a"\n', 4, "has no msgstr"),
    "unknown keyword": (HEAD + 'msgid "a"\nmsgtxt "x"\nmsgstr "b"\n', 5, "unknown keyword"),
    "conflict start": (HEAD + '<<<<<<< HEAD\nmsgid "a"\nmsgstr "b"\n=======\nmsgid "a"\n'
                       'msgstr "c"\n>>>>>>> theirs\n', 4, "merge conflict"),
    "conflict middle only": (HEAD + 'msgid "a"\nmsgstr "b"\n=======\n', 6, "merge conflict"),
    "duplicate": (HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 7,
                  "already defined at line 4"),
    "duplicate with context": (HEAD + 'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\n'
                               'msgctxt "x"\nmsgid "a"\nmsgstr "c"\n', 9, "line 5"),
    "duplicate obsolete": (HEAD + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 7,
                           "duplicate"),
    "plural index out of order": (HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 6,
                                  "expected msgstr[0]"),
    "plural index gap": (HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n',
                         7, "expected msgstr[1]"),
    "plural index missing": (HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[] "b"\n', 6,
                             "plural index"),
    "plural index not a number": (HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[x] "b"\n', 6,
                                  "plural index"),
    "plural without index": (HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 6,
                             "without a plural index"),
    "index without plural": (HEAD + 'msgid "a"\nmsgstr[0] "b"\n', 5, "without msgid_plural"),
    "comment inside entry": (HEAD + 'msgid "a"\n#, fuzzy\nmsgstr "b"\n', 4, "comment line"),
    "inconsistent obsolete": (HEAD + '#~ msgid "a"\nmsgstr "b"\n', 5, "#~"),
    "keyword without string": (HEAD + 'msgid\nmsgstr "b"\n', 4, "followed by a string"),
    "previous msgctxt alone": (HEAD + '#| msgctxt "c"\nmsgid "a"\nmsgstr "b"\n', 5, "#| msgid"),
    "string without keyword": ('"stray"\n' + HEAD, 1, "without a keyword"),
    "domain": (HEAD + 'domain "x"\n', 4, "domain"),
    "nul escape": (HEAD + 'msgid "a\\0"\nmsgstr ""\n', 4, "NUL"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_name_the_line_and_give_a_hint(name: str) -> None:
    text, line, phrase = ERRORS[name]
    error = read_error(text)
    assert error.line == line, str(error)
    assert phrase in error.message, str(error)
    assert error.hint
    assert str(error).startswith(f"locales/ja/report.po:{line}: ")


def test_invalid_utf8_names_the_line_of_the_first_bad_byte() -> None:
    data = (HEAD + 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\n').encode() + \
        'msgstr "日本"\n'.encode("shift_jis")
    error = read_error(data)
    assert error.line == 8
    assert "not valid UTF-8" in error.message and "iconv -f SHIFT_JIS" in error.hint


def test_unknown_charset_is_refused() -> None:
    error = read_error('msgid ""\nmsgstr ""\n"Language: ja\\n"\n'
                       '"Content-Type: text/plain; charset=KLINGON-8\\n"\n')
    assert error.line == 4 and "KLINGON-8" in error.message


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300), cut=st.integers(0, 2000))
def test_damaged_files_raise_only_catalog_errors(data: bytes, cut: int) -> None:
    valid = format_catalog(CASES["obsolete entries"]).encode()
    for sample in (data, valid[:cut] + data + valid[cut:], valid[:cut]):
        try:
            read_catalog(sample, "x.po")
        except CatalogError as error:
            assert error.line is None or error.line >= 1


# ------------------------------------------------------------------------ round trip


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("width", [79, 40, 0])
def test_round_trip_of_msgcat_output(name: str, width: int, tmp_path: Path) -> None:
    original = run_msgcat(format_catalog(CASES[name], width), width, tmp_path)
    assert format_catalog(read(original), width) == original


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(cat=catalogs())
def test_round_trip_of_generated_catalogs(cat: Catalog, tmp_path_factory) -> None:
    tmp_path = tmp_path_factory.mktemp("rt")
    for width in (79, 0):
        original = run_msgcat(format_catalog(cat, width), width, tmp_path)
        again = read(original)
        assert format_catalog(again, width) == original
        assert len(again.messages) == len(read(format_catalog(cat, width)).messages)


def test_line_numbers_point_at_msgid(tmp_path: Path) -> None:
    text = format_catalog(CASES["obsolete entries"], 79)
    lines = text.split("\n")
    for msg in read(text).messages:
        assert lines[msg.line - 1].lstrip("#~ ").startswith("msgid ")


def test_msgfmt_statistics_agree_with_translated(tmp_path: Path) -> None:
    text = (HEAD.replace('charset=UTF-8\\n"', 'charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; '
                         'plural=(n != 1);\\n"')
            + '#, fuzzy\n#, c-format\nmsgid "a"\nmsgstr "b"\n\n'
            + '#, fuzzy\nmsgid "c"\nmsgstr "d"\n\nmsgid "e"\nmsgstr ""\n\n'
            + 'msgid "f"\nmsgid_plural "fs"\nmsgstr[0] "g"\nmsgstr[1] ""\n\n'
            + 'msgid "h"\nmsgstr "i"\n')
    path = tmp_path / "s.po"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, env={"LC_ALL": "C"})
    translated = sum(m.translated for m in read(text).messages)
    assert result.stderr.startswith(f"{translated} translated message")
    assert translated == 3  # a (its last #, line drops fuzzy), f (msgstr[0] set) and h


# ------------------------------------------------------------------------ the fast path


def _both(data: bytes) -> tuple[list[Message] | None, list[Message] | None]:
    """What the fast path and the strict reader make of a file (``None``: the fast path
    gave up, or the strict reader refused the file)."""
    from publisher.po.encoding import declared_charset, decode
    from publisher.po.lexer import Lexer
    from publisher.po.quickread import quick_entries
    from publisher.po.read import _EntryReader

    charset, line = declared_charset(data)
    lexer = Lexer(decode(data, charset, line, "x.po"), "x.po", charset)
    quick = quick_entries(lexer, _EntryReader(lexer, []))
    try:
        strict = _EntryReader(lexer, lexer.tokenize()).entries()
    except CatalogError:
        strict = None
    return quick, strict


_PROJECT_CATALOGS = sorted(
    path for folder in ("tests/data", "locales") for path in (REPO / folder).rglob("*.po*")
    if path.suffix in (".po", ".pot"))


@pytest.mark.parametrize("path", _PROJECT_CATALOGS, ids=lambda p: str(p.relative_to(REPO)))
def test_fast_path_reads_real_catalogs_as_the_strict_reader(path: Path) -> None:
    quick, strict = _both(path.read_bytes())
    assert strict is not None
    assert quick is None or quick == strict
    if path.is_relative_to(REPO / "locales"):  # written by our writer: the fast path reads it
        assert quick is not None


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("width", [79, 0])
def test_fast_path_reads_msgcat_output_as_the_strict_reader(name: str, width: int,
                                                            tmp_path: Path) -> None:
    data = run_msgcat(format_catalog(CASES[name], width), width, tmp_path).encode()
    quick, strict = _both(data)
    assert strict is not None
    assert quick == strict or (quick is None and any(m.msgid_plural for m in strict))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(cat=catalogs(), junk=st.text(max_size=8), at=st.integers(0, 4000))
def test_fast_path_never_reads_what_the_strict_reader_refuses(cat: Catalog, junk: str,
                                                              at: int) -> None:
    text = format_catalog(cat, 79)
    for sample in (text, text[:at] + junk + text[at:]):
        quick, strict = _both(sample.encode())
        assert quick is None or quick == strict


# A "#:" line as a translator's tool or a hand may write it: file names with and without
# line numbers, "./", colons in odd places, leading zeros, tabs, runs of spaces.
_REFERENCE_TOKENS = st.sampled_from(
    ["a.md", "./b.md", "c.md:12", "d.md:012", "e.md:0", "f.md:", ":7", ":", "3", "g:h.md:5",
     "i.md:99999999999999999999", "j.md:18446744073709551615", "k.md:1", "l.md:1", "./l.md:1",
     "m\u00a0n.md:2", "o\u3000p.md:3", "q\x1cr.md:4"]
)
_REFERENCE_SPACES = st.sampled_from([" ", "  ", "\t", " \t "])


@settings(max_examples=120, deadline=None)
@given(tokens=st.lists(st.tuples(_REFERENCE_SPACES, _REFERENCE_TOKENS), min_size=1, max_size=6),
       trailing=st.sampled_from(["", " ", "\t"]))
def test_references_are_read_as_msgcat_reads_them(tokens, trailing, tmp_path_factory) -> None:
    """Whatever a "#:" line holds, the references read and written again are those msgcat
    settles on (the reader's quick way with plain "file:line" lines included). msgcat's
    first pass is not always its last: "./a.md:1 a.md:1" becomes "a.md:1 a.md:1", then
    "a.md:1"; a catalog written here is one msgcat leaves as it is."""
    tmp_path = tmp_path_factory.mktemp("refs")
    line = "#:" + "".join(space + token for space, token in tokens) + trailing
    text = HEAD + f'{line}\nmsgid "a"\nmsgstr "b"\n'
    settled, passes = run_msgcat(text, 79, tmp_path), 1
    while (again := run_msgcat(settled, 79, tmp_path)) != settled:
        settled, passes = again, passes + 1
        assert passes < 4
    entry = read(text).messages[0]
    assert format_catalog(read(text), 79) == settled
    # The quick way reads what GNU's grammar (the way for any line) reads.
    parsed = [name if number is None else f"{name}:{number}"
              for name, number in parse_references(line[2:])]
    assert entry.references == tuple(dict.fromkeys(parsed))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(cat=catalogs())
def test_reading_without_notes_keeps_all_but_the_comments(cat: Catalog, tmp_path_factory) -> None:
    """What counting and building read (``notes=False``): every entry as msgcat's output
    holds it, flags and lines included, with or without its comments."""
    import dataclasses

    tmp_path = tmp_path_factory.mktemp("notes")
    data = run_msgcat(format_catalog(cat, 79), 79, tmp_path).encode()
    full, lean = read_catalog(data, "x.po"), read_catalog(data, "x.po", notes=False)
    assert lean.header.msgstr == full.header.msgstr
    assert len(lean.messages) == len(full.messages)
    for short, whole in zip(lean.messages, full.messages):
        assert short.flags == whole.flags
        assert dataclasses.replace(
            short, translator_comments=(), extracted_comments=(), references=()
        ) == dataclasses.replace(
            whole, translator_comments=(), extracted_comments=(), references=()
        )


@pytest.mark.parametrize("flags", ["#, fuzzy", "#! fuzzy", "#, fuzzy\n#, no-wrap"])
def test_flags_are_read_without_notes_however_written(flags: str) -> None:
    text = HEAD + f'# a note\n#. extracted\n#: a.md:1\n{flags}\nmsgid "a"\nmsgstr "b"\n'
    full = read(text)
    lean = read_catalog(text.encode("utf-8"), "x.po", notes=False)
    assert lean.messages[0].flags == full.messages[0].flags != ()
    assert lean.messages[0].references == ()


def test_each_entry_counts_in_the_state_msgfmt_counts_it_in(tmp_path: Path) -> None:
    """Header, an empty msgid with a context, fuzzy, a plural whose first form is empty,
    obsolete: the states the entries have are what ``msgfmt --statistics`` counts (the
    header is no message to it, nor to coverage)."""
    from collections import Counter

    from counts import msgfmt_statistics
    from publisher.po.model import State

    text = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgctxt "c"\nmsgid ""\nmsgstr "x"\n\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n\n'
            '#, fuzzy\nmsgid "e"\nmsgstr ""\n\nmsgid "t"\nmsgstr "u"\n\n'
            'msgid "p"\nmsgid_plural "ps"\nmsgstr[0] ""\nmsgstr[1] "y"\n\n'
            'msgid "q"\nmsgid_plural "qs"\nmsgstr[0] "w"\nmsgstr[1] ""\n\n'
            '#~ msgid "o"\n#~ msgstr "z"\n')
    path = tmp_path / "states.po"
    path.write_text(text, encoding="utf-8")
    catalog = read(text, "states.po")
    assert catalog.header.state is State.UNTRANSLATED
    states = Counter(m.state for m in catalog.messages if not m.obsolete)
    assert (states[State.TRANSLATED], states[State.FUZZY], states[State.UNTRANSLATED]) == \
        msgfmt_statistics(path) == (3, 1, 2)
    assert all(m.state is State.UNTRANSLATED for m in catalog.messages if m.obsolete)
