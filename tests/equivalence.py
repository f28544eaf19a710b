"""Reference renderings that editions are compared with."""

from __future__ import annotations

from htmlnorm import canonical
from publisher.markdown import parse, parser


def substituted(document, texts: dict[str, str]) -> str:
    """Reference rendering: the source's tokens with each unit's inline content replaced by
    its translation parsed as inline Markdown (what the edition must be equivalent to)."""
    env: dict = {}
    md = parser()
    tokens = parse(document.text, env)
    for unit in document.units:
        if unit.token_index >= 0 and unit.msgid in texts:
            source = texts[unit.msgid].replace("\n", "\\\n")
            tokens[unit.token_index].children = md.parseInline(source, env)[0].children
    return md.renderer.render(tokens, md.options, env)


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
