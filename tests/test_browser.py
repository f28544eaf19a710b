"""The sample project's HTML editions in a real browser (headless Chromium via Playwright).

The repository's own sample project is copied to a temporary folder and built with the command
line (``build``, ``build --bilingual en,ja``, and ``build --force`` into a second folder for the
partially translated Japanese edition). The project folder is served over HTTP, the site under
``/site/`` (so a relative link that climbs one level too high fails instead of being clamped at
the server root), and every page is checked for what a reader would notice: the language,
errors, missing files, links between editions, anchors, fallback passages and how it looks.

Nothing is skipped: without Playwright or Chromium these tests fail.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from browser_util import (
    ARTIFACTS,
    Watch,
    analyse_png,
    copy_sample_project,
    launch,
    png_size,
    publisher,
    serve,
    watch,
)
from counts import project_coverage

WORKSHOP = "reports/2024-korea-japan-workshop"
SUMMARY = "reports/2024-workshop-sessions-summary"  # written in Korean, half translated into ja
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")


# --- fixtures -------------------------------------------------------------------------------

class Site:
    """The built sample project and where it is served."""

    def __init__(self, root: Path, base: str, skipped_message: str) -> None:
        self.root, self.base, self.skipped_message = root, base, skipped_message

    def url(self, page: str, out: str = "site") -> str:
        return f"{self.base}{out}/{urllib.parse.quote(page)}"

    def edition(self, lang: str, slug: str, out: str = "site") -> str:
        return self.url(f"{lang}/{slug}.html", out)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = copy_sample_project(tmp_path_factory.mktemp("browser") / "project")
    first = publisher(root, "build")
    publisher(root, "build", "--bilingual", "en,ja")
    publisher(root, "build", "--force", "--out", str(root / "site-forced"))
    publisher(root, "status", "--format", "html")
    with serve(root) as base:
        yield Site(root, base, first.stderr)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


class Tab:
    """A fresh browser page with everything it reports recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.watch: Watch = watch(page)

    def open(self, url: str) -> Any:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        return response

    def lang(self) -> str:
        return self.page.evaluate("document.documentElement.getAttribute('lang')")

    def assert_clean(self) -> None:
        problems = self.watch.problems()
        assert not problems, "\n".join(problems)


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Tab(context.new_page())
    finally:
        context.close()


# Scripts evaluated in the page.

FRAGMENT_LINKS = """() => [...document.querySelectorAll('a[href^="#"]')].map(a => {
    const id = decodeURIComponent(a.getAttribute('href').slice(1));
    const target = document.getElementById(id);
    return {href: a.getAttribute('href'), id, found: target !== null,
            tag: target && target.tagName.toLowerCase()};
})"""

DUPLICATE_IDS = """() => {
    const seen = {}, twice = [];
    for (const el of document.querySelectorAll('[id]')) {
        if (seen[el.id]) twice.push(el.id);
        seen[el.id] = true;
    }
    return twice;
}"""

TARGET_STATE = """(id) => {
    const target = document.querySelector(':target');
    const el = document.getElementById(id);
    const top = el ? el.getBoundingClientRect().top : null;
    const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    return {target: target && target.id, top, atEnd, scrollY: window.scrollY,
            height: window.innerHeight};
}"""


def heading_ids(tab: Tab) -> list[str]:
    return tab.page.eval_on_selector_all(
        ".report-body :is(h1,h2,h3,h4,h5,h6)[id]", "els => els.map(e => e.id)")


def assert_scrolled_to(tab: Tab, anchor: str, where: str) -> None:
    state = tab.page.evaluate(TARGET_STATE, anchor)
    assert state["target"] == anchor, f"{where}: :target is {state['target']!r}, not {anchor!r}"
    top = state["top"]
    # The heading is at the top of the window, or the page cannot scroll further and it shows.
    assert abs(top) <= 2 or (state["atEnd"] and 0 <= top < state["height"]), \
        f"{where}: #{anchor} is at {top}px, not scrolled into view ({state})"


# --- the build itself -----------------------------------------------------------------------

