"""A site folder you can hand to a web host: nothing stale, nothing of yours overwritten, and
each command reading only what it works on."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest

from bad_input.support import check_bad_input, describe, invoke, make_tiny
from conftest import copy_sample, make_project, run

SUMMARY = "reports/2024-workshop-sessions-summary"
WORKSHOP = "reports/2024-korea-japan-workshop"
ATOM = "{http://www.w3.org/2005/Atom}"


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_an_edition_below_the_threshold_goes_when_it_is_no_longer_forced(runner, sample):
    assert run(runner, sample, "build", "--force").exit_code == 0
    assert (sample / f"site/ja/{SUMMARY}.html").exists()
    (sample / "site/CNAME").write_text("reports.example.org\n")  # the host's, not ours
    (sample / "site/robots.txt").write_text("User-agent: *\n")
    result = run(runner, sample, "build")
    assert result.exit_code == 0, result.output
    assert not (sample / f"site/ja/{SUMMARY}.html").exists()
    assert (sample / "site/CNAME").read_text() == "reports.example.org\n"
    assert (sample / "site/robots.txt").exists()
    # The Japanese index no longer lists it (it lists what the folder holds).
    index = (sample / "site/ja/index.html").read_text()
    assert SUMMARY not in index and WORKSHOP in index


def test_a_deleted_report_leaves_no_page_behind(runner, sample):
    assert run(runner, sample, "build", "--bilingual", "en,ko").exit_code == 0
    before = _files(sample / "site")
    assert {f"en/{SUMMARY}.html", f"ko/{SUMMARY}.html"} <= before
    (sample / f"content/{SUMMARY}.md").unlink()
    assert run(runner, sample, "build", "--bilingual", "en,ko").exit_code == 0
    after = _files(sample / "site")
    assert not [name for name in after if SUMMARY in name]
    assert not (sample / "site/ko/reports").exists() or any((sample / "site/ko/reports").iterdir())
    for language in ("en", "ja", "ko"):
        assert SUMMARY not in (sample / f"site/{language}/index.html").read_text()
        feed = ET.parse(sample / f"site/{language}/feed.xml").getroot()
        assert all(SUMMARY not in (link.get("href") or "")
                   for link in feed.iter(f"{ATOM}link"))


def test_a_file_changed_since_the_build_wrote_it_is_left_in_place(runner, sample):
    assert run(runner, sample, "build", "--force").exit_code == 0
    page = sample / f"site/ja/{SUMMARY}.html"
    page.write_text(page.read_text() + "<!-- edited by hand -->")
    result = run(runner, sample, "build")
    assert result.exit_code == 0
    assert page.exists() and "left in place" in result.output
    # Still listed as the build wrote it: every later build says so again, until it is
    # removed by hand or put back as it was.
    manifest = json.loads((sample / "site/.publisher-manifest.json").read_bytes())
    assert f"ja/{SUMMARY}.html" in manifest["files"]
    again = run(runner, sample, "build")
    assert page.exists() and "left in place" in again.output


def test_a_build_into_a_folder_outside_the_project_works_twice(runner, sample, tmp_path):
    out = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    for _ in range(2):
        result = run(runner, sample, "build", "--out", str(out))
        assert result.exit_code == 0, result.output
    assert (out / f"en/{WORKSHOP}.html").exists()
    assert (out / "index.html").exists()


def test_markdown_editions_do_not_land_among_the_web_pages(runner, sample):
    assert run(runner, sample, "build", "--format", "md").exit_code == 0
    assert not list((sample / "site").rglob("*.md")) if (sample / "site").exists() else True
    assert (sample / f"site-md/ja/{WORKSHOP}.md").exists()


def test_the_markdown_edition_marks_what_it_shows_in_the_source_language(runner, sample):
    assert run(runner, sample, "build", "--format", "md", "--force").exit_code == 0
    text = (sample / f"site-md/ja/{SUMMARY}.md").read_text()
    assert "<!-- i18n" not in text
    assert "i18n" in (sample / f"content/{SUMMARY}.md").read_text() or True
    front = text.split("\n---\n", 1)[0]
    assert re.search(r"^source_language: ko$", front, re.M)
    share = float(re.search(r"^translated_percent: ([\d.]+)$", front, re.M).group(1))
    status = json.loads(run(runner, sample, "status", "--format", "json").stdout)
    entry = next(r for r in status["reports"] if r["slug"] == SUMMARY)
    assert share == entry["languages"]["ja"]["percent"]
    # Every untranslated or fuzzy entry's source text is inside a span saying its language.
    catalog = polib.pofile(str(sample / f"locales/ja/{SUMMARY}.po"))
    pending = [e.msgid for e in catalog if not e.obsolete and (e.fuzzy or not e.msgstr)
               and "field" not in (e.comment or "")]
    assert pending
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(text.split("\n---\n", 1)[1])
    spans = re.findall(r'<span lang="ko" class="fallback">(.*?)</span>', html, re.S)
    assert len(spans) == len(pending)


def test_notes_for_translators_stay_out_of_every_markdown_edition(runner, tmp_path):
    root = make_project(tmp_path, {
        "content/r.md": "# Title\n\n<!-- i18n: a note for translators -->\nA paragraph.\n\n"
                        "> quoted\n>\n> <!-- i18n: another -->\n> Quoted paragraph.\n",
    })
    assert run(runner, root, "update").exit_code == 0
    assert run(runner, root, "build", "--format", "md", "--force").exit_code == 0
    for language in ("en", "ja", "ko"):
        text = (root / f"site-md/{language}/r.md").read_text()
        assert "i18n" not in text, text


def test_the_index_page_is_named_after_its_slug_and_refused(tmp_path):
    root = make_tiny(tmp_path / "project", {"content/index.md": "# Home\n\nText here.\n"})
    for args in (["build"], ["update"], ["status"]):
        check_bad_input(tmp_path, root, args, file="content/index.md",
                        says=("index page",))


def test_two_slugs_that_differ_only_in_case_are_refused(tmp_path):
    root = make_tiny(tmp_path / "project", {"content/Report.md": "# A\n\nText a.\n",
                                               "content/report.md": "# B\n\nText b.\n"})
    result = check_bad_input(tmp_path, root, ["build"], file="content/report.md",
                             says=("letter case",))
    assert "content/Report.md" in result.output


def test_front_matter_left_open_is_refused(tmp_path):
    root = make_tiny(tmp_path / "project", {"content/r.md": "---\ntitle: Hi\n\nHello.\n"})
    for args in (["update"], ["build"]):
        check_bad_input(tmp_path, root, args, file="content/r.md", line=1,
                        says=("never closed",))


def test_a_rule_then_text_is_not_taken_for_front_matter(runner, tmp_path):
    root = make_project(tmp_path, {"content/r.md": "---\n\nNote: a rule, then a paragraph.\n"})
    assert run(runner, root, "update").exit_code == 0


def test_an_empty_report_is_not_published(runner, tmp_path):
    root = make_project(tmp_path, {"content/empty.md": "---\ntitle: Nothing yet\n---\n",
                                   "content/r.md": "# Title\n\nText.\n"})
    assert run(runner, root, "update").exit_code == 0
    result = run(runner, root, "build")
    assert result.exit_code == 0
    assert "content/empty.md" in result.output and "empty" in result.output
    assert not (root / "site/en/empty.html").exists()
    assert "empty.html" not in (root / "site/en/index.html").read_text()


def test_a_project_without_content_says_so(tmp_path):
    root = make_tiny(tmp_path / "project", {})
    for args in (["update"], ["status"], ["build"], ["check"]):
        check_bad_input(tmp_path, root, args, file="content", says=("content/",))


def test_an_empty_project_has_no_reports_not_full_coverage(runner, tmp_path):
    root = make_project(tmp_path, {"content/.keep": ""})
    data = json.loads(run(runner, root, "status", "--format", "json").stdout)
    assert data["reports"] == []
    assert all(language["words"]["total"] == 0 for language in data["languages"].values())


@pytest.mark.parametrize("target", ["catalog", "report", "content-folder"])
def test_links_out_of_the_project_are_refused(tmp_path, target):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = copy_sample(tmp_path / "project")
    if target == "catalog":
        name = f"locales/ja/{WORKSHOP}.po"
        (outside / "x.po").write_bytes((root / name).read_bytes())
        (root / name).unlink()
        os.symlink(outside / "x.po", root / name)
        commands = (["update"], ["status"], ["check"], ["build"])
    elif target == "report":
        name = "content/linked.md"
        (outside / "x.md").write_text("# Linked\n\nText.\n")
        os.symlink(outside / "x.md", root / name)
        commands = (["update"], ["build"])
    else:
        name = "content"
        (root / "content").rename(outside / "content")
        os.symlink(outside / "content", root / "content")
        commands = (["update"], ["build"])
    for args in commands:
        check_bad_input(tmp_path, root, args, file=name, says=("outside the project",))


def test_a_link_inside_the_project_is_fine(runner, sample):
    name = sample / f"locales/ja/{WORKSHOP}.po"
    kept = sample / "locales/kept.po"
    name.rename(kept)
    os.symlink(kept, name)
    assert run(runner, sample, "status").exit_code == 0


@pytest.mark.parametrize("args", [["build", "--lang", "ko"], ["status", "--lang", "ko"],
                                  ["check", "--lang", "ko"], ["update", "--lang", "ko"]])
def test_a_broken_catalog_blocks_only_its_own_language(runner, sample, args):
    broken = sample / f"locales/ja/{WORKSHOP}.po"
    broken.write_text(broken.read_text() + '\nmsgid "unterminated\n')
    result = invoke(sample, *args)
    assert result.exit_code == 0, describe(result)
    assert invoke(sample, args[0], "--lang", "ja").exit_code == 2


def test_update_names_catalogs_of_a_deleted_report_and_prunes_them_on_request(runner, sample):
    (sample / f"content/{SUMMARY}.md").unlink()
    catalogs = [f"locales/templates/{SUMMARY}.pot", f"locales/en/{SUMMARY}.po",
                f"locales/ja/{SUMMARY}.po"]
    result = invoke(sample, "update")
    assert result.exit_code == 0
    for name in catalogs:
        assert name in result.output and (sample / name).exists()
    assert "--prune" in result.output
    pruned = invoke(sample, "update", "--prune")
    assert pruned.exit_code == 0
    assert not any((sample / name).exists() for name in catalogs)
    assert (sample / f"locales/ja/{WORKSHOP}.po").exists()


def test_update_counts_what_changed_in_each_catalog(runner, tmp_path):
    paragraphs = ["First paragraph about trade.", "Second paragraph about culture and film.",
                  "Third paragraph about students."]
    root = make_project(tmp_path, {"content/r.md": "\n\n".join(paragraphs) + "\n"})
    assert run(runner, root, "update").exit_code == 0
    po = root / "locales/ja/r.po"
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = f"訳{entry.msgid}"
    catalog.save()
    before = {e.msgid for e in polib.pofile(str(po)) if not e.obsolete}
    edited = [paragraphs[0], "Second paragraph about culture and films.",
              "A new paragraph on tourism.", "Another new one on sport."]
    (root / "content/r.md").write_text("\n\n".join(edited) + "\n")
    result = run(runner, root, "update", "--lang", "ja")
    after = polib.pofile(str(po))
    new = [e for e in after if not e.obsolete and e.msgid not in before]
    fuzzy = [e for e in after if "fuzzy" in e.flags]
    obsolete = [e for e in after if e.obsolete and e.msgid in before]
    expected = f"{len(new)} new, {len(fuzzy)} fuzzy, {len(obsolete)} obsolete"
    assert (len(new), len(fuzzy), len(obsolete)) == (3, 1, 2)
    assert f"locales/ja/r.po: updated ({expected})" in result.output


def test_index_pages_list_reports_as_an_institute_does(runner, sample):
    report = sample / f"content/{WORKSHOP}.md"
    report.write_text(report.read_text().replace("date: 2024-11-15", "number: 12\ndate: 2024-11-15"))
    assert run(runner, sample, "update").exit_code == 0
    assert run(runner, sample, "build", "--bilingual", "en,ja").exit_code == 0
    index = (sample / "site/ja/index.html").read_text()
    listing = index.split(WORKSHOP, 1)[0].rsplit('<article class="listing">', 1)[1] + \
        index.split(WORKSHOP, 1)[1].split("</article>", 1)[0]
    assert "第12号" in listing and "北東アジアの平和と安全保障" in listing
    assert "戸田記念国際平和研究所" in listing  # the organisers
    assert "2024年11月15日～16日" in listing
    assert "翻訳率 100%" in listing
    assert 'hreflang="en"' in listing and 'hreflang="ko"' in listing
    assert f"bilingual/en-ja/{WORKSHOP}.html" in listing
    source = (sample / "site/en/index.html").read_text()
    assert "Original" in source
    feed = ET.parse(sample / "site/ja/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}id").text.startswith("urn:uuid:")
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert "日韓関係の未来を展望する" in titles
    root_index = (sample / "site/index.html").read_text()
    pages = {lang: len(list((sample / f"site/{lang}/reports").glob("*.html")))
             for lang in ("en", "ja", "ko")}
    assert f"{pages['en']} reports" in root_index and f"報告書 {pages['ja']}件" in root_index
    assert f"보고서 {pages['ko']}건" in root_index


def test_the_report_page_shows_its_summary_and_links_its_bilingual_edition(runner, sample):
    assert run(runner, sample, "build", "--bilingual", "en,ja").exit_code == 0
    page = (sample / f"site/ja/{WORKSHOP}.html").read_text()
    header = page.split('<header class="report-header">', 1)[1].split("</header>", 1)[0]
    assert 'class="summary"' in header and "日韓の専門家が東京に集い" in header
    assert f"bilingual/en-ja/{WORKSHOP}.html" in header
    bilingual = (sample / f"site/bilingual/en-ja/{WORKSHOP}.html").read_text()
    assert 'class="site-footer' in bilingual and 'class="provenance"' in bilingual
    assert 'name="publisher:source-revision"' in bilingual
    assert ">Toda Peace Institute Reports</a>" in bilingual  # the site title, not a report's


def test_a_source_edition_never_calls_itself_translated(runner, sample):
    assert run(runner, sample, "build").exit_code == 0
    footer = (sample / f"site/en/{WORKSHOP}.html").read_text().split("<footer", 1)[1]
    assert "translated" not in footer.lower()
    translated = (sample / f"site/ja/{WORKSHOP}.html").read_text().split("<footer", 1)[1]
    assert "翻訳率" in translated


def test_dates_follow_the_locale_set_for_the_language(runner, sample):
    settings = sample / "publisher.toml"
    text = settings.read_text()
    settings.write_text(text.replace('en = "en_GB"', 'en = "en_US"'))
    assert run(runner, sample, "build").exit_code == 0
    assert "November 15\u2009–\u200916, 2024" in (sample / f"site/en/{WORKSHOP}.html").read_text()
    settings.write_text(text)
    assert run(runner, sample, "build").exit_code == 0
    assert "15\u2009–\u200916 November 2024" in (sample / f"site/en/{WORKSHOP}.html").read_text()


def test_a_locale_of_another_language_is_refused(tmp_path):
    root = make_tiny(tmp_path / "project", {"content/r.md": "# A\n\nText.\n"},
                        config='[locales]\nen = "fr_FR"\n')
    check_bad_input(tmp_path, root, ["build"], file="publisher.toml", line=2,
                    says=("fr_FR",))


def test_a_draft_is_built_only_when_asked(runner, tmp_path):
    root = make_project(tmp_path, {"content/draft.md": "---\ntitle: Soon\ndraft: true\n---\n"
                                                       "# Soon\n\nNot yet.\n",
                                   "content/r.md": "# Out\n\nPublished.\n"})
    assert run(runner, root, "update").exit_code == 0
    result = run(runner, root, "build")
    assert "draft" in result.output
    assert not (root / "site/en/draft.html").exists()
    assert "draft.html" not in (root / "site/en/index.html").read_text()
    assert run(runner, root, "build", "--drafts").exit_code == 0
    assert (root / "site/en/draft.html").exists()
    assert "draft.html" in (root / "site/en/index.html").read_text()
    assert run(runner, root, "build").exit_code == 0
    assert not (root / "site/en/draft.html").exists()  # taken down again


def _links(page: Path) -> dict[str, tuple[str, str | None]]:
    """Link text -> (href, hreflang) of the links in a page's body."""
    html = page.read_text()
    return {text: (href, lang or None) for href, lang, text in re.findall(
        r'<a href="([^"]*)"(?: hreflang="([^"]*)")?>([^<]*)</a>', html.split("<main", 1)[1])}


