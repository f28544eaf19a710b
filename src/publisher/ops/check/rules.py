"""Quality checks on translations: markup, numbers, addresses, terms, script conventions.

Each check is a small function ``(Entry) -> Iterator[(severity, code, message)]`` listed in
``CHECKS``; a translator silences one for an entry with a comment such as
``# publisher-ignore: number``. Messages speak to translators, not to programmers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.token import Token

from publisher.lang.numbers import missing_numbers
from publisher.lang.text import addresses
from publisher.ops.check.glossary import Glossary, contains_any
from publisher.po.model import Message
from publisher.source.markdown import parse_inline
from publisher.source.plaintext import plain_text, tokens_text

__all__ = ["Finding", "Entry", "check_entry", "CHECKS", "structure_advice"]

ERROR, WARNING = "error", "warning"


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


@dataclass(frozen=True, slots=True)
class _Inline:
    """The inline elements of a text, as counts."""

    links: Counter
    images: Counter
    code: Counter
    footnotes: Counter
    html: Counter
    emphasis: int
    breaks: int
    text: str
    """Readable text: no markup, code, URLs or footnote references."""
    raw: str
    """Text with URLs and e-mail addresses left in (still no markup or code)."""


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


# Footnote references: parsed without their definitions they are plain text, so find them
# in the text tokens.
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


@lru_cache(maxsize=4096)
def _inline(text: str, references: tuple[tuple[str, str, str], ...] = ()) -> _Inline:
    env = (
        {"references": {label: {"href": href, "title": title} for label, href, title in references}}
        if references
        else None
    )
    children = parse_inline(text.replace("\n", "\\\n"), env)
    tokens = list(_walk(children))
    kinds = Counter(t.type for t in tokens)
    # Code and inline HTML stand as one mark, so that text around them stays apart.
    raw = "".join(
        t.content if t.type == "text" else "\ufffc"
        for t in tokens
        if t.type in ("text", "code_inline", "html_inline")
    )
    return _Inline(
        links=Counter(str(t.attrGet("href")) for t in tokens if t.type == "link_open"),
        images=Counter(str(t.attrGet("src")) for t in tokens if t.type == "image"),
        code=Counter(t.content for t in tokens if t.type == "code_inline"),
        footnotes=Counter(_FOOTNOTE.findall(raw)),
        html=Counter(t.content for t in tokens if t.type == "html_inline"),
        emphasis=kinds["em_open"] + kinds["strong_open"],
        breaks=kinds["hardbreak"],
        # Without line breaks the parse above is the one plain_text would make.
        text=_FOOTNOTE.sub(" ", plain_text(text) if "\n" in text else tokens_text(children)),
        raw=_FOOTNOTE.sub("", raw),
    )


def _source(entry: Entry) -> _Inline:
    return _inline(entry.message.msgid, entry.references)


def _target(entry: Entry) -> _Inline:
    return _inline(entry.message.msgstr, entry.references)


def _missing(source: Counter, target: Counter) -> list[str]:
    return sorted((source - target).elements())


def _extra(source: Counter, target: Counter) -> list[str]:
    return sorted((target - source).elements())


def _markup(entry: Entry) -> Iterator[tuple[str, str, str]]:
    source = _source(entry)
    target = _target(entry)
    for url in _missing(source.links, target.links):
        yield ERROR, "link-target", f"the link target {url} is missing from the translation"
    for url in _extra(source.links, target.links):
        yield ERROR, "link-target", f"the translation links to {url}, which the source does not"
    for src in _missing(source.images, target.images):
        yield ERROR, "image", f"the image {src} is missing from the translation"
    for code in _missing(source.code, target.code):
        yield ERROR, "code", f"the code `{code}` must appear unchanged in the translation"
    for label in _missing(source.footnotes, target.footnotes):
        yield ERROR, "footnote", f"the footnote reference [^{label}] is missing"
    for label in _extra(source.footnotes, target.footnotes):
        yield ERROR, "footnote", f"the footnote reference [^{label}] is not in the source"
    for tag in _missing(source.html, target.html):
        yield ERROR, "html", f"the HTML tag {tag} is missing from the translation"
    for tag in _extra(source.html, target.html):
        yield ERROR, "html", f"the HTML tag {tag} is not in the source and will be shown as text"
    if target.emphasis < source.emphasis and re.search(r"(?<!\\)[*_]", target.text):
        yield (
            ERROR,
            "emphasis",
            (
                "emphasis markers (* or _) do not pair up in the translation, so they show as "
                "text; next to Japanese or Korean brackets and punctuation put them inside the "
                "brackets, as in 「**地方創生**」は"
            ),
        )
    elif _LITERAL_MARKERS.search(target.text) and not _LITERAL_MARKERS.search(source.text):
        yield (
            WARNING,
            "emphasis",
            (
                "an emphasis marker (* or _) shows as text in the "
                "translation: check that each one has its pair"
            ),
        )
    elif target.emphasis != source.emphasis and not _LITERAL_MARKERS.search(source.text):
        # (when the source's own markers show as text, its count says nothing)
        passages = _count(source.emphasis, "emphasised passage")
        yield WARNING, "emphasis", (f"the source has {passages}, the translation {target.emphasis}")
    if target.breaks != source.breaks:
        yield (
            WARNING,
            "line-breaks",
            (
                f"the source has {_count(source.breaks, 'line break')}, "
                f"the translation {target.breaks}"
            ),
        )


_LITERAL_MARKERS = re.compile(r"(?<!\\)(?:\*|__)")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _numbers_kept(entry: Entry) -> Iterator[tuple[str, str, str]]:
    source, target = _source(entry).text, _target(entry).text
    for number in missing_numbers(source, target, entry.language):
        kind = "year" if number.is_year else "number"
        yield (
            (ERROR if number.is_year else WARNING),
            "number",
            (f"the {kind} {number.text} is missing from the translation"),
        )


def _addresses(entry: Entry) -> Iterator[tuple[str, str, str]]:
    target = set(addresses(_target(entry).raw))
    for address in sorted(set(addresses(_source(entry).raw))):
        if address not in target:
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
    for match in _JA_STOP.finditer(text):
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


def _identical(entry: Entry) -> Iterator[tuple[str, str, str]]:
    msgid = entry.message.msgid
    if entry.message.msgstr != msgid:
        return
    plain = plain_text(msgid)
    if (
        sum(c.isalpha() for c in plain) > 3
        and not _LEFT_AS_IS.fullmatch(plain.strip())
        and entry.source_language.split("-")[0] != entry.language.split("-")[0]
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


def structure_advice(msgid: str, msgstr: str) -> str:
    """Why a translation that was left out (see ``reassemble``) did not fit the page."""
    source, target = _inline(msgid), _inline(msgstr)
    if source.footnotes != target.footnotes:
        return (
            "the translation would change the page's structure and is left out: its "
            "footnote references differ from the source's, so a note would vanish from "
            "the page or a wrong one appear; keep each [^label] of the source"
        )
    return (
        "the translation would change the page's structure and is left out: keep it to "
        "one block of text, as in the source"
    )


def markup_errors(
    msgid: str, msgstr: str, references: tuple[tuple[str, str, str], ...] = ()
) -> list[str]:
    """What a translation breaks of its source's inline markup (links, images, code,
    footnote references, HTML, emphasis that no longer pairs up), in words: the checks an
    imported translation must pass."""
    from publisher.ops.check.glossary import Glossary

    entry = Entry(Message(msgid, msgstr), "", "", Glossary(()), False, references)
    return [text for severity, _, text in _markup(entry) if severity == ERROR]