def test_sample_build_publishes_complete_editions_and_skips_the_partial_one(site: Site) -> None:
    built = {p.relative_to(site.root / "site").as_posix()
             for p in (site.root / "site").rglob("*.html")}
    for lang in ("en", "ja", "ko"):
        assert f"{lang}/{WORKSHOP}.html" in built
        assert f"{lang}/index.html" in built
    assert f"en/{SUMMARY}.html" in built and f"ko/{SUMMARY}.html" in built
    assert f"ja/{SUMMARY}.html" not in built, "the half translated edition was published"
    assert f"bilingual/en-ja/{WORKSHOP}.html" in built
    assert "index.html" in built
    assert re.search(rf"ja/{SUMMARY}: [\d.]+% translated", site.skipped_message), \
        site.skipped_message
    assert (site.root / "site-forced" / "ja" / f"{SUMMARY}.html").is_file()


# --- editions load cleanly, in the right language -------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_edition_loads_without_errors_in_its_language(tab: Tab, site: Site, lang: str) -> None:
    tab.open(site.edition(lang, WORKSHOP))
    assert tab.lang() == lang
    tab.assert_clean()
    requested = tab.watch.requests
    assert any(url.endswith("/site/assets/style.css") for url in requested), requested
    # The stylesheet arrived and applies: the Japanese and Korean rules for the page's language.
    styled = tab.page.evaluate("""() => {
        const sheet = [...document.styleSheets].find(s => s.href && s.href.endsWith('style.css'));
        const body = getComputedStyle(document.body);
        return {rules: sheet ? sheet.cssRules.length : 0, font: body.fontFamily,
                wordBreak: getComputedStyle(document.querySelector('.report-body p')).wordBreak,
                lineBreak: getComputedStyle(document.querySelector('.report-body p')).lineBreak};
    }""")
    assert styled["rules"] > 10, styled
    if lang == "ja":
        assert "Noto Serif CJK JP" in styled["font"] or "Hiragino Mincho" in styled["font"], styled
        assert styled["lineBreak"] == "strict", styled
    else:
        assert "Noto Serif CJK KR" in styled["font"] or "Nanum Myeongjo" in styled["font"], styled
        assert styled["wordBreak"] == "keep-all", styled
    title = tab.page.title()
    assert title and "{{" not in title
    assert tab.page.eval_on_selector("h1", "e => e.textContent.trim()")
    assert not tab.page.evaluate(DUPLICATE_IDS), "duplicate ids"


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_language_switcher_leads_to_every_edition(tab: Tab, site: Site, lang: str) -> None:
    tab.open(site.edition(lang, WORKSHOP))
    links = tab.page.eval_on_selector_all(
        "nav.language-switcher a",
        "els => els.map(a => ({hreflang: a.hreflang, lang: a.lang, href: a.href,"
        " current: a.getAttribute('aria-current')}))")
    assert [link["hreflang"] for link in links] == ["en", "ja", "ko"], links
    assert [link["hreflang"] for link in links if link["current"] == "page"] == [lang]
    assert all(link["lang"] == link["hreflang"] for link in links), links
    for link in links:
        if link["hreflang"] == lang:
            continue
        tab.open(site.edition(lang, WORKSHOP))
        tab.page.click(f'nav.language-switcher a[hreflang="{link["hreflang"]}"]')
        tab.page.wait_for_url(link["href"])
        assert tab.page.url == site.edition(link["hreflang"], WORKSHOP)
        assert tab.lang() == link["hreflang"]
        report = tab.page.get_attribute('meta[name="publisher:report"]', "content")
        assert report == WORKSHOP
        current = tab.page.get_attribute('nav.language-switcher a[aria-current="page"]',
                                         "hreflang")
        assert current == link["hreflang"]
    tab.assert_clean()


def test_hreflang_alternates_resolve(tab: Tab, site: Site) -> None:
    for lang in ("en", "ja", "ko"):
        tab.open(site.edition(lang, WORKSHOP))
        alternates = tab.page.eval_on_selector_all(
            'link[rel="alternate"]', "els => els.map(l => [l.hreflang, l.href])")
        assert {h for h, _ in alternates} == {"en", "ja", "ko", "x-default"}, alternates
        for hreflang, href in alternates:
            response = tab.page.request.get(href)
            assert response.ok, f"{lang}: alternate {hreflang} {href}: {response.status}"
            expected = "en" if hreflang == "x-default" else hreflang
            assert re.search(rf'<html lang="{expected}"', response.text()), (hreflang, href)
    tab.assert_clean()


# --- anchors and the table of contents ------------------------------------------------------

