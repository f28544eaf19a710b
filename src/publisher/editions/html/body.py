"""The body of an HTML edition, rendered from tokens.

The edition's Markdown has the source's block structure (reassembly verified it), so its tokens
line up one for one with the source's: headings get the source's anchors, so ``#session-2``
works in every language, and each block that still shows the source text is marked with the
source ``lang`` so screen readers and fonts switch.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from publisher.editions.links import Target
from publisher.editions.views import fallback_titles
from publisher.po.model import State
from publisher.source.markdown import parse, parser
from publisher.source.plaintext import tokens_text
from publisher.source.segment import Document
from publisher.source.units import UnitKind

__all__ = ["Heading", "Body", "heading_ids", "render_body", "split_blocks"]


@dataclass(frozen=True, slots=True)
class Heading:
    """An entry of the table of contents."""

    level: int
    anchor: str
    text: str
    lang: str | None = None
    """The source language when the heading is shown untranslated."""


@dataclass(frozen=True, slots=True)
class Body:
    """A rendered edition body."""

    html: str
    headings: tuple[tuple[Heading, tuple[Heading, ...]], ...]
    """The table of contents: level 2 headings, each with its level 3 headings."""
    first_heading: str
    """Plain text of the first heading (the title of a report without one in front matter)."""


def _slug(text: str) -> str:
    """A GitHub-style anchor: lower case, punctuation dropped, spaces as hyphens."""
    text = unicodedata.normalize("NFKC", text).lower().strip()
    text = "".join(c for c in text if c in "- _" or unicodedata.category(c)[0] in "LNM")
    return re.sub(r"\s+", "-", text) or "section"


def heading_ids(document: Document) -> dict[int, str]:
    """Anchor of every heading, by the index of its ``heading_open`` token in the source."""
    ids: dict[int, str] = {}
    seen: dict[str, int] = {}
    tokens = document.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            base = _slug(tokens_text(tokens[index + 1].children or ()))
            count = seen.get(base, 0)
            seen[base] = count + 1
            ids[index] = base if not count else f"{base}-{count}"
    return ids


class _Tokens:
    """An edition's tokens, copied one by one before they change: the tokens of a
    :class:`Document` (and of a verified edition) are never changed in place."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = list(tokens)
        self._own: set[int] = set()

    def own(self, index: int) -> Token:
        """The token at ``index``, now this rendering's own copy."""
        token = self.tokens[index]
        if index not in self._own:
            children = (
                [child.copy(attrs=dict(child.attrs)) for child in token.children]
                if token.children
                else token.children
            )
            token = token.copy(attrs=dict(token.attrs), children=children)
            self.tokens[index] = token
            self._own.add(index)
        return token

    def owner(self, index: int) -> int:
        """Where the attributes of the block of the inline token at ``index`` show: a tight
        list's hidden paragraph shows as its item."""
        opener = self.tokens[index - 1]
        if not opener.hidden:
            return index - 1
        for candidate in range(index - 2, -1, -1):
            token = self.tokens[candidate]
            if token.nesting == 1 and token.level < opener.level:
                return candidate
        return index - 1


def _mark(
    tokens: _Tokens,
    document: Document,
    states: Sequence[State],
    source: str,
    titles: dict[State, str],
) -> None:
    for unit, state in zip(document.units, states):
        if unit.kind in (UnitKind.FIELD, UnitKind.LINK_TITLE) or state is State.TRANSLATED:
            continue
        owner = tokens.own(tokens.owner(unit.token_index))
        owner.attrSet("lang", source)
        owner.attrJoin("class", f"fallback {state.value}")
        owner.attrSet("title", titles[state])


_LOCAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^/|^#", re.IGNORECASE)


