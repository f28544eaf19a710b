"""Expected figures for status, check and build, from tools other than publisher.

Message counts come from GNU gettext (``msgfmt --statistics``, ``msgattrib``); words are
counted over the report's source as markdown-it-py reads it (``blocks.py``) and PyYAML reads
its front matter, and a unit counts as translated when GNU ``msgattrib`` keeps its entry
among the translated, non-fuzzy ones. Words are what the README says they are: for English
and Korean, whitespace-separated tokens holding a letter or digit (Japanese sources would
count characters; the sample has none), without markup, code, URLs and raw HTML.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

from blocks import ADDRESS, squashed, text_blocks, words_of
from recase import ORACLE

#: The README's translated front-matter fields.
FIELDS = ("title", "subtitle", "series", "summary", "description", "abstract", "location",
          "venue", "organisers", "organizers", "partners", "authors", "author", "keywords")


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    """Translated, fuzzy and untranslated messages, as ``msgfmt --statistics`` says."""
    done = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=True, env={"LC_ALL": "C"})
    numbers = {}
    for kind in ("translated", "fuzzy", "untranslated"):
        match = re.search(rf"(\d+) {kind}", done.stderr)
        numbers[kind] = int(match.group(1)) if match else 0
    return numbers["translated"], numbers["fuzzy"], numbers["untranslated"]


def _msgattrib(path: Path, *options: str) -> list[polib.POEntry]:
    """The entries GNU msgattrib keeps with ``options`` (read back with polib)."""
    done = subprocess.run(["msgattrib", "--no-wrap", *options, str(path)],
                          capture_output=True, text=True, check=True)
    return [e for e in polib.pofile(done.stdout) if e.msgid] if done.stdout else []


def translated_msgids(path: Path) -> set[str]:
    return {e.msgid for e in _msgattrib(path, "--translated", "--no-fuzzy", "--no-obsolete")}


def fuzzy_msgids(path: Path) -> set[str]:
    return {e.msgid for e in _msgattrib(path, "--only-fuzzy", "--no-obsolete")}


def obsolete_count(path: Path) -> int:
    return len(_msgattrib(path, "--only-obsolete"))


def word_count(text: str) -> int:
    """Words of English or Korean text."""
    return sum(1 for token in text.split() if any(c.isalnum() and c != "_" for c in token))


def source_units(text: str) -> list[tuple[str, int]]:
    """(whitespace-free text, words) of each translatable piece of a report: front-matter
    fields, then the blocks with words."""
    units = []
    if text.startswith("---\n"):
        meta = yaml.safe_load(text[4:text.index("\n---", 4)]) or {}
        for name in FIELDS:
            values = meta.get(name)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and any(c.isalpha() for c in value):
                    units.append((squashed(value), word_count(value)))
    tokens = ORACLE.parse(text)
    for block in text_blocks(ORACLE, text):
        content = block.content.replace("\\\n", "\n") if block.hard_breaks else block.content
        words = word_count(ADDRESS.sub(" ", words_of(tokens[block.index].children or [])))
        units.append((squashed(content), words))
    return units


@dataclass(frozen=True)
class Coverage:
    messages: tuple[int, int, int]
    """Translated, fuzzy, untranslated (msgfmt --statistics)."""
    obsolete: int
    words: int
    translated_words: int
    fuzzy_words: int

    @property
    def untranslated_words(self) -> int:
        return self.words - self.translated_words - self.fuzzy_words

    @property
    def percent(self) -> float:
        """Translated words in percent, rounded down to one decimal (the README's rule)."""
        return 100.0 if not self.words else (1000 * self.translated_words // self.words) / 10


def coverage(report: Path, catalog: Path) -> Coverage:
    """What ``status`` must say about one report in one language."""
    done = {squashed(m) for m in translated_msgids(catalog)}
    fuzzy = {squashed(m) for m in fuzzy_msgids(catalog)}
    units = source_units(report.read_text(encoding="utf-8"))
    return Coverage(
        messages=msgfmt_statistics(catalog),
        obsolete=obsolete_count(catalog),
        words=sum(words for _, words in units),
        translated_words=sum(words for key, words in units if key in done),
        fuzzy_words=sum(words for key, words in units if key in fuzzy),
    )


def language_percent(pairs: list[Coverage]) -> float:
    """One language over several reports: the words summed, then rounded down."""
    words = sum(c.words for c in pairs)
    return 100.0 if not words else (1000 * sum(c.translated_words for c in pairs) // words) / 10


def project_reports(root: Path) -> dict[str, str]:
    """Each report's slug and source language, read from the files (README: a report is
    ``content/<slug>.md``; its language is ``lang:`` or the project's source language)."""
    import tomllib

    settings = tomllib.loads((root / "publisher.toml").read_text(encoding="utf-8"))
    default = settings.get("project", {}).get("source_language", "en")
    reports = {}
    for path in sorted((root / "content").rglob("*.md")):
        if any(part.startswith(("_", ".")) for part in path.relative_to(root).parts):
            continue
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text[4:text.index("\n---", 4)]) if text.startswith("---\n") else {}
        reports[path.relative_to(root / "content").with_suffix("").as_posix()] = \
            (meta or {}).get("lang", default)
    return reports


def project_settings(root: Path) -> tuple[list[str], float]:
    """The project's languages and publishing threshold (README defaults)."""
    import tomllib

    settings = tomllib.loads((root / "publisher.toml").read_text(encoding="utf-8"))
    languages = settings.get("project", {}).get("languages", ["en", "ja", "ko"])
    return languages, settings.get("build", {}).get("threshold", 80)


def project_coverage(root: Path) -> dict[tuple[str, str], Coverage]:
    """:func:`coverage` of every report in every language but its own."""
    languages, _ = project_settings(root)
    return {(slug, language): coverage(root / f"content/{slug}.md",
                                       root / f"locales/{language}/{slug}.po")
            for slug, source in project_reports(root).items()
            for language in languages if language != source}
