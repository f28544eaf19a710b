"""A small DOM for the HTML of a PDF edition (the standard library's html.parser; no regular
expressions on markup), enough to move footnotes and keep words together before WeasyPrint
lays the document out."""

from __future__ import annotations

import html as htmlmod
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Element", "Text", "Raw", "Node", "parse_fragment", "serialize", "INLINE", "VOID"]

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
RAW_TEXT = frozenset({"script", "style"})
INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    ]
)


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def append(self, node: Node) -> None:
        if isinstance(node, Element):
            node.parent = self
        self.children.append(node)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def text(self) -> str:
        return "".join(
            c.text() if isinstance(c, Element) else c.data
            for c in self.children
            if not isinstance(c, Raw)
        )

    def lang(self, default: str) -> str:
        """The element's language: its own ``lang`` or the nearest ancestor's."""
        node: Element | None = self
        while node is not None:
            if node.attrs.get("lang"):
                return str(node.attrs["lang"])
            node = node.parent
        return default


@dataclass(eq=False)
class Text:
    data: str


@dataclass(eq=False)
class Raw:
    """Comments, doctypes and processing instructions: written back as they came."""

    data: str


Node = Element | Text | Raw


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#fragment")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag is dropped.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag in RAW_TEXT:
            self.stack[-1].append(Raw(data))  # CSS or script: written back unescaped
        else:
            self.stack[-1].append(Text(data))

    def handle_comment(self, data: str) -> None:
        self.stack[-1].append(Raw(f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self.stack[-1].append(Raw(f"<!{decl}>"))


def parse_fragment(markup: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def serialize(node: Node) -> str:
    out: list[str] = []
    _serialize(node, out)
    return "".join(out)


def _serialize(node: Node, out: list[str]) -> None:
    if isinstance(node, Text):
        out.append(htmlmod.escape(node.data, quote=False))
        return
    if isinstance(node, Raw):
        out.append(node.data)
        return
    if node.tag != "#fragment":
        out.append("<" + node.tag)
        for name, value in node.attrs.items():
            out.append(f" {name}" if value is None else f' {name}="{htmlmod.escape(value)}"')
        out.append(">")
        if node.tag in VOID:
            return
    for child in node.children:
        _serialize(child, out)
    if node.tag != "#fragment":
        out.append(f"</{node.tag}>")
