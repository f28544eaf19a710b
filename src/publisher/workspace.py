"""The one loader: a report with its language, its target languages and their catalogs.

Every command that looks at a report goes through :func:`load`: ``update`` (to merge),
``status`` (to count), ``check`` (to review) and ``build`` (to assemble editions). A command
reads only the catalogs of the languages it works on, so a broken Japanese catalog does not
stop work on Korean. Files that are links leading out of the project are refused: a pull
request must not make CI read what lies outside it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from publisher.config import CONFIG_NAME, Config, check_language
from publisher.errors import CatalogError, ConfigError, ContentError, PublisherError
from publisher.lang.codes import same_language
from publisher.po.header import header_field, is_placeholder, valid_plural_forms
from publisher.po.model import Catalog, State
from publisher.po.read import read_catalog
from publisher.project import Report, catalog_path, read_source, relative
from publisher.runtime.cache import digest_bytes, read_bytes
from publisher.source.units import Translations

if TYPE_CHECKING:
    from publisher.source.segment import Document

__all__ = [
    "LoadedReport",
    "load",
    "load_document",
    "load_catalog",
    "report_language",
    "target_languages",
    "translations_of",
    "config_digest",
    "read_file",
]


@dataclass(frozen=True, slots=True)
class LoadedReport:
    """A report, parsed, with the catalogs of the languages a command works on."""

    report: Report
    document: Document
    source_language: str
    """The language the report is written in."""
    targets: tuple[str, ...]
    """The target languages the command works on (all of them when it chose none)."""
    catalogs: Mapping[str, Catalog | None]
    """Target language -> its catalog, None when there is none yet (empty when the caller
    asked for no catalogs)."""

    def translations(self, language: str) -> Translations:
        """What ``language``'s catalog offers an edition (nothing for the source language)."""
        return translations_of(self.catalogs.get(language))


def load(
    config: Config,
    report: Report,
    languages: tuple[str, ...] = (),
    catalogs: bool = True,
    notes: bool = True,
) -> LoadedReport:
    """Parse ``report`` and read the catalogs of its target languages among ``languages``
    (every target when empty); with ``catalogs=False`` only the report is read; with
    ``notes=False`` the catalogs' entries may come without their comments (see
    :func:`~publisher.po.read.read_catalog`)."""
    document = load_document(config, report)
    source = report_language(config, document)
    targets = tuple(target_languages(config, source, languages))
    found = (
        {
            language: load_catalog(
                config, catalog_path(config, language, report), language, notes=notes
            )
            for language in targets
        }
        if catalogs
        else {}
    )
    return LoadedReport(report, document, source, targets, found)


def load_document(config: Config, report: Report) -> Document:
    """Read and segment one report."""
    from publisher.source.segment import segment  # (loaded when a report is: the parser)

    return segment(read_source(config, report), Path(report.reference), config.fields)


def report_language(config: Config, document: Document) -> str:
    """The language a report is written in: ``lang:`` in its front matter, else the default."""
    language = document.meta.get("lang") or config.source_language
    if language not in config.languages:  # ja-JP, ja_JP, JA: the project's ja
        language = next(
            (code for code in config.languages if same_language(language, code)), language
        )
    if language not in config.languages:
        match = re.search(r"^lang\s*:", document.text, re.MULTILINE)
        line = document.text.count("\n", 0, match.start()) + 1 if match else None
        raise ContentError(
            f"lang: {language} is not one of the project's languages "
            f"({', '.join(config.languages)})",
            document.path,
            line,
            hint="fix lang: in the front matter, or add the language to publisher.toml",
        )
    return language


def target_languages(config: Config, source: str, only: tuple[str, ...] = ()) -> list[str]:
    """The languages a report is translated into (every other configured one)."""
    return [lang for lang in config.languages if lang != source and (not only or lang in only)]


def read_file(config: Config, path: Path) -> bytes | None:
    """The bytes of a project file, None when it does not exist.

    A symbolic link is followed only while it stays inside the project."""
    if os.path.islink(path):
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(config.root.resolve()):
            raise PublisherError(
                "this file is a link to a file outside the project",
                relative(config.root, path),
                hint="copy the file into the project instead of linking it",
            )
    try:
        return read_bytes(path)
    except FileNotFoundError:
        return None


def load_catalog(
    config: Config,
    path: Path,
    language: str | None = None,
    data: bytes | None = None,
    notes: bool = True,
) -> Catalog | None:
    """Read a catalog if it exists; check that its header language matches its folder.

    ``data`` is the file's bytes when the caller has already read them; ``notes`` as for
    :func:`~publisher.po.read.read_catalog`."""
    if data is None:
        data = read_file(config, path)
        if data is None:
            return None
    name = relative(config.root, path)
    catalog = read_catalog(data, name, notes)
    declared = header_field(catalog.header, "Language")
    if language and declared and not same_language(declared, language):
        line = _line_of(data, b"Language:") or catalog.header.line or 1
        try:
            check_language(declared)
        except ConfigError:
            raise CatalogError(
                f"the header's Language: {declared} is not a language code",
                name,
                line,
                hint=f"write Language: {language}",
            ) from None
        folders = [code for code in config.languages if same_language(declared, code)]
        move = f"move the file to locales/{folders[0]}/ or " if folders else ""
        raise CatalogError(
            f"the header says Language: {declared}, but the file is in the folder for '{language}'",
            name,
            line,
            hint=f"{move}correct its Language header (Language: {language})",
        )
    forms = header_field(catalog.header, "Plural-Forms")
    if forms is not None and not is_placeholder(forms) and not valid_plural_forms(forms):
        from babel.messages.plurals import get_plural

        line = _line_of(data, b"Plural-Forms:") or catalog.header.line or 1
        wanted = get_plural((language or "en").replace("-", "_")).plural_forms
        raise CatalogError(
            f"the header's Plural-Forms is not valid: {forms}",
            name,
            line,
            hint=f"write Plural-Forms: {wanted} (what the language needs); "
            f"msgfmt --check refuses the file as it is",
        )
    return catalog


def _line_of(data: bytes, field: bytes) -> int | None:
    match = re.search(rb'^"' + re.escape(field), data, re.MULTILINE)
    return data.count(b"\n", 0, match.start()) + 1 if match else None


def translations_of(catalog: Catalog | None) -> Translations:
    """What an edition may use from a catalog: translated entries; fuzzy ones are stale."""
    if catalog is None:
        return Translations({})
    texts = {
        m.msgid: m.msgstr
        for m in catalog.messages
        if m.translated and m.msgid_plural is None and m.msgctxt is None
    }
    fuzzy = frozenset(m.msgid for m in catalog.messages if m.state is State.FUZZY)
    return Translations(texts, fuzzy)


def config_digest(config: Config) -> str:
    """Digest of the settings file (every cache record depends on it)."""
    path = config.root / CONFIG_NAME
    return digest_bytes(path.read_bytes()) if path.exists() else "-"
