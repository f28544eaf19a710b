"""Quality checks on translations: markup, numbers, addresses, terms, script conventions.

Each check is a small function ``(Entry) -> Iterator[(severity, code, message)]`` listed in
``CHECKS``; a translator silences one for an entry with a comment such as
``# publisher-ignore: number``. Messages speak to translators, not to programmers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields

from publisher.lang.codes import localised_url
from publisher.lang.numbers import missing_numbers
from publisher.lang.text import addresses, looks_like_name
from publisher.ops.check.glossary import Glossary, contains_any
from publisher.ops.check.markup import (
    ERROR,
    WARNING,
    Inline,
    inline,
    markup_errors,
    markup_problems,
    structure_advice,
)
from publisher.po.model import Message
from publisher.source.plaintext import plain_text
from publisher.source.units import UnitKind

__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "Entry",
    "check_entry",
    "CHECKS",
    "markup_errors",
    "structure_advice",
]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one catalog entry."""

    severity: str
    code: str
    file: str
    line: int
    language: str
    report: str
    msgid: str
    message: str

    def record(self) -> dict[str, str | int]:
        """The finding as the JSON output and the cache hold it (what ``asdict`` gives, made
        without its deep copy of each field)."""
        return {name: getattr(self, name) for name in _FINDING_FIELDS}


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass(frozen=True, slots=True)
class Entry:
    """A catalog entry with what the checks need to know about its context."""

    message: Message
    source_language: str
    language: str
    glossary: Glossary
    published: bool
    """True when the language's edition is published (so gaps show to readers)."""
    references: tuple[tuple[str, str, str], ...] = ()
    """The report's link reference definitions (label, destination, title), so that
    ``[text][label]`` is seen as the link it is."""
    ja_space: str = "flag"
    """The project's ``[check] ja_space``: ``flag`` every space between Japanese
    characters, allow it between two katakana words (``katakana``), or check none (``off``)."""


def _source(entry: Entry) -> Inline:
    return inline(entry.message.msgid, entry.references)


def _target(entry: Entry) -> Inline:
    return inline(entry.message.msgstr, entry.references)


def _markup(entry: Entry) -> Iterator[tuple[str, str, str]]:
    message = entry.message
    return markup_problems(
        message.msgid, message.msgstr, entry.references, entry.source_language, entry.language
    )


def _numbers_kept(entry: Entry) -> Iterator[tuple[str, str, str]]:
    source, target = _source(entry).text, _target(entry).text
    for number in missing_numbers(source, target, entry.language):
        kind = "year" if number.is_year else "time" if number.is_time else "number"
        text = (
            f"the {kind} {number.text} is missing from the translation"
            if not number.said
            else (
                f"the source says the {kind} {number.text} {_times(number.count)}, "
                f"the translation {_times(number.said)}"
            )
        )
        yield (ERROR if number.is_year else WARNING), "number", text


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _addresses(entry: Entry) -> Iterator[tuple[str, str, str]]:
    target = set(addresses(_target(entry).raw))
    for address in sorted(set(addresses(_source(entry).raw))):
        if address not in target and not any(
            localised_url(address, other, entry.source_language, entry.language) for other in target
        ):
            kind = "e-mail address" if "@" in address and "//" not in address else "URL"
            yield ERROR, "url", f"the {kind} {address} must appear unchanged in the translation"


def _glossary(entry: Entry) -> Iterator[tuple[str, str, str]]:
    target = entry.message.msgstr
    for form, expected, term in entry.glossary.expected(
        entry.source_language, entry.language, entry.message.msgid
    ):
        if not contains_any(target, expected, entry.language):
            hint = f" ({term.note})" if term.note else ""
            yield (
                WARNING,
                "glossary",
                (f"“{form}” should be translated as “{' or '.join(expected)}”{hint}"),
            )


# Japanese script, and the brackets and marks that end a Japanese phrase.
_JA = "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_JA_CLOSE = "」』）】〕〉》\uff09"
_JA_STOP = re.compile(
    rf"(?<=[{_JA}{_JA_CLOSE}])([.,])(?=\s|$|[{_JA}「『（【])"  # 人々. 「調査」. 開催,「
    rf"|(?<=[{_JA}])(,)(?=\s*[0-9０-９])"  # かけて,5つ
    rf"|(?<=[%％0-9０-９])(\.)(?=\s*$|\s*[{_JA}])"
)  # は58%. / 50.7%. 一方
_CJK_SPACE = re.compile(rf"(?<=[{_JA}]) +(?=[{_JA}])")
# Katakana (with ー and ・) and half-width katakana: the words a house style may space,
# as in スレッド ローカル ストレージ.
_KATAKANA = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_KATAKANA_SPACE = re.compile(rf"(?<=[{_KATAKANA}]) +(?=[{_KATAKANA}])")


def _japanese_space(text: str, style: str) -> bool:
    """Does ``text`` put a space between Japanese characters that ``style`` does not allow?"""
    if style == "off":
        return False
    if style == "katakana":
        text = _KATAKANA_SPACE.sub("", text)
    return _CJK_SPACE.search(text) is not None


# Code spans and the (destination "title") of links and images: their parentheses are not
# the translator's punctuation.
_NOT_PROSE = re.compile(
    r"(`+)(?!`).+?(?<!`)\1(?!`)|(?<=\])\((?:[^()\\]|\\.|\([^()]*\))*\)", re.DOTALL
)


