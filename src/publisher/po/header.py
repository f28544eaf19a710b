"""The header entry of a catalog: its fields, and how a new catalog's header starts."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
import re
from collections.abc import Iterable
from dataclasses import replace

from babel import Locale

from publisher.po.model import Catalog, Message

__all__ = [
    "TEMPLATE_FIELDS",
    "NO_TRANSLATOR",
    "creation_date",
    "header_field",
    "set_header_fields",
    "new_catalog",
    "is_placeholder",
    "valid_plural_forms",
]

TEMPLATE_FIELDS = (
    ("Project-Id-Version", ""),
    ("POT-Creation-Date", ""),
    ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
    ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
    ("Language-Team", "LANGUAGE <LL@li.org>"),
    ("Language", ""),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
)


def creation_date(now: dt.datetime | None = None) -> str:
    """A ``POT-Creation-Date`` value; honours ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        now = (
            dt.datetime.fromtimestamp(int(epoch), dt.UTC)
            if epoch.isdigit()
            else dt.datetime.now(dt.UTC)
        )
    return now.strftime("%Y-%m-%d %H:%M%z")


def header_field(header: Message, name: str) -> str | None:
    """The value of one header field, or ``None``."""
    for line in header.msgstr.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name.lower():
            return value.strip()
    return None


def set_header_fields(header: Message, fields: Iterable[tuple[str, str]]) -> Message:
    """Set header fields, keeping the order (and the other fields) of the existing header."""
    lines = [line for line in header.msgstr.split("\n") if line]
    for name, value in fields:
        for index, line in enumerate(lines):
            if line.partition(":")[0].strip().lower() == name.lower():
                lines[index] = f"{name}: {value}"
                break
        else:
            lines.append(f"{name}: {value}")
    return replace(header, msgstr="".join(f"{line}\n" for line in lines))


#: What ``msginit --no-translator`` writes as the translator of a catalog nobody has touched.
NO_TRANSLATOR = "Automatically generated"


def new_catalog(template: Catalog, language: str) -> Catalog:
    """An empty catalog for ``language``, as ``msginit --no-translator`` starts it: dated
    like its template, so that ``msgfmt --check`` finds no placeholder left in the header."""
    locale = Locale.parse(language.replace("-", "_"))
    header = Message(
        msgid="",
        translator_comments=(
            f"{locale.get_display_name('en')} translation of "
            f"{header_field(template.header, 'Project-Id-Version')}.",
        ),
    )
    values = dict(TEMPLATE_FIELDS)
    values.update(
        {
            "Project-Id-Version": header_field(template.header, "Project-Id-Version") or "",
            "PO-Revision-Date": header_field(template.header, "POT-Creation-Date")
            or creation_date(),
            "Last-Translator": NO_TRANSLATOR,
            "Language-Team": locale.get_display_name("en") or language,
            "Language": language,
        }
    )
    return Catalog(header=set_header_fields(header, values.items()), messages=())


def is_placeholder(plural_forms: str) -> bool:
    """xgettext's ``nplurals=INTEGER; plural=EXPRESSION;``, left in a catalog copied from a
    template: ``update`` writes the language's rule in its place, as msginit does."""
    return "INTEGER" in plural_forms or "EXPRESSION" in plural_forms


@functools.lru_cache(maxsize=256)  # every catalog of a language has the same rule
def valid_plural_forms(value: str) -> bool:
    """Is ``Plural-Forms`` what GNU gettext can use: ``nplurals=N; plural=EXPRESSION;``?"""
    match = re.fullmatch(r"\s*nplurals\s*=\s*([0-9]+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*", value)
    if match is None or int(match.group(1)) < 1:
        return False
    try:
        gettext.c2py(match.group(2))
    except (ValueError, RecursionError):
        return False
    return True
