"""Hostile translations: a msgstr is untrusted input and must never inject markup or script.

A small project in a temporary folder has one English report with every kind of unit
(front-matter fields, headings, paragraphs, list items, table header and body cells, a block
quote, a footnote, a paragraph whose source legitimately holds ``<span class="x">`` and a link,
and a paragraph using a reference link). For each case, a hostile text is put in the Japanese
translation of some units, every other unit gets a harmless translation ending with a marker
``AFTER-<unit>``, and the project is built as HTML (with a bilingual en-ja page) and as Markdown.
The Markdown edition is then rendered the way a user would: plain CommonMark with tables and
raw HTML enabled (front matter, which such a renderer does not know, is checked separately).

Each output is parsed with the standard library's ``html.parser`` and checked: no element that
runs script, embeds content or swallows the page; no ``on*`` attribute; no ``javascript:``,
``vbscript:``, ``data:`` or ``file:`` URL; the same block structure as a harmless translation;
every unit still there (its translation, or its source text when the translation was left out),
so nothing was swallowed. Then the pages are opened in headless Chromium, which must not show a
dialog (``alert``) and must find the same in its own DOM.
"""

from __future__ import annotations

import html
import re
import shutil
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown_it
import polib
import pytest
import yaml
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from browser_util import Watch, launch, serve, watch
from publisher.cli import cli

# --- the project ----------------------------------------------------------------------------

CONFIG = """\
[project]
title = "Injection test site"
source_language = "en"
languages = ["en", "ja"]

[build]
threshold = 0
"""

SOURCE = """\
---
title: Source title
summary: Source summary
date: 2024-11-15
lang: en
---

# Main heading

Plain paragraph one.

## Second heading

Paragraph with a note.[^1]

- First item
- Second item

| Name | Value |
| --- | --- |
| alpha cell | beta cell |

> Quoted paragraph.

Inline <span class="x">a</span> and a [link](https://example.org/page) here.

Reference [link text][ref] here.

Closing paragraph.

[ref]: https://example.org/ref

[^1]: The footnote text.
"""

#: Each unit: key -> (msgid, harmless translation).
UNITS: dict[str, tuple[str, str]] = {
    "title": ("Source title", "訳title AFTER-title"),
    "summary": ("Source summary", "訳summary AFTER-summary"),
    "h1": ("Main heading", "訳h1 AFTER-h1"),
    "p1": ("Plain paragraph one.", "訳p1 AFTER-p1"),
    "h2": ("Second heading", "訳h2 AFTER-h2"),
    "noted": ("Paragraph with a note.[^1]", "訳noted[^1] AFTER-noted"),
    "item1": ("First item", "訳item1 AFTER-item1"),
    "item2": ("Second item", "訳item2 AFTER-item2"),
    "th1": ("Name", "訳th1 AFTER-th1"),
    "th2": ("Value", "訳th2 AFTER-th2"),
    "td1": ("alpha cell", "訳td1 AFTER-td1"),
    "td2": ("beta cell", "訳td2 AFTER-td2"),
    "quote": ("Quoted paragraph.", "訳quote AFTER-quote"),
    "span": ('Inline <span class="x">a</span> and a [link](https://example.org/page) here.',
             '訳 <span class="x">a</span> と[リンク](https://example.org/page) AFTER-span'),
    "refpara": ("Reference [link text][ref] here.", "訳 [参照][ref] AFTER-refpara"),
    "closing": ("Closing paragraph.", "訳closing AFTER-closing"),
    "fn": ("The footnote text.", "訳fn AFTER-fn"),
}
FIELDS = {"title", "summary"}
#: Where a hostile text goes unless a case says otherwise: one unit of every kind.
EVERYWHERE = ("title", "summary", "h1", "p1", "h2", "item1", "th1", "td1", "quote", "fn")
BODY = tuple(key for key in EVERYWHERE if key not in FIELDS)


