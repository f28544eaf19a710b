"""How an edition's HTML becomes what WeasyPrint lays out as a printed report.

* Each footnote moves to its first call (``float: footnote`` puts it at the foot of that
  page), keeping its number and its language.
* Korean words stay whole: WeasyPrint has no ``word-break: keep-all`` and Pango breaks between
  any two Hangul syllables, so the characters of each word (eojeol) are joined with U+2060.
* Japanese: no line starts with ``～`` (Pango allows it; Japanese rules do not).
* Headings get the label the PDF outline shows, blocks a number the renderer can name.
"""

from __future__ import annotations

from publisher.editions.pdf.dom import INLINE, VOID, Element, Node, Text, parse_fragment, serialize

__all__ = ["prepare_document", "WORD_JOINER"]


def move_footnotes(root: Element, default_lang: str) -> int:
    """Put each footnote's text where it is first called, for ``float: footnote``.

    markdown-it writes ``<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>``
    and, at the end, ``<hr class="footnotes-sep"><section class="footnotes"><ol>
    <li id="fn1" class="footnote-item"><p>…<a class="footnote-backref">↩︎</a></p></li>``.
    The first call becomes ``<span class="footnote" data-n="1" lang="…">…</span>``; a later
    call of the same note becomes a plain number linking to it. The note keeps its own
    language (a translated note inside an untranslated paragraph, and the reverse).
    Returns the number of notes moved.
    """
    notes: dict[str, tuple[list[Node], str]] = {}
    for element in list(root.iter()):
        if element.tag == "li" and "footnote-item" in element.classes and element.get("id"):
            notes[str(element.get("id"))] = (_inline_note(element), element.lang(default_lang))
    if not notes:
        return 0
    moved: set[str] = set()
    for sup in [e for e in root.iter() if e.tag == "sup" and "footnote-ref" in e.classes]:
        link = next((c for c in sup.children if isinstance(c, Element) and c.tag == "a"), None)
        target = (link.get("href") or "").removeprefix("#") if link else ""
        if link is None or target not in notes or sup.parent is None:
            continue
        number = link.text().strip("[] ").split(":")[0]  # "[1]", or "[1:1]" for a repeat
        siblings = sup.parent.children
        if target in moved:
            again = Element("sup", {"class": "footnote-ref footnote-again"})
            again.append(Element("a", {"href": f"#{target}"}, [Text(number)]))
            replacement = again
        else:
            content, lang = notes[target]
            replacement = Element(
                "span", {"class": "footnote", "id": target, "data-n": number, "lang": lang}
            )
            for node in content:
                replacement.append(node)
            moved.add(target)
        replacement.parent = sup.parent
        siblings[siblings.index(sup)] = replacement
    for element in list(root.iter()):
        separator = element.tag == "hr" and "footnotes-sep" in element.classes
        section = element.tag == "section" and "footnotes" in element.classes
        if (separator or section) and element.parent is not None:
            element.parent.children.remove(element)
    return len(moved)


def _inline_note(item: Element) -> list[Node]:
    """A footnote item's content as phrasing content: a ``<p>`` (or other block) inside a
    ``<span>`` inside a ``<p>`` would be closed by the HTML parser, so blocks become spans
    that CSS shows as blocks. The back-reference arrow is dropped."""
    out: list[Node] = []

    def convert(node: Node) -> Node | None:
        if isinstance(node, Element):
            if node.tag == "a" and "footnote-backref" in node.classes:
                return None
            children = [c for c in (convert(c) for c in node.children) if c is not None]
            if node.tag in INLINE or node.tag in VOID:
                copy = Element(node.tag, dict(node.attrs))
            else:
                attrs = {k: v for k, v in node.attrs.items() if k in ("lang", "title")}
                attrs["class"] = " ".join([f"fn-{node.tag}", *node.classes])
                copy = Element("span", attrs)
            for child in children:
                copy.append(child)
            return copy
        return node

    blocks = [c for c in item.children if not (isinstance(c, Text) and not c.data.strip())]
    for index, node in enumerate(blocks):
        converted = convert(node)
        if isinstance(converted, Element) and converted.tag == "span" and index == 0:
            converted.attrs["class"] = (converted.attrs["class"] or "").replace("fn-p", "fn-first")
        if converted is not None:
            out.append(converted)
    # Trailing space left where the back-reference was.
    last = out[-1] if out else None
    while isinstance(last, Element) and last.children:
        tail = last.children[-1]
        if isinstance(tail, Text):
            tail.data = tail.data.rstrip()
            break
        last = tail if isinstance(tail, Element) else None
    return out


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3
        or 0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0xA960 <= code <= 0xA97F
        or 0xD7B0 <= code <= 0xD7FF
    )


