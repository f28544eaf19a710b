"""``publisher export``: the project's catalogs for translators' CAT tools.

* XLIFF 1.2, one file per report and language (``OUT/<lang>/<slug>.xlf``): every entry as a
  ``trans-unit`` whose id stays the same from one export to the next, its notes, references,
  context and previous source kept, fuzzy entries as ``needs-review-translation``, and the
  inline Markdown a translator must not touch (code spans, link destinations, footnote
  references, HTML) protected as placeholders.
* TMX 1.4b, one file per language pair (``OUT/<source>-<target>.tmx``): every confirmed
  translation of the project, so that a translator can load the project's memory into their
  tool.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from publisher import __version__
from publisher.config import Config
from publisher.exchange.placeholders import align, protect
from publisher.exchange.tmx import TmxUnit, write_tmx
from publisher.exchange.xliff import XliffFile, XliffUnit, write_xliff
from publisher.po.model import Catalog, Message, State
from publisher.project import Report, discover, select
from publisher.workspace import load

__all__ = ["unit_id", "export", "Exported"]

_STATES = {
    State.TRANSLATED: "translated",
    State.FUZZY: "needs-review-translation",
    State.UNTRANSLATED: "new",
}


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """A catalog entry's id in XLIFF: the same in every export, whatever else changes."""
    key = f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    """Where the file goes (under the output folder)."""
    data: bytes
    units: int


def _xliff_unit(message: Message) -> XliffUnit:
    locations = []
    for reference in message.references:
        name, _, line = reference.rpartition(":")
        locations.append((name, int(line)) if line.isdigit() else (reference, 0))
    state = message.state
    source = protect(message.msgid)
    return XliffUnit(
        id=unit_id(message.msgctxt, message.msgid),
        source=source,
        target=align(protect(message.msgstr), source) if message.msgstr else None,
        state=_STATES[state],
        msgctxt=message.msgctxt,
        notes=message.translator_comments,
        developer_notes=message.extracted_comments,
        locations=tuple(locations),
        previous_source=message.previous_msgid,
    )


def _entries(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog.messages if not m.obsolete and m.msgid_plural is None)


def export(
    config: Config, fmt: str, languages: tuple[str, ...] = (), reports: tuple[str, ...] = ()
) -> list[Exported]:
    """The files of an export in ``fmt`` (``xliff`` or ``tmx``), in a stable order."""
    chosen = select(discover(config), reports)
    if fmt == "xliff":
        return list(_xliff(config, chosen, languages))
    return _tmx(config, chosen, languages)


def _xliff(config: Config, reports: list[Report], languages: tuple[str, ...]) -> Iterator[Exported]:
    for report in reports:
        loaded = load(config, report, languages)
        for language in loaded.targets:
            catalog = loaded.catalogs[language]
            if catalog is None:
                continue
            units = tuple(_xliff_unit(m) for m in _entries(catalog))
            data = write_xliff(
                [XliffFile(report.reference, loaded.source_language, language, units)], __version__
            )
            yield Exported(Path(language) / f"{report.slug}.xlf", data, len(units))


def _tmx(config: Config, reports: list[Report], languages: tuple[str, ...]) -> list[Exported]:
    pairs: dict[tuple[str, str], dict[tuple[str, str], TmxUnit]] = {}
    for report in reports:
        loaded = load(config, report, languages)
        for language in loaded.targets:
            catalog = loaded.catalogs[language]
            if catalog is None:
                continue
            units = pairs.setdefault((loaded.source_language, language), {})
            for message in _entries(catalog):
                if message.state is not State.TRANSLATED or message.msgctxt is not None:
                    continue
                source = protect(message.msgid)
                target = align(protect(message.msgstr), source)
                units.setdefault(
                    (message.msgid, message.msgstr),
                    TmxUnit(
                        loaded.source_language,
                        ((loaded.source_language, source), (language, target)),
                        (("x-report", report.slug),),
                    ),
                )
    return [
        Exported(
            Path(f"{source}-{target}.tmx"),
            write_tmx(list(units.values()), source, __version__),
            len(units),
        )
        for (source, target), units in sorted(pairs.items())
    ]
