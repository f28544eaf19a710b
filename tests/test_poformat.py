"""format_catalog must write exactly what GNU msgcat writes: differential tests against it."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.po import grammar, linebreak, write
from publisher.po.grammar import parse_references
from publisher.po.model import Catalog, Message
from publisher.po.write import format_catalog

WIDTHS = (79, 40, 0)

#: The report the sample project was written from (tests/data/seeds/README.md).
SEED = Path(__file__).resolve().parent / "data" / "seeds" / "toda-korea-japan-workshop-2024.txt"

HEADER = Message(
    msgid="",
    msgstr=("Project-Id-Version: publisher\n"
            "Report-Msgid-Bugs-To: \n"
            "POT-Creation-Date: 2024-11-20 10:00+0000\n"
            "PO-Revision-Date: 2024-11-21 09:30+0900\n"
            "Last-Translator: 山田 太郎 <taro@example.org>\n"
            "Language-Team: Japanese\n"
            "Language: ja\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=UTF-8\n"
            "Content-Transfer-Encoding: 8bit\n"
            "Plural-Forms: nplurals=2; plural=(n != 1);\n"),
)

JA = ("日本と韓国の関係は、1965年の日韓基本条約以来、さまざまな局面を経てきた。"
      "「戸田記念国際平和研究所」と世宗研究所は2024年11月にワークショップを開催し、"
      "両国の安全保障協力について議論した。日韓共同宣言―21世紀に向けた新たな日韓パートナー"
      "シップ―の精神を再確認する必要がある、との意見が多かった。")
KO = ("한일 관계는 1965년 한일기본조약 이후 다양한 국면을 거쳐 왔다. 세종연구소와 "
      "도다기념국제평화연구소는 2024년 11월 워크숍을 개최하여 양국의 안보 협력에 대해 "
      "논의하였다. 한일 공동선언 — 21세기를 향한 새로운 한일 파트너십의 정신을 되살려야 한다.")
EN = ("Since 2021, the Toda Peace Institute has collaborated with the Sejong Institute on a "
      "project that brings together key opinion leaders—including parliamentarians, "
      "policymakers, academics, and journalists—from Japan and South Korea.")


def catalog(*messages: Message, header: Message = HEADER) -> Catalog:
    """A catalog with the standard test header."""
    return Catalog(header=header, messages=tuple(messages))


def run_msgcat(text: str, width: int, tmp_path: Path) -> str:
    """What msgcat writes for ``text`` at ``width`` (0 = --no-wrap).

    --force-po only matters for a catalog holding nothing but its header, which msgcat
    would otherwise not write at all.
    """
    source = tmp_path / "in.po"
    source.write_bytes(text.encode("utf-8"))
    option = "--no-wrap" if width == 0 else f"--width={width}"
    result = subprocess.run(["msgcat", "--force-po", option, str(source)],
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def assert_msgfmt_accepts(text: str, tmp_path: Path) -> None:
    """msgfmt --check must accept the text."""
    source = tmp_path / "check.po"
    source.write_bytes(text.encode("utf-8"))
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(source)],
                            capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


def assert_like_msgcat(cat: Catalog, tmp_path: Path, widths=WIDTHS, check=True) -> None:
    """format_catalog is a fixed point of msgcat at every width, and msgfmt accepts it."""
    for width in widths:
        text = format_catalog(cat, width)
        assert run_msgcat(text, width, tmp_path) == text, f"width {width}"
        if check:
            assert_msgfmt_accepts(text, tmp_path)


# ------------------------------------------------------------------ hand-written cases

CASES = {
    "empty catalog": catalog(),
    "japanese paragraph": catalog(Message(msgid=EN, msgstr=JA)),
    "korean paragraph": catalog(Message(msgid=EN, msgstr=KO)),
    "mixed CJK and Latin": catalog(Message(
        msgid="Workshop on **Korea–Japan** relations (2024) [link](https://example.org/a)",
        msgstr="韓日関係に関する**ワークショップ**（2024年）[リンク](https://example.org/a)、"
               "Toda Peace Institute と Sejong Institute の共催。ABCDEFG漢字かなカナ한국어ABC")),
    "embedded newlines": catalog(Message(msgid="line one\nline two\n", msgstr="一行目\n二行目\n"),
                                 Message(msgid="\nleading", msgstr="\n先頭"),
                                 Message(msgid="a\n\n\nb", msgstr="あ\n\n\nい")),
    "escapes": catalog(Message(
        msgid='say "hi" \\ back\\slash\ttab and a \\n literal, quote at end"',
        msgstr='「hi」と言う \\ バック\\スラッシュ\tタブ "引用" end\\')),
    "very long words and urls": catalog(Message(
        msgid="See https://example.org/" + "very-long-path-segment/" * 6 + "index.html now",
        msgstr="https://例え.jp/" + "長いパス/" * 20 + "を参照",
        extracted_comments=("paragraph",))),
    "never before ideographic comma or full stop": catalog(Message(
        msgid="x", msgstr="あいうえおかきくけこ、さしすせそたちつてと。" * 8)),
    "after punctuation before letters": catalog(Message(
        msgid="e.g.this,that:other;thing " * 8, msgstr="i.e.a,b:c;d " * 9)),
    "full-width forms and emoji": catalog(Message(
        msgid="ＦＵＬＬ　ＷＩＤＴＨ！（括弧）［角］｛波｝１２３，．：；" * 4,
        msgstr="😀 👍🏽 🇯🇵🇰🇷 👨‍👩‍👧 ✔️ 🎉" * 6)),
    "context and plural": catalog(
        Message(msgid="Report", msgstr="報告書", msgctxt="nav"),
        Message(msgid="%d report", msgid_plural="%d reports", msgstr_plural=(JA, KO))),
    "references": catalog(Message(
        msgid="x", msgstr="y",
        references=tuple(f"content/reports/2024/korea-japan-workshop-{i}.md:{i * 13}"
                         for i in range(15)) + ("./content/a.md:1", "content/a.md:1",
                                                 "noline.md", "sp ace.md:3", "b.md: 4",
                                                 "c.md :5", "x" * 100 + ".md:1"))),
    "comments": catalog(Message(
        msgid="x", msgstr="y",
        translator_comments=("translator note", "", "  indented", "two\nlines"),
        extracted_comments=("heading", "i18n: check the official name", ""))),
    "flags": catalog(
        Message(msgid="fuzzy", msgstr="ファジー", flags=("fuzzy",)),
        Message(msgid="fuzzy but empty", msgstr="", flags=("fuzzy",)),
        Message(msgid="many flags", msgstr="多い",
                flags=("sticky", "wrap", "fuzzy", "no-python-format", "foo",
                       "no-ellipsis-unicode-check", "range: 1..5"))),
    "no-wrap flag": catalog(Message(msgid=EN, msgstr=JA, flags=("no-wrap",))),
    "fuzzy with previous msgid": catalog(Message(
        msgid=EN, msgstr=JA, flags=("fuzzy",), previous_msgid=EN.replace("2021", "2020"),
        previous_msgctxt="old context")),
    "obsolete entries": catalog(
        Message(msgid="active", msgstr="有効"),
        Message(msgid="gone " + EN, msgstr=KO, obsolete=True, flags=("fuzzy",),
                previous_msgid="older", translator_comments=("kept",)),
        Message(msgid="gone without translation", msgstr="", obsolete=True),
        Message(msgid="gone plural", msgid_plural="gone plurals",
                msgstr_plural=("消えた", "消えた"), obsolete=True, msgctxt="c"),
        Message(msgid="after the obsolete ones in the input", msgstr="順序")),
    "fuzzy header with comments": catalog(
        Message(msgid="x", msgstr="y"),
        header=Message(msgid="", msgstr=HEADER.msgstr, flags=("fuzzy",),
                       translator_comments=("Japanese translation of the report.",
                                            "Copyright (C) 2024", "FIRST AUTHOR, 2024."))),
    "spaces": catalog(Message(msgid="  two  spaces   inside    " * 5, msgstr="　全角　スペース　" * 9)),
    "control characters": catalog(Message(msgid="bell\a back\b form\f vt\v cr\r x", msgstr="y")),
    "solaris reference comment": catalog(Message(
        msgid="x", msgstr="y", translator_comments=("File: content/a.md, line:12", "note"))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hand_written_catalogs_match_msgcat(name: str, tmp_path: Path) -> None:
    check = name not in ("fuzzy header with comments", "control characters")
    assert_like_msgcat(CASES[name], tmp_path, check=check)


def test_msgfmt_accepts_the_fuzzy_header_case_without_plurals(tmp_path: Path) -> None:
    text = format_catalog(CASES["fuzzy header with comments"])
    assert text.startswith("# Japanese translation of the report.\n")
    assert "#, fuzzy\nmsgid \"\"\n" in text
    assert_msgfmt_accepts(text, tmp_path)


@pytest.mark.parametrize("width", [20, 25, 33, 50, 60, 100, 200])
def test_other_widths_match_msgcat(width: int, tmp_path: Path) -> None:
    unique = {m.key: m for c in CASES.values() for m in c.messages}
    cat = catalog(*unique.values())
    assert_like_msgcat(cat, tmp_path, widths=(width,), check=False)


def test_seed_report_paragraphs_match_msgcat(tmp_path: Path) -> None:
    assert SEED.is_file(), f"{SEED} is missing (see tests/data/seeds/README.md)"
    texts = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    assert len(texts) == 24  # its lines of text, as its README counts them
    messages = [Message(msgid=t, msgstr=(JA if i % 2 else KO)[: len(t) // 2],
                        references=(f"content/reports/seed.md:{i + 1}",))
                for i, t in enumerate(dict.fromkeys(texts))]
    assert_like_msgcat(catalog(*messages), tmp_path)


# ---------------------------------------------------------------- documented behaviour


def test_short_string_stays_on_the_keyword_line() -> None:
    text = format_catalog(catalog(Message(msgid="Hello", msgstr="こんにちは")))
    assert text.endswith('\nmsgid "Hello"\nmsgstr "こんにちは"\n')


def test_long_string_starts_with_an_empty_line_and_lines_fit() -> None:
    text = format_catalog(catalog(Message(msgid=EN, msgstr=JA)), 79)
    assert '\nmsgid ""\n"Since 2021, the Toda Peace Institute has collaborated ' in text
    for line in text.splitlines():
        columns = sum(2 if "\u3000" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3"
                      or "\uff01" <= c <= "\uff60" else 1 for c in line)
        assert columns <= 79


def test_japanese_never_breaks_before_ideographic_punctuation() -> None:
    text = format_catalog(catalog(Message(msgid="x", msgstr="あ" * 37 + "、" + "い" * 50 + "。")), 79)
    for line in text.splitlines():
        assert not line.startswith(('"、', '"。'))


def test_korean_breaks_between_syllables() -> None:
    text = format_catalog(catalog(Message(msgid="x", msgstr="가나다라마바사아자차카타파하" * 10)), 40)
    lines = [line for line in text.splitlines() if line.startswith('"가') or line.startswith('"')]
    assert len(lines) > 5  # no spaces at all, yet it wraps


def test_newline_escape_is_kept_with_its_text() -> None:
    text = format_catalog(catalog(Message(msgid="word " * 14 + "end\n", msgstr="")), 79)
    assert '\\n"' in text and '\n"\\n"' not in text


def test_unknown_flags_are_dropped_and_known_ones_ordered() -> None:
    msg = Message(msgid="a", msgstr="b", flags=("no-wrap", "sticky", "c-format", "fuzzy",
                                                "range: 0..3", "possible-lua-format",
                                                "impossible-sh-format", "no-foo-check"))
    assert "#, fuzzy, c-format, lua-format, range: 0..3, no-wrap\n" in format_catalog(catalog(msg))


def test_fuzzy_is_not_written_for_an_untranslated_entry() -> None:
    text = format_catalog(catalog(Message(msgid="a", msgstr="", flags=("fuzzy",))))
    assert "fuzzy" not in text


def test_obsolete_entries_go_last_and_untranslated_ones_are_dropped() -> None:
    text = format_catalog(catalog(Message(msgid="old", msgstr="古い", obsolete=True),
                                  Message(msgid="gone", msgstr="", obsolete=True),
                                  Message(msgid="new", msgstr="新しい")))
    assert text.index('msgid "new"') < text.index('#~ msgid "old"')
    assert "gone" not in text


def test_references_wrap_at_79_bytes_even_without_wrapping() -> None:
    refs = tuple(f"content/reports/file-{i:02d}.md:{i}" for i in range(10))
    text = format_catalog(catalog(Message(msgid="a", msgstr="b", references=refs)), 0)
    ref_lines = [line for line in text.splitlines() if line.startswith("#:")]
    # Each reference takes 1 + 28 bytes: two fit after "#:" (60), a third would not (89).
    assert len(ref_lines) == 5
    assert all(len(line.encode()) <= 79 for line in ref_lines)
    assert ref_lines[0] == "#: content/reports/file-00.md:0 content/reports/file-01.md:1"


def test_references_are_normalised_like_gnu() -> None:
    refs = ("./a.md:1", "a.md:1", "a.md: 2", "b.md :3", "my file.md:4", "c.md")
    text = format_catalog(catalog(Message(msgid="a", msgstr="b", references=refs)))
    assert "#: a.md:1 a.md:2 b.md:3 my file.md:4 c.md\n" in text
    assert parse_references("my file.md:4") == [("my", None), ("file.md", 4)]


def test_width_below_20_counts_as_20_and_negative_is_refused() -> None:
    cat = catalog(Message(msgid=EN, msgstr=JA))
    assert format_catalog(cat, 5) == format_catalog(cat, 20)
    with pytest.raises(ValueError):
        format_catalog(cat, -1)


def test_header_charset_is_rewritten_to_utf8() -> None:
    header = Message(msgid="", msgstr="Content-Type: text/plain; charset=Shift_JIS\n")
    text = format_catalog(catalog(Message(msgid="a", msgstr="日本"), header=header))
    assert 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"' in text


def test_non_ascii_catalog_without_charset_is_refused() -> None:
    with pytest.raises(ValueError, match="charset"):
        format_catalog(catalog(Message(msgid="a", msgstr="日本"),
                               header=Message(msgid="", msgstr="Language: ja\n")))


# --------------------------------------------------------------- hypothesis catalogs

LATIN_WORDS = ["the", "Toda", "Peace", "Institute", "Sejong", "workshop", "Korea-Japan",
               "relations", "e.g.", "U.S.", "2024", "15-16", "(1965)", "[link](https://x.org)",
               "**bold**", "`code`", "co-operation", "O'Brien", "naïve", "café",
               "a/b", "50%", "$100", "#tag", "x=y", "1,000.5"]
CJK_CHARS = ("日本韓国関係条約以来局面経戸田記念国際平和研究所世宗研究所会議安全保障協力"
             "あいうえおかきくけこっゃゅょアイウエオカキクケコッャュョー"
             "가나다라마바사아자차카타파하한국일본관계연구소워크숍협력"
             "、。「」『』（）・〜！？：；，．　＂＃＄％＆＇＊＋－／＜＝＞＠［＼］＾＿｀｛｜｝～"
             "ＡＢＣａｂｃ０１２")
PUNCTUATION = list(".,:;!?-/()[]{}\"'\\%&*+=<>|~_^`@#$—–…“”‘’«»")
EMOJI = ["😀", "👍", "👍🏽", "🇯🇵", "🇰🇷", "👨‍👩‍👧", "✔️", "🎉", "❤", "☕"]

atoms = st.one_of(
    st.sampled_from(LATIN_WORDS),
    st.text(alphabet=CJK_CHARS, min_size=1, max_size=30),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(EMOJI),
    st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\\", '"', "\u3000", "\u00a0"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789/.-_", min_size=20, max_size=90),
)
texts = st.lists(atoms, max_size=40).map("".join)
nonempty_texts = st.lists(atoms, min_size=1, max_size=40).map("".join).filter(bool)
comment_texts = st.lists(st.one_of(st.sampled_from(LATIN_WORDS + EMOJI + [" "]),
                                   st.text(alphabet=CJK_CHARS, max_size=10)),
                         max_size=8).map("".join)
references = st.lists(
    st.builds(lambda path, line: f"{path}:{line}" if line is not None else path,
              st.sampled_from(["content/a.md", "./content/b.md", "content/reports/2024/"
                               "korea-japan-workshop.md", "docs/日本語.md", "x" * 70 + ".md"]),
              st.one_of(st.none(), st.integers(0, 99999))),
    max_size=12)
flag_lists = st.lists(st.sampled_from(["fuzzy", "no-wrap", "wrap", "sticky", "foo-bar",
                                       "no-python-format", "range: 1..9"]), max_size=4)


def match_newlines(source: str, translation: str) -> str:
    """Give the translation the source's leading/trailing newline, as msgfmt requires."""
    if not translation:
        return translation
    core = translation.strip("\n") or "x"
    return ("\n" if source.startswith("\n") else "") + core + (
        "\n" if source.endswith("\n") else "")


