"""Markdown editions: each edition as reassembled Markdown, and an index per language.

A Markdown edition is for readers and for other tools, so it carries what the web page shows
in other ways: passages shown in the source language are wrapped in ``<span lang="..">``
(a Markdown renderer keeps it), its front matter says its source language and translated
share, and notes for translators (``<!-- i18n: ... -->``) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from publisher.editions.builder import Builder, Output, ReportContext, SiteIndex
from publisher.editions.pages import href
from publisher.editions.ui import ui_strings
from publisher.source.markdown import block_skeleton, parse
from publisher.source.segment import DIRECTIVE, Document

__all__ = ["MarkdownBuilder"]


class MarkdownBuilder(Builder):
    format = "md"
    suffix = "md"
    folder = "site-md"
    marks_fallback = True

    def edition(self, context: ReportContext, language: str) -> Iterator[Output]:
        editions = context.editions
        edition = editions.editions[language]
        text = _without_directives(
            edition.text,
            edition.parsed[0] if edition.parsed else None,
            "i18n" in edition.text and _notes_stand_alone(editions.document),
        )
        if language != editions.source_language:
            text = _with_share(text, editions.source_language, editions.percent[language])
        yield context.site.page(language, editions.report.slug), text

    def site_files(self, index: SiteIndex) -> Iterator[Output]:
        for language in index.languages:
            path = f"{language}/index.md"
            lines = [f"# {ui_strings(language)['reports']}", ""]
            lines += [
                f"- [{e['title']}]({href(path, e['page'])})"
                + (f" ({e['dates']})" if e["dates"] else "")
                for e in index.entries(language)
            ]
            yield path, "\n".join(lines) + "\n"


_ONLY_DIRECTIVES = re.compile(rf"^\s*(?:{DIRECTIVE.pattern}\s*)+$", re.DOTALL)


# Blocks that end where they end whatever blank lines follow them.
_CLOSED = frozenset(
    {"paragraph_close", "heading_close", "hr", "fence", "html_block", "table_close", "front_matter"}
)


def _notes_stand_alone(document: Document) -> bool:
    """Is every note for translators a block of its own at the top level, after nothing or
    after a block that blank lines do not continue (not a list, a quote, a footnote or
    indented code)? Then its lines made blank leave every block as it was."""
    if document.blocks is None:
        return False
    previous = None
    for token in document.blocks.tokens:
        note = token.type == "html_block" and _ONLY_DIRECTIVES.match(token.content)
        if note and (token.level or (previous is not None and previous not in _CLOSED)):
            return False
        if not token.level and token.nesting != 1:
            previous = token.type
    return True


def _without_directives(
    text: str, tokens: list[Token] | None = None, stand_alone: bool = False
) -> str:
    """``text`` without its notes for translators, when taking them out leaves the page's
    blocks as they were (else they stay: a page is never changed for a comment).
    ``tokens``: the text's blocks as parsed already (the edition's verifying parse);
    ``stand_alone``: the notes are blocks whose lines, made blank, change no other block
    (:func:`_notes_stand_alone`), so the page needs no parse to show it."""
    if "i18n" not in text:
        return text
    if tokens is None:
        tokens = parse(text)
    notes = [t for t in tokens if t.type == "html_block" and _ONLY_DIRECTIVES.match(t.content)]
    if not notes:
        return text
    lines = text.split("\n")
    left = False  # is anything left on a note's lines?
    for token in notes:
        assert token.map is not None
        for number in range(*token.map):
            lines[number] = DIRECTIVE.sub("", lines[number]).rstrip()
            left = left or bool(lines[number])
    cleaned = "\n".join(lines)
    if stand_alone and not left:
        return cleaned
    taken = {id(token) for token in notes}
    kept = [t for t in tokens if id(t) not in taken]
    if block_skeleton(parse(cleaned)) != block_skeleton(kept):
        return text
    return cleaned


def _with_share(text: str, source: str, percent: float) -> str:
    """The edition's front matter, saying what it was translated from and how much."""
    fields = f"source_language: {source}\ntranslated_percent: {percent:g}\n"
    if text.startswith("---\n") and (
        close := re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    ):
        at = 4 + close.start()
        return text[:at] + fields + text[at:]
    return f"---\n{fields}---\n\n{text}"
