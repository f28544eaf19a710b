"""Compare HTML modulo whitespace and attribute order."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from publisher.source.markdown import parse, parser


class _Canonical(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(f"<{tag} {sorted((k, v or '') for k, v in attrs)}>")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")


def canonical(html: str) -> str:
    """HTML with whitespace runs collapsed (also around tags) and attributes sorted."""
    reader = _Canonical()
    reader.feed(html)
    reader.close()
    text = re.sub(r"\s+", " ", "".join(reader.out))
    return re.sub(r" ?(<[^>]*>) ?", r"\1", text).strip()


def render(markdown: str) -> str:
    """Render with the tool's own parser (front matter and footnotes included)."""
    env: dict = {}
    md = parser()
    return md.renderer.render(parse(markdown, env), md.options, env)
