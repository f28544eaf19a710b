"""The title of a link reference definition is a unit: extracted with its own kind, put back
between its quotes in each edition, escaped so that the definition stays one."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from markdown_it import MarkdownIt

from conftest import make_project, run
from publisher.po.read import read_catalog
from publisher.po.write import format_catalog
from publisher.source.segment import segment
from publisher.source.units import UnitKind

REPORT = """# Sources

The [press release][mois] and the [report][r] say so.

[mois]: https://www.mois.go.kr/ "Ministry of the \\"Interior\\" & Safety"
[r]: https://example.org/report
"""


def translate(root: Path, language: str, translations: dict[str, str]) -> None:
    path = root / f"locales/{language}/r.po"
    catalog = read_catalog(path.read_bytes(), path)
    catalog = replace(catalog, messages=tuple(
        replace(m, msgstr=translations.get(m.msgid, m.msgstr)) for m in catalog.messages))
    path.write_text(format_catalog(catalog, 79), encoding="utf-8")


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*" title="([^"]*)"', html)


def test_only_a_definition_with_a_title_gains_a_unit():
    document = segment(REPORT, Path("r.md"))
    assert [(u.kind, u.msgid) for u in document.units] == [
        (UnitKind.HEADING, "Sources"),
        (UnitKind.PARAGRAPH, "The [press release][mois] and the [report][r] say so."),
        (UnitKind.LINK_TITLE, 'Ministry of the "Interior" & Safety'),  # as readers see it
    ]
    title = document.units[-1]
    assert title.line == 5 and title.field == ("MOIS",)  # the label as the parser keeps it
    assert document.text[title.span.start:title.span.end] == \
        'Ministry of the \\"Interior\\" & Safety'


def test_the_title_is_in_the_template_as_a_link_title(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": REPORT})
    assert run(runner, root, "update").exit_code == 0
    template = (root / "locales/templates/r.pot").read_text()
    assert ('#. link title\n#: content/r.md:5\n'
            'msgid "Ministry of the \\"Interior\\" & Safety"\n') in template
    assert template.count("msgid ") == 4  # the header, two blocks and the title


def test_a_translated_title_is_put_back_escaped(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": REPORT})
    assert run(runner, root, "update").exit_code == 0
    title = '行政安全部の"資料" (a\\b) & \'報告\''
    translate(root, "ja", {
        "Sources": "出典",
        "The [press release][mois] and the [report][r] say so.":
            "[報道資料][mois]と[報告書][r]がそう述べている。",
        'Ministry of the "Interior" & Safety': title,
    })
    assert run(runner, root, "build", "--format", "md").exit_code == 0
    assert run(runner, root, "build").exit_code == 0
    edition = (root / "site-md/ja/r.md").read_text()
    html = (root / "site/ja/r.html").read_text()
    # The oracle: markdown-it's own rendering of the definition written by hand.
    by_hand = MarkdownIt("commonmark").render(
        "[x][m]\n\n[m]: https://www.mois.go.kr/ "
        "'行政安全部の\"資料\" (a\\\\b) & \\'報告\\''\n")
    expected = titles(by_hand)
    assert expected == ["行政安全部の&quot;資料&quot; (a\\b) &amp; '報告'"]
    assert titles(html) == expected
    assert titles(MarkdownIt("commonmark").render(edition)) == expected
    assert "[r]: https://example.org/report" in edition  # the other definition as it was
    result = run(runner, root, "check", "--format", "json")
    assert json.loads(result.stdout)["findings"] == []


def test_an_untranslated_title_stays_and_marks_no_block(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": REPORT})
    assert run(runner, root, "update").exit_code == 0
    translate(root, "ja", {
        "Sources": "出典",
        "The [press release][mois] and the [report][r] say so.":
            "[報道資料][mois]と[報告書][r]がそう述べている。",
    })
    assert run(runner, root, "build", "--force").exit_code == 0
    html = (root / "site/ja/r.html").read_text()
    assert titles(html) == ["Ministry of the &quot;Interior&quot; &amp; Safety"]
    assert "fallback" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_title_over_several_lines_is_left_as_it_is():
    text = '[x][a]\n\n[a]: https://example.org/a\n  "a title\n  over two lines"\n'
    document = segment(text, Path("r.md"))
    assert [u.kind for u in document.units] == [UnitKind.PARAGRAPH]


def test_a_titles_words_count_in_coverage(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": REPORT})
    assert run(runner, root, "update").exit_code == 0
    translate(root, "ja", {'Ministry of the "Interior" & Safety': "行政安全部"})
    result = run(runner, root, "status", "--format", "json")
    words = json.loads(result.stdout)["reports"][0]["languages"]["ja"]["words"]
    # Sources (1) + The press release and the report say so. (8) + Ministry of the
    # "Interior" & Safety (5: the ampersand is no word)
    assert (words["total"], words["translated"]) == (14, 5)