@st.composite
def messages(draw) -> Message:
    msgid = draw(nonempty_texts)
    plural = draw(st.booleans()) and draw(st.integers(0, 3)) == 0
    obsolete = draw(st.integers(0, 5)) == 0
    fields = dict(
        msgid=msgid,
        msgctxt=draw(st.one_of(st.none(), st.none(), texts)),
        flags=tuple(draw(flag_lists)),
        translator_comments=tuple(draw(st.lists(comment_texts, max_size=2))),
        extracted_comments=tuple(draw(st.lists(comment_texts, max_size=2))),
        references=tuple(draw(references)) if not obsolete else (),
        obsolete=obsolete,
    )
    if draw(st.integers(0, 3)) == 0:
        fields["previous_msgid"] = draw(texts)
        if draw(st.booleans()):
            fields["previous_msgctxt"] = draw(texts)
    if plural:
        plural_id = draw(nonempty_texts)
        plural_id = ("\n" if msgid.startswith("\n") else "") + plural_id.strip("\n") + (
            "\n" if msgid.endswith("\n") else "")
        fields["msgid_plural"] = plural_id
        forms = [draw(texts) for _ in range(2)]
        if any(forms):  # msgfmt checks every form of a translated plural entry
            forms = [form or "x" for form in forms]
        fields["msgstr_plural"] = tuple(match_newlines(msgid, form) for form in forms)
    else:
        fields["msgstr"] = match_newlines(msgid, draw(texts))
    return Message(**fields)


