"""Front matter: the YAML block at the top of a report, and which of its fields are translated."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from publisher.config import DEFAULT_FIELDS
from publisher.errors import ContentError
from publisher.lang.dates import as_date
from publisher.lang.text import join_lines
from publisher.source.units import Span, Unit, UnitKind

__all__ = ["FrontMatter", "read_front_matter", "DEFAULT_FIELDS", "quote"]


#: Translatable fields that may hold a list of texts; the others must be one text.
LIST_FIELDS = frozenset({"organisers", "organizers", "partners", "authors", "keywords"})

# libyaml when PyYAML was built with it (it is in the wheels), else the pure-Python parser.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Keys the tool itself reads, with the types it accepts.
_TYPED = {
    "lang": (str,),
    "date": (dt.date, str),
    "end_date": (dt.date, str),
    "draft": (bool,),
    "number": (int, str),
    "licence": (str,),
    "license": (str,),
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The parsed front matter of one report."""

    meta: dict[str, Any]
    """Every field, as YAML gives it (dates as ``datetime.date``)."""
    units: tuple[Unit, ...]
    """The translatable fields, in document order."""


def _normalise(value: str) -> str:
    """A field's text with its line breaks joined as soft breaks are."""
    lines = [line.strip() for line in value.strip().splitlines()]
    text = lines[0] if lines else ""
    for line in lines[1:]:
        if line:
            text = f"{text}{join_lines(text, line)}{line}" if text else line
    return text


# An anchor (&name) or a tag (!!str) before a value: not part of the text to replace.
_PROPERTIES = re.compile(r"(?:[&!][^\s]*[ \t]+(?:\n[ \t]*)?)*")


def _field_units(
    node: yaml.Node, key: str, content: str, offset: int, first_line: int, path: Path
) -> Iterator[Unit]:
    """Units for one translatable field: its string, or each string of its list."""
    items: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(node, (key,))]
    if isinstance(node, yaml.SequenceNode) and key in LIST_FIELDS:
        items = [(item, (key, index)) for index, item in enumerate(node.value)]
    for item, field_path in items:
        if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str":
            kind = "text or a list of texts" if key in LIST_FIELDS else "text"
            listed = (
                ""
                if key in DEFAULT_FIELDS
                else (
                    f", or take '{key}' out of [extract] fields in publisher.toml if it is not "
                    f"meant to be translated"
                )
            )
            raise ContentError(
                f"the front-matter field '{key}' must be {kind} to be translated",
                path,
                first_line + item.start_mark.line,
                hint=f"write it as `{key}: Some text`, or quote the value{listed}",
            )
        text = _normalise(item.value)
        if not text:
            continue
        properties = _PROPERTIES.match(content, item.start_mark.index)
        start = properties.end() if properties else item.start_mark.index
        yield Unit(
            msgid=text,
            kind=UnitKind.FIELD,
            line=first_line + item.start_mark.line,
            span=Span(offset + start, offset + item.end_mark.index),
            field=field_path,
        )


def _check_types(
    meta: dict[str, Any], nodes: dict[str, yaml.Node], first_line: int, path: Path
) -> None:
    for key in ("date", "end_date"):
        value = meta.get(key)
        if isinstance(value, str) and not _iso_date(value):
            raise ContentError(
                f"the front-matter field '{key}' must be a date (YYYY-MM-DD), not '{value}'",
                path,
                first_line + nodes[key].start_mark.line,
            )
    for key, types in _TYPED.items():
        if key in meta and meta[key] is not None and not isinstance(meta[key], types):
            names = " or ".join(
                "a date (YYYY-MM-DD)"
                if t is dt.date
                else t.__name__.replace("str", "text").replace("bool", "true/false")
                for t in types
            )
            raise ContentError(
                f"the front-matter field '{key}' must be {names}",
                path,
                first_line + nodes[key].start_mark.line,
            )