def _relink(tokens: _Tokens, language: str, links: Callable[[str, str], Target | None]) -> None:
    """Links between reports lead to the other report's edition (in this language when it is
    published, else its original); other links to Markdown files to their web page."""
    for index, token in enumerate(tokens.tokens):
        for position, child in enumerate(token.children or ()):
            href = child.attrGet("href") if child.type == "link_open" else None
            if not isinstance(href, str) or _LOCAL.match(href) or ".md" not in href:
                continue
            child = tokens.own(index).children[position]  # type: ignore[index]
            target = links(href, language)
            if target is None:
                child.attrSet("href", re.sub(r"\.md(?=$|#|\?)", ".html", href))
                continue
            child.attrSet("href", target.href)
            if target.language != language:
                child.attrSet("hreflang", target.language)


_DIRECTIVE_ONLY = re.compile(r"^\s*(?:<!--\s*i18n\s*:.*?-->\s*)+$", re.DOTALL)


def _drop_directives(tokens: _Tokens) -> None:
    """Notes for translators (``<!-- i18n: ... -->``) are not for readers."""
    for index, token in enumerate(tokens.tokens):
        if token.type == "html_block" and _DIRECTIVE_ONLY.match(token.content):
            tokens.own(index).content = ""


def split_blocks(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges of the top-level blocks (footnotes make one block at the end)."""
    ranges, start, depth = [], 0, 0
    for index, token in enumerate(tokens):
        depth += token.nesting
        if depth == 0 and token.type != "inline":
            ranges.append((start, index + 1))
            start = index + 1
    return ranges


def render_tokens(tokens: Sequence[Token], env: dict[str, Any]) -> str:
    """HTML of (some of) an edition's tokens."""
    md = parser()
    html = md.renderer.render(list(tokens), md.options, env)
    # A word joiner keeps each note's marker on the line of the word it belongs to (CJK text
    # and closing punctuation would otherwise let the line break before it).
    return html.replace('<sup class="footnote-ref">', '\u2060<sup class="footnote-ref">')


def render_body(
    document: Document,
    text: str,
    states: Sequence[State],
    source: str,
    language: str,
    anchor_suffix: str = "",
    tokens: Sequence[Token] | None = None,
    env: dict[str, Any] | None = None,
    links: Callable[[str, str], Target | None] | None = None,
) -> tuple[Body, list[Token], dict[str, Any]]:
    """Render an edition's Markdown ``text`` (or its ``tokens``, already parsed) as HTML.

    ``states`` gives each unit's state; passages not translated are marked with the source
    ``lang`` and a note in ``language``. Returns the body with the tokens and environment
    used (the bilingual edition renders their blocks one by one).
    """
    env = {} if env is None else dict(env)
    edition = _Tokens(parse(text, env) if tokens is None else tokens)
    if anchor_suffix:
        env["docId"] = anchor_suffix
    _mark(edition, document, states, source, fallback_titles(source, language))
    _relink(edition, language, links or (lambda href, language: None))
    _drop_directives(edition)
    fallback = {
        unit.token_index
        for unit, state in zip(document.units, states)
        if state is not State.TRANSLATED
    }
    headings = []
    for index, anchor in heading_ids(document).items():
        edition.own(index).attrSet("id", anchor + anchor_suffix)
        level = int(edition.tokens[index].tag[1])
        headings.append(
            Heading(
                level,
                anchor + anchor_suffix,
                tokens_text(edition.tokens[index + 1].children or ()).strip(),
                source if index + 1 in fallback else None,
            )
        )
    html = render_tokens(edition.tokens, env)
    first = headings[0].text if headings else ""
    return Body(html, _contents(headings), first), edition.tokens, env


def _contents(headings: list[Heading]) -> tuple[tuple[Heading, tuple[Heading, ...]], ...]:
    tree: list[tuple[Heading, list[Heading]]] = []
    for heading in headings:
        if heading.level == 3 and tree:
            tree[-1][1].append(heading)
        elif heading.level in (2, 3):
            tree.append((heading, []))
    return tuple((heading, tuple(children)) for heading, children in tree)