@st.composite
def catalogs(draw) -> Catalog:
    unique = {}
    for msg in draw(st.lists(messages(), min_size=1, max_size=6)):
        unique.setdefault(msg.key, msg)
    return catalog(*unique.values())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(cat=catalogs())
def test_generated_catalogs_match_msgcat(cat: Catalog, tmp_path_factory) -> None:
    assert_like_msgcat(cat, tmp_path_factory.mktemp("po"))


# ------------------------------------------------- the line breaker against libunistring


def _libunistring():
    """The line breaking function of the libunistring msgcat uses, or None."""
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        function = getattr(lib, "ulc_width_linebreaks_v2", None) or lib.ulc_width_linebreaks
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_int
    function.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                         ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.uc_width.restype = ctypes.c_int
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    return lib, function


LIB = _libunistring()
def needs_libunistring(test):
    """libunistring comes with GNU gettext (a required tool): its absence is a failure."""
    def checked(*args, **kwargs):
        assert LIB is not None, "libunistring (installed with GNU gettext) cannot be loaded"
        return test(*args, **kwargs)
    return functools.wraps(test)(checked)


def gnu_line_breaks(portion: str, prohibited, width: int, start: int) -> list[int]:
    """libunistring's ulc_width_linebreaks on the portion, as write-po.c calls it."""
    data = portion.encode("utf-8")
    offsets = []
    offset = 0
    for ch in portion:
        offsets.append(offset)
        offset += len(ch.encode("utf-8"))
    overrides = bytearray(len(data))
    for index in prohibited:
        overrides[offsets[index]] = 1  # UC_BREAK_PROHIBITED
    result = ctypes.create_string_buffer(len(data))
    LIB[1](data, len(data), width, start, 0, bytes(overrides), b"UTF-8", result)
    by_offset = {offset: i for i, offset in enumerate(offsets)}
    return [by_offset[j] for j in range(len(data)) if result.raw[j] == 2]  # UC_BREAK_POSSIBLE