@pytest.mark.parametrize("slug, editions", [
    (WORKSHOP, [("en", "site"), ("ja", "site"), ("ko", "site")]),
    (SUMMARY, [("ko", "site"), ("en", "site"), ("ja", "site-forced")]),
], ids=["workshop", "summary"])
def test_heading_anchors_are_the_same_in_every_language(
        tab: Tab, site: Site, slug: str, editions: list[tuple[str, str]]) -> None:
    ids = {}
    for lang, out in editions:
        tab.open(site.edition(lang, slug, out))
        ids[lang] = heading_ids(tab)
    first = editions[0][0]
    assert len(ids[first]) >= 4, ids
    for lang, _ in editions:
        assert ids[lang] == ids[first], f"{lang} anchors differ from {first}: {ids}"
    # A link to #anchor, made in one language, lands on the same heading in every other one.
    for lang, out in editions:
        for anchor in ids[first]:
            url = site.edition(lang, slug, out) + "#" + urllib.parse.quote(anchor)
            tab.page.goto("about:blank")
            tab.open(url)
            assert_scrolled_to(tab, anchor, f"{lang} {url}")
    tab.assert_clean()


@pytest.mark.parametrize("lang, slug, out", [
    ("ja", WORKSHOP, "site"), ("ko", WORKSHOP, "site"), ("en", WORKSHOP, "site"),
    ("ja", SUMMARY, "site-forced"), ("ko", SUMMARY, "site"),
])
def test_table_of_contents_and_in_page_links_resolve(
        tab: Tab, site: Site, lang: str, slug: str, out: str) -> None:
    tab.open(site.edition(lang, slug, out))
    toc = tab.page.eval_on_selector_all(
        "nav.toc a", "els => els.map(a => ({href: a.getAttribute('href'),"
        " text: a.textContent.trim()}))")
    assert len(toc) >= 4, toc
    headings = dict(tab.page.eval_on_selector_all(
        ".report-body :is(h2,h3)[id]", "els => els.map(e => [e.id, e.textContent.trim()])"))
    for entry in toc:
        assert entry["href"].startswith("#"), entry
        anchor = urllib.parse.unquote(entry["href"][1:])
        assert anchor in headings, f"TOC entry {entry} points at no heading of the body"
        assert entry["text"] == headings[anchor], (entry, headings[anchor])
    broken = [link for link in tab.page.evaluate(FRAGMENT_LINKS) if not link["found"]]
    assert not broken, f"in-page links without a target: {broken}"
    assert not tab.page.evaluate(DUPLICATE_IDS), "duplicate ids"
    for entry in toc:  # clicking each entry moves to its heading
        anchor = urllib.parse.unquote(entry["href"][1:])
        tab.page.click(f'nav.toc a[href="{entry["href"]}"]')
        tab.page.wait_for_function("id => location.hash && document.querySelector(':target')"
                                   " && document.querySelector(':target').id === id", arg=anchor)
        assert_scrolled_to(tab, anchor, f"{lang} TOC {entry}")
    tab.assert_clean()


# --- the partially translated edition -------------------------------------------------------

def test_partial_edition_shows_fallbacks_in_the_source_language(tab: Tab, site: Site) -> None:
    tab.open(site.edition("ja", SUMMARY, "site-forced"))
    assert tab.lang() == "ja"
    fallbacks = tab.page.eval_on_selector_all(".report-body .fallback", """els => els.map(e => ({
        tag: e.tagName.toLowerCase(), lang: e.getAttribute('lang'),
        effective: e.closest('[lang]').getAttribute('lang'),
        classes: [...e.classList], text: e.innerText.trim(), title: e.title,
        font: getComputedStyle(e).fontFamily, visible: e.getBoundingClientRect().height > 0}))""")
    assert len(fallbacks) >= 3, fallbacks
    states = set()
    for item in fallbacks:
        assert item["lang"] == "ko" and item["effective"] == "ko", item
        state = {"untranslated", "fuzzy"} & set(item["classes"])
        assert len(state) == 1, item
        states |= state
        assert HANGUL.search(item["text"]), f"fallback not in Korean: {item}"
        assert item["title"], f"fallback without an explanation: {item}"
        assert item["visible"], item
        # Korean faces (serif for text, sans for headings and table headers)
        assert "CJK KR" in item["font"] or "Nanum" in item["font"], item
    assert states == {"untranslated", "fuzzy"}, f"sample has fuzzy and untranslated: {states}"
    # Translated blocks are Japanese and not marked.
    translated = tab.page.eval_on_selector_all(
        ".report-body p:not(.fallback)", "els => els.map(e => e.innerText)")
    assert any(KANA.search(text) for text in translated), translated
    # The banner states the share, the one `build` gave when it skipped the edition.
    share = re.search(rf"ja/{SUMMARY}: ([\d.]+)% translated", site.skipped_message)
    assert share, site.skipped_message
    banner = tab.page.eval_on_selector(
        ".translation-banner", "e => ({text: e.innerText, role: e.getAttribute('role'),"
        " shown: e.getBoundingClientRect().height > 0})")
    assert banner["shown"], banner
    assert re.search(rf"(?<![\d.]){re.escape(share.group(1))}\s*[%％]", banner["text"]), \
        (banner, share.group(1))
    meta = tab.page.get_attribute('meta[name="publisher:translated-percent"]', "content")
    assert float(meta) == pytest.approx(float(share.group(1)), abs=0.05)
    tab.assert_clean()