def test_links_between_reports_lead_to_a_published_edition(runner, tmp_path):
    root = make_project(tmp_path, {
        "content/a.md": "# A\n\nSee [the summary](b.md) and [its Japanese edition]"
                        "(b.md?lang=ja#key-points).\n",
        "content/b.md": "# B\n\n## Key points\n\nThe summary, in a few words.\n",
    })
    assert run(runner, root, "update").exit_code == 0
    assert run(runner, root, "build", "--lang", "en").exit_code == 0
    links = _links(root / "site/en/a.html")
    assert links["the summary"] == ("b.html", None)
    # b has no Japanese edition yet: the link leads to its original, saying so.
    assert links["its Japanese edition"] == ("b.html#key-points", None)
    catalog = polib.pofile(str(root / "locales/ja/b.po"))
    for entry in catalog:
        entry.msgstr = {"B": "B", "Key points": "要点"}.get(entry.msgid, "要約を短く述べる。")
    catalog.save()
    assert run(runner, root, "build", "--lang", "en").exit_code == 0  # a's page is redone
    links = _links(root / "site/en/a.html")
    assert links["its Japanese edition"] == ("../ja/b.html#key-points", "ja")
    assert (root / "site/ja/b.html").exists() or run(runner, root, "build").exit_code == 0


