"""The term base: ``locales/glossary.csv`` with one column per language, plus ``note``."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from publisher.config import check_language
from publisher.errors import ConfigError
from publisher.lang.text import UNSPACED_LANGUAGES

__all__ = ["Term", "Glossary", "load_glossary", "GLOSSARY"]

GLOSSARY = "locales/glossary.csv"


@dataclass(frozen=True, slots=True)
class Term:
    """One concept in every language; a cell may list variants separated by ``|``."""

    forms: dict[str, tuple[str, ...]]
    note: str = ""
    line: int = 0


_Lookup = tuple[tuple[Term, tuple[str, ...], tuple[tuple[str, str], ...]], ...]
#: A glossary with more source forms than this is looked up through an index of their
#: first letters; a smaller one is quicker to go through term by term.
_INDEXED = 64
#: How many first letters of a stem the index holds.
_KEY = 4


@dataclass(frozen=True, slots=True)
class _Lookups:
    """For one (source, language): the terms with a form in both, each with the stem of
    each source form, and which terms a text may hold by the runs of letters it has."""

    terms: _Lookup
    by_start: dict[str, tuple[int, ...]]
    """Each start of a stem (its first letters), and the terms (by place) with a stem so
    starting."""
    always: tuple[int, ...]
    """The terms with a stem too short to be indexed: always looked for."""
    indexed: bool
    """Whether there are enough forms for the index to be quicker than going through."""

    @classmethod
    def of(cls, terms: _Lookup) -> _Lookups:
        starts: dict[str, set[int]] = {}
        always: set[int] = set()
        for place, (_, _, forms) in enumerate(terms):
            for stem, _ in forms:
                if len(stem) < _KEY:
                    always.add(place)
                else:
                    starts.setdefault(stem[:_KEY], set()).add(place)
        by_start = {start: tuple(sorted(places)) for start, places in starts.items()}
        count = sum(len(forms) for _, _, forms in terms)
        return cls(terms, by_start, tuple(sorted(always)), count > _INDEXED)

    def candidates(self, lowered: str) -> _Lookup:
        """The terms whose stem may be in ``lowered`` (a stem in it has its first letters
        in it), in the glossary's order: all of them for a small glossary."""
        if not self.indexed:
            return self.terms
        places = set(self.always)
        for start in self.by_start.keys() & _runs(lowered):
            places.update(self.by_start[start])
        return tuple(self.terms[place] for place in sorted(places))


def _runs(lowered: str) -> set[str]:
    """Every run of :data:`_KEY` characters of ``lowered``."""
    return {lowered[i : i + _KEY] for i in range(len(lowered) - _KEY + 1)}