def test_complete_editions_have_no_banner_and_no_fallback(tab: Tab, site: Site) -> None:
    for lang in ("ja", "ko"):
        tab.open(site.edition(lang, WORKSHOP))
        assert tab.page.query_selector(".translation-banner") is None, lang
        assert tab.page.query_selector(".fallback") is None, lang
    tab.assert_clean()


def test_fallback_passages_are_set_like_the_source_edition(tab: Tab, site: Site) -> None:
    """A Korean passage on the Japanese page is typeset as in the Korean edition: the
    Japanese rules (strict line breaking, inter-character justification) stay with Japanese."""
    style = """els => els.map(e => {const s = getComputedStyle(e);
        return [e.tagName.toLowerCase(), s.textAlign, s.wordBreak, s.lineBreak];})"""
    tab.open(site.edition("ko", SUMMARY))
    korean = {tuple(item) for item in tab.page.eval_on_selector_all(
        ".report-body :is(p, li)", style)}
    tab.open(site.edition("ja", SUMMARY, "site-forced"))
    fallbacks = tab.page.eval_on_selector_all(".report-body :is(p, li).fallback", style)
    assert fallbacks
    different = [tuple(item) for item in fallbacks if tuple(item) not in korean]
    assert not different, (f"Korean fallbacks typeset otherwise than in the Korean edition "
                           f"(tag, text-align, word-break, line-break): {different}; "
                           f"Korean edition: {korean}")


def test_every_source_language_text_in_partial_edition_carries_its_lang(
        tab: Tab, site: Site) -> None:
    """Each visible text shown in Korean on the Japanese page must be inside lang="ko", so that
    screen readers and fonts switch (the table of contents repeats untranslated headings)."""
    tab.open(site.edition("ja", SUMMARY, "site-forced"))
    wrong = tab.page.evaluate("""() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const out = [];
        while (walker.nextNode()) {
            const node = walker.currentNode, text = node.textContent.trim();
            if (!/[\\uac00-\\ud7a3]/.test(text)) continue;
            const owner = node.parentElement.closest('[lang]');
            const lang = owner && owner.getAttribute('lang');
            if (lang !== 'ko' && node.parentElement.closest('.language-switcher') === null)
                out.push({text: text.slice(0, 60), lang,
                          where: node.parentElement.outerHTML.slice(0, 120)});
        }
        return out;
    }""")
    assert not wrong, "Korean text without lang=\"ko\":\n" + "\n".join(map(str, wrong))


# --- the bilingual edition ------------------------------------------------------------------

def test_bilingual_page_pairs_english_and_japanese_blocks(tab: Tab, site: Site) -> None:
    tab.open(site.url(f"bilingual/en-ja/{WORKSHOP}.html"))
    pairs = tab.page.eval_on_selector_all(".pair", """els => els.map(p =>
        [...p.children].map(c => ({lang: c.getAttribute('lang'), text: c.innerText.trim()})))""")
    assert len(pairs) >= 10, pairs
    for pair in pairs:
        assert [side["lang"] for side in pair] == ["en", "ja"], pair
    filled = [pair for pair in pairs if pair[0]["text"] and pair[1]["text"]]
    assert len(filled) >= 10
    for en, ja in filled:
        assert KANA.search(ja["text"]) or re.search(r"[\u4e00-\u9fff]", ja["text"]), (en, ja)
        assert re.search(r"[A-Za-z]{3}", en["text"]), (en, ja)
    broken = [link for link in tab.page.evaluate(FRAGMENT_LINKS) if not link["found"]]
    assert not broken, f"in-page links without a target: {broken}"
    assert not tab.page.evaluate(DUPLICATE_IDS), "duplicate ids on the bilingual page"
    links = tab.page.eval_on_selector_all("nav.language-switcher a", "els => els.map(a => a.href)")
    for href in links:
        assert tab.page.request.get(href).ok, href
    tab.assert_clean()


