"""XML for the exchange formats: a small, safe reader that keeps line numbers, and escaping.

The reader builds a tree of :class:`Element` with expat, recording the line each element
starts on so that errors can name it. It refuses entity declarations (so no entity
expansion and no external entities, whatever the parser's defaults) and references to
entities it was not told about; a ``<!DOCTYPE … SYSTEM "tmx14.dtd">`` line is fine, the
DTD is never read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from publisher.errors import PublisherError
from publisher.exchange.placeholders import Placeholder, Segments, normalise

__all__ = [
    "ExchangeError",
    "Element",
    "read_xml",
    "inline_segments",
    "escape_text",
    "escape_attribute",
    "XML_NS",
]

XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Deeper nesting than any XLIFF or TMX needs: refused rather than risking the stack.
_MAX_DEPTH = 200


class ExchangeError(PublisherError):
    """An XLIFF or TMX file cannot be read, or text cannot be written as XML."""


@dataclass(frozen=True, slots=True)
class Element:
    """One XML element with its content in document order."""

    name: str
    """Local name, without namespace."""
    namespace: str
    """Namespace URI, or "" for none."""
    attributes: dict[str, str]
    """Attribute values by name; ``xml:lang`` and ``xml:space`` under those names, other
    namespaced attributes as ``{uri}name``."""
    line: int
    """Line of the start tag (1-based)."""
    children: list[Element | str] = field(default_factory=list)
    """Text and child elements in order (texts next to each other already joined)."""

    def get(self, name: str) -> str | None:
        """An attribute's value, or ``None``."""
        return self.attributes.get(name)

    def elements(self, name: str | None = None) -> Iterator[Element]:
        """Child elements in this element's namespace (with this name, when given)."""
        for child in self.children:
            if (
                isinstance(child, Element)
                and child.namespace == self.namespace
                and (name is None or child.name == name)
            ):
                yield child

    def first(self, name: str) -> Element | None:
        """The first child element of that name in this element's namespace."""
        return next(self.elements(name), None)

    def text(self) -> str:
        """All text inside, markup left out."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


def _split(name: str) -> tuple[str, str]:
    """expat's ``uri name`` (or ``name``) as (namespace, local name)."""
    namespace, _, local = name.rpartition(" ")
    return namespace, local


def _attribute_name(name: str) -> str:
    namespace, local = _split(name)
    if not namespace:
        return local
    return f"xml:{local}" if namespace == XML_NS else f"{{{namespace}}}{local}"


class _Builder:
    """expat handlers that build the tree."""

    def __init__(self, parser: expat.XMLParserType, name: str) -> None:
        self.parser = parser
        self.name = name
        self.stack: list[Element] = []
        self.root: Element | None = None

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        namespace, local = _split(tag)
        element = Element(
            name=local,
            namespace=namespace,
            attributes={_attribute_name(k): v for k, v in attributes.items()},
            line=self.parser.CurrentLineNumber,
        )
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)
        if len(self.stack) > _MAX_DEPTH:
            raise self.error(f"elements are nested more than {_MAX_DEPTH} deep")

    def end(self, tag: str) -> None:
        self.stack.pop()

    def characters(self, data: str) -> None:
        if not self.stack:
            return
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    def entity_declaration(self, name: str, *_: object) -> None:
        raise self.error(
            f"the file declares an XML entity ({name}), which is not accepted",
            hint="export the file again from your tool; XLIFF and TMX need no entities",
        )

    def skipped_entity(self, name: str, is_parameter: bool) -> None:
        raise self.error(f"the entity &{name}; is not defined")

    def error(self, message: str, hint: str | None = None) -> ExchangeError:
        return ExchangeError(message, self.name, self.parser.CurrentLineNumber, hint=hint)


def read_xml(data: bytes, name: str) -> Element:
    """Parse a whole XML document; ``name`` only names the file in errors."""
    parser = expat.ParserCreate(namespace_separator=" ")
    builder = _Builder(parser, name)
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.characters
    parser.EntityDeclHandler = builder.entity_declaration
    parser.SkippedEntityHandler = builder.skipped_entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise ExchangeError(
            f"the file is not well-formed XML: {expat.ErrorString(error.code)} "
            f"(column {error.offset + 1})",
            name,
            error.lineno,
            hint="was the file saved completely? an XML validator shows the exact spot",
        ) from None
    if builder.root is None:  # pragma: no cover - expat reports a document without elements
        raise ExchangeError("the file holds no XML element", name, 1)
    return builder.root


def inline_segments(element: Element, code_id: Callable[[Element], str | None]) -> Segments:
    """The text and placeholders inside a ``<source>``, ``<target>`` or ``<seg>``.

    ``code_id`` names the placeholder an inline element stands for (its whole text becomes
    the placeholder's text), or returns ``None`` for an element whose content is read as
    if the element were not there (XLIFF ``<g>`` and ``<mrk>``, TMX ``<hi>``, foreign
    elements).
    """
    parts: list[str | Placeholder] = []
    pending: list[Element | str] = list(reversed(element.children))
    while pending:
        child = pending.pop()
        if isinstance(child, str):
            parts.append(child)
            continue
        key = code_id(child)
        if key is None:
            pending.extend(reversed(child.children))
        else:
            parts.append(Placeholder(key, child.text()))
    return normalise(parts)


# XML 1.0 cannot hold these characters at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE = {**_TEXT, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>\r"\t\n]')


def _check(value: str, where: str) -> None:
    bad = _NOT_XML.search(value)
    if bad:
        raise ExchangeError(
            f"{where} holds the character U+{ord(bad.group()):04X}, which XML cannot carry",
            hint="remove the control character from the source text or translation",
        )


def escape_text(value: str, where: str) -> str:
    """Character data for an element; a carriage return survives as ``&#13;``.

    ``where`` names the unit in the error raised for characters XML cannot hold.

    >>> escape_text("a < b & c", "unit 1")
    'a &lt; b &amp; c'
    """
    _check(value, where)
    return _TEXT_SPECIAL.sub(lambda m: _TEXT[m.group()], value)


def escape_attribute(value: str, where: str) -> str:
    """A double-quoted attribute value that reads back exactly (tabs and line ends too)."""
    _check(value, where)
    return _ATTRIBUTE_SPECIAL.sub(lambda m: _ATTRIBUTE[m.group()], value)