@dataclass(frozen=True, slots=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    _lookups: dict[tuple[str, str], _Lookups] = field(
        default_factory=dict, compare=False, repr=False
    )
    """For each (source, language): the terms with a form in both, and the stem of each
    source form (made once, looked for in every entry)."""

    def expected(
        self, source: str, language: str, text: str
    ) -> list[tuple[str, tuple[str, ...], Term]]:
        """Terms of ``text`` (in ``source``) with the forms a ``language`` translation needs."""
        lookups = self._lookups.get((source, language))
        if lookups is None:
            lookups = self._lookups[source, language] = _Lookups.of(
                tuple(
                    (
                        term,
                        targets,
                        tuple((_stem(form), form) for form in term.forms.get(source, ())),
                    )
                    for term in self.terms
                    if (targets := term.forms.get(language, ()))
                )
            )
        found = []
        lowered = text.lower()
        for term, targets, forms in lookups.candidates(lowered):
            for stem, form in forms:
                # A quick look first: the term's first word (its plural's stem) must be there.
                if stem in lowered and _contains(text, form, source, False):
                    found.append((form, targets, term))
                    break
        return found


# What joins the words of a term: spaces and line breaks, hyphens, or an en dash
# (civil society, civil-society, Korea–Japan).
_JOINER = "[\\s\\-\u2010\u2011\u2013]+"
_JOINERS = re.compile(_JOINER)


@functools.cache  # the glossary's forms: a few hundred, looked for in every entry
def _stem(form: str) -> str:
    words = _JOINERS.split(form.lower())
    return words[0] if len(words) > 1 else words[0][:-1]


def _contains(text: str, form: str, language: str, compound: bool) -> bool:
    """Does ``text`` use the term ``form``? Whole words in spaced languages, any case, the
    words joined by a space, a line break or a hyphen alike (*civil-society groups* use
    *civil society*); in English, the plural too (*sea walls* use *sea wall*, *policies* use
    *policy*). With ``compound``, also inside a hyphenated word (*non-civil-society*): a
    translation that says the term so still says it, while a source's *anti-Japan* need not
    be translated with the word for Japan."""
    if language.split("-")[0] in UNSPACED_LANGUAGES or not form[:1].isascii():
        return form in text
    english = language.split("-")[0] == "en"
    pattern, before = _word_pattern(form, english, compound)
    # The term where what comes before it is no part of a word: looked for without a
    # look-behind in the pattern, which would stop the search from skipping ahead.
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if not start or not before.match(text, start - 1):
            return True
        at = start + 1
    return False


_WORD_EDGE = re.compile(r"\w")
_WORD_OR_HYPHEN_EDGE = re.compile("[\\w\\-\u2010\u2011]")


@functools.lru_cache(maxsize=4096)
def _word_pattern(
    form: str, english: bool, compound: bool
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The term's pattern (up to what may follow it), and what may not come before it."""
    words = [re.escape(word) for word in _JOINERS.split(form.strip())]
    last = words[-1]
    if english and form[-1:].isalpha():
        if re.search(r"[^aeiou]y$", form, re.IGNORECASE):
            last = last[:-1] + "(?:y|ies)"
        else:
            last += "(?:s|es)?"
    term = _JOINER.join([*words[:-1], last])
    edge = "\\w" if compound else "\\w\\-\u2010\u2011"
    before = _WORD_EDGE if compound else _WORD_OR_HYPHEN_EDGE
    return re.compile(rf"{term}(?![{edge}])", re.IGNORECASE), before


def contains_any(text: str, forms: tuple[str, ...], language: str) -> bool:
    """Does a translation say one of ``forms``, alone or inside a hyphenated word?"""
    return any(_contains(text, form, language, True) for form in forms)


def _is_language(name: str) -> bool:
    try:
        check_language(name)
    except ConfigError:
        return False
    return True


def load_glossary(root: Path) -> Glossary:
    """Read the glossary if the project has one; bad rows are errors naming their line."""
    path = root / GLOSSARY
    if not path.exists() and not path.is_symlink():
        return Glossary()
    if not path.is_file():
        raise ConfigError(
            "the glossary is not a readable file (a folder, or a link to nothing)",
            GLOSSARY,
            hint="make locales/glossary.csv a CSV file, or remove it",
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = path.read_bytes().count(b"\n", 0, err.start) + 1
        raise ConfigError(
            "the glossary is not valid UTF-8", GLOSSARY, line, hint="save it as UTF-8 CSV"
        ) from None
    reader = csv.reader(io.StringIO(text), strict=True)
    rows, start = [], 1
    try:
        for row in reader:
            rows.append(row)
            start = reader.line_num + 1
    except csv.Error as err:  # the line where the row began (an unclosed quote runs on)
        raise ConfigError(
            f"the glossary is not valid CSV: {err}",
            GLOSSARY,
            start,
            hint="a cell that holds a comma or a quote is written in double "
            'quotes, with each quote inside doubled: "say ""yes"""',
        ) from None
    if not rows:
        return Glossary()
    head = [cell.strip().lower() for cell in rows[0]]
    columns = "the glossary's first row must name its columns, such as en,ja,ko,note"
    if len(set(head)) != len(head) or not any(h and h != "note" for h in head):
        raise ConfigError(columns, GLOSSARY, 1)
    for name in head:
        if name != "note" and not _is_language(name):
            problem = (
                f"the glossary column '{name}' is not a language code"
                if name
                else "the glossary's first row has a column without a name"
            )
            raise ConfigError(
                problem, GLOSSARY, 1, hint=f"{columns}; cells are separated by commas"
            )
    terms = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(head):
            raise ConfigError(
                f"this row has {len(row)} cells but the header names {len(head)} columns",
                GLOSSARY,
                number,
                hint="quote cells that contain commas",
            )
        cells = dict(zip(head, row))
        forms = {
            lang: tuple(f.strip() for f in value.split("|") if f.strip())
            for lang, value in cells.items()
            if lang != "note" and value.strip()
        }
        terms.append(Term(forms, cells.get("note", "").strip(), number))
    return Glossary(tuple(terms))