@dataclass(frozen=True)
class Case:
    id: str
    payload: str
    template: str = "訳{key} {payload} AFTER-{key}"
    targets: tuple[str, ...] = EVERYWHERE
    shown: str | None = None
    """Text the reader must see where the translation is shown (the payload, as text)."""
    untranslated: tuple[str, ...] = ()
    """Units left untranslated in this case."""

    def translation(self, key: str) -> str:
        return self.template.format(key=key, payload=self.payload)


AT_START = "{payload} AFTER-{key}"
ON_ITS_OWN_LINE = "{payload}\nAFTER-{key}"
SCRIPT = "<script>alert(1)</script>"

CASES = [
    # Raw HTML that runs script.
    Case("script", SCRIPT, shown=SCRIPT),
    Case("script-at-start", SCRIPT, AT_START, shown=SCRIPT),
    Case("img-onerror", "<img src=x onerror=alert(1)>", shown="<img src=x onerror=alert(1)>"),
    Case("svg-onload", "<svg onload=alert(1)>", shown="<svg onload=alert(1)>"),
    Case("svg-onload-at-start", "<svg/onload=alert(1)>", AT_START),
    Case("details-ontoggle", "<details open ontoggle=alert(1)>", AT_START),
    Case("a-javascript", '<a href="javascript:alert(1)">x</a>',
         shown='<a href="javascript:alert(1)">x</a>'),
    Case("iframe", '<iframe src="javascript:alert(1)"></iframe>',
         shown='<iframe src="javascript:alert(1)"></iframe>'),
    Case("tag-inside-quoted-attribute", '<b title="<img src=x onerror=alert(1)>">x</b>'),
    Case("script-inside-quoted-attribute", "<i title='<script>alert(1)</script>'>x</i>"),
    Case("iframe-srcdoc", "<iframe srcdoc='<script>alert(1)</script>'></iframe>"),
    Case("object-embed", '<object data="javascript:alert(1)"></object><embed src=x>'),
    Case("style", "<style>body{display:none}</style>", shown="<style>body{display:none}</style>"),
    Case("form-button", '<form action="javascript:alert(1)"><button>go</button></form>'),
    Case("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    Case("base-href", '<base href="javascript:alert(1)//">'),
    # Markdown links and images to dangerous schemes.
    Case("md-javascript", "[x](javascript:alert(1))"),
    Case("md-javascript-mixed-case", "[x](JaVaScRiPt:alert(1))"),
    Case("md-javascript-entity", "[x](java&#115;cript:alert(1))"),
    Case("md-javascript-entity-colon", "[x](javascript&colon;alert(1))"),
    Case("md-javascript-hex-entity", "[x](&#x6A;avascript:alert(1))"),
    Case("md-javascript-pointy", "[x](<javascript:alert(1)>)"),
    # Spellings another renderer decodes before it looks at the scheme.
    Case("md-javascript-escaped-colon", "[x](javascript\\:alert(1))"),
    Case("md-javascript-entity-colons",
         "[x](javascript&colon;alert(1)) ![y](JAVASCRIPT&#x3A;alert(2))"),
    Case("md-data-pointy-image", "![x](<data:text/html,%3Cscript%3Ealert(1)%3C/script%3E>)"),
    # A footnote's text, to a renderer without footnotes, is the destination of "[^1]: ...".
    Case("footnote-as-link-definition", "javascript:alert(document.cookie)",
         template=AT_START, targets=("fn",)),
    # A line separator ends a YAML line, even inside quotes.
    Case("yaml-line-separator", "\u2028---\u2028draft: true", targets=("title", "summary")),
    Case("md-javascript-pointy-tab", "[x](<java\tscript:alert(1)>)"),
    Case("md-javascript-titled", '[x](javascript:alert(1) "t")'),
    Case("md-vbscript", "[x](vbscript:msgbox(1))"),
    Case("md-file", "[x](file:///etc/passwd)"),
    Case("md-data-html", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    Case("md-image-data-svg", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
    Case("md-image-data-png", "![x](data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==)"),
    Case("md-image-javascript", "![x](javascript:alert(1))"),
    Case("md-link-text-html", "[<img src=x onerror=alert(1)>](https://example.org/)"),
    Case("md-link-title-quote", '[x](https://example.org/ "a\\" onmouseover=\\"alert(1)")'),
    # Autolinks.
    Case("autolink-javascript", "<javascript:alert(1)>"),
    Case("autolink-javascript-upper", "<JAVASCRIPT:alert(1)>"),
    Case("autolink-vbscript", "<vbscript:msgbox(1)>"),
    Case("autolink-data", "<data:text/html,<script>alert(1)</script>>"),
    Case("autolink-https", "<https://x>"),
    Case("autolink-https-quote", '<https://example.org/"onmouseover="alert(1)>'),
    Case("autolink-then-script", "<https://x><script>alert(1)</script>"),
    # Markup that swallows the rest of the page.
    Case("textarea", "<textarea>", shown="<textarea>"),
    Case("title", "<title>", shown="<title>"),
    Case("plaintext", "<plaintext>", shown="<plaintext>"),
    Case("xmp", "<xmp>", shown="<xmp>"),
    Case("noscript-mutation",
         '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    Case("unclosed-comment", "<!--", shown="<!--"),
    Case("unclosed-comment-at-start", "<!--", AT_START),
    Case("cdata", "<![CDATA[", shown="<![CDATA["),
    Case("processing-instruction", "<?php echo 1; ?>"),
    Case("close-and-script", "</p></div></main><script>alert(1)</script>",
         shown="</p></div></main><script>alert(1)</script>"),
    Case("attribute-break", '"><script>alert(1)</script>', shown='"><script>alert(1)</script>'),
    Case("attribute-break-single", "'><svg onload=alert(1)>"),
    # Block structure.
    Case("div-own-line", "<div>", ON_ITS_OWN_LINE),
    Case("div-onclick-at-start", "<div onclick=alert(1)>x</div>", AT_START),
    Case("blank-lines-script", SCRIPT, "訳{key}\n\n{payload}\n\nAFTER-{key}"),
    Case("html-block-comment", "<!-- x -->\n<script>alert(1)</script>", ON_ITS_OWN_LINE),
    Case("reference-definition", "[a]: javascript:alert(1)", "{payload}\n\n[x][a] AFTER-{key}"),
    Case("reference-override", "[ref]: javascript:alert(1)", ON_ITS_OWN_LINE),
    Case("footnote-definition", "[^1]: <img src=x onerror=alert(1)>", ON_ITS_OWN_LINE),
    Case("heading-tag", "<h1>x</h1>", shown="<h1>x</h1>"),
    Case("table-pipe", f"a | {SCRIPT} | b", shown=SCRIPT),
    # Escapes and entities.
    Case("entities", "&lt;script&gt;alert(1)&lt;/script&gt;", shown=SCRIPT),
    Case("double-entities", "&amp;lt;script&amp;gt;", shown="&lt;script&gt;"),
    Case("backslash", "\\" + SCRIPT),
    Case("double-backslash", "\\\\" + SCRIPT),
    Case("code-span-around", f"`a`{SCRIPT}`b`"),
    Case("unclosed-code-span", f"`{SCRIPT}"),
    # The source's own inline HTML.
    Case("span-with-onclick", "", targets=("span",), template=(
        '訳 <span class="x" onclick="alert(1)">a</span> と[リンク](https://example.org/page)'
        ' AFTER-{key}')),
    Case("span-with-onmouseover-unquoted", "", targets=("span",), template=(
        "訳 <span class=x onmouseover=alert(1)>a</span> AFTER-{key}")),
    Case("span-then-script", "", targets=("span",), template=(
        f'訳 <span class="x">{SCRIPT}</span> AFTER-{{key}}')),
    Case("span-in-other-units", '<span class="x">a</span>', targets=BODY),
    Case("source-link-javascript", "", targets=("span",), template=(
        '訳 <span class="x">a</span> [リンク](javascript:alert(1)) AFTER-{key}')),
    # Footnotes written inside a translation.
    Case("inline-footnote", "^[<img src=x onerror=alert(1)>]"),
    Case("inline-footnote-replacing-reference", "", targets=("noted",), untranslated=("fn",),
         template="訳noted^[<img src=x onerror=alert(1)>] AFTER-{key}"),
    Case("inline-footnote-script-replacing-reference", "", targets=("noted",),
         untranslated=("fn",), template=f"訳noted^[{SCRIPT}] AFTER-{{key}}"),
    # Front matter.
    Case("field-newlines", "\n---\n<script>alert(1)</script>\nlang: en", targets=("title",)),
    Case("field-yaml-quote", '" \nlang: "en', targets=("title", "summary")),
]
BENIGN = Case("benign", "", targets=())


# --- building -------------------------------------------------------------------------------

@dataclass
class Built:
    case: Case
    root: Path
    html: str
    """The Japanese edition, as HTML."""
    bilingual: str
    index: str
    markdown: str
    """The Japanese edition, as Markdown."""
    rendered: str
    """The Markdown body (without front matter) rendered as a user would."""
    rendered_blocks: list[str]
    """Block structure of the rendered body before the footnote definition (which plain
    CommonMark, without footnotes, may read as a link reference definition)."""
    stderr: str
    pages: dict[str, Path] = field(default_factory=dict)


@pytest.fixture(scope="module")
def template_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection") / "template"
    (root / "content").mkdir(parents=True)
    (root / "publisher.toml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "r.md").write_text(SOURCE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "update"])
    assert result.exit_code == 0, result.output
    catalog = polib.pofile(str(root / "locales" / "ja" / "r.po"))
    msgids = {entry.msgid for entry in catalog}
    assert msgids == {msgid for msgid, _ in UNITS.values()}, \
        f"the source splits into other units than expected: {sorted(msgids)}"
    return root


def user_markdown() -> markdown_it.MarkdownIt:
    """How a reader renders a Markdown edition: plain CommonMark, tables, raw HTML allowed,
    and every link destination trusted (as commonmark.js does by default), so that only
    the edition itself can keep a dangerous link out."""
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    return md


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"---\n(.*?\n)---\n", text, re.DOTALL)
    assert match, f"no front matter in\n{text}"
    return yaml.safe_load(match.group(1)), text[match.end():]


_built: dict[str, Built] = {}


def build_case(template_project: Path, case: Case) -> Built:
    if case.id in _built:
        return _built[case.id]
    root = template_project.parent / case.id
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(template_project, root)
    path = root / "locales" / "ja" / "r.po"
    catalog = polib.pofile(str(path))
    by_msgid = {msgid: key for key, (msgid, _) in UNITS.items()}
    for entry in catalog:
        key = by_msgid[entry.msgid]
        if key in case.untranslated:
            entry.msgstr = ""
        elif key in case.targets:
            entry.msgstr = case.translation(key)
        else:
            entry.msgstr = UNITS[key][1]
    catalog.save(str(path))
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(root), "build", "--bilingual", "en,ja"])
    assert result.exit_code == 0, f"build failed: {result.output}\n{result.exception!r}"
    result_md = runner.invoke(cli, ["--root", str(root), "build", "--format", "md",
                                    "--out", str(root / "site-md")])
    assert result_md.exit_code == 0, f"md build failed: {result_md.output}"
    markdown = (root / "site-md" / "ja" / "r.md").read_text(encoding="utf-8")
    _, body = split_front_matter(markdown)
    rendered = user_markdown().render(body)
    rendered_page = root / "site-md" / "ja" / "r.rendered.html"
    rendered_page.write_text('<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
                             "<title>rendered</title></head><body><main>\n" + rendered
                             + "\n</main></body></html>\n", encoding="utf-8")
    site = root / "site"
    built = Built(case, root, (site / "ja" / "r.html").read_text(encoding="utf-8"),
                  (site / "bilingual" / "en-ja" / "r.html").read_text(encoding="utf-8"),
                  (site / "ja" / "index.html").read_text(encoding="utf-8"),
                  markdown, rendered,
                  audit(user_markdown().render(body.split("\n[^1]:")[0])).blocks,
                  result.stderr + result_md.stderr,
                  {"html": site / "ja" / "r.html",
                   "bilingual": site / "bilingual" / "en-ja" / "r.html",
                   "markdown": rendered_page})
    _built[case.id] = built
    return built


# --- auditing HTML with the standard library ------------------------------------------------

FORBIDDEN = {"script", "iframe", "frame", "frameset", "style", "textarea", "title",
             "plaintext", "xmp", "listing", "noembed", "noframes", "noscript", "object",
             "embed", "applet", "svg", "math", "template", "form", "input", "button", "select",
             "base", "meta", "link", "details", "video", "audio", "source", "marquee", "dialog"}
#: Elements of the page templates and of rendered Markdown; anything else is foreign.
ALLOWED = {"html", "head", "meta", "title", "link", "body", "header", "nav", "main", "article",
           "aside", "footer", "section", "div", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul",
           "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "hr", "br",
           "a", "span", "em", "strong", "code", "pre", "sup", "time", "img"}
#: Block elements whose sequence must not change (the banner, an ``aside``, comes and goes with
#: the share translated, so it is left out).
BLOCKS = {"header", "nav", "main", "article", "footer", "section", "div", "h1", "h2",
          "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
          "td", "blockquote", "hr", "pre"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                  "data", "cite", "ping", "lowsrc", "dynsrc", "codebase", "manifest", "srcset",
                  "srcdoc", "content"}
UNSAFE_SCHEME = re.compile(r"(javascript|vbscript|data|file):")
HIDDEN = {"head", "script", "style", "textarea", "title", "template", "noscript", "xmp"}


def normalise_url(value: str) -> str:
    """A URL as a browser reads it: entities decoded (html.parser did), control characters
    and whitespace dropped (browsers drop tabs and newlines anywhere), lower case."""
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()


class Audit(HTMLParser):
    """Everything in a page that could run, load or hide something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]], bool]] = []
        self.blocks: list[str] = []
        self.comments: list[str] = []
        self.declarations: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._in_main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs, "head" in self._open))
        if tag == "main":
            self._in_main += 1
        if self._in_main and tag in BLOCKS:
            self.blocks.append(tag)
        if tag in HIDDEN or tag in {"main"}:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs, "head" in self._open))
        if self._in_main and tag in BLOCKS:
            self.blocks.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass
        if tag == "main":
            self._in_main -= 1
        if self._in_main and tag in BLOCKS:
            self.blocks.append("/" + tag)

    def handle_data(self, data: str) -> None:
        if not any(tag in HIDDEN for tag in self._open):
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        if decl.lower() != "doctype html":
            self.declarations.append(decl)

    def unknown_decl(self, data: str) -> None:
        self.declarations.append(data)

    def handle_pi(self, data: str) -> None:
        self.declarations.append(data)

    def visible_text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def audit(page: str) -> Audit:
    auditor = Audit()
    auditor.feed(page)
    auditor.close()
    return auditor


def problems(page: str, whole_page: bool) -> list[str]:
    """What makes a page unsafe, whatever put it there (the source itself has none of it)."""
    found = []
    auditor = audit(page)
    titles = 0
    for tag, attrs, in_head in auditor.elements:
        if tag == "title" and in_head:
            titles += 1
        elif tag in {"meta", "link"} and in_head:
            pass
        elif tag in FORBIDDEN:
            found.append(f"<{tag}> element {attrs}")
        elif tag not in ALLOWED:
            found.append(f"unexpected <{tag}> element {attrs}")
        for name, value in attrs:
            if name.lower().startswith("on"):
                found.append(f"event handler attribute on <{tag}>: {name}={value!r}")
            if name.lower() in URL_ATTRIBUTES and value is not None:
                urls = value.split(",") if name.lower() == "srcset" else [value]
                for url in urls:
                    if UNSAFE_SCHEME.match(normalise_url(url)):
                        found.append(f"unsafe URL on <{tag}>: {name}={value!r}")
            if name.lower() == "style":
                found.append(f"style attribute on <{tag}>: {value!r}")
    if whole_page and titles != 1:
        found.append(f"{titles} <title> elements in <head>")
    found += [f"comment <!--{c}-->" for c in auditor.comments]
    found += [f"declaration <!{d}>" for d in auditor.declarations]
    lowered = page.lower()
    for raw in ("<script", "<iframe", "<style", "<textarea", "<plaintext", "<xmp", "<svg",
                "<math", "<object", "<embed", "<noscript", "<template", "<!--", "<![cdata[",
                "<?", "<base", "<form", "<details"):
        if raw in lowered:
            found.append(f"raw {raw!r} in the output")
    if lowered.count("<title") != (1 if whole_page else 0):
        found.append(f"{lowered.count('<title')} '<title' in the output")
    return found


def missing_units(text: str, case: Case, skip: frozenset[str] = frozenset()) -> list[str]:
    """Units whose text is not in the page: neither their translation (its marker) nor, when
    the translation was left out or there is none, their source text."""
    missing = []
    for key, (msgid, _) in UNITS.items():
        if key in skip or key == "summary":
            continue  # the summary is shown in the page's <meta> only
        source = re.sub(r"\[\^1\]|<[^>]+>|\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[ref\]", r"\1\2",
                        msgid)
        if key in case.untranslated:
            if source not in text:
                missing.append(f"{key} (untranslated, its source text is gone)")
        elif f"AFTER-{key}" not in text and (key not in case.targets or source not in text):
            missing.append(key)
    return missing


def shown_translations(text: str, case: Case) -> list[str]:
    return [key for key in case.targets if f"AFTER-{key}" in text]


@cache
def baseline(template_project: Path) -> dict[str, list[str]]:
    built = build_case(template_project, BENIGN)
    return {"html": audit(built.html).blocks, "bilingual": audit(built.bilingual).blocks,
            "markdown": built.rendered_blocks}


# --- the harmless translation: what every hostile case is compared with ---------------------

def test_benign_translation_is_shown_whole(template_project: Path) -> None:
    built = build_case(template_project, BENIGN)
    assert "warning" not in built.stderr, built.stderr
    for name, page, whole in (("html", built.html, True), ("bilingual", built.bilingual, True),
                              ("markdown", built.rendered, False)):
        assert not problems(page, whole), (name, problems(page, whole))
        text = audit(page).visible_text()
        expected = [k for k in UNITS if k != "summary" and (name != "markdown" or k not in FIELDS)]
        assert [k for k in expected if f"AFTER-{k}" not in text] == [], (name, text)
    # The source's inline HTML and link, kept by the translation, are rendered as such.
    for page in (built.html, built.rendered):
        spans = [(tag, dict(attrs)) for tag, attrs, _ in audit(page).elements if tag == "span"]
        assert ("span", {"class": "x"}) in spans, spans
        assert '<span class="x">a</span>' in page
        assert '<a href="https://example.org/page">リンク</a>' in page
        assert '<a href="https://example.org/ref">参照</a>' in page
    assert '<meta name="description" content="訳summary AFTER-summary">' in built.html


def test_identity_translation_keeps_the_source_span(template_project: Path) -> None:
    case = Case("identity-span", "", targets=("span",), template=UNITS["span"][0])
    built = build_case(template_project, case)
    for page in (built.html, built.rendered):
        assert '<span class="x">a</span>' in page
        assert '<a href="https://example.org/page">link</a>' in page


# --- every hostile case ---------------------------------------------------------------------

@pytest.fixture(params=CASES, ids=[case.id for case in CASES])
def built(request: pytest.FixtureRequest, template_project: Path) -> Built:
    return build_case(template_project, request.param)


def test_html_edition_is_safe(built: Built, template_project: Path) -> None:
    case = built.case
    report = []
    for name, page in (("ja edition", built.html), ("bilingual page", built.bilingual),
                       ("ja index", built.index)):
        report += [f"{name}: {p}" for p in problems(page, whole_page=True)]
    auditor = audit(built.html)
    text = auditor.visible_text()
    if missing := missing_units(text, case):
        report.append(f"units swallowed or lost: {missing}")
    if auditor.blocks != baseline(template_project)["html"]:
        report.append(f"block structure changed: {auditor.blocks}")
    if audit(built.bilingual).blocks != baseline(template_project)["bilingual"]:
        report.append("bilingual block structure changed")
    if case.shown and shown_translations(text, case) and case.shown not in text:
        report.append(f"the hostile text is not shown as text: {case.shown!r}")
    assert not report, "\n".join(dict.fromkeys(report)) + excerpt(built.html)


def test_markdown_edition_is_safe(built: Built, template_project: Path) -> None:
    case = built.case
    report = [f"rendered Markdown: {p}" for p in problems(built.rendered, whole_page=False)]
    auditor = audit(built.rendered)
    text = auditor.visible_text()
    if missing := missing_units(text, case, skip=frozenset(FIELDS)):
        report.append(f"units swallowed or lost: {missing}")
    if built.rendered_blocks != baseline(template_project)["markdown"]:
        report.append(f"block structure changed: {built.rendered_blocks}")
    if case.shown and shown_translations(text, case) and case.shown not in text:
        report.append(f"the hostile text is not shown as text: {case.shown!r}")
    assert not report, "\n".join(dict.fromkeys(report)) + excerpt(built.markdown)


def test_markdown_front_matter_holds_the_translation_as_data(built: Built) -> None:
    """The fields stay YAML data: the same keys, the edition's language, the exact text."""
    meta, _ = split_front_matter(built.markdown)
    assert set(meta) == {"title", "summary", "date", "lang", "source_language",
                         "translated_percent"}, meta
    assert meta["lang"] == "ja" and meta["source_language"] == "en"
    for key in FIELDS:
        if key in built.case.targets:
            expected = " ".join(built.case.translation(key).split())
            assert " ".join(str(meta[key]).split()) == expected, meta


def test_markdown_front_matter_is_inert_in_a_plain_renderer(template_project: Path) -> None:
    """A viewer that does not know front matter (plain CommonMark) shows it as text; a
    translated field must not turn into markup there either. (YAML can say ``<`` as
    ``\\u003c`` in a double-quoted scalar, so the data need not change for that.)"""
    report = []
    for case in CASES:
        if not FIELDS & set(case.targets):
            continue
        built = build_case(template_project, case)
        end = built.markdown.index("\n---\n", 4) + 5
        found = problems(user_markdown().render(built.markdown[:end]), whole_page=False)
        if found:
            report.append(f"{case.id}: {found[0]}")
    assert not report, (f"{len(report)} cases put markup in the front matter of the Markdown "
                        "edition:\n" + "\n".join(report))


def excerpt(page: str) -> str:
    start = page.find("<main")
    return "\n--- output ---\n" + textwrap.shorten(page[start if start >= 0 else 0:], 3000,
                                                  placeholder=" ...")


# --- the same pages in a real browser -------------------------------------------------------

@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server(template_project: Path) -> Iterator[str]:
    with serve(template_project.parent) as base:
        yield base


DOM_PROBLEMS = """() => {
    const out = [];
    const bad = 'script,iframe,frame,frameset,style,textarea,plaintext,xmp,noembed,noframes,'
        + 'noscript,object,embed,applet,svg,math,template,form,input,button,base,details,'
        + 'video,audio,body title,body meta,body link';
    for (const el of document.querySelectorAll(bad)) out.push('element ' + el.outerHTML.slice(0, 80));
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            if (attr.name.toLowerCase().startsWith('on'))
                out.push('handler ' + el.tagName + ' ' + attr.name + '=' + attr.value);
        }
        for (const name of ['href', 'src', 'action', 'formaction', 'data', 'srcdoc']) {
            const value = el.getAttribute(name);
            if (value === null) continue;
            let scheme = '';
            try { scheme = new URL(value, document.baseURI).protocol; } catch (e) {}
            if (['javascript:', 'vbscript:', 'data:', 'file:'].includes(scheme))
                out.push('url ' + el.tagName + ' ' + name + '=' + value);
        }
    }
    if (document.baseURI !== location.href) out.push('base URI changed: ' + document.baseURI);
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
    while (walker.nextNode()) out.push('comment ' + walker.currentNode.data.slice(0, 80));
    return out;
}"""


POKE = """() => {
    for (const el of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerover'])
            el.dispatchEvent(new Event(type, {bubbles: true}));
    }
    for (const a of document.querySelectorAll('a[href]')) {
        if (!['http:', 'https:'].includes(a.protocol)) a.click();
    }
}"""


@pytest.fixture(scope="module")
def tab(chromium: Any) -> Iterator[tuple[Any, Watch]]:
    """One page for all cases (a new page per case costs more than the checks)."""
    context = chromium.new_context(viewport={"width": 1000, "height": 800})
    try:
        page = context.new_page()
        yield page, watch(page)
    finally:
        context.close()


def test_no_script_runs_in_the_browser(built: Built, tab: tuple[Any, Watch], server: str
                                       ) -> None:
    case = built.case
    page, seen = tab
    report = []
    for name, path in built.pages.items():
        seen.dialogs.clear()
        seen.page_errors.clear()
        url = server + path.relative_to(built.root.parent).as_posix()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(100)  # let onerror/onload handlers fire
        page.evaluate(POKE)  # fire handlers that need a reader: hover, focus, click
        page.wait_for_timeout(20)
        if page.url != url:  # a click navigated away: a javascript: or other link ran
            report.append(f"{name}: the page navigated to {page.url}")
            page.goto(url, wait_until="load")
        report += [f"{name}: dialog {d}" for d in seen.dialogs]
        report += [f"{name}: page error {e}" for e in seen.page_errors]
        report += [f"{name}: {p}" for p in page.evaluate(DOM_PROBLEMS)]
        text = page.evaluate("document.body.innerText")
        skip = frozenset(FIELDS if name == "markdown" else ())
        if name != "bilingual" and (missing := missing_units(text, case, skip)):
            report.append(f"{name}: units not visible (swallowed?): {missing}")
    assert not report, "\n".join(dict.fromkeys(report))


def test_the_sources_own_tags_must_still_pair_up() -> None:
    """An <a> the translation opens but never closes would make the rest of the page one
    link: the translation's tags are then shown as text."""
    from publisher.source.sanitize import _sanitise_html

    msgid = 'Read it <a href="https://example.org/full">online</a>.'
    assert _sanitise_html('<a href="https://example.org/full">オンライン</a>で', msgid) == \
        '<a href="https://example.org/full">オンライン</a>で'
    for broken in ('全文は<a href="https://example.org/full">オンラインで',
                   '全文は</a>オンライン<a href="https://example.org/full">で'):
        assert "\\<a" in _sanitise_html(broken, msgid)


def test_check_output_cannot_drive_the_terminal() -> None:
    from publisher.cli.support import shown as _shown

    shown = _shown('<b title="\x1b]0;PWNED\x07\x1b[1A">x</b>\nnext')
    assert "\x1b" not in shown and "\x07" not in shown and "\n" not in shown
    assert "\\x1b]0;PWNED\\x07" in shown