def test_bilingual_page_has_no_empty_pairs(tab: Tab, site: Site) -> None:
    tab.open(site.url(f"bilingual/en-ja/{WORKSHOP}.html"))
    empty = tab.page.eval_on_selector_all(".pair", """els => els
        .map((p, i) => [i, [...p.children].map(c => c.innerText.trim())])
        .filter(([i, texts]) => texts.some(t => !t))""")
    assert not empty, f"pairs with an empty side (index, texts): {empty}"


def test_links_have_accessible_names(tab: Tab, site: Site) -> None:
    for page in (f"ja/{WORKSHOP}.html", f"bilingual/en-ja/{WORKSHOP}.html", "ja/index.html",
                 "index.html"):
        tab.open(site.url(page))
        nameless = tab.page.eval_on_selector_all(
            "a[href]", "els => els.filter(a => !a.innerText.trim() && !a.getAttribute("
            "'aria-label')).map(a => a.outerHTML)")
        assert not nameless, f"{page}: links without text: {nameless}"


def test_author_directives_are_not_published(tab: Tab, site: Site) -> None:
    """``<!-- i18n: ... -->`` notes are for translators, not for the published page."""
    for page in (f"en/{WORKSHOP}.html", f"ja/{WORKSHOP}.html", f"ko/{WORKSHOP}.html",
                 f"bilingual/en-ja/{WORKSHOP}.html"):
        tab.open(site.url(page))
        comments = tab.page.evaluate("""() => {
            const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
            const out = [];
            while (walker.nextNode()) out.push(walker.currentNode.data.trim().slice(0, 70));
            return out;
        }""")
        assert not [c for c in comments if c.startswith("i18n:")], f"{page}: {comments}"


# --- every page of the site -----------------------------------------------------------------

def test_crawl_whole_site_without_errors(tab: Tab, site: Site) -> None:
    # The bilingual page is linked from nowhere (yet): start from it as well.
    starts = [site.url("index.html"), site.url(f"bilingual/en-ja/{WORKSHOP}.html")]
    prefix = site.url("")
    queue, seen, visited = list(starts), set(starts), []
    while queue:
        url = queue.pop(0)
        tab.open(url)
        visited.append(url)
        path = url[len(prefix):]
        first = path.split("/")[0]
        expected = {"en": "en", "ja": "ja", "ko": "ko", "bilingual": "en"}.get(first, "en")
        assert tab.lang() == expected, f"{url}: lang {tab.lang()!r}"
        broken = [link for link in tab.page.evaluate(FRAGMENT_LINKS) if not link["found"]]
        assert not broken, f"{url}: in-page links without a target: {broken}"
        for href in tab.page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            target = href.split("#")[0]
            if not target.endswith((".html", "/")):  # feeds, PDF files: not pages
                continue
            if target.startswith(prefix) and target not in seen:
                seen.add(target)
                queue.append(target)
            elif not target.startswith(site.base) and not href.startswith("http"):
                pytest.fail(f"{url}: odd link {href}")
    assert len(visited) >= 10, visited
    tab.assert_clean()