#: A Korean "word" longer than this many characters may still break (else it could overflow).
KOREAN_WORD_LIMIT = 24


WORD_JOINER = "\u2060"


def keep_korean_words(root: Element, default_lang: str) -> int:
    """Keep each Korean word (eojeol) on one line. Returns the number of words treated.

    WeasyPrint has no ``word-break: keep-all``; Pango breaks between any two Hangul
    syllables. A word is a maximal run without white space; it may cross inline markup
    (``<strong>한일</strong>관계를``, a footnote call after ``조약``) as long as the inline
    element holds no white space itself, so the treatment never cuts an element in two.
    Only words in an element whose language is Korean, and holding Hangul, are treated.

    U+2060 WORD JOINER goes between the word's characters and at its markup junctions: no
    extra boxes, so layout is as fast as without it (a ``white-space: nowrap`` span per word
    was four times slower), and pdftotext shows no trace of it.
    """
    count = 0

    def wrap_children(element: Element, lang: str) -> None:
        nonlocal count
        new: list[Node] = []
        group: list[Node] = []

        def flush() -> None:
            nonlocal count
            if not group:
                return
            text = "".join(_flat_text(n) for n in group)
            if len(text) > 1 and len(text) <= KOREAN_WORD_LIMIT and any(map(_is_hangul, text)):
                count += 1
                _join(group)
                new.extend(group)
            else:
                new.extend(group)
            group.clear()

        for child in element.children:
            if isinstance(child, Text):
                for piece in _split_spaces(child.data):
                    if piece.isspace():
                        flush()
                        new.append(Text(piece))
                    else:
                        group.append(Text(piece))
            elif isinstance(child, Element) and _joinable(child):
                group.append(child)
                if "footnote" in child.classes:
                    process(child, lang)  # the note's own text, in its own language
            else:
                flush()
                new.append(child)
                if isinstance(child, Element):
                    process(child, lang)
        flush()
        element.children = new

    def process(element: Element, inherited: str) -> None:
        lang = str(element.attrs.get("lang") or inherited)
        if element.tag in ("head", "pre", "code", "script", "style", "title"):
            return
        if lang.split("-")[0] == "ko":
            wrap_children(element, lang)
        else:
            for child in element.children:
                if isinstance(child, Element):
                    process(child, lang)

    process(root, default_lang)
    return count


def _join(group: list[Node]) -> None:
    """WORD JOINER between the characters of a word and where its pieces meet."""
    for index, node in enumerate(group):
        if isinstance(node, Text):
            node.data = WORD_JOINER.join(node.data)
            if index + 1 < len(group):
                node.data += WORD_JOINER
        elif index + 1 < len(group) and isinstance(following := group[index + 1], Text):
            following.data = WORD_JOINER + following.data


def _flat_text(node: Node) -> str:
    if isinstance(node, Text):
        return node.data
    if isinstance(node, Element) and "footnote" in node.classes:
        return "1"  # only its call shows in the line
    return node.text() if isinstance(node, Element) else ""


def _joinable(element: Element) -> bool:
    """An inline element that can sit inside a word: no white space in it, same language."""
    if element.tag == "br" or (element.tag not in INLINE):
        return False
    if "footnote" in element.classes:
        return True
    text = element.text()
    return bool(text) and not any(c.isspace() for c in text) and "lang" not in element.attrs


