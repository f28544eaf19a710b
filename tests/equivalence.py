"""Reference renderings that editions are compared with."""

from __future__ import annotations

from markdown_it.rules_core import StateCore

from htmlnorm import canonical
from publisher.source.markdown import _is_front_matter, parse, parser


def substituted(document, texts: dict[str, str]) -> str:
    """Reference rendering: the source's tokens with each unit's inline content replaced by
    its translation parsed as inline Markdown (what the edition must be equivalent to).

    The source is parsed afresh and each unit's text is swapped in just before the inline
    stage, so every inline token is parsed once, in document order, with one environment:
    footnote references are numbered exactly as in a real parse."""
    md = parser()
    first = md.parse(document.text)[:1]
    if first and first[0].type == "front_matter" and not _is_front_matter(first[0].content):
        md = parser(front_matter=False)  # as parse() falls back
    wanted = {}
    for unit in document.units:
        if unit.token_index >= 0 and unit.msgid in texts:
            token = document.tokens[unit.token_index]
            wanted[(tuple(token.map or ()), token.content)] = \
                texts[unit.msgid].replace("\n", "\\\n")
    env: dict = {}
    state = StateCore(document.text, md, env)
    for rule in md.core.ruler.__rules__:
        if not rule.enabled:
            continue
        if rule.name == "inline":
            for token in state.tokens:
                key = (tuple(token.map or ()), token.content)
                if token.type == "inline" and key in wanted:
                    token.content = wanted[key]
        rule.fn(state)
    return md.renderer.render(state.tokens, md.options, env)


def same_inline(content: str, msgid: str) -> bool:
    """Does the normalised msgid mean what the block's source text means?

    Joining a soft break can change meaning in a few spec examples (a line break inside
    ``<...>`` link destinations and inside raw HTML tags); this finds them."""
    md = parser()
    if "\n" not in msgid and parse(msgid)[:1] and parse(msgid)[0].type == "html_block":
        return False  # one line, it would be an HTML block (the source relied on the break)
    return canonical(md.renderInline(content)) == canonical(
        md.renderInline(msgid.replace("\n", "\\\n")))


def faithful(document) -> bool:
    return all(same_inline(document.tokens[u.token_index].content, u.msgid)
               for u in document.units)
