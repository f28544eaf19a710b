"""The project's catalogs of one language as an import changes them, and what each imported
file gave: every translation placed, kept or refused, with the file and line it came from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from publisher.ops.check.markup import markup_errors
from publisher.ops.placement import Placer
from publisher.po.model import Catalog, Message
from publisher.source.reassemble import reassemble
from publisher.workspace import LoadedReport, translations_of

__all__ = ["Refused", "FileReport", "Project"]


def _ends_like(msgid: str, msgstr: str) -> str:
    r"""``msgstr`` starting and ending with a newline as ``msgid`` does (as GNU gettext
    requires; another tool's entry may end with the newline of its source line).

    >>> _ends_like("Two lines", "두 줄\n")
    '두 줄'
    """
    if msgstr.startswith("\n") != msgid.startswith("\n"):
        msgstr = ("\n" if msgid.startswith("\n") else "") + msgstr.lstrip("\n")
    if msgstr.endswith("\n") != msgid.endswith("\n"):
        msgstr = msgstr.rstrip("\n") + ("\n" if msgid.endswith("\n") else "")
    return msgstr


@dataclass(frozen=True, slots=True)
class Refused:
    """A translation left out, and why."""

    file: str
    line: int
    msgid: str
    reason: str


@dataclass(slots=True)
class FileReport:
    """What one imported file gave."""

    file: str
    language: str
    exact: int = 0
    normalised: int = 0
    fuzzy: int = 0
    left: int = 0
    """Its translations that fit no unit of the project."""
    kept: int = 0
    """Units already translated, left as they were (``--overwrite`` replaces them)."""
    same: int = 0
    """Units that have this very translation already."""
    refused: list[Refused] = field(default_factory=list)


@dataclass(slots=True)
class Project:
    """The project's reports in one target language, as the import changes them."""

    code: str
    reports: dict[str, LoadedReport] = field(default_factory=dict)
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    placer: Placer | None = None
    imported: dict[tuple[str, str], tuple[FileReport, Refused, Message, str]] = field(
        default_factory=dict
    )
    """(report, msgid) -> the file it came from, where, the entry before, and how it was
    placed (exact, normalised, fuzzy)."""

    def place(
        self,
        slug: str,
        msgid: str,
        msgstr: str,
        fuzzy: bool,
        overwrite: bool,
        previous: str | None,
        note: str | None,
        origin: tuple[FileReport, int],
        how: str,
    ) -> str:
        """Put one translation in its catalog: "" when done, "same" when it is there already,
        "kept" when the entry has another translation it may not replace, else why it was
        refused."""
        catalog = self.catalogs[slug]
        index = next(
            (
                i
                for i, m in enumerate(catalog.messages)
                if m.msgid == msgid and m.msgctxt is None and not m.obsolete
            ),
            None,
        )
        if index is None:
            return "the unit is not in the report's catalog: run publisher update first"
        old = catalog.messages[index]
        msgstr = _ends_like(msgid, msgstr)
        if old.msgstr == msgstr and old.fuzzy == fuzzy:
            return "same"  # a second run changes nothing
        if old.has_translation and not overwrite:
            return "kept"
        problems = markup_errors(
            msgid,
            msgstr,
            self._references(slug),
            self.reports[slug].source_language,
            self.code,
        )
        if problems:
            return "; ".join(problems)
        flags = tuple(f for f in old.flags if f != "fuzzy") + (("fuzzy",) if fuzzy else ())
        comments = tuple(c for c in old.translator_comments if not c.startswith("import: "))
        new = replace(
            old,
            msgstr=msgstr,
            flags=flags,
            previous_msgctxt=None,
            previous_msgid=previous if fuzzy else None,
            translator_comments=comments + ((note,) if note else ()),
        )
        messages = list(catalog.messages)
        messages[index] = new
        self.catalogs[slug] = replace(catalog, messages=tuple(messages))
        self.changed.add(slug)
        report, line = origin
        self.imported.setdefault(
            (slug, msgid), (report, Refused(report.file, line, msgid, ""), old, how)
        )
        return ""

    def _references(self, slug: str) -> tuple[tuple[str, str, str], ...]:
        env = self.reports[slug].document.env
        return tuple(
            sorted(
                (label, str(value.get("href", "")), str(value.get("title", "")))
                for label, value in env.get("references", {}).items()
            )
        )

    def check_structure(self) -> None:
        """Take back imported translations a build would leave out (they break the page)."""
        for slug in sorted(self.changed):
            loaded = self.reports[slug]
            mine = {msgid for key, msgid in self.imported if key == slug}
            while mine:
                edition = reassemble(
                    loaded.document, translations_of(self.catalogs[slug]), self.code
                )
                wrong = {loaded.document.units[i].msgid for i in edition.rejected} & mine
                if not wrong:
                    break
                messages = list(self.catalogs[slug].messages)
                for msgid in sorted(wrong):
                    report, where, old, _ = self.imported.pop((slug, msgid))
                    position = next(
                        i
                        for i, m in enumerate(messages)
                        if m.msgid == msgid and m.msgctxt is None and not m.obsolete
                    )
                    messages[position] = old
                    report.refused.append(
                        replace(
                            where,
                            reason="it would break the page's structure (a build would "
                            "leave it out)",
                        )
                    )
                self.catalogs[slug] = replace(self.catalogs[slug], messages=tuple(messages))
                mine -= wrong

    def tally(self) -> None:
        """Count what each file gave, once refusals are known."""
        for report, _, _, how in self.imported.values():
            setattr(report, how, getattr(report, how) + 1)