# --- screenshots ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blank_screenshot(browser: Any) -> bytes:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        return page.screenshot(full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("name, page, out, lang", [
    ("ja-edition", f"ja/{WORKSHOP}.html", "site", "ja"),
    ("ko-edition", f"ko/{WORKSHOP}.html", "site", "ko"),
    ("bilingual-en-ja", f"bilingual/en-ja/{WORKSHOP}.html", "site", "en"),
    ("ja-index", "ja/index.html", "site", "ja"),
    ("ja-partial-edition", f"ja/{SUMMARY}.html", "site-forced", "ja"),
    ("status-dashboard", "status/index.html", "site", "en"),
])
def test_full_page_screenshot(browser: Any, tab: Tab, site: Site, blank_screenshot: bytes,
                              name: str, page: str, out: str, lang: str) -> None:
    tab.open(site.url(page, out))
    assert tab.lang() == lang
    tab.page.evaluate("document.fonts.ready")
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    data = tab.page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes() == data
    blank = analyse_png(browser, blank_screenshot)
    assert blank.dominant_share == 1.0 and blank.inked_rows == 0  # the reference is empty
    shot = analyse_png(browser, data)
    assert (shot.width, shot.height) == png_size(data)
    assert shot.width == 1280
    assert len(data) > 3 * len(blank_screenshot) and len(data) > 15_000, len(data)
    # Not a blank page: many colours (antialiased text), and ink on a good share of the rows.
    assert shot.colours >= 20, shot
    assert shot.dominant_share < 0.995, shot
    if name in ("ja-index", "status-dashboard"):
        assert shot.inked_rows > 0.05, shot
    else:  # a report is longer than the window, and text covers most of it
        assert shot.height > 1500, shot
        assert shot.inked_rows > 0.3 and shot.dominant_share < 0.97, shot
    tab.assert_clean()


def test_status_dashboard_is_useful(tab: Tab, site: Site) -> None:
    """The dashboard: a report x language matrix with bars, links to editions and to-do lists."""
    tab.open(site.url("status/index.html"))
    rows = tab.page.eval_on_selector_all(
        "table.matrix tbody tr", "rows => rows.map(r => r.innerText)")
    summary = project_coverage(site.root)[SUMMARY, "ja"]
    assert any(SUMMARY in row and f"{summary.percent}%" in row and "not published" in row
               for row in rows)
    assert any(WORKSHOP in row and "Japanese translation team" in row for row in rows)
    widths = tab.page.eval_on_selector_all(
        ".bar .fuzzy", "bars => bars.map(b => b.getBoundingClientRect().width)")
    assert any(width > 0 for width in widths)  # fuzzy work is visible, apart from done work
    _, fuzzy, untranslated = summary.messages  # its to-do list: what msgfmt counts as not done
    todo = tab.page.get_by_role("link", name=f"{fuzzy + untranslated} to do")
    todo.click()
    tab.page.wait_for_load_state()
    assert "fuzzy" in tab.page.inner_text("body") and "untranslated" in tab.page.inner_text("body")
    tab.page.go_back()
    tab.page.get_by_role("link", name="edition").first.click()
    tab.page.wait_for_load_state()
    assert tab.lang() in ("ja", "ko", "en")
    tab.assert_clean()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name, page", [
    ("bilingual-en-ja", f"bilingual/en-ja/{WORKSHOP}.html"),
    ("ja-index", "ja/index.html"),
    ("root-index", "index.html"),
])
def test_pages_fit_desktop_and_phone_widths(browser: Any, site: Site, name: str, page: str,
                                            width: int) -> None:
    """No horizontal scrolling at a desktop or a phone's width; the bilingual page's columns
    sit side by side on a desktop and one above the other on a phone."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = Tab(context.new_page())
        tab.open(site.url(page))
        tab.page.evaluate("document.fonts.ready")
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page} scrolls sideways by {overflow}px at {width}px"
        if name.startswith("bilingual"):
            lefts = tab.page.eval_on_selector_all(
                ".pair:not(.pair-header) > .report-body",
                "els => els.slice(0, 2).map(e => e.getBoundingClientRect().left)")
            assert (lefts[0] < lefts[1]) if width > 900 else (lefts[0] == lefts[1]), lefts
            header, body = tab.page.evaluate("""() => [
                document.querySelector('.site-header').getBoundingClientRect().width,
                document.querySelector('main').getBoundingClientRect().width]""")
            assert abs(header - body) <= 1  # one width from header to body
        ARTIFACTS.mkdir(exist_ok=True)
        tab.page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        tab.assert_clean()
    finally:
        context.close()


def test_a_printed_partial_edition_keeps_its_translation_notice(browser: Any, site: Site,
                                                                tmp_path: Path) -> None:
    """Chromium's print to PDF of a partly translated edition, read back by poppler."""
    import subprocess

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.url(f"ja/{SUMMARY}.html", "site-forced"), wait_until="load")
        banner = page.inner_text(".translation-banner")
        pdf = tmp_path / "printed.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    squeezed = "".join(text.split())
    assert "".join(banner.split()) in squeezed
    assert "翻訳済み" in banner
