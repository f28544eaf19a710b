"""`publisher check` on translations made in the wild: house styles and legitimate ways of
writing that must not be flagged, and the defects next to them that must still be."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import make_project, run
from publisher.ops.check.glossary import Glossary
from publisher.ops.check.rules import Entry, check_entry
from publisher.po.model import Message
from publisher.po.read import read_catalog
from publisher.po.write import format_catalog


def codes(msgid: str, msgstr: str, language: str = "ja", source: str = "en", **fields) -> list[str]:
    """The codes `check` gives one entry."""
    entry = Entry(Message(msgid, msgstr), source, language, Glossary(), True, **fields)
    return [code for _, code, _ in check_entry(entry)]


def translate(root, language: str, translations: dict[str, str]) -> None:
    path = root / f"locales/{language}/r.po"
    catalog = read_catalog(path.read_bytes(), path)
    catalog = replace(catalog, messages=tuple(
        replace(m, msgstr=translations.get(m.msgid, m.msgstr)) for m in catalog.messages))
    path.write_text(format_catalog(catalog, 79), encoding="utf-8")


def check_codes(runner, root, language: str = "ja") -> list[str]:
    result = run(runner, root, "check", "--format", "json")
    return [f["code"] for f in json.loads(result.stdout)["findings"] if f["language"] == language]


# ---------------------------------------------------------------- ja-space: a house style

@pytest.mark.parametrize(("msgstr", "flag", "katakana"), [
    ("スレッド ローカル ストレージ", True, False),  # katakana compound, spaced
    ("キーボード ショートカット", True, False),
    ("標準ライブラリ トレイト", True, False),  # the space is between two katakana words
    ("スレッド ・ ローカル", True, False),  # around a katakana middle dot
    ("調査 結果", True, True),  # between kanji: flagged in every style but off
    ("スレッドの ローカル", True, True),  # hiragana before the space
    ("ローカル 変数", True, True),  # katakana then kanji
    ("調査結果", False, False),
])
def test_ja_space_follows_the_project_style(msgstr, flag, katakana):
    assert ("ja-space" in codes("Thread-local storage", msgstr, ja_space="flag")) is flag
    assert ("ja-space" in codes("Thread-local storage", msgstr, ja_space="katakana")) is katakana
    assert "ja-space" not in codes("Thread-local storage", msgstr, ja_space="off")


def test_ja_space_setting_reaches_the_check(runner, tmp_path):
    """`[check] ja_space` in publisher.toml decides, and changing it redoes the check."""
    root = make_project(tmp_path, {"content/r.md": "# Keyboard shortcuts\n\nSee the results.\n"})
    assert run(runner, root, "update").exit_code == 0
    translate(root, "ja", {"Keyboard shortcuts": "キーボード ショートカット",
                           "See the results.": "調査 結果を見よ。"})
    assert check_codes(runner, root) == ["ja-space", "ja-space"]
    (root / "publisher.toml").write_text('[check]\nja_space = "katakana"\n')
    assert check_codes(runner, root) == ["ja-space"]
    (root / "publisher.toml").write_text('[check]\nja_space = "off"\n')
    assert check_codes(runner, root) == []


# ---------------------------------------------------------------- identical: names kept as they are

@pytest.mark.parametrize(("text", "kind", "language", "flagged"), [
    ("Kazuhiko Togo", "list item", "ja", False),  # a personal name, in Latin script
    ("Kim Min-jun", "table cell", "ko", False),
    ("Kazuhiko Togo and Kim Min-jun", "front-matter field: authors", "ja", False),
    ("J. R. R. Tolkien", "paragraph", "ko", False),  # initials
    ("Vincent van Gogh", "paragraph", "ja", False),  # a name particle
    ("Visual Studio Code", "list item", "ja", False),  # a product name
    ("GoogleTest", "heading", "ja", False),  # a capital inside one word, even as a heading
    ("Kazuhiko Togo", "", "ja", False),  # a catalog from another tool says no kind
    ("Findings", "list item", "ja", True),  # one ordinary word
    ("Keyboard Shortcuts", "heading", "ja", True),  # Title Case heading: prose, not a name
    ("Start Date", "table header", "ko", True),
    ("Held in Seoul.", "paragraph", "ja", True),  # a sentence
    ("The Meeting Was Held in Seoul", "paragraph", "ko", True),  # more than a name
    ("Opening Remarks by the Chair", "paragraph", "ja", True),
    ("Hello, World", "paragraph", "ja", True),  # two ordinary words, not names
    ("Kazuhiko Togo spoke.", "paragraph", "ja", True),
])
def test_a_name_kept_in_latin_script_is_not_untranslated(text, kind, language, flagged):
    entry = Entry(Message(text, text, extracted_comments=(kind,) if kind else ()), "en",
                  language, Glossary(), True)
    assert ("identical" in [code for _, code, _ in check_entry(entry)]) is flagged


def test_an_identical_name_is_not_flagged_through_the_command(runner, tmp_path):
    report = "---\ntitle: Notes\nauthors: [Kazuhiko Togo]\n---\n# Participants\n\n- Kim Min-jun\n"
    root = make_project(tmp_path, {"content/r.md": report})
    assert run(runner, root, "update").exit_code == 0
    translate(root, "ja", {"Notes": "覚え書き", "Kazuhiko Togo": "Kazuhiko Togo",
                           "Participants": "Participants", "Kim Min-jun": "Kim Min-jun"})
    result = run(runner, root, "check", "--format", "json")
    found = [(f["msgid"], f["code"]) for f in json.loads(result.stdout)["findings"]
             if f["language"] == "ja"]
    assert found == [("Participants", "identical")]


# ---------------------------------------------------------------- an address as an autolink

@pytest.mark.parametrize(("language", "msgid", "msgstr"), [
    ("ja", "Read https://example.org/a for details.", "詳細は<https://example.org/a>を参照。"),
    ("ja", "Read <https://example.org/a> for details.", "詳細はhttps://example.org/aを参照。"),
    ("ko", "Write to info@example.org today.", "오늘 <info@example.org>로 연락하라."),
    ("ko", "Write to <info@example.org> today.", "오늘 info@example.org로 연락하라."),
    ("ja", "See https://example.org/café and <https://example.org/b>.",
     "<https://example.org/café>と<https://example.org/b>を参照。"),
])
def test_an_address_written_as_an_autolink_is_the_same_address(language, msgid, msgstr):
    from publisher.ops.check.rules import markup_errors

    assert codes(msgid, msgstr, language) == []
    assert markup_errors(msgid, msgstr) == []  # nor is the translation refused by import


@pytest.mark.parametrize(("msgid", "msgstr", "found"), [
    # another address as an autolink
    ("Read https://example.org/a now.", "今<https://example.org/b>を読め。",
     ["link-target", "url"]),
    # the autolink's address is not in the translation at all
    ("Read <https://example.org/a> now.", "今https://example.org/bを読め。",
     ["link-target", "url"]),
    # one bare address in the source, two links in the translation: one of them is new
    ("Read https://example.org/a now.",
     "今<https://example.org/a>を読め（<https://example.org/a>）。", ["link-target"]),
    # the address in a link's text is no bare address an autolink could stand for
    ("Read [https://example.org/a](https://example.org/a) now.",
     "今<https://example.org/a>を読め（<https://example.org/a>）。", ["link-target"]),
    # a real link (with its own text) to a bare address is still a link the source lacks
    ("Read https://example.org/a now.", "今[ここ](https://example.org/a)を読め。",
     ["link-target", "url"]),
])
def test_other_addresses_and_new_links_are_still_found(msgid, msgstr, found):
    assert sorted(codes(msgid, msgstr, "ja")) == found


def test_an_autolink_for_a_bare_address_builds_and_checks_clean(runner, tmp_path):
    source = "# Sources\n\nThe data is at https://example.org/data for everyone.\n"
    root = make_project(tmp_path, {"content/r.md": source})
    assert run(runner, root, "update").exit_code == 0
    translate(root, "ja", {"Sources": "出典",
                           "The data is at https://example.org/data for everyone.":
                               "データは<https://example.org/data>で公開されている。"})
    assert check_codes(runner, root) == []
    assert run(runner, root, "build", "--lang", "ja").exit_code == 0
    page = (root / "site/ja/r.html").read_text()
    assert '<a href="https://example.org/data">https://example.org/data</a>' in page


# ---------------------------------------------------------------- a localised address

LOCALISED = [
    ("ja", "[docs](https://learn.microsoft.com/en-us/x)", "[文書](https://learn.microsoft.com/ja-jp/x)"),
    ("ja", "[guide](https://example.org/en/guide)", "[案内](https://example.org/ja/guide)"),
    ("ko", "[guide](https://example.org/en-US/guide)", "[안내](https://example.org/ko-KR/guide)"),
    ("ja", "[help](https://example.org/help?lang=en&x=1)", "[ヘルプ](https://example.org/help?lang=ja&x=1)"),
    ("ko", "[help](https://support.google.com/a?hl=en)", "[도움말](https://support.google.com/a?hl=ko)"),
    ("ja", "[Tokyo](https://en.wikipedia.org/wiki/Tokyo)", "[東京](https://ja.wikipedia.org/wiki/Tokyo)"),
    ("ja", "![chart](/en/chart.png)", "![図](/ja/chart.png)"),
    ("ja", "See https://learn.microsoft.com/en-us/x now.", "今https://learn.microsoft.com/ja-jp/xを見よ。"),
    ("ja", "See <https://example.org/en/x> now.", "今<https://example.org/ja/x>を見よ。"),
]


@pytest.mark.parametrize(("language", "msgid", "msgstr"), LOCALISED)
def test_a_link_to_the_page_in_the_translations_language_is_not_broken(language, msgid, msgstr):
    from publisher.ops.check.rules import markup_errors

    assert codes(msgid, msgstr, language) == []
    assert markup_errors(msgid, msgstr, (), "en", language) == []
    assert markup_errors(msgid, msgstr) == []  # languages unknown: any two


@pytest.mark.parametrize(("language", "msgid", "msgstr"), [
    # the page changed too
    ("ja", "[docs](https://learn.microsoft.com/en-us/x)", "[文書](https://learn.microsoft.com/ja-jp/y)"),
    # a tag of a third language
    ("ja", "[docs](https://learn.microsoft.com/en-us/x)", "[文書](https://learn.microsoft.com/fr-fr/x)"),
    # the source's tag is not the source's language (a German page, not an English one)
    ("ja", "[Seite](https://example.org/de/x)", "[ページ](https://example.org/ja/x)"),
    # the tag dropped, not replaced
    ("ja", "[guide](https://example.org/en/guide)", "[案内](https://example.org/guide)"),
    # another host (a translated book elsewhere): not the same page in another language
    ("ja", "[Book](https://doc.rust-lang.org/book/ch19-06-macros.html)",
     "[本](https://doc.rust-jp.rs/book-ja/ch19-06-macros.html)"),
    # another query parameter
    ("ko", "[help](https://example.org/help?lang=en)", "[도움말](https://example.org/help?hl=ko)"),
    # two-letter path segments that are no language (jp is a country)
    ("ja", "[guide](https://example.org/en/guide)", "[案内](https://example.org/jp/guide)"),
])
def test_any_other_change_of_address_is_an_error(language, msgid, msgstr):
    from publisher.ops.check.rules import markup_errors

    assert "link-target" in codes(msgid, msgstr, language)
    assert markup_errors(msgid, msgstr, (), "en", language) != []


def test_a_localised_address_in_text_is_the_same_address():
    assert codes("See https://example.org/en/x now.", "今https://example.org/ja/xを見よ。") == []
    assert codes("See https://example.org/en/x now.", "今https://example.org/ja/yを見よ。") == [
        "url"]


# ---------------------------------------------------------------- hyphenated glossary terms

def glossary_codes(msgid: str, msgstr: str, source: str, language: str, en: str) -> list[str]:
    from publisher.ops.check.glossary import Term

    glossary = Glossary((Term({"en": (en,), "ja": ("市民社会",), "ko": ("시민사회",)}),))
    entry = Entry(Message(msgid, msgstr), source, language, glossary, True)
    return [code for _, code, _ in check_entry(entry) if code == "glossary"]


@pytest.mark.parametrize(("en", "msgstr"), [
    ("civil society", "Civil-society groups met in Seoul."),  # the term as a modifier
    ("civil-society", "Civil society met in Seoul."),  # the glossary writes the hyphen
    ("civil society", "Civil\nsociety met in Seoul."),  # across a line break
    ("civil society", "Non-civil-society actors met in Seoul."),  # inside a compound
    ("civil society", "Civil‐society groups met in Seoul."),  # U+2010 hyphen
    ("civil society", "Civil societies met in Seoul."),
])
def test_a_hyphenated_term_in_a_translation_is_the_term(en, msgstr):
    assert glossary_codes("시민사회 단체가 서울에서 만났다.", msgstr, "ko", "en", en) == []


@pytest.mark.parametrize(("en", "msgstr"), [
    ("civil society", "Citizens met in Seoul."),
    ("civil society", "Uncivil society met in Seoul."),  # another word
    ("civil society", "Civilsociety met in Seoul."),
])
def test_a_translation_without_the_term_is_still_told(en, msgstr):
    assert glossary_codes("시민사회 단체가 서울에서 만났다.", msgstr, "ko", "en", en) == ["glossary"]


@pytest.mark.parametrize(("en", "msgid", "expected"), [
    ("civil society", "Civil-society groups met.", True),  # hyphen for the glossary's space
    ("civil-society", "Civil society met.", True),  # space for the glossary's hyphen
    ("civil society", "Civil\nsociety met.", True),
    ("civil society", "Non-civil-society actors met.", False),  # another concept
    ("civil society", "Uncivil society met.", False),
])
def test_a_source_uses_a_term_whatever_joins_its_words(en, msgid, expected):
    found = glossary_codes(msgid, "人々が会合した。", "en", "ja", en)
    assert (found == ["glossary"]) is expected, found
    assert glossary_codes(msgid, "市民社会が会合した。", "en", "ja", en) == []


# ---------------------------------------------------------------- numbers: times, words, counts

@pytest.mark.parametrize(("msgid", "msgstr", "language"), [
    # times of day: one quantity however written
    ("We meet from 9:00 am to 4:00 pm.", "午前9時から午後4時まで会う。", "ja"),
    ("Doors open at 9:30 pm.", "午後9時30分に開場する。", "ja"),
    ("Doors open at 9:30.", "9時半に開場する。", "ja"),
    ("It starts at 9 a.m. sharp.", "오전 9시 정각에 시작한다.", "ko"),
    ("It starts at 3 pm.", "15時に始まる。", "ja"),
    ("It starts at 3 pm.", "오후 세 시에 시작한다.", "ko"),
    ("It starts at 15:00.", "It starts at 3 p.m.", "en"),
    ("오후 3시 30분에 시작한다.", "It starts at 3:30 PM.", "en"),
    ("It starts at 9.", "9時に始まる。", "ja"),  # a bare number for a time
    ("Lunch lasts 1 hour, from 12:00.", "昼食は12時から1時間。", "ja"),
    # zero in words
    ("0 errors were found.", "エラーはゼロだった。", "ja"),
    ("0 errors were found.", "誤りは零件だった。", "ja"),
    ("The score was 0.", "점수는 영이었다.", "ko"),
    ("エラーは0件だった。", "There were zero errors.", "en"),
    # native Korean numerals, alone or before a counter
    ("26 people came.", "스물여섯 명이 왔다.", "ko"),
    ("1 person came.", "한 명이 왔다.", "ko"),
    ("2 sessions were held.", "두 번의 세션이 열렸다.", "ko"),
    ("3 countries took part.", "세 나라가 참가했다.", "ko"),
    ("He turned 20.", "그는 스무 살이 되었다.", "ko"),
    ("11 people came.", "열한 명이 왔다.", "ko"),
    ("40 people came.", "마흔 명이 왔다.", "ko"),
    ("Only 1 remained.", "하나만 남았다.", "ko"),
    ("Pick 2 or 3.", "둘이나 셋을 고르라.", "ko"),
    # English and Japanese words
    ("It lasted 26 days.", "It lasted twenty-six days.", "en"),
    ("26 people came.", "二十六名が来た。", "ja"),
    # counted: the same number twice, said twice (once in words)
    ("3 of 3 members agreed.", "3人のうち三人が賛成した。", "ja"),
])
def test_times_and_numbers_in_words_are_kept(msgid, msgstr, language):
    from publisher.lang.numbers import missing_numbers

    assert missing_numbers(msgid, msgstr, language) == []


@pytest.mark.parametrize(("msgid", "msgstr", "language", "missing"), [
    # counted: a number the translation says fewer times than the source
    ("3 of 3 members agreed.", "3人が賛成した。", "ja", [("3", 2, 1)]),
    ("It met in 2019 and 2020.", "2020年と2020年に会合した。", "ja", [("2019", 1, 0)]),
    ("It met in 2020 and again in 2020.", "2020年に会合した。", "ja", [("2020", 2, 1)]),
    # a time of the wrong half of the day, or another time
    ("It starts at 9:00 am.", "午後9時に始まる。", "ja", [("9:00 am", 1, 0)]),
    ("We meet from 9:00 am to 4:00 pm.", "午前9時から午後9時まで会う。", "ja",
     [("4:00 pm", 1, 0)]),
    # words that only look like numbers
    ("1 country", "한국", "ko", [("1", 1, 0)]),  # 한 of 한국
    ("3 worlds", "세계", "ko", [("3", 1, 0)]),
    ("10 people", "열이 났다", "ko", [("10", 1, 0)]),  # 열: a fever
    ("0 items", "영국 물품", "ko", [("0", 1, 0)]),  # 영 of 영국
    ("1 person", "하나님", "ko", [("1", 1, 0)]),
    ("6 days", "twenty-six days", "en", [("6", 1, 0)]),  # the six of twenty-six
    ("20 teams", "twenty-six teams", "en", [("20", 1, 0)]),
    ("9 hours", "9時間", "ja", []),  # a duration is a number, not a time
])
def test_numbers_said_too_few_times_are_found(msgid, msgstr, language, missing):
    from publisher.lang.numbers import missing_numbers

    found = missing_numbers(msgid, msgstr, language)
    assert [(n.text, n.count, n.said) for n in found] == missing


def test_a_number_said_too_few_times_is_told_how_often():
    entry = Entry(Message("3 of 3 members agreed.", "3人が賛成した。"), "en", "ja", Glossary(), True)
    assert list(check_entry(entry)) == [
        ("warning", "number", "the source says the number 3 twice, the translation once")]
    entry = Entry(Message("It starts at 9:00 am.", "午後9時に始まる。"), "en", "ja", Glossary(), True)
    assert list(check_entry(entry)) == [
        ("warning", "number", "the time 9:00 am is missing from the translation")]
