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
