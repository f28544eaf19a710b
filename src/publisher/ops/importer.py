"""``publisher import``: translations from other tools' catalogs, XLIFF from CAT tools and TMX
memories, into the project's catalogs.

Gettext catalogs of any tool and TMX files are material to harvest: their translations are
placed on the project's units by meaning (see :mod:`publisher.ops.placement`). An XLIFF file
exported by ``publisher export`` comes back by its units' ids (see
:mod:`publisher.ops.xliffin`). Nothing already translated is overwritten without
``overwrite``; a translation that would break its unit's markup or the page's structure (the
checks of ``check`` and ``build``) is refused, with the file and line it came from; a second
run changes nothing. An imported TMX file is also kept in ``locales/memory/``, where
``update``'s translation memory finds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from publisher.config import Config
from publisher.errors import PublisherError
from publisher.exchange.foreign import Offer, read_foreign_po
from publisher.lang.codes import same_language
from publisher.ops.extract import template_messages
from publisher.ops.intake import FileReport, Project, Refused
from publisher.ops.placement import FUZZY, Placer, Unit
from publisher.ops.recall import MEMORY_FOLDER
from publisher.po.merge import build_template, merge
from publisher.po.stamp import without_stamp
from publisher.po.write import format_catalog
from publisher.project import LOCALES, Report, catalog_path, discover
from publisher.workspace import load

__all__ = ["ImportResult", "import_files"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    files: tuple[FileReport, ...]
    written: tuple[Path, ...]
    """Catalogs (and memory files) changed, or that would be with ``--dry-run``."""


def import_files(
    config: Config, paths: Iterable[Path], language: str | None = None, overwrite: bool = False
) -> tuple[ImportResult, dict[Path, bytes]]:
    """What importing ``paths`` does, and the files to write for it (project-relative path
    -> bytes); nothing is written here."""
    from publisher.ops.xliffin import xliff_updates

    reports = discover(config)
    projects: dict[str, Project] = {}

    def project(code: str) -> Project:
        if code not in projects:
            projects[code] = _load(config, reports, code)
        return projects[code]

    results: list[FileReport] = []
    writes: dict[Path, bytes] = {}
    for path in paths:
        name = str(path)
        suffix = path.suffix.lower()
        if suffix in (".xlf", ".xliff"):
            results += xliff_updates(config, path, name, project, overwrite)
            continue
        if suffix == ".tmx":
            offers = _tmx_offers(path, name, config, language)
            kept = Path(LOCALES) / MEMORY_FOLDER / path.name
            data = path.read_bytes()
            target = config.root / kept
            if not target.exists() or target.read_bytes() != data:
                writes[kept] = data
        elif suffix in (".po", ".pot"):
            declared, found = read_foreign_po(path, name)
            offers = {_language(config, language or declared, name): found}
        else:
            raise PublisherError(
                "not a file import knows",
                name,
                hint="import takes gettext catalogs (.po), XLIFF (.xlf) and TMX (.tmx) files",
            )
        for code, items in offers.items():
            results.append(_harvest(project(code), code, name, items, overwrite))
    for code in sorted(projects):
        state = projects[code]
        state.check_structure()
        state.tally()
        for slug in sorted(state.changed):
            text = format_catalog(without_stamp(state.catalogs[slug]), config.wrap_width)
            path = catalog_path(config, code, state.reports[slug].report)
            data = text.encode("utf-8")
            if not path.exists() or path.read_bytes() != data:
                writes[path.relative_to(config.root)] = data
    return ImportResult(tuple(results), tuple(sorted(writes))), writes


def _language(config: Config, declared: str, name: str) -> str:
    """The project language a file's translations are in."""
    found = [code for code in config.languages if declared and same_language(declared, code)]
    if not found:
        said = f" (the file says {declared!r})" if declared else ""
        raise PublisherError(
            f"cannot tell which of the project's languages ({', '.join(config.languages)}) "
            f"the translations are in{said}",
            name,
            hint="name it with --lang",
        )
    return found[0]


def _load(config: Config, reports: list[Report], code: str) -> Project:
    state = Project(code)
    units = []
    references = {}
    for report in reports:
        loaded = load(config, report, (code,))
        if code not in loaded.targets:
            continue
        state.reports[report.slug] = loaded
        catalog = loaded.catalogs[code]
        if catalog is None:  # no catalog yet: start it as update would
            template = build_template(
                template_messages(loaded.document.units, report.reference),
                report.reference,
                report.slug,
            )
            catalog = merge(template, None, code)
            state.changed.add(report.slug)
        state.catalogs[report.slug] = catalog
        references[report.slug] = loaded.document.env.get("references", {})
        units += [
            Unit(report.slug, m.msgid, m.has_translation)
            for m in catalog.messages
            if not m.obsolete and m.msgctxt is None and m.msgid_plural is None
        ]
    state.placer = Placer(units, references, config.tm_threshold)
    return state


def _harvest(
    state: Project, code: str, name: str, offers: list[Offer], overwrite: bool
) -> FileReport:
    report = FileReport(name, code)
    assert state.placer is not None
    placed, left = state.placer.place(offers)
    report.left = len(left)
    for item in placed:
        how = FUZZY if item.fuzzy else item.how
        outcome = state.place(
            item.unit.report,
            item.unit.msgid,
            item.msgstr,
            item.fuzzy,
            overwrite and item.how != FUZZY,
            item.previous,
            f"import: {name}:{item.offer.line}",
            (report, item.offer.line),
            how,
        )
        if outcome == "kept":
            report.kept += 1
        elif outcome == "same":
            report.same += 1
        elif outcome:
            report.refused.append(Refused(name, item.offer.line, item.unit.msgid, outcome))
    return report


def _tmx_offers(
    path: Path, name: str, config: Config, language: str | None
) -> dict[str, list[Offer]]:
    from publisher.exchange.placeholders import join, recovered
    from publisher.exchange.tmx import read_tmx

    offers: dict[str, list[Offer]] = {}
    for unit in read_tmx(path.read_bytes(), name):
        variants = dict(unit.variants)
        source = next(
            (text for lang, text in variants.items() if same_language(lang, unit.source_language)),
            None,
        )
        if source is None:
            continue
        for lang, text in variants.items():
            code = next((c for c in config.languages if same_language(lang, c)), None)
            if (
                code is None
                or same_language(lang, unit.source_language)
                or (language and code != language)
            ):
                continue
            offers.setdefault(code, []).append(
                Offer(join(source), recovered(text, source), False, name, unit.line, code)
            )
    return offers
