"""Does joining a block's soft line breaks (as its msgid does) keep its meaning?"""

from __future__ import annotations

from htmlnorm import canonical
from publisher.source.markdown import parse, parser


def same_inline(content: str, msgid: str) -> bool:
    """Does the normalised msgid mean what the block's source text means?

    Joining a soft break can change meaning in a few spec examples (a line break inside
    ``<...>`` link destinations and inside raw HTML tags); this finds them."""
    md = parser()
    if "\n" not in msgid and parse(msgid)[:1] and parse(msgid)[0].type == "html_block":
        return False  # one line, it would be an HTML block (the source relied on the break)
    return canonical(md.renderInline(content)) == canonical(
        md.renderInline(msgid.replace("\n", "\\\n")))
