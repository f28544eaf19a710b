"""`publisher update` end to end: files, formatting, idempotence, --check."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, make_project, msgcat, msgfmt_check, run, snapshot
from publisher.po.read import read_catalog

REPORT = """---
title: A report
lang: en
---
# A report

Its first paragraph, wrapped
over two lines.

- A list item
- Another item

| Column | Other |
|--------|-------|
| cell   | value |
"""


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").rglob("*.pot"))


def test_repository_catalogs_are_gnu_formatted_and_valid():
    files = catalogs(REPO)
    assert len(files) >= 8
    for path in files:
        assert msgcat(path, 79) == path.read_bytes(), path
        checked = msgfmt_check(path)
        assert checked.returncode == 0, checked.stderr


def test_repository_catalogs_are_up_to_date(runner):
    result = run(runner, REPO, "update", "--check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("width", [79, 0, 40])
def test_update_writes_gnu_formatted_catalogs(runner, tmp_path, width):
    root = make_project(tmp_path, {"content/reports/r.md": REPORT},
                        f"[build]\nwrap_width = {width}\n")
    result = run(runner, root, "update")
    assert result.exit_code == 0, result.output
    files = catalogs(root)
    assert [p.relative_to(root).as_posix() for p in files] == [
        "locales/ja/reports/r.po", "locales/ko/reports/r.po", "locales/templates/reports/r.pot"]
    for path in files:
        assert msgcat(path, width) == path.read_bytes(), path
        assert msgfmt_check(path).returncode == 0
    text = (root / "locales/ja/reports/r.po").read_text()
    assert "#: content/reports/r.md:7\n" in text and "#. list item\n" in text
    assert '"Language: ja\\n"' in text and "nplurals=1; plural=0;" in text


def test_second_update_changes_nothing(runner, sample):
    run(runner, sample, "update")
    before = snapshot(sample / "locales")
    result = run(runner, sample, "update")
    assert result.exit_code == 0
    assert snapshot(sample / "locales") == before
    assert "up to date" in result.output


def test_update_check_reports_and_writes_nothing(runner, sample):
    report = sample / "content/reports/2024-korea-japan-workshop.md"
    report.write_text(report.read_text().replace("## Conclusion", "## Conclusions"))
    before = snapshot(sample)
    result = run(runner, sample, "update", "--check")
    assert result.exit_code == 1
    assert "locales/ja/reports/2024-korea-japan-workshop.po" in result.output
    assert snapshot(sample) == before
    assert run(runner, sample, "update").exit_code == 0
    assert run(runner, sample, "update", "--check").exit_code == 0


def test_korean_report_gets_english_and_japanese_catalogs(runner, tmp_path):
    root = make_project(tmp_path, {"content/k.md": "---\nlang: ko\n---\n한국어 보고서입니다.\n"})
    run(runner, root, "update")
    assert (root / "locales/en/k.po").is_file() and (root / "locales/ja/k.po").is_file()
    assert not (root / "locales/ko/k.po").exists()


def test_lang_and_report_options(runner, tmp_path):
    root = make_project(tmp_path, {"content/a.md": "A text.\n", "content/b.md": "B text.\n"})
    assert run(runner, root, "update", "--lang", "ja", "--report", "a").exit_code == 0
    assert sorted(p.relative_to(root).as_posix() for p in (root / "locales").rglob("*.po*")) \
        == ["locales/ja/a.po", "locales/templates/a.pot"]
    result = run(runner, root, "update", "--lang", "fr")
    assert result.exit_code == 2 and "fr" in result.output
    result = run(runner, root, "update", "--report", "../etc/passwd")
    assert result.exit_code == 2 and "outside the project" in result.output


def test_translations_follow_an_edited_source(runner, sample):
    report = sample / "content/reports/2024-korea-japan-workshop.md"
    text = report.read_text()
    report.write_text(text.replace("Changing political dynamics", "Shifting political dynamics"))
    path = sample / "locales/ja/reports/2024-korea-japan-workshop.po"
    run(runner, sample, "update")
    entries = {m.msgid: m for m in read_catalog(path.read_bytes(), path).messages}
    edited = entries["Shifting political dynamics and the importance of a multilateral framework."]
    assert edited.fuzzy and edited.msgstr == "変化する政治力学と多国間枠組みの重要性"
    assert edited.previous_msgid.startswith("Changing political dynamics")
    assert entries[edited.previous_msgid].obsolete
    report.write_text(text)
    run(runner, sample, "update")
    entries = read_catalog(path.read_bytes(), path).messages
    assert not any(m.fuzzy for m in entries if not m.obsolete)


def test_an_internal_fault_is_one_line_and_exit_3(runner, sample, monkeypatch):
    import publisher.ops.update

    def broken(*args, **kwargs):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(publisher.ops.update, "discover", broken)
    result = runner.invoke(__import__("publisher.cli").cli.cli, ["--root", str(sample), "update"])
    assert result.exit_code == 3
    assert "internal error (RuntimeError: simulated fault)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("declared", ["ja_JP", "ja-JP", "JA", "ja_JP.UTF-8", "Japanese"])
def test_a_language_header_as_other_tools_write_it_is_accepted(runner, tmp_path, declared):
    """Poedit, Crowdin and Babel write a territory (ja_JP), old headers the English name:
    the file is still Japanese, in the Japanese folder; the translator's header is kept."""
    root = make_project(tmp_path, {"content/r.md": REPORT})
    assert run(runner, root, "update").exit_code == 0
    po = root / "locales/ja/r.po"
    text = po.read_text().replace('"Language: ja\\n"', f'"Language: {declared}\\n"')
    po.write_text(text.replace('msgid "A list item"\nmsgstr ""',
                               'msgid "A list item"\nmsgstr "リスト項目"'))
    for command in ("status", "check", "update"):
        result = run(runner, root, command)
        assert result.exit_code in (0, 1), result.output
    kept = po.read_text()
    assert f'"Language: {declared}\\n"' in kept and 'msgstr "リスト項目"' in kept
    assert msgfmt_check(po).returncode == 0


def test_a_language_header_for_another_project_language_names_its_folder(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": REPORT})
    assert run(runner, root, "update").exit_code == 0
    po = root / "locales/ja/r.po"
    po.write_text(po.read_text().replace('"Language: ja\\n"', '"Language: ko_KR\\n"'))
    result = run(runner, root, "status")
    assert result.exit_code == 2
    assert "locales/ja/r.po:" in result.output and "Language: ko_KR" in result.output
    assert "locales/ko/" in result.output and "locales/ko_KR/" not in result.output
