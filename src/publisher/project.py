"""The layout of a publishing project: where reports, templates, catalogs and editions live."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from publisher.config import Config
from publisher.errors import ContentError, PublisherError

__all__ = [
    "Report",
    "discover",
    "select",
    "template_path",
    "catalog_path",
    "read_source",
    "relative",
    "declared_language",
    "CONTENT",
    "LOCALES",
]

CONTENT = "content"
LOCALES = "locales"
TEMPLATES = "templates"


@dataclass(frozen=True, slots=True)
class Report:
    """One source report of the project."""

    slug: str
    """Its path under ``content/`` without ``.md``, with ``/`` separators."""
    path: Path
    """The Markdown file."""

    @property
    def reference(self) -> str:
        """How catalogs refer to the source file (``content/<slug>.md``)."""
        return f"{CONTENT}/{self.slug}.md"


def relative(root: Path, path: Path) -> Path:
    """``path`` relative to the project root when it is inside it (for messages)."""
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def discover(config: Config) -> list[Report]:
    """Every ``content/**/*.md`` report, sorted by slug (so runs are deterministic)."""
    content = config.root / CONTENT
    if not content.is_dir():
        raise ContentError(
            f"there is no {CONTENT}/ folder of reports",
            CONTENT,
            hint=f"put each report in {CONTENT}/<slug>.md (a new project needs only that), "
            "or run the command in the project's folder",
        )
    if not _inside(config.root, content):
        raise ContentError(
            f"{CONTENT}/ is a link to a folder outside the project",
            CONTENT,
            hint="keep the reports inside the project (a pull request must not make CI read "
            "elsewhere)",
        )
    reports = []
    for folder, dirs, files in os.walk(content, followlinks=False):
        # Names starting with `.` or `_` are drafts, partials or tool files, never reports.
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(files):
            if not name.endswith(".md") or name.startswith((".", "_")):
                continue
            path = Path(folder, name)
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                shown = os.fsencode(path).decode("utf-8", "replace")
                raise ContentError(
                    "the file name is not valid UTF-8",
                    os.path.relpath(shown, os.fsencode(config.root).decode("utf-8", "replace")),
                    hint="rename the file with a UTF-8 name (a slug is best: "
                    "lowercase letters, digits and dashes)",
                ) from None
            if os.path.islink(path) and not os.path.exists(path):
                raise ContentError(
                    "this report is a link to nothing (or a link loop)",
                    relative(config.root, path),
                    hint="point the link at a real file, or remove it",
                )
            # Only a link can lead outside (walking does not follow linked folders).
            if os.path.islink(path) and not _inside(config.root, path):
                raise ContentError(
                    "this report is a link to a file outside the project",
                    relative(config.root, path),
                    hint="copy the file into content/ instead of linking it",
                )
            slug = path.relative_to(content).with_suffix("").as_posix()
            reports.append(Report(slug, path))
    reports.sort(key=lambda r: r.slug)
    _check_addresses(config, reports)
    return reports


#: Slugs whose editions would be overwritten by a page the build makes of all the reports
#: (``<lang>/index.html``, ``<lang>/index.md``, ``<lang>/feed.xml`` is not a report page).
RESERVED_SLUGS = ("index",)


def _check_addresses(config: Config, reports: list[Report]) -> None:
    """Refuse reports whose editions could not have an address of their own: a slug the
    index pages take, or two slugs that differ only in letter case (one file on the case-
    insensitive file systems of macOS and Windows, and on many web hosts)."""
    seen: dict[str, Report] = {}
    for report in reports:
        if report.slug in RESERVED_SLUGS:
            raise ContentError(
                f"the report's address would be taken by the index page of every language "
                f"(<lang>/{report.slug}.html)",
                relative(config.root, report.path),
                hint="rename the report: its file name is its address",
            )
        other = seen.setdefault(report.slug.casefold(), report)
        if other is not report:
            raise ContentError(
                f"this report and {other.reference} differ only in letter case, so they "
                "would be one page on many systems and web hosts",
                relative(config.root, report.path),
                hint=f"rename one of {other.reference} and {report.reference}",
            )


def select(reports: list[Report], slugs: tuple[str, ...]) -> list[Report]:
    """The reports named by ``--report`` (all when none is named)."""
    if not slugs:
        return reports
    known = {r.slug: r for r in reports}
    chosen = []
    for slug in slugs:
        clean = slug.removeprefix(f"{CONTENT}/").removesuffix(".md")
        parts = PurePosixPath(clean).parts
        if PurePosixPath(clean).is_absolute() or ".." in parts:
            raise PublisherError(
                f"the report '{slug}' is outside the project",
                hint="name a report by its path under content/, without .md",
            )
        if clean not in known:
            raise PublisherError(
                f"no report '{slug}' in {CONTENT}/",
                hint="the reports are: " + ", ".join(sorted(known)[:10]),
            )
        chosen.append(known[clean])
    return chosen


def template_path(config: Config, report: Report) -> Path:
    return config.root / LOCALES / TEMPLATES / f"{report.slug}.pot"


def catalog_path(config: Config, language: str, report: Report) -> Path:
    return config.root / LOCALES / language / f"{report.slug}.po"


_FENCE_LINE = re.compile(r"-{3,}[ \t]*\n")
_CLOSE_LINE = re.compile(r"^(?:-{3,}|\.\.\.)[ \t]*$", re.MULTILINE)
_LANG_LINE = re.compile(r"^lang:[ \t]*([\"']?)([A-Za-z0-9_-]+)\1[ \t]*(?:#.*)?$", re.MULTILINE)


def declared_language(text: str) -> str | None:
    """The ``lang:`` of a report's front matter, read without parsing the report.

    Returns "" when there is no front matter or no ``lang:`` field, and None when the front
    matter says something about ``lang`` in a form only a YAML parser can read.
    """
    if not _FENCE_LINE.match(text):
        return ""
    close = _CLOSE_LINE.search(text, text.index("\n") + 1)
    block = text[: close.start()] if close else text
    match = _LANG_LINE.search(block)
    if match:
        return match.group(2)
    return None if "lang" in block else ""


def read_source(config: Config, report: Report) -> str:
    """The report's text; not being UTF-8 is an error that names the line."""
    data = report.path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ContentError(
            "the report is not valid UTF-8 text",
            relative(config.root, report.path),
            line,
            hint="save the file as UTF-8",
        ) from None
