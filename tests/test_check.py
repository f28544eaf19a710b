"""`publisher check`: seeded defects are found with their line; clean catalogs pass."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import make_project, run
from publisher.poformat import format_catalog
from publisher.poread import read_catalog

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
    assert len(fuzzy) == 2 and all(f["severity"] == "warning" for f in fuzzy)


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