def _half_width_parentheses(text: str) -> Iterator[str]:
    """Each outermost ``( ... )`` pair holding Japanese text, nested pairs included (code
    spans and link destinations are looked through)."""
    if "(" not in text:
        return
    scanned = _NOT_PROSE.sub(lambda m: "x" * len(m.group()), text)
    depth, start = 0, 0
    for index, char in enumerate(scanned):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and re.search(rf"[{_JA}]", scanned[start:index]):
                yield text[start : index + 1]


def _japanese(entry: Entry) -> Iterator[tuple[str, str, str]]:
    if not entry.language.startswith("ja"):
        return
    text = _target(entry).text
    for match in _JA_STOP.finditer(text) if "." in text or "," in text else ():
        mark = match.group(match.lastindex or 0)
        if (
            mark == "."
            and match.lastindex == 3
            and not re.search(rf"[{_JA}][^。！？]*$", text[: match.start()])
        ):
            continue  # a number at the end of a sentence that is not Japanese
        wanted = "。" if mark == "." else "、"
        yield (
            ERROR,
            "ja-punctuation",
            (
                f"Japanese text uses the Latin “{mark}”; write “{wanted}”"
                f" (near “{text[max(0, match.start() - 8) : match.end()]}”)"
            ),
        )
    for found in _half_width_parentheses(entry.message.msgstr):
        yield (
            WARNING,
            "ja-parentheses",
            (f"half-width parentheses around Japanese text: write （{found[1:-1]}）"),
        )
    style = entry.ja_space
    if _japanese_space(_target(entry).raw, style) and not _japanese_space(
        _source(entry).raw, style
    ):
        yield WARNING, "ja-space", "a space between Japanese characters; Japanese uses none"


def _whitespace(entry: Entry) -> Iterator[tuple[str, str, str]]:
    msgid, msgstr = entry.message.msgid, entry.message.msgstr
    for double in ("  ", "\u3000\u3000"):
        if double in msgstr.replace("\n", "") and double not in msgid:
            yield WARNING, "whitespace", "the translation has a double space"
            break
    lead = (msgid[:1].isspace(), msgstr[:1].isspace())
    trail = (msgid[-1:].isspace(), msgstr[-1:].isspace())
    if lead[0] != lead[1] or trail[0] != trail[1]:
        yield WARNING, "whitespace", ("leading or trailing spaces differ from the source")


# Acronyms and codes (OECD, G7, ISO-3166) are the same in every language.
_LEFT_AS_IS = re.compile(r"[A-Z0-9&./+-]+(?:\s+[A-Z0-9&./+-]+)*")
# Title Case makes a heading's words look like a name (Keyboard Shortcuts).
_TITLE_CASE_KINDS = frozenset({UnitKind.HEADING.value, UnitKind.TABLE_HEADER.value})


def _kept_as_is(entry: Entry, plain: str) -> bool:
    """Is the text one that stays the same in a translation: an acronym or code, or a name
    (Kazuhiko Togo, Visual Studio Code; in a heading only one word such as GoogleTest)?"""
    if _LEFT_AS_IS.fullmatch(plain):
        return True
    kinds = entry.message.extracted_comments[:1]
    title_case = bool(kinds) and bool(_TITLE_CASE_KINDS.intersection(kinds[0].split(", ")))
    return looks_like_name(plain) and not (title_case and len(plain.split()) > 1)


def _identical(entry: Entry) -> Iterator[tuple[str, str, str]]:
    msgid = entry.message.msgid
    if entry.message.msgstr != msgid:
        return
    plain = plain_text(msgid).strip()
    if (
        sum(c.isalpha() for c in plain) > 3
        and entry.source_language.split("-")[0] != entry.language.split("-")[0]
        and not _kept_as_is(entry, plain)
    ):
        yield WARNING, "identical", "the translation is the same as the source: not translated?"


#: Checks run on every translated (or fuzzy) entry.
CHECKS: tuple[Callable[[Entry], Iterator[tuple[str, str, str]]], ...] = (
    _markup,
    _numbers_kept,
    _addresses,
    _glossary,
    _japanese,
    _whitespace,
    _identical,
)


def _ignored(message: Message) -> set[str]:
    codes: set[str] = set()
    for comment in message.translator_comments:
        match = re.match(r"\s*publisher-ignore\s*:?\s*(.*)", comment)
        if match:
            codes.update(c for c in re.split(r"[\s,]+", match.group(1)) if c)
    return codes


def check_entry(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """Every (severity, code, message) for one entry, minus what the translator silenced."""
    message = entry.message
    if message.obsolete or not message.msgid or message.msgid_plural is not None:
        return
    ignored = _ignored(message)
    found: list[tuple[str, str, str]] = []
    if message.fuzzy:
        found.append(
            (
                WARNING,
                "fuzzy",
                "the source changed: review the translation and remove "
                "the fuzzy mark (until then the source text is shown)",
            )
        )
    if message.msgstr:
        for check in CHECKS:
            found.extend(check(entry))
    elif entry.published:
        found.append(
            (
                WARNING,
                "untranslated",
                "not translated yet: readers of the published edition see the source text here",
            )
        )
    yield from (item for item in found if item[1] not in ignored and "all" not in ignored)
