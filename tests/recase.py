"""Translations that must render as their source does, but for the case of their letters.

The identity of a document through reassembly cannot be tested with msgstr == msgid: an
unchanged translation is never placed (the source bytes stay). So each unit gets a
translation that differs from its msgid in every place a reader could not tell apart
modulo case, and the edition is compared with the source through markdown-it-py alone:

* every letter of the unit's literal text has its case swapped (link text included: link
  labels match case-insensitively; image descriptions too);
* every entity or numeric character reference is spelt again as a numeric reference to the
  case-swapped character (``&AElig;`` -> ``&#xe6;``, ``&#35;`` -> ``&#x23;``), and every
  backslash escape as a decimal reference (``\\*`` -> ``&#42;``), except in the text of
  reference links and images (``[text]``, ``[text][]``), where another spelling would look up
  another label;
* one letter is also written as a numeric reference (Japanese and Korean have no case).

Each translation is checked to render as its msgid does, modulo case, before it is used.

Positions are found by watching markdown-it-py's own inline rules work on the msgid (the
literal text it collects, the escapes and entities it consumes), with the document's
link reference definitions and footnotes in its environment, so code spans, URLs, link
destinations, raw HTML, entity names and footnote labels keep their exact bytes.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


def oracle(front_matter: bool = True) -> MarkdownIt:
    """markdown-it-py as a reader would configure it: CommonMark with raw HTML, GFM tables,
    footnotes and front matter (none of publisher's own code)."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    if front_matter:
        md.use(front_matter_plugin)
    return md.use(footnote_plugin)


ORACLE = oracle()
_PLAIN_ORACLE = oracle(front_matter=False)


def oracle_for(document) -> MarkdownIt:
    """The oracle parser for a document: without front matter when the document's first
    ``---`` block is a rule and a heading (``---`` / ``Foo`` / ``---``), as for CommonMark."""
    tokens = document.tokens
    if tokens and tokens[0].type != "front_matter" and document.text.startswith("---"):
        return _PLAIN_ORACLE
    return ORACLE


# ------------------------------------------------------------------ watching the rules


class _Watch:
    """What the inline rules did to one msgid, by position in it."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.offsets: dict[int, int] = {}  # image descriptions (by id) -> offset in src
        self.keep: list[str] = []  # (so that those ids stay theirs)
        self.next_image: int | None = None
        self.letters: list[int] = []  # positions of literal characters
        self.spellings: list[tuple[int, int, str, str]] = []
        """(start, end, what it reads as, "entity" or "escape") of references and escapes."""
        self.labels: set[int] = set()
        """Positions inside the text of reference links and images (``[text][label]``,
        ``[text]``), where a different spelling would look up another label."""

    def offset(self, state: StateInline) -> int | None:
        """Where the string ``state`` parses starts in the msgid (None: not in it)."""
        if state.src == self.src:  # (the parser may have made a copy of it)
            return 0
        found = self.offsets.get(id(state.src))
        if found is None and self.next_image is not None:
            start = self.next_image
            if self.src.startswith(state.src, start):
                self.offsets[id(state.src)] = found = start
                self.keep.append(state.src)
            self.next_image = None
        return found


_WATCH: list[_Watch] = []


def _watched(name: str, rule: Callable[[StateInline, bool], bool]):
    def wrapped(state: StateInline, silent: bool) -> bool:
        watch = _WATCH[-1] if _WATCH and not silent else None
        base = watch.offset(state) if watch else None
        if base is None:
            return rule(state, silent)
        start, count = state.pos, len(state.tokens)
        if name == "image" and state.src.startswith("![", start):
            watch.next_image = base + start + 2  # the description is parsed on its own
        seen = len(watch.letters), len(watch.spellings)
        matched = rule(state, silent)
        if not matched:
            return matched
        if name == "text":
            watch.letters.extend(range(base + start, base + state.pos))
        elif name in ("link", "image"):
            if not state.src[start : state.pos].endswith(")"):  # not an inline link
                watch.labels.update(watch.letters[seen[0] :])
                watch.labels.update(s for s, *_ in watch.spellings[seen[1] :])
        elif state.tokens[count:] and state.tokens[count].type == "text_special":
            token = state.tokens[count]
            if token.info == "escape" and token.content == token.markup:
                # A backslash before a character it does not escape is literal text.
                watch.letters.extend(range(base + start + 1, base + state.pos))
            else:
                watch.spellings.append((base + start, base + state.pos, token.content,
                                        token.info))
        return matched

    return wrapped


def _literal(state: StateInline, silent: bool) -> bool:
    """The parser's fallback, made a rule: one character that no rule took is literal."""
    if silent:
        return False
    watch = _WATCH[-1] if _WATCH else None
    base = watch.offset(state) if watch else None
    if base is not None:
        watch.letters.append(base + state.pos)
    state.append_pending(state.src[state.pos])
    state.pos += 1
    return True


def _scanner() -> MarkdownIt:
    md = oracle()
    for rule in list(md.inline.ruler.__rules__):
        if rule.name in ("text", "escape", "entity", "link", "image"):
            md.inline.ruler.at(rule.name, _watched(rule.name, rule.fn), {"alt": list(rule.alt)})
    md.inline.ruler.push("literal", _literal)
    return md


_SCANNER = _scanner()


def _watch(msgid: str, env: dict[str, Any]) -> _Watch:
    watch = _Watch(msgid)
    _WATCH.append(watch)
    try:
        _SCANNER.parseInline(msgid, copy.deepcopy(env))
    finally:
        _WATCH.pop()
    return watch


def _reference(text: str, decimal: bool = False) -> str:
    return "".join(f"&#{ord(c)};" if decimal else f"&#x{ord(c):x};" for c in text)


def _apply(msgid: str, replace: dict[int, tuple[int, str]]) -> str:
    out, position = [], 0
    for start in sorted(replace):
        end, text = replace[start]
        out.append(msgid[position:start])
        out.append(text)
        position = end
    out.append(msgid[position:])
    return "".join(out)


def reads_as(md: MarkdownIt, text: str, env: dict[str, Any]) -> str:
    """How inline Markdown renders in a document's environment, text uppercased."""
    return folded(translation_html(md, text, env))


def recase(msgid: str, env: dict[str, Any]) -> str:
    """The msgid with the case of its text swapped and its references and escapes spelt
    differently, and one letter (Japanese and Korean have no case) written as a reference.
    It renders as the msgid does, modulo case. ``env`` is the environment of the oracle's
    parse of the whole document (link references and footnotes)."""
    watch = _watch(msgid, env)
    replace: dict[int, tuple[int, str]] = {}  # start -> (end, new text)
    for position in watch.letters:
        replace[position] = (position + 1, msgid[position].swapcase())
    for start, end, decoded, info in watch.spellings:
        if start not in watch.labels:
            spelt = (_reference(decoded.swapcase(), msgid[start:end].lower().startswith("&#x"))
                     if info == "entity" else _reference(decoded, decimal=True))
            replace[start] = (end, spelt)
    recased = _apply(msgid, replace)
    expected = reads_as(ORACLE, msgid, env)
    assert reads_as(ORACLE, recased, env) == expected, (msgid, recased)
    # A reference for a letter beside an emphasis mark can change what the mark does: take
    # the last letter that reads the same (the last is seldom the first of a line, where a
    # translation may need escaping that a reference would not survive).
    for position in reversed(watch.letters):
        if msgid[position].isalpha() and position not in watch.labels:
            spelt = {**replace, position: (position + 1, _reference(msgid[position].swapcase()))}
            candidate = _apply(msgid, spelt)
            if reads_as(ORACLE, candidate, env) == expected:
                return candidate
    return recased


# ------------------------------------------------------------------ comparing renderings

_CJK = "\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


class _Folded(HTMLParser):
    """HTML as a sequence of tags (attributes sorted) and text, text folded; ``texts`` holds
    what a reader sees (text and image descriptions) in document order."""

    def __init__(self, fold: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.fold = fold
        self.out: list[str] = []
        self.texts: list[str] = []

    def _tag(self, tag, attrs, end="") -> None:
        attributes = sorted((k, v or "") for k, v in attrs)
        alt = [self.fold(v) for k, v in attributes if k == "alt"]
        self.texts.extend(alt)
        # a link's title is translated text too (a definition's title is a unit)
        attributes = [(k, self.fold(v) if k in ("alt", "title") else v) for k, v in attributes]
        self.out.append(f"<{tag} {attributes}{end}>")

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, "/")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(self.fold(data))
        self.texts.append(self.fold(data))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def _read(html: str, fold: Callable[[str], str]) -> _Folded:
    reader = _Folded(fold)
    reader.feed(html)
    reader.close()
    return reader


def _spaces(text: str) -> str:
    return _BETWEEN_CJK.sub("", re.sub(r"\s+", " ", text).strip())


def folded(html: str, fold: Callable[[str], str] = str.upper) -> str:
    """HTML with its text (and image descriptions) folded, whitespace runs collapsed (also
    around tags), attributes sorted, and no space between two CJK characters (a soft line
    break between them is joined to nothing)."""
    text = re.sub(r"\s+", " ", "".join(_read(html, fold).out))
    return _spaces(re.sub(r" ?(<[^>]*>) ?", r"\1", text))


def visible_text(html: str) -> str:
    """What a reader sees of some HTML, exact case: its text and image descriptions."""
    return _spaces(" ".join(_read(html, lambda text: text).texts))


def inline_html(md: MarkdownIt, children: list[Token], env: dict[str, Any]) -> str:
    """Rendering of an inline token's children (``env`` is not changed), footnote references
    shown without the count of earlier references to the same note (which depends on where
    the text was parsed)."""
    shown = []
    for child in children:
        if child.type == "footnote_ref":
            child = copy.copy(child)
            child.meta = {**child.meta, "subId": 0}
        shown.append(child)
    return md.renderer.render(shown, md.options, copy.deepcopy(env))


def translation_html(md: MarkdownIt, msgstr: str, env: dict[str, Any]) -> str:
    """How a translation reads once placed in its block: its newlines are line breaks."""
    tokens = md.parseInline(msgstr.replace("\n", "\\\n"), copy.deepcopy(env))
    return inline_html(md, tokens[0].children or [], env)


# ------------------------------------------------------------------ the check


def _skeleton(tokens: list[Token]) -> list[tuple[str, str, int]]:
    return [(t.type, t.tag, t.nesting) for t in tokens if t.type != "inline"]


def _field(meta: Any, path: tuple) -> Any:
    for key in path:
        meta = meta[key]
    return meta


def assert_recased_edition_reads_as_the_source(document, whole: bool = True) -> None:
    """Reassemble ``document`` with every unit recased (see :func:`recase`) and check, with
    markdown-it-py alone, that the edition holds each translation in its unit's block and
    nothing else changed: the same blocks, each unit's block reads as its translation does
    (exact case), and the whole renders as the source does modulo case (unless ``whole`` is
    false: a known example whose soft line break is meaningful)."""
    import yaml

    from publisher.source.reassemble import Translations, reassemble
    from publisher.source.units import UnitKind

    md = oracle_for(document)
    env: dict[str, Any] = {}
    source = md.parse(document.text, env)
    fields = [u for u in document.units if u.kind is UnitKind.FIELD]
    titles = [u for u in document.units if u.kind is UnitKind.LINK_TITLE]
    blocks = [u for u in document.units if u.token_index >= 0]
    texts = {u.msgid: u.msgid.swapcase() for u in (*fields, *titles)}
    texts.update({u.msgid: recase(u.msgid, env) for u in blocks})
    assert all(texts[u.msgid] != u.msgid for u in document.units), "a unit kept its msgid"

    edition = reassemble(document, Translations(texts), "ja")
    assert edition.text != document.text
    assert not edition.rejected
    edition_env: dict[str, Any] = {}
    tokens = md.parse(edition.text, edition_env)
    assert _skeleton(tokens) == _skeleton(source)

    # The blocks of the units, and only those, changed.
    changed = {i for i, (a, b) in enumerate(zip(source, tokens))
               if a.type == "inline" and a.content != b.content}
    assert changed == {u.token_index for u in blocks}
    for unit in blocks:
        got = visible_text(inline_html(md, tokens[unit.token_index].children or [],
                                       edition_env))
        assert got == visible_text(translation_html(md, texts[unit.msgid], env)), unit.msgid
    for unit in titles:  # each definition holds its title's translation
        assert edition_env["references"][unit.field[0]]["title"] == texts[unit.msgid]
    if fields:
        meta = yaml.safe_load(tokens[0].content)
        for unit in fields:
            assert _field(meta, unit.field) == texts[unit.msgid]
    if whole:
        assert folded(md.render(edition.text)) == folded(md.render(document.text))