def test_a_language_index_lists_what_is_published_and_says_when_nothing_is(runner, tmp_path):
    """The page of a language with no edition yet says so; once a report is translated, it
    lists it. Read as a browser's parser reads it (tinyhtml5, WeasyPrint's), not as text."""
    import tinyhtml5

    from publisher.editions.ui import ui_strings

    root = make_project(tmp_path, {"content/r.md": "# Report\n\nA paragraph.\n"})
    assert run(runner, root, "update").exit_code == 0
    assert run(runner, root, "build").exit_code == 0

    def page(language):
        tree = tinyhtml5.parse((root / "site" / language / "index.html").read_bytes(),
                               namespace_html_elements=False)
        return tree.findall(".//div[@class='report-list']"), "".join(tree.itertext())

    listed, text = page("ja")
    assert listed == [] and ui_strings("ja")["no_reports"] in text
    listed, text = page("en")
    assert len(listed) == 1 and ui_strings("en")["no_reports"] not in text
    assert listed[0].find(".//a").get("href").endswith("r.html")


def test_pages_made_of_every_report_order_and_link_them_all(runner, tmp_path):
    """With many reports, some of one date: a language's index lists them newest first
    (one date: by slug), its feed and the root index the ten newest, the sitemap every
    edition with its alternates. Read with an HTML parser (tinyhtml5) and an XML one."""
    import tinyhtml5

    dates = ["2021-03-04", "2023-01-02", "2021-03-04", "2024-12-31", "2019-07-08", "2023-01-02",
             "2022-05-06", "2020-02-02", "2024-12-31", "2018-01-01", "2023-01-02", "2022-11-30"]
    files = {f"content/r{n:02d}.md": f"---\ntitle: Report {n}\ndate: {day}\n---\n\n"
             f"# Report {n}\n\nA paragraph of report {n}.\n" for n, day in enumerate(dates)}
    root = make_project(tmp_path, files, '[build]\nbase_url = "https://example.org/r"\n')
    assert run(runner, root, "update").exit_code == 0
    # Korean editions of three reports, whole: their pages and listings.
    for n in (1, 4, 8):
        path = root / f"locales/ko/r{n:02d}.po"
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.msgstr = f"보고서 {entry.msgid}"
        catalog.save(str(path))
    assert run(runner, root, "build").exit_code == 0
    expected = [f"r{n:02d}" for n in sorted(range(len(dates)), key=lambda n: f"r{n:02d}")]
    expected.sort(key=lambda slug: dates[int(slug[1:])], reverse=True)

    def listed(page):
        tree = tinyhtml5.parse((root / "site" / page).read_bytes(),
                               namespace_html_elements=False)
        return [a.get("href").rsplit("/", 1)[-1].removesuffix(".html")
                for a in tree.findall(".//h2[@class='listing-title']/a")]

    assert listed("en/index.html") == expected
    assert listed("ko/index.html") == [slug for slug in expected if slug in ("r01", "r04", "r08")]
    assert listed("index.html") == expected[:10]
    feed = ET.parse(root / "site/en/feed.xml").getroot()
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
        f"Report {int(slug[1:])}" for slug in expected[:10]]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(root / "site/sitemap.xml").getroot().findall("s:url", ns)
    located = {u.find("s:loc", ns).text: {link.get("hreflang") for link in u.findall("x:link", ns)}
               for u in urls}
    assert len(urls) == len(dates) + 3 == len(located)
    for n in range(len(dates)):
        both = n in (1, 4, 8)
        assert located[f"https://example.org/r/en/r{n:02d}.html"] == ({"en", "ko"} if both
                                                                      else {"en"})
        assert (f"https://example.org/r/ko/r{n:02d}.html" in located) == both
    # The English listing of a report with a Korean edition links to it.
    tree = tinyhtml5.parse((root / "site/en/index.html").read_bytes(),
                           namespace_html_elements=False)
    also = {a.get("href") for a in tree.findall(".//span[@class='also-in']/a")}
    assert also == {f"../ko/r{n:02d}.html" for n in (1, 4, 8)}
