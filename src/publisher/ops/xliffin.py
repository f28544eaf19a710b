"""XLIFF back from a CAT tool: each unit's target goes to the catalog entry with its id.

A unit's state says whether the translation is confirmed: ``translated`` (or approved,
reviewed, final, signed off) gives a translated entry, the ``needs-…`` states a fuzzy one, and
a unit left ``new`` or empty changes nothing. Placeholders are put back as the source has
them. A unit that does not fit its report (an id the catalog does not have, a placeholder
that is missing, unknown or doubled) is refused with the file and line; the others go in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from publisher.config import Config
from publisher.errors import PublisherError
from publisher.exchange.placeholders import PlaceholderError, protect, restore
from publisher.exchange.xliff import read_xliff
from publisher.lang.codes import same_language
from publisher.ops.exporter import unit_id
from publisher.ops.intake import FileReport, Project, Refused
from publisher.ops.placement import EXACT, FUZZY
from publisher.project import CONTENT

__all__ = ["xliff_updates"]

_CONFIRMED = {"translated", "final", "signed-off", "reviewed"}


def xliff_updates(
    config: Config, path: Path, name: str, project: Callable[[str], Project], overwrite: bool
) -> list[FileReport]:
    """Take the translations of one XLIFF file into the catalogs it was exported from."""
    reports = []
    for file in read_xliff(path.read_bytes(), name):
        code = next((c for c in config.languages if same_language(file.target_language, c)), None)
        slug = file.original.removeprefix(f"{CONTENT}/").removesuffix(".md")
        if code is None:
            raise PublisherError(
                f"the file's target language {file.target_language!r} is not one of the project's",
                name,
                hint="export and import the languages of publisher.toml",
            )
        state = project(code)
        if slug not in state.catalogs:
            raise PublisherError(
                f"{file.original} is not a report translated into {code}",
                name,
                hint="import an XLIFF file made by publisher export from this project",
            )
        report = FileReport(name, code)
        reports.append(report)
        entries = {
            unit_id(m.msgctxt, m.msgid): m
            for m in state.catalogs[slug].messages
            if not m.obsolete and m.msgid_plural is None
        }
        for unit in file.units:
            entry = entries.get(unit.id)
            if entry is None:
                report.refused.append(
                    Refused(
                        name,
                        unit.line,
                        "",
                        f"unknown unit id "
                        f"{unit.id!r}: not in {file.original}'s catalog "
                        "(exported from another version?)",
                    )
                )
                continue
            if unit.target is None or unit.state == "new":
                continue
            try:
                text = restore(unit.target, protect(entry.msgid))
            except PlaceholderError as error:
                report.refused.append(Refused(name, unit.line, entry.msgid, str(error)))
                continue
            if not text:
                continue
            fuzzy = unit.state not in _CONFIRMED
            if entry.msgctxt is not None:
                continue  # the project's own catalogs have no contexts
            outcome = state.place(
                slug,
                entry.msgid,
                text,
                fuzzy,
                overwrite or not entry.has_translation or entry.fuzzy,
                entry.previous_msgid,
                None,
                (report, unit.line),
                FUZZY if fuzzy else EXACT,
            )
            if outcome == "kept":
                report.kept += 1
            elif outcome == "same":
                report.same += 1
            elif outcome:
                report.refused.append(Refused(name, unit.line, entry.msgid, outcome))
    return reports
