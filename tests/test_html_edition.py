"""HTML editions without a browser: body, dates, links between editions, gate, index pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import run
from counts import project_coverage, project_reports, project_settings
from htmlnorm import canonical, render

WORKSHOP = "reports/2024-korea-japan-workshop"
SUMMARY = "reports/2024-workshop-sessions-summary"


@pytest.fixture
def built(runner, sample):
    result = run(runner, sample, "build")
    assert result.exit_code == 0, result.output
    return sample, result


def body(html: str) -> str:
    return html.split('<div class="report-body">', 1)[1].rsplit("</div>\n</article>", 1)[0]


def test_source_edition_body_is_the_source_rendered(built):
    root, _ = built
    source = (root / f"content/{WORKSHOP}.md").read_text()
    page = (root / f"site/en/{WORKSHOP}.html").read_text()
    # Differences allowed: heading anchors, and the notes for translators are not published.
    expected = re.sub(r"<!--\s*i18n:.*?-->\n?", "", render(source), flags=re.S)
    # A link to another report's edition (x.md?lang=ja) goes to the page published for it:
    # that edition when it is built, else the report's own language, which the link names.
    reports = project_reports(root)
    threshold = project_settings(root)[1]

    def published(match: re.Match) -> str:
        slug = f"reports/{match[1]}"
        language = match[2]
        if project_coverage(root)[slug, language].percent < threshold:
            language = reports[slug]
            return f'href="../../{language}/{slug}.html" hreflang="{language}"'
        return f'href="../../{language}/{slug}.html"'

    expected = re.sub(r'href="([\w-]+)\.md\?lang=(\w+)"', published, expected)
    assert "?lang=" in source
    got = re.sub(r'<(h[1-6]) id="[^"]*">', r"<\1>", body(page))
    # A word joiner keeps each footnote marker on the line of its word.
    assert got.count('\u2060<sup class="footnote-ref">') == expected.count('<sup class="footnote-ref">') > 0
    assert canonical(got.replace("\u2060", "")) == canonical(expected)


@pytest.mark.parametrize(("language", "dates"), [
    ("en", "15\u2009–\u200916 November 2024"),  # the sample's [locales] en = "en_GB"
    ("ja", "2024年11月15日～16日"),
    ("ko", "2024년 11월 15일~16일"),
])
def test_dates_are_localised(built, language, dates):
    root, _ = built
    page = (root / f"site/{language}/{WORKSHOP}.html").read_text()
    assert f'<time datetime="2024-11-15">{dates}</time>' in page
    assert f'<html lang="{language}"' in page


def test_editions_link_each_other(built):
    root, _ = built
    page = (root / f"site/ja/{WORKSHOP}.html").read_text()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates == {"en": f"../../en/{WORKSHOP}.html",
                          "ja": "2024-korea-japan-workshop.html",
                          "ko": f"../../ko/{WORKSHOP}.html",
                          "x-default": f"../../en/{WORKSHOP}.html"}
    assert ">English</a>" in page and ">한국어</a>" in page and 'aria-current="page">日本語' in page
    # anchors come from the source, so they are the same in every language
    ids = [re.findall(r'<h[23] id="([^"]+)"', (root / f"site/{lang}/{WORKSHOP}.html").read_text())
           for lang in ("en", "ja", "ko")]
    assert ids[0] == ids[1] == ids[2] and "conclusion" in ids[0]


def test_provenance_in_footer_and_meta(built):
    root, _ = built
    page = (root / f"site/ko/{WORKSHOP}.html").read_text()
    assert '<meta name="publisher:source-language" content="en">' in page
    percent = project_coverage(root)[WORKSHOP, "ko"].percent
    assert f'<meta name="publisher:translated-percent" content="{percent:.1f}">' in page
    assert "영어 원문 번역" in page


def test_gate_skips_low_editions_and_force_builds_them(runner, built):
    root, result = built
    percent = project_coverage(root)[SUMMARY, "ja"].percent
    assert percent < project_settings(root)[1]
    assert f"skipped ja/{SUMMARY}: {percent:g}% translated" in result.output
    assert not (root / f"site/ja/{SUMMARY}.html").exists()
    assert (root / f"site/ko/{SUMMARY}.html").exists()  # the source edition, always
    forced = run(runner, root, "build", "--force")
    assert forced.exit_code == 0
    page = (root / f"site/ja/{SUMMARY}.html").read_text()
    assert 'class="translation-banner"' in page and f"{percent:g}%" in page
    assert re.search(r'<(p|li|h2|th|td)[^>]* lang="ko" class="fallback (untranslated|fuzzy)"', page)


def test_index_pages_and_sitemap(built, runner):
    root, _ = built
    index = (root / "site/ja/index.html").read_text()
    assert "日韓関係の未来を展望する" in index and "2024年11月15日～16日" in index
    newest_first = [m for m in re.findall(r'<a href="([^"]+\.html)"', index.split("<main", 1)[1])]
    assert newest_first[0].endswith("2024-korea-japan-workshop.html")
    chooser = (root / "site/index.html").read_text()
    assert "日本語" in chooser and "한국어" in chooser
    # A sitemap needs absolute addresses: none without the site's address, one with it.
    assert not (root / "site/sitemap.xml").exists()
    settings = root / "publisher.toml"
    settings.write_text(settings.read_text().replace("[build]", '[build]\nbase_url = "https://example.org/reports"'))
    assert run(runner, root, "build").exit_code == 0
    sitemap = ET.parse(root / "site/sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = sitemap.findall("s:url", ns)
    # One entry per published edition: each report's own, and those over the threshold.
    threshold = project_settings(root)[1]
    published = len(project_reports(root)) + sum(
        c.percent >= threshold for c in project_coverage(root).values())
    assert len(urls) == published
    assert {link.get("hreflang") for link in urls[0].findall("x:link", ns)} == {"en", "ja", "ko"}


def test_bilingual_edition(runner, sample):
    assert run(runner, sample, "build", "--bilingual", "ja,ko").exit_code == 0
    page = (sample / f"site/bilingual/ja-ko/{WORKSHOP}.html").read_text()
    pairs = re.findall(r'<div class="pair">\s*<div class="report-body" lang="ja">(.*?)</div>\s*'
                       r'<div class="report-body" lang="ko">', page, re.S)
    assert len(pairs) > 10 and all(p.strip() for p in pairs)
    assert "日韓基本条約" in page and "한일기본조약" in page