def _split_spaces(text: str) -> list[str]:
    """Split into alternating runs of white space and of other characters."""
    pieces: list[str] = []
    for char in text:
        if pieces and pieces[-1][-1].isspace() == char.isspace():
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


#: Characters Japanese rules (JIS X 4051, JLREQ cl-03) keep off the line start but that
#: UAX #14, and so Pango, lets a line start with: U+FF5E FULLWIDTH TILDE, written for the wave
#: dash in ranges (15日～16日). Found by the kinsoku check on the sample's Japanese edition.
JA_EXTRA_NO_START = frozenset("～")


def keep_japanese_pairs(root: Element, default_lang: str) -> int:
    """A WORD JOINER before each ``～`` in Japanese text, so no line starts with it."""
    count = 0
    for element in list(root.iter()):
        if (
            element.tag in ("head", "style", "script", "title", "pre", "code")
            or element.lang(default_lang).split("-")[0] != "ja"
        ):
            continue
        for child in element.children:
            if isinstance(child, Text) and any(c in JA_EXTRA_NO_START for c in child.data[1:]):
                out = [child.data[0]]
                for previous, char in zip(child.data, child.data[1:]):
                    if char in JA_EXTRA_NO_START and not previous.isspace():
                        out.append(WORD_JOINER)
                        count += 1
                    out.append(char)
                child.data = "".join(out)
    return count


def tag_languages(root: Element, default_lang: str) -> None:
    """Make the language of every text explicit where the PDF needs it.

    Selectors ``:lang()`` already follow the ancestors, so only two things are added: table
    cells and list items inherit nothing from a ``lang`` on a sibling, which is already right;
    and each ``.fallback`` element (a passage still in the source language) gets
    ``data-lang`` with the upper-case code for its printed marker.
    """
    for element in root.iter():
        if "fallback" in element.classes and element.get("lang"):
            element.attrs["data-lang"] = str(element.get("lang")).upper()


def prepare_document(document_html: str, language: str) -> tuple[str, dict[str, int]]:
    """The whole PDF document as WeasyPrint needs it (run after the template, so that the
    cover, summary and contents get the same treatment as the body). Returns the HTML and
    counts of what changed."""
    root = parse_fragment(document_html)
    stats = {"footnotes": move_footnotes(root, language)}
    tag_languages(root, language)
    for row in [
        e
        for e in root.iter()
        if e.tag == "tr"
        and e.parent is not None
        and "parallel" in (e.parent.classes + (e.parent.parent.classes if e.parent.parent else []))
    ]:
        if not row.text().strip() and row.parent is not None:  # the footnotes' row, now empty
            row.parent.children.remove(row)
    stats["korean_words"] = keep_korean_words(root, language)
    stats["japanese_pairs"] = keep_japanese_pairs(root, language)
    label_headings(root)
    number_blocks(root)
    return serialize(root), stats


def label_headings(root: Element) -> None:
    """``data-label`` on each heading: its text without the word joiners and without the text
    of a footnote called in it; print.css takes the outline entry from it
    (``bookmark-label: attr(data-label)``; the default, content(text), would carry both)."""

    def text(node: Node) -> str:
        if isinstance(node, Text):
            return node.data
        if isinstance(node, Element) and "footnote" not in node.classes:
            return "".join(text(child) for child in node.children)
        return ""

    for element in root.iter():
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            element.attrs["data-label"] = " ".join(text(element).replace(WORD_JOINER, "").split())


#: Blocks that may hold a footnote call and split across pages.
SPLITTABLE = frozenset({"p", "li", "dd", "blockquote", "td", "th"})


def number_blocks(root: Element) -> None:
    """``data-b="N"`` on every splittable block, so that the renderer can name one in an extra
    style sheet (see ``render_pdf``: a footnote WeasyPrint moved off its call's page)."""
    count = 0
    for element in root.iter():
        if element.tag in SPLITTABLE:
            count += 1
            element.attrs["data-b"] = str(count)
