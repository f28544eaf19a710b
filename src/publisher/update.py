"""``publisher update``: extract every report into its template and merge it into its catalogs."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from dataclasses import dataclass
from pathlib import Path

from .catalog import build_template, header_field, merge
from .config import Config
from .errors import CatalogError, ContentError
from .fsutil import Transaction
from .model import Catalog
from .poformat import format_catalog
from .poread import read_catalog
from .project import (Report, catalog_path, discover, read_source, relative, select,
                      template_path)
from .segment import Document, segment

__all__ = ["FileChange", "update", "load_report", "load_catalog", "report_language",
           "target_languages"]


@dataclass(frozen=True, slots=True)
class FileChange:
    """A file that ``update`` wrote (or would write, with ``--check``)."""

    path: Path
    """Relative to the project root."""
    action: str
    """``created`` or ``updated``."""
    note: str = ""
    """Anything the user should know, such as a change of encoding."""


def load_report(config: Config, report: Report) -> Document:
    """Read and segment one report."""
    return segment(read_source(config, report), Path(report.reference), config.fields)


def report_language(config: Config, document: Document) -> str:
    """The language a report is written in: ``lang:`` in its front matter, else the default."""
    language = document.meta.get("lang") or config.source_language
    if language not in config.languages:
        raise ContentError(
            f"lang: {language} is not one of the project's languages "
            f"({', '.join(config.languages)})", config.root / document.path, 2,
            hint="fix lang: in the front matter, or add the language to publisher.toml")
    return language


def target_languages(config: Config, source: str, only: tuple[str, ...] = ()) -> list[str]:
    """The languages a report is translated into (every other configured one)."""
    return [lang for lang in config.languages if lang != source and (not only or lang in only)]


def load_catalog(config: Config, path: Path, language: str | None = None) -> Catalog | None:
    """Read a catalog if it exists; check that its header language matches its folder."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    catalog = read_catalog(data, relative(config.root, path))
    declared = header_field(catalog.header, "Language")
    if language and declared and declared.replace("-", "_") != language.replace("-", "_"):
        raise CatalogError(
            f"the header says Language: {declared}, but the file is in the folder for "
            f"'{language}'", relative(config.root, path), catalog.header.line or 1,
            hint=f"move the file to locales/{declared}/ or correct its Language header")
    return catalog


def _outputs(config: Config, report: Report,
             languages: tuple[str, ...]) -> Iterator[tuple[Path, bytes, str]]:
    """The files one report needs: its template, then each target catalog."""
    document = load_report(config, report)
    source = report_language(config, document)
    pot_path = template_path(config, report)
    template = build_template(document.units, report.reference, report.slug,
                              load_catalog(config, pot_path))
    yield pot_path, format_catalog(template, config.wrap_width).encode("utf-8"), ""
    for language in target_languages(config, source, languages):
        path = catalog_path(config, language, report)
        old = load_catalog(config, path, language)
        note = ""
        if old is not None and old.source_encoding.upper().replace("_", "-") != "UTF-8":
            note = f"rewritten as UTF-8 (was {old.source_encoding})"
        merged = merge(template, old, language)
        yield path, format_catalog(merged, config.wrap_width).encode("utf-8"), note


def update(config: Config, languages: tuple[str, ...] = (), reports: tuple[str, ...] = (),
           check: bool = False) -> list[FileChange]:
    """Bring templates and catalogs up to date; with ``check``, only say what would change.

    Every file is computed before any is written: a bad file anywhere leaves all as it was.
    """
    from .sitecatalog import site_outputs

    outputs = (output for report in select(discover(config), reports)
               for output in _outputs(config, report, languages))
    if not reports:
        outputs = chain(site_outputs(config, languages), outputs)
    changes: list[FileChange] = []
    with Transaction() as transaction:
        for path, data, note in outputs:
            existed = path.exists()
            changed = (not existed or path.read_bytes() != data) if check else \
                transaction.stage(path, data)
            if changed:
                changes.append(FileChange(relative(config.root, path),
                                          "updated" if existed else "created", note))
    return changes
