"""`publisher check`: seeded defects are found with their line; clean catalogs pass."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import make_project, run
from counts import fuzzy_msgids
from publisher.po.read import read_catalog
from publisher.po.write import format_catalog

SOURCE = """---
title: Workshop on Korea–Japan relations
---
# Findings

The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]

Write to info@example.org or see https://example.org/report for details.

Participants met for **two days** and discussed `trust-building` measures.

[^1]: Held in Seoul.
"""

GOOD = {
    "Workshop on Korea–Japan relations": "日韓関係に関するワークショップ",
    "Findings": "調査結果",
    "The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]":
        "[世宗研究所](https://www.sejong.org/)が2024年に会合を主催した。[^1]",
    "Write to info@example.org or see https://example.org/report for details.":
        "詳細は info@example.org までお問い合わせいただくか、https://example.org/report をご覧ください。",
    "Participants met for **two days** and discussed `trust-building` measures.":
        "参加者は**2日間**にわたり`trust-building`の方策を議論した。",
    "Held in Seoul.": "ソウルで開催。",
}

GLOSSARY = "en,ja,ko,note\nSejong Institute,世宗研究所,세종연구소,official name\n"


def project(tmp_path, runner, translations, language="ja"):
    root = make_project(tmp_path, {"content/r.md": SOURCE, "locales/glossary.csv": GLOSSARY})
    assert run(runner, root, "update").exit_code == 0
    path = root / f"locales/{language}/r.po"
    catalog = read_catalog(path.read_bytes(), path)
    catalog = replace(catalog, messages=tuple(
        replace(m, msgstr=translations.get(m.msgid, m.msgstr)) for m in catalog.messages))
    path.write_text(format_catalog(catalog, 79), encoding="utf-8")
    return root, read_catalog(path.read_bytes(), path)


def findings(runner, root):
    result = run(runner, root, "check", "--format", "json")
    data = json.loads(result.stdout)
    # Written a finding at a time, laid out as json.dumps lays out the whole.
    assert result.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return result.exit_code, data


def test_clean_catalog_has_no_finding(runner, tmp_path):
    root, _ = project(tmp_path, runner, GOOD)
    code, data = findings(runner, root)
    assert [f for f in data["findings"] if f["language"] == "ja"] == []
    assert code == 0


def test_sample_catalogs_have_no_error(runner, sample):
    result = run(runner, sample, "check")
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


SEEDED = [
    ("broken link", "The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]",
     "[世宗研究所](https://www.sejong.org)が2024年に会合を主催した。[^1]", "error", "link-target"),
    ("dropped footnote", "The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]",
     "[世宗研究所](https://www.sejong.org/)が2024年に会合を主催した。", "error", "footnote"),
    ("missing year", "The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]",
     "[世宗研究所](https://www.sejong.org/)が会合を主催した。[^1]", "error", "number"),
    ("changed URL", "Write to info@example.org or see https://example.org/report for details.",
     "詳細は info@example.org までお問い合わせいただくか、https://example.org/reports をご覧ください。",
     "error", "url"),
    ("changed e-mail", "Write to info@example.org or see https://example.org/report for details.",
     "詳細は info@example.jp までお問い合わせいただくか、https://example.org/report をご覧ください。",
     "error", "url"),
    ("glossary", "The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]",
     "[セジョン研究所](https://www.sejong.org/)が2024年に会合を主催した。[^1]", "warning",
     "glossary"),
    ("Latin full stop", "Held in Seoul.", "ソウルで開催.", "error", "ja-punctuation"),
    ("Latin comma", "Participants met for **two days** and discussed `trust-building` measures.",
     "参加者は**2日間**にわたり,`trust-building`の方策を議論した。", "error", "ja-punctuation"),
    ("code changed", "Participants met for **two days** and discussed `trust-building` measures.",
     "参加者は**2日間**にわたり`信頼醸成`の方策を議論した。", "error", "code"),
    ("unbalanced emphasis", "Participants met for **two days** and discussed `trust-building` measures.",
     "参加者は**2日間にわたり`trust-building`の方策を議論した。", "error", "emphasis"),
    ("raw html added", "Held in Seoul.", "<b>ソウル</b>で開催。", "error", "html"),
    ("untranslated copy", "Held in Seoul.", "Held in Seoul.", "warning", "identical"),
    ("half-width parentheses", "Held in Seoul.", "ソウル(韓国)で開催。", "warning",
     "ja-parentheses"),
    ("space between kanji", "Findings", "調査 結果", "warning", "ja-space"),
    ("double space", "Held in Seoul.", "ソウルで  開催。", "warning", "whitespace"),
]


@pytest.mark.parametrize(("name", "msgid", "msgstr", "severity", "code"), SEEDED,
                         ids=[s[0] for s in SEEDED])
def test_seeded_defect_is_found_with_its_line(runner, tmp_path, name, msgid, msgstr, severity,
                                             code):
    root, catalog = project(tmp_path, runner, {**GOOD, msgid: msgstr})
    line = next(m.line for m in catalog.messages if m.msgid == msgid)
    exit_code, data = findings(runner, root)
    found = [f for f in data["findings"] if f["code"] == code]
    assert found, data
    assert found[0]["line"] == line and found[0]["severity"] == severity
    assert found[0]["file"] == "locales/ja/r.po" and found[0]["msgid"] == msgid
    assert found[0]["report"] == "r" and found[0]["language"] == "ja"
    assert exit_code == (1 if severity == "error" else 0)
    assert data["summary"]["errors"] == sum(f["severity"] == "error" for f in data["findings"])


def test_korean_is_not_flagged_for_latin_punctuation(runner, tmp_path):
    root, _ = project(tmp_path, runner, {"Held in Seoul.": "서울에서 열렸다."}, language="ko")
    _, data = findings(runner, root)
    assert not [f for f in data["findings"] if f["language"] == "ko"
                and f["code"].endswith("punctuation")]


def test_japanese_years_and_months_written_the_japanese_way(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": "It was held on 15 November 2024.\n"})
    run(runner, root, "update")
    path = root / "locales/ja/r.po"
    catalog = read_catalog(path.read_bytes(), path)
    catalog = replace(catalog, messages=(replace(catalog.messages[0],
                                                 msgstr="２０２４年１１月１５日に開催された。"),))
    path.write_text(format_catalog(catalog, 79))
    _, data = findings(runner, root)
    assert [f for f in data["findings"] if f["language"] == "ja"] == []


def test_fuzzy_entries_are_warnings(runner, sample):
    _, data = findings(runner, sample)
    fuzzy = [f for f in data["findings"] if f["code"] == "fuzzy"]
    # One per fuzzy entry that GNU msgattrib finds in the catalogs.
    expected = sum(len(fuzzy_msgids(path)) for path in sample.glob("locales/*/**/*.po"))
    assert expected and len(fuzzy) == expected
    assert all(f["severity"] == "warning" for f in fuzzy)


def test_publisher_ignore_silences_one_check(runner, tmp_path):
    root, catalog = project(tmp_path, runner, {**GOOD, "Held in Seoul.": "ソウルで開催."})
    path = root / "locales/ja/r.po"
    catalog = replace(catalog, messages=tuple(
        replace(m, translator_comments=("publisher-ignore: ja-punctuation",))
        if m.msgid == "Held in Seoul." else m for m in catalog.messages))
    path.write_text(format_catalog(catalog, 79))
    code, data = findings(runner, root)
    assert code == 0 and not [f for f in data["findings"] if f["code"] == "ja-punctuation"]


def test_text_format_names_file_and_line(runner, tmp_path):
    root, catalog = project(tmp_path, runner, {**GOOD, "Held in Seoul.": "ソウルで開催."})
    line = next(m.line for m in catalog.messages if m.msgid == "Held in Seoul.")
    result = run(runner, root, "check")
    assert result.exit_code == 1
    assert f"locales/ja/r.po:{line}: error [ja-punctuation]" in result.output


# Found by seeding defects in catalogs written for another project: each must be found...
MORE_SEEDED = [
    ("full stop after 々", "Held in Seoul.", "ソウルの人々.", "error", "ja-punctuation"),
    ("full stop after a bracket", "Held in Seoul.", "「ソウル」で開催」.", "error",
     "ja-punctuation"),
    ("full stop after a percentage", "Held in Seoul.", "ソウルで開催。参加率は58%.", "error",
     "ja-punctuation"),
    ("comma before a digit", "Held in Seoul.", "ソウルで,2回開催。", "error", "ja-punctuation"),
    ("comma before a bracket", "Held in Seoul.", "ソウルで,「開催」。", "error",
     "ja-punctuation"),
    ("nested half-width parentheses", "Held in Seoul.", "ソウル(韓国(KR)の首都)で開催。",
     "warning", "ja-parentheses"),
    ("double ideographic space", "Held in Seoul.", "ソウルで　　開催。", "warning",
     "whitespace"),
    ("missing year",
     "The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]",
     "[世宗研究所](https://www.sejong.org/)が会合を主催した。[^1]", "error", "number"),
]


@pytest.mark.parametrize(("name", "msgid", "msgstr", "severity", "code"), MORE_SEEDED,
                         ids=[s[0] for s in MORE_SEEDED])
def test_more_seeded_defects_are_found(runner, tmp_path, name, msgid, msgstr, severity, code):
    root, catalog = project(tmp_path, runner, {**GOOD, msgid: msgstr})
    line = next(m.line for m in catalog.messages if m.msgid == msgid)
    _, data = findings(runner, root)
    found = [f for f in data["findings"] if f["code"] == code and f["line"] == line]
    assert found and found[0]["severity"] == severity, data


# ...and none of these good translations may be flagged.
GOOD_VARIANTS = [
    ("ja", "Write to info@example.org or see https://example.org/report for details.",
     "詳細はinfo@example.orgまで。https://example.org/reportをご覧ください。"),
    ("ja", "Write to info@example.org or see https://example.org/report for details.",
     "詳細（https://example.org/report）はinfo@example.orgまでお問い合わせください。"),
    ("ko", "Write to info@example.org or see https://example.org/report for details.",
     "자세한 내용은 info@example.org로 문의하거나 https://example.org/report에서 확인하십시오."),
    ("ja", "Participants met for **two days** and discussed `trust-building` measures.",
     "参加者は**二日間**にわたり`trust-building`の方策を議論した（`f(x)`参照）。"),
]


@pytest.mark.parametrize(("language", "msgid", "msgstr"), GOOD_VARIANTS)
def test_good_translations_are_not_flagged(runner, tmp_path, language, msgid, msgstr):
    root, _ = project(tmp_path, runner, {msgid: msgstr}, language=language)
    _, data = findings(runner, root)
    assert [f for f in data["findings"] if f["msgid"] == msgid] == [], data


@pytest.mark.parametrize(("msgid", "msgstr", "language"), [
    ("It cost 4.2 million euros.", "420万ユーロかかった。", "ja"),
    ("It cost 4.2 million euros.", "420만 유로가 들었다.", "ko"),
    ("80,000 people came.", "8万人が来た。", "ja"),
    ("1,200 homes were protected.", "千二百戸が守られた。", "ja"),
    ("It began in 1981.", "一九八一年に始まった。", "ja"),
    ("It began in 2024.", "令和6年に始まった。", "ja"),
    ("26 people came.", "이십육 명이 왔다.", "ko"),
    ("It met 12 times.", "It met twelve times.", "en"),
    ("예산 1조 2천억 원을 투입한다.", "A budget of 1.2 trillion won goes in.", "en"),
    ("예산 1조 2천억 원을 투입한다.", "予算1兆2000億ウォンを投入する。", "ja"),
    ("출생아 수는 27만 2천 명이었다.", "出生数は27万2000人だった。", "ja"),
    ("約1億2000万人が住む。", "About 120 million people live there.", "en"),
    ("令和6年度の予算", "the budget for FY2024", "en"),
    ("3割が賛成した。", "Thirty percent agreed.", "en"),
    ("공동 보고서 발간(연 1회)", "A joint report (once a year)", "en"),
])
def test_numbers_written_another_way_are_kept(msgid, msgstr, language):
    from publisher.lang.numbers import missing_numbers

    assert missing_numbers(msgid, msgstr, language) == []


@pytest.mark.parametrize(("msgid", "msgstr", "language", "missing", "year"), [
    ("It met 12 times.", "It decided to meet.", "en", "12", False),  # not "dec"(ember)
    ("It met 10 times.", "It often met.", "en", "10", False),
    ("1 of them agreed.", "一方で賛成した。", "ja", "1", False),  # 一方 is not 1
    ("1,200 homes were protected.", "家が守られた。", "ja", "1,200", False),  # not a year
    ("It began in 1999.", "始まった。", "ja", "1999", True),
    ("예산은 1조 원이다.", "The budget is 1 billion won.", "en", "1조", False),  # 1000x off
    ("1,735억 원", "1,735万ウォン", "ja", "1,735억", False),
])
def test_missing_numbers_are_reported_once_as_written(msgid, msgstr, language, missing, year):
    from publisher.lang.numbers import missing_numbers

    found = missing_numbers(msgid, msgstr, language)
    assert [(n.text, n.is_year) for n in found] == [(missing, year)]


def test_a_glossary_term_is_found_in_the_plural(runner, tmp_path):
    from publisher.ops.check.glossary import Glossary, Term

    glossary = Glossary((Term({"en": ("sea wall",), "ja": ("防潮堤",)}),))
    assert glossary.expected("en", "ja", "Towns must raise their sea walls.")
    assert not glossary.expected("ja", "en", "Walls.")
    from publisher.ops.check.glossary import contains_any

    assert contains_any("Local policies differ.", ("local policy",), "en")


def test_a_dropped_footnote_reference_blames_its_own_entry_only(runner, tmp_path):
    """The note vanishes far from the paragraph; the finding and the fallback are on the
    paragraph, and the note keeps its translation."""
    msgid = "The [Sejong Institute](https://www.sejong.org/) hosted the meeting in 2024.[^1]"
    root, catalog = project(tmp_path, runner, {
        **GOOD, msgid: "[世宗研究所](https://www.sejong.org/)が2024年に会合を主催した。"})
    _, data = findings(runner, root)
    structure = [f for f in data["findings"] if f["code"] == "structure"]
    assert [f["msgid"] for f in structure] == [msgid]
    assert "footnote" in structure[0]["message"]
    assert run(runner, root, "build", "--format", "md", "--force").exit_code == 0
    edition = (root / "site-md/ja/r.md").read_text()
    assert "[^1]: ソウルで開催。" in edition and msgid in edition


def test_reference_style_links_are_links(runner, tmp_path):
    """[text][label] is a link through the report's definitions: rewriting it inline to the
    same address is fine; a label that no longer resolves loses the link."""
    source = "See the [press release][mois] for details.\n\n[mois]: https://www.mois.go.kr/\n"
    root = make_project(tmp_path, {"content/r.md": source})
    assert run(runner, root, "update").exit_code == 0
    msgid = "See the [press release][mois] for details."
    for language, msgstr, codes in (
            ("ja", "詳細は[報道資料](https://www.mois.go.kr/)を参照。", []),
            ("ko", "자세한 내용은 [보도자료][moi]를 참조하라.", ["link-target"])):
        path = root / f"locales/{language}/r.po"
        catalog = read_catalog(path.read_bytes(), path)
        catalog = replace(catalog, messages=tuple(
            replace(m, msgstr=msgstr) if m.msgid == msgid else m for m in catalog.messages))
        path.write_text(format_catalog(catalog, 79), encoding="utf-8")
    _, data = findings(runner, root)
    for language, codes in (("ja", []), ("ko", ["link-target"])):
        assert [f["code"] for f in data["findings"] if f["language"] == language] == codes


@pytest.mark.parametrize(("msgid", "msgstr", "code"), [
    ("Participants met for **two days** and discussed `trust-building` measures.",
     "参加者は**2日間*にわたり`trust-building`の方策を議論した。", "emphasis"),
    ("Held in Seoul.", "ソウルで開催した割合は50.7%. 次に", "ja-punctuation"),
])
def test_stray_markers_and_periods_mid_text(runner, tmp_path, msgid, msgstr, code):
    root, _ = project(tmp_path, runner, {**GOOD, msgid: msgstr})
    _, data = findings(runner, root)
    assert [f for f in data["findings"] if f["code"] == code and f["msgid"] == msgid], data


@pytest.mark.parametrize(("language", "msgid", "msgstr"), [
    ("ja", "Participants met for **two days** and discussed `trust-building` measures.",
     "参加者は**2日間**にわたり `trust-building` の方策を議論した。"),  # spaces by code
    ("ko", "Held in Seoul.", "Held in Seoul."),  # ... not "OECD", which is checked below
])
def test_spaces_around_code_are_not_spaces_between_kanji(runner, tmp_path, language, msgid,
                                                         msgstr):
    root, _ = project(tmp_path, runner, {**GOOD, msgid: msgstr}, language=language)
    _, data = findings(runner, root)
    codes = [f["code"] for f in data["findings"] if f["msgid"] == msgid]
    assert "ja-space" not in codes


def test_an_acronym_left_as_it_is_is_not_untranslated():
    from publisher.ops.check.glossary import Glossary
    from publisher.ops.check.rules import Entry, check_entry
    from publisher.po.model import Message

    for text, flagged in (("OECD", False), ("G7 / ISO-3166", False), ("Findings", True)):
        entry = Entry(Message(msgid=text, msgstr=text), "en", "ko", Glossary(), True)
        assert any(code == "identical" for _, code, _ in check_entry(entry)) is flagged, text


def test_bold_around_japanese_brackets_in_the_source_does_not_blame_the_translation():
    """**「地方創生」**は does not render as bold (CommonMark's flanking rules); the English
    translation that renders bold is not told it has one emphasis too many."""
    from publisher.ops.check.glossary import Glossary
    from publisher.ops.check.rules import Entry, check_entry
    from publisher.po.model import Message

    entry = Entry(Message(msgid="**「地方創生」**は、2014年に始まった政策である。",
                          msgstr="**“Regional revitalisation”** is a policy that began in 2014."),
                  "ja", "en", Glossary(), True)
    assert [code for _, code, _ in check_entry(entry)] == []