@needs_libunistring
def test_class_and_width_tables_match_libunistring() -> None:
    sample = list(range(0, 0x3400)) + list(range(0xA000, 0x10000)) + \
        random.Random(1).sample(range(0x10000, 0x110000), 5000)
    for code in sample:
        assert linebreak._WIDTH[code] == max(LIB[0].uc_width(code, b"UTF-8"), 0), hex(code)


@needs_libunistring
@pytest.mark.parametrize("seed", range(4))
def test_line_breaks_match_libunistring(seed: int) -> None:
    rng = random.Random(seed)
    pools = [list("abcdefghij ABC xyz  .,:;!?-/()[]{}\"'\\%$#@&*+=<>|~_^`0123456789"),
             list(CJK_CHARS) + [" "], [chr(c) for c in range(0xAC00, 0xAC80)] + [" "],
             ["\u200b", "\u200d", "\u0301", "\U0001F600", "\U0001F3FB", "\U0001F1EF",
              "\u2028", "\u00a0", "\u2060", "\u05d0", "-", "\u00ad", "\x01", "\u0e01",
              "\u093f", "\u0915", "a", " "],
             [chr(code) for code in (rng.randrange(0x20, 0x30000) for _ in range(400))
              if not 0xD800 <= code < 0xE000]]  # no surrogates: they have no UTF-8 form
    everything = sum(pools, [])
    for _ in range(3000):
        pool = everything if rng.random() < 0.4 else rng.choice(pools)
        segment = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 100)))
        segment = segment.replace("\n", "") + ("\n" if rng.random() < 0.3 else "")
        portion = segment.translate(grammar.ESCAPES)
        prohibited = write._escape_interiors(portion, segment.endswith("\n"))
        width, start = rng.randrange(5, 80), rng.randrange(0, 12)
        expected = gnu_line_breaks(portion, prohibited, width, start)
        assert linebreak.line_breaks(portion, prohibited, width, start) == expected, portion
        assert linebreak._line_breaks_exact(portion, prohibited, width, start) == expected