def _iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def read_front_matter(
    content: str, offset: int, path: Path, fields: tuple[str, ...] = DEFAULT_FIELDS
) -> FrontMatter:
    """Parse the YAML between the ``---`` fences.

    ``content`` is the text between the fences, starting at ``offset`` in the source (on line
    2 of the file). Malformed YAML or a field of the wrong type is a :class:`ContentError`
    that names the line.
    """
    first_line = 2
    loader = _Loader(content)
    root = None
    try:
        root = loader.get_single_node()
        meta = loader.construct_document(root) if root is not None else {}
    except ValueError as err:  # a date YAML recognises but the calendar lacks (2024-02-30)
        bad = _impossible_date(root)
        line = first_line + bad.start_mark.line if bad is not None else first_line
        shown = f" '{bad.value}'" if bad is not None else ""
        raise ContentError(
            f"the front matter holds an impossible date or time{shown} ({err})",
            path,
            line,
            hint="write a real date as YYYY-MM-DD",
        ) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        if mark is None or mark.index >= len(content.rstrip()):
            # At the end of the text (an unclosed bracket or quote) the place where the
            # construct began is what the author needs to see.
            mark = getattr(err, "context_mark", None) or mark
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ContentError(
            f"the front matter is not valid YAML: {problem}",
            path,
            line,
            hint="fix the YAML between the --- lines at the top of the report",
        ) from None
    finally:
        loader.dispose()
    if root is None:
        return FrontMatter({}, ())
    if not isinstance(root, yaml.MappingNode) or not isinstance(meta, dict):
        raise ContentError(
            "the front matter must be a list of `key: value` fields", path, first_line
        )
    nodes: dict[str, yaml.Node] = {}
    for key, node in root.value:
        if isinstance(key, yaml.ScalarNode):
            if key.value in nodes:
                raise ContentError(
                    f"the front-matter field '{key.value}' is given twice (first on line "
                    f"{first_line + nodes[key.value].start_mark.line})",
                    path,
                    first_line + key.start_mark.line,
                    hint="keep one of the two lines",
                )
            nodes[key.value] = node
    meta = {str(k): v for k, v in meta.items()}
    _check_types(meta, nodes, first_line, path)
    _check_range(meta, nodes, first_line, path)
    units: list[Unit] = []
    placed: set[int] = set()
    for key, field_node in nodes.items():
        if key not in fields or (
            isinstance(field_node, yaml.ScalarNode) and field_node.tag.endswith(":null")
        ):
            continue
        if id(field_node) in placed:  # an alias (*name) of a field already extracted
            continue
        placed.add(id(field_node))
        units.extend(_field_units(field_node, key, content, offset, first_line, path))
    return FrontMatter(meta, tuple(units))


def _impossible_date(root: yaml.Node | None) -> yaml.ScalarNode | None:
    """The first timestamp-looking scalar that is not a real date or time."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode):
            if node.tag.endswith(":timestamp"):
                try:
                    yaml.SafeLoader("").construct_yaml_timestamp(node)
                except ValueError:
                    return node
        elif isinstance(node, yaml.MappingNode):
            stack.extend(value for pair in node.value for value in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _check_range(
    meta: dict[str, Any], nodes: dict[str, yaml.Node], first_line: int, path: Path
) -> None:
    """An end date is not before the start date."""
    start, end = (as_date(meta.get(key)) for key in ("date", "end_date"))
    if start is not None and end is not None and end < start:
        raise ContentError(
            f"end_date {end.isoformat()} is before date {start.isoformat()}",
            path,
            first_line + nodes["end_date"].start_mark.line,
            hint="swap the two dates, or correct the one that is wrong",
        )


def quote(text: str) -> str:
    """A YAML double-quoted scalar for a translated field value (JSON strings are YAML).

    ``<`` and the ``(`` of ``](`` are written as ``\\u003c`` and ``\\u0028`` (the same text to a
    YAML reader) so that a Markdown viewer showing front matter as text never meets an HTML
    tag or a link in it.
    """
    return (
        json.dumps(text, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace("](", "]\\u0028")
        .translate(_YAML_BREAKS)
    )


# Line breaks to YAML (not to JSON): written as escapes, or the front matter would not read.
_YAML_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
