"""`publisher status`: counts agree with GNU gettext, words are counted per script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, make_project, run
from counts import language_percent, msgfmt_statistics, project_coverage, project_reports
from publisher.lang.text import count_words
from publisher.po.read import read_catalog
from publisher.po.stats import coverage

OTHER_TOOLS = r'''# written by hand, as other tools do
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#, fuzzy
msgid "empty but fuzzy"
msgstr ""

#, fuzzy, c-format
msgid "fuzzy %d"
msgstr "F %d"

msgid "done"
msgstr "D"

msgid "one file"
msgid_plural "%d files"
msgstr[0] "un"
msgstr[1] ""

msgid "plural untranslated"
msgid_plural "plurals"
msgstr[0] ""
msgstr[1] "x"

msgctxt "menu"
msgid "done"
msgstr ""

#~ msgid "old"
#~ msgstr "O"

#~ #, fuzzy
#~ msgid "older"
#~ msgstr "OO"
'''


def catalogs() -> list[Path]:
    return sorted(REPO.glob("locales/*/**/*.po"))


@pytest.mark.parametrize("path", catalogs(), ids=lambda p: str(p.relative_to(REPO)))
def test_message_counts_agree_with_msgfmt(path):
    catalog = read_catalog(path.read_bytes(), path)
    counts = coverage(catalog, catalog, "r", "xx", "en").messages
    assert (counts.translated, counts.fuzzy, counts.untranslated) == msgfmt_statistics(path)


def test_counts_agree_on_a_catalog_written_by_other_tools(tmp_path):
    path = tmp_path / "other.po"
    path.write_text(OTHER_TOOLS)
    catalog = read_catalog(path.read_bytes(), path)
    counts = coverage(catalog, catalog, "r", "xx", "en").messages
    assert (counts.translated, counts.fuzzy, counts.untranslated) == msgfmt_statistics(path)
    assert counts.obsolete == 2


@pytest.mark.parametrize("text", [
    # An empty msgid with a context is an ordinary entry, not the header.
    'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgctxt "menu"\nmsgid ""\nmsgstr "メニュー"\n\n#, fuzzy\nmsgctxt "tab"\nmsgid ""\n'
    'msgstr "タブ"\n\nmsgid "a"\nmsgstr "あ"\n',
    # A header entry left empty counts as one untranslated message.
    'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "あ"\n',
    '#, fuzzy\nmsgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr ""\n',
    # A fuzzy header with text is not counted at all; no header, nothing to count.
    '#, fuzzy\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "a"\nmsgstr "あ"\n',
    'msgid "a"\nmsgstr "あ"\n\nmsgid "b"\nmsgstr ""\n',
], ids=["empty-msgid-with-context", "empty-header", "empty-fuzzy-header", "fuzzy-header",
        "no-header"])
def test_counts_agree_on_header_edge_cases(tmp_path, text):
    path = tmp_path / "edge.po"
    path.write_text(text, encoding="utf-8")
    catalog = read_catalog(path.read_bytes(), path)
    counts = coverage(catalog, catalog, "r", "xx", "en").messages
    assert (counts.translated, counts.fuzzy, counts.untranslated) == msgfmt_statistics(path)


@pytest.mark.parametrize(("text", "language", "words"), [
    ("The 2024 Korea–Japan workshop occurred amid significant global uncertainties.", "en", 9),
    ("Since 2021, the Toda Peace Institute has collaborated — with others.", "en", 10),
    ("日韓関係の未来を展望する", "ja", 12),
    ("第4回戸田記念国際平和研究所ワークショップ", "ja", 21),
    ("トランプ2.0と日韓関係", "ja", 10),
    ("한일 관계의 미래를 그리다", "ko", 4),
    ("도다평화연구소는 2021년부터 세종연구소와 함께", "ko", 4),
    ("「凍結」する案", "ja", 5),
    ("日本・東京", "ja", 4),  # the middle dot is punctuation
    ("人口〇〇人", "ja", 5),
    ("人々の㈱トヨタ", "ja", 7),
])
def test_words_are_counted_per_script(text, language, words):
    assert count_words(text, language) == words


_MARKS_AND_LETTERS = st.sampled_from(list(
    "ab9_-.*—…,\u0301 \t\n\u3000\xa0\x1c\u2028日本語ひらカナ한국어"))


def _spaced_words(text: str) -> int:
    return sum(1 for token in text.split() if any(c.isalnum() and c != "_" for c in token))


@settings(max_examples=2000, deadline=None)
@given(st.text(_MARKS_AND_LETTERS, max_size=60) | st.text(max_size=60),
       st.sampled_from(["en", "ko"]))
def test_a_word_is_a_spaced_token_with_a_letter_or_digit(text, language):
    """Whatever the text: a word is a whitespace-separated token holding a letter or digit;
    underscores and marks alone are not words."""
    assert count_words(text, language) == _spaced_words(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(_MARKS_AND_LETTERS, max_size=60))
def test_japanese_counts_each_kana_and_kanji_and_the_spaced_words_between(text):
    unspaced = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    expected = len(unspaced.findall(text)) + _spaced_words(unspaced.sub(" ", text))
    assert count_words(text, "ja") == expected


def test_word_counting_is_linear_on_long_runs_of_marks():
    assert count_words("-" * 200_000 + " word", "en") == 1
    assert count_words("_" * 200_000 + "a", "ko") == 1


def test_markup_urls_and_code_do_not_count(tmp_path):
    root = make_project(tmp_path, {"content/r.md":
                                   "See **the [full report](https://example.org/a/b)** and "
                                   "`some code here` at <https://example.org> now.\n"})
    result = run_json(tmp_path, root)
    assert result["reports"][0]["languages"]["ja"]["words"]["total"] == 7


def run_json(tmp_path, root, *extra):
    from click.testing import CliRunner
    assert run(CliRunner(), root, "update").exit_code == 0
    result = run(CliRunner(), root, "status", "--format", "json", *extra)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_json_follows_the_contract(runner, sample):
    result = run(runner, sample, "status", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"reports", "languages"}
    expected = project_coverage(sample)
    reports = project_reports(sample)
    by_slug = {r["slug"]: r for r in data["reports"]}
    assert set(by_slug) == set(reports)
    for slug, source in reports.items():
        targets = {language for report, language in expected if report == slug}
        assert by_slug[slug]["source_language"] == source
        assert set(by_slug[slug]["languages"]) == targets
        for language in targets:
            got, want = by_slug[slug]["languages"][language], expected[slug, language]
            translated, fuzzy, untranslated = want.messages
            assert got["messages"] == {"total": translated + fuzzy + untranslated,
                                       "translated": translated, "fuzzy": fuzzy,
                                       "untranslated": untranslated,
                                       "obsolete": want.obsolete}, (slug, language)
            # fuzzy work is never counted as done
            assert got["words"] == {"total": want.words, "translated": want.translated_words,
                                    "fuzzy": want.fuzzy_words,
                                    "untranslated": want.untranslated_words}, (slug, language)
            # rounded down to one decimal, as the contract says (28.48 % is 28.4 %)
            assert got["percent"] == want.percent, (slug, language)
    # The sample shows every state: complete editions, and one below 100 % with fuzzy
    # entries.
    assert any(c.percent < 100 and c.messages[1] for c in expected.values())
    for language in ("en", "ja", "ko"):
        pairs = [c for (_, lang), c in expected.items() if lang == language]
        total = data["languages"][language]
        assert total["words"]["total"] == sum(c.words for c in pairs)
        assert total["percent"] == language_percent(pairs)


def test_fail_under(runner, sample):
    expected = project_coverage(sample)
    ja = language_percent([c for (_, lang), c in expected.items() if lang == "ja"])
    ko = language_percent([c for (_, lang), c in expected.items() if lang == "ko"])
    assert ja < 100 and ko == 100
    assert run(runner, sample, "status", "--fail-under", str(int(ja))).exit_code == 0
    result = run(runner, sample, "status", "--fail-under", f"{ja + 0.1:.1f}")
    assert result.exit_code == 1 and "ja" in result.output
    assert run(runner, sample, "status", "--lang", "ko", "--fail-under", "100").exit_code == 0


def test_table_fits_the_terminal_keeps_names_whole_and_markdown_is_a_table(runner, sample):
    from publisher.config import load_config
    from publisher.ops.status import collect
    from publisher.ops.statusviews import as_table

    table = run(runner, sample, "status").stdout
    assert "\x1b[" not in table  # no colour when not on a terminal
    slugs = [p.relative_to(sample / "content").with_suffix("").as_posix()
             for p in (sample / "content").rglob("*.md")]
    assert all(slug in table for slug in slugs)  # in a pipe, names are whole
    status = collect(load_config(sample))
    narrow = as_table(status, 80, width=80)
    assert max(len(line) for line in narrow.splitlines()) <= 80
    wide = as_table(status, 80, width=160)
    assert all(slug in wide for slug in slugs)  # a wide terminal has room for them
    markdown = run(runner, sample, "status", "--format", "markdown").stdout
    assert markdown.startswith("| Report | Language |")
    for (slug, language), want in project_coverage(sample).items():
        source = project_reports(sample)[slug]
        translated, fuzzy, untranslated = want.messages
        assert (f"| `{slug}` | {source}→{language} | {want.percent:.1f}% | {translated} | "
                f"{fuzzy} | {untranslated} | {want.obsolete} | {want.words} |") in markdown


def test_html_dashboard(runner, sample):
    result = run(runner, sample, "status", "--format", "html")
    assert result.exit_code == 0
    page = (sample / "site/status/index.html").read_text()
    assert "reports/2024-workshop-sessions-summary" in page and 'class="bar"' in page
    assert "Japanese translation team" in page
    todo = (sample / "site/status/ja/reports/2024-workshop-sessions-summary.html").read_text()
    assert "fuzzy" in todo and "untranslated" in todo


def test_dashboard_names_no_translator_for_a_catalog_nobody_saved(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": "# Title\n\nSome words here.\n"})
    assert run(runner, root, "update").exit_code == 0
    assert run(runner, root, "status", "--format", "html").exit_code == 0
    page = (root / "site/status/index.html").read_text(encoding="utf-8")
    assert "Automatically generated" not in page
    catalog = root / "locales/ja/r.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "Automatically generated", "Hanako Yamada <hanako@example.org>"), encoding="utf-8")
    assert run(runner, root, "status", "--format", "html").exit_code == 0
    assert "Hanako Yamada" in (root / "site/status/index.html").read_text(encoding="utf-8")


def _translate(path: Path, texts: dict[str, str]) -> None:
    from dataclasses import replace

    from publisher.po.write import format_catalog

    catalog = read_catalog(path.read_bytes(), path)
    catalog = replace(catalog, messages=tuple(replace(m, msgstr=texts.get(m.msgid, m.msgstr))
                                              for m in catalog.messages))
    path.write_text(format_catalog(catalog, 79), encoding="utf-8")


def test_percentages_are_rounded_down_so_a_gate_means_what_it_says(runner, tmp_path):
    """3998 of 3999 words is 99.9 %, and --fail-under 100 fails on it."""
    from publisher.po.stats import share

    assert share(3998, 3999) == 99.9 and share(3999, 3999) == 100.0
    assert share(799, 1000) == 79.9 and share(0, 5) == 0.0 and share(0, 0) == 100.0
    words = " ".join(f"w{i}" for i in range(40))
    root = make_project(tmp_path, {"content/r.md": f"{words}\n\nlast\n"},
                        config='[project]\nlanguages = ["en", "ja"]\n')
    assert run(runner, root, "update").exit_code == 0
    _translate(root / "locales/ja/r.po", {words: "訳"})
    result = run(runner, root, "status", "--format", "json", "--fail-under", "100")
    data = json.loads(result.stdout)
    assert data["languages"]["ja"]["percent"] == 97.5 and result.exit_code == 1


def test_words_are_the_sources_even_when_the_catalog_is_behind(runner, tmp_path):
    """A catalog not brought up to date (an entry missing, one left from an old text) cannot
    make a report look more done than its edition: status and build agree."""
    root = make_project(tmp_path, {"content/r.md": "First paragraph here.\n\nSecond one.\n"},
                        config='[project]\nlanguages = ["en", "ja"]\n')
    assert run(runner, root, "update").exit_code == 0
    po = root / "locales/ja/r.po"
    text = po.read_text().replace('msgid "First paragraph here."\nmsgstr ""',
                                  'msgid "First paragraph here."\nmsgstr "最初の段落。"')
    text = text.replace('msgid "Second one."\nmsgstr ""',
                        'msgid "An old text of many more words than now"\nmsgstr "古い"')
    po.write_text(text)
    data = json.loads(run(runner, root, "status", "--format", "json").stdout)
    ja = data["reports"][0]["languages"]["ja"]
    assert ja["words"] == {"total": 5, "translated": 3, "fuzzy": 0, "untranslated": 2}
    built = run(runner, root, "build", "--format", "md")
    assert "skipped ja/r: 60% translated" in built.output


def test_table_columns_line_up_with_wide_characters_and_markdown_cells_hold():
    """Japanese and Korean slugs take two columns a character; a slug with | or ` stays in
    its Markdown cell; links to pages with # or ? in their slug still work."""
    import markdown_it

    from publisher.editions.pages import href
    from publisher.ops.statusviews import _code, _fit, _width

    for slug in ("reports/ja/東アジアの安全保障について考える長いスラッグ名", "정책-브리프", "plain"):
        assert _width(_fit(slug, 32)) == 32
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    for slug in ("a|b`c", "`x`", "two\nlines"):
        html = md.render(f"| A | B |\n| --- | --- |\n| {_code(slug)} | x |\n")
        assert html.count("<td>") == 2, html
    assert href("status/index.html", "ja/c#-notes.html") == "../ja/c%23-notes.html"


def test_the_dashboard_says_when_a_catalog_is_behind_its_source(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": "First paragraph here.\n"},
                        config='[project]\nlanguages = ["en", "ja"]\n')
    assert run(runner, root, "update").exit_code == 0
    assert run(runner, root, "status", "--format", "html").exit_code == 0
    assert "behind its source" not in (root / "site/status/index.html").read_text()
    (root / "content/r.md").write_text("First paragraph here.\n\nA new one.\n")
    assert run(runner, root, "status", "--format", "html").exit_code == 0
    assert "behind its source: run publisher update" in (
        root / "site/status/index.html").read_text()
