"""Bad reports (Markdown + front matter): exit 2 naming the file and line, nothing written;
and odd-but-valid reports that must be accepted."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from .support import (
    check_bad_input,
    command_params,
    copy_sample,
    describe,
    invoke,
    make_tiny,
    write,
)

BAD = "content/reports/zz-bad.md"  # sorted after the sample's reports: they are processed first

BODY = "\n# A heading\n\nA paragraph of the report.\n"

# name -> (file bytes, line(s) to name, words the message must hold)
CONTENT_CASES = {
    "yaml_malformed": (b"---\ntitle: Fine\nsubtitle: a: b\n---\n" + BODY.encode(), 3, ()),
    "yaml_unclosed_bracket": (b"---\ntitle: Fine\norganisers: [A, B\nlocation: X\n---\n"
                              + BODY.encode(), (3, 4, 5), ()),
    "title_is_a_list": (b"---\ntitle:\n  - One\n  - Two\n---\n" + BODY.encode(), (2, 3),
                        ("title",)),
    "title_is_a_mapping": (b"---\ntitle:\n  en: One\n---\n" + BODY.encode(), (2, 3),
                           ("title",)),
    "date_is_a_list": (b"---\ntitle: T\ndate: [2024-11-15, 2024-11-16]\n---\n"
                       + BODY.encode(), 3, ("date",)),
    # Not in the brief: a date YAML cannot read as a date is kept as text, then silently left
    # out of every page (views.as_date gives None).
    "date_is_not_a_date": (b"---\ntitle: T\ndate: next tuesday\n---\n" + BODY.encode(), 3,
                           ("date",)),
    "lang_unknown": (b"---\ntitle: T\ndate: 2024-11-15\nlang: xx\n---\n" + BODY.encode(), 4,
                     ("xx",)),
    "lang_not_configured": (b"---\ntitle: T\ndate: 2024-11-15\nlang: fr\n---\n"
                            + BODY.encode(), 4, ("fr",)),
    "lang_is_a_list": (b"---\ntitle: T\nlang: [en, ja]\n---\n" + BODY.encode(), 3, ("lang",)),
    "not_utf8": (b"---\ntitle: T\n---\n\n# Heading\n\nCaf\xe9 au lait, in Latin-1.\n", 7, ()),
    "not_utf8_in_front_matter": (b"---\ntitle: Caf\xe9\n---\n" + BODY.encode(), 2, ()),
    "shift_jis_report": (b"---\ntitle: T\n---\n\n" + "日本語の段落です。\n".encode("shift_jis"),
                         5, ()),
    # Dates YAML reads as dates but the calendar does not have.
    "impossible_month": (b"---\ntitle: T\ndate: 2024-13-45\n---\n" + BODY.encode(), 3,
                         ("2024-13-45",)),
    "impossible_day": (b"---\ntitle: T\ndate: 2024-11-15\nend_date: 2024-11-31\n---\n"
                       + BODY.encode(), 4, ("2024-11-31",)),
    "impossible_time": (b"---\ntitle: T\ndate: 2024-11-15 25:61:00\n---\n" + BODY.encode(), 3,
                        ("25:61",)),
    "end_before_start": (b"---\ntitle: T\ndate: 2024-11-16\nend_date: 2024-11-15\n---\n"
                         + BODY.encode(), 4, ("end_date",)),
    "field_given_twice": (b"---\ntitle: One\nsubtitle: S\ntitle: Two\n---\n" + BODY.encode(),
                          4, ("title", "twice")),
}


@pytest.mark.parametrize("name", list(CONTENT_CASES))
@pytest.mark.parametrize("args", command_params())
def test_bad_report(tmp_path: Path, name, args):
    data, line, says = CONTENT_CASES[name]
    root = copy_sample(tmp_path / "project")
    write(root, BAD, data)
    check_bad_input(tmp_path, root, args, file=BAD, line=line, says=says)


# ------------------------------------------------------- a bad report after a good new one


@pytest.mark.parametrize("args", command_params())
def test_nothing_written_when_a_later_report_is_bad(tmp_path: Path, args):
    """A new good report is processed (and its outputs staged) before a bad one: the run must
    still leave no file and no folder behind (no empty locales/ja/a/ or site/en/a/)."""
    root = make_tiny(tmp_path / "project", {
        "content/a/good.md": "---\ntitle: Good\n---\n\nA good paragraph.\n",
        "content/b/bad.md": "---\ntitle: Bad\nsubtitle: a: b\n---\n\nText.\n",
    })
    check_bad_input(tmp_path, root, args, file="content/b/bad.md", line=3)


# ------------------------------------------------------------------- accepted oddities


def _accepted(root: Path, *args: str):
    result = invoke(root, *args)
    assert result.exit_code == 0, describe(result)
    assert result.exception is None or isinstance(result.exception, SystemExit), describe(result)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("args", command_params())
def test_empty_report_is_accepted(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    write(root, "content/reports/empty.md", b"")
    if args != ["update"]:
        _accepted(root, "update")
    _accepted(root, *args)


@pytest.mark.parametrize("args", command_params())
def test_report_with_only_front_matter_is_accepted(tmp_path: Path, args):
    root = copy_sample(tmp_path / "project")
    write(root, "content/reports/meta-only.md", "---\ntitle: Only a title\ndate: 2024-01-01\n---\n")
    if args != ["update"]:
        _accepted(root, "update")
    _accepted(root, *args)


def test_report_without_title_uses_its_first_heading(tmp_path: Path):
    root = make_tiny(tmp_path / "project", {
        "content/untitled.md": "---\ndate: 2024-05-01\n---\n\nIntro line.\n\n"
                               "# The First Heading\n\nBody text.\n"})
    _accepted(root, "update")
    _accepted(root, "status")
    _accepted(root, "build")
    page = (root / "site/en/untitled.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "The First Heading" in title, title
    index = (root / "site/en/index.html").read_text("utf-8")
    assert "The First Heading" in index, "the index lists the report without its heading"
    _accepted(root, "build", "--format", "md")


def test_huge_report_is_accepted(tmp_path: Path):
    """About 5 MB of Markdown (about 8,000 paragraphs): accepted by update and build."""
    rnd = random.Random(5)
    words = ("peace dialogue relations history treaty cooperation security economy culture "
             "youth exchange trust").split()
    paragraphs, size, i = [], 0, 0
    while size < 5_000_000:
        text = f"Paragraph {i}: " + " ".join(rnd.choice(words) for _ in range(80)) + "."
        paragraphs.append(text)
        size += len(text) + 2
        i += 1
    root = make_tiny(tmp_path / "project", {
        "content/huge.md": "---\ntitle: Huge\n---\n\n# Huge\n\n" + "\n\n".join(paragraphs) + "\n"})
    assert (root / "content/huge.md").stat().st_size >= 5_000_000
    _accepted(root, "update")
    from publisher.po.read import read_catalog

    po = root / "locales/ja/huge.po"
    assert len(read_catalog(po.read_bytes(), po).messages) >= len(paragraphs)
    _accepted(root, "build", "--format", "md")


def test_a_field_that_is_an_alias_of_another_keeps_valid_yaml(tmp_path: Path):
    """``subtitle: *t`` repeats the anchored value: it is one unit, replaced once, and the
    anchor stays, so the edition's front matter is still YAML that says the same."""
    import yaml

    root = make_tiny(tmp_path / "project", {"content/r.md": (
        "---\nseries: &t Relations\ntitle: *t\nsubtitle: *t\nlocation: !!str Seoul\n---\n"
        + BODY)})
    assert invoke(root, "update").exit_code == 0
    po = root / "locales/ja/r.po"
    po.write_text(po.read_text("utf-8").replace('msgid "Relations"\nmsgstr ""',
                                                'msgid "Relations"\nmsgstr "関係"')
                  .replace('msgid "Seoul"\nmsgstr ""', 'msgid "Seoul"\nmsgstr "ソウル"'),
                  "utf-8")
    result = invoke(root, "build", "--format", "md", "--force")
    assert result.exit_code == 0, describe(result)
    edition = (root / "site-md/ja/r.md").read_text("utf-8")
    meta = yaml.safe_load(edition.split("---\n")[1])
    assert meta["title"] == meta["subtitle"] == "関係" and meta["location"] == "ソウル", edition


@pytest.mark.parametrize("lang", ["ja-JP", "ja_JP", "JA"])
def test_a_report_language_with_a_territory_is_the_project_language(tmp_path: Path, lang):
    root = make_tiny(tmp_path / "project", {"content/r.md": (
        f"---\nlang: {lang}\ntitle: 題\n---\n\n# 見出し\n\n本文の段落。\n")})
    result = invoke(root, "update")
    assert result.exit_code == 0, describe(result)
    assert (root / "locales/en/r.po").is_file() and not (root / "locales/ja/r.po").exists()
