"""Three corrections to WeasyPrint 70, applied while a PDF edition is rendered, and the checks
that keep them honest.

* Footnotes: in ``layout/block.py`` ``_linebox_layout``, a page's last footnote is moved to the
  next page to fit one more line (orphans and widows); when the line then moves anyway the
  note lands a page after its call, or is lost. One line of that function is recompiled.
  :func:`footnote_misplacements` checks every note against its call on the laid-out pages, so
  a misplaced note is found even if the patch stops applying.
* Japanese justification: WeasyPrint justifies by widening spaces only, which leaves Japanese
  lines ragged; lines in Japanese get inter-character justification instead.
* Languages in the tagged PDF: each structure element gets the ``/Lang`` of its HTML element
  (a passage shown in the source language is marked as such).

Pinned to WeasyPrint 70: a newer version must pass the footnote sweep of the tests again.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "patch_footnote_reporting",
    "patch_cjk_justification",
    "footnote_misplacements",
    "split_block",
    "struct_lang",
]

_PATCHED = False
_REPORT_LINE = "report = not context.in_column and can_break_now and not could_break_before"


def patch_footnote_reporting() -> bool:
    """Stop WeasyPrint from moving a page's footnotes away to fit one more line.

    In WeasyPrint 70 ``layout/block.py`` ``_linebox_layout``, when a line at the foot of a page
    cannot be the last one there (orphans/widows), the page's last footnote (whoever called
    it) is "reported" to the next page to make room; when the line or its table row is moved
    anyway, the note stays reported: the note lands on the page after its call, or is lost
    (not printed at all: seen twice in the stress reports). This recompiles that one function
    with ``report = False``, so the paragraph breaks earlier instead, as with any other block.
    Returns False (and leaves WeasyPrint alone) when the source line is not found, e.g. in
    another version: the layout check in ``render_pdf`` still catches a misplaced note.
    """
    global _PATCHED
    if _PATCHED:
        return True
    import inspect

    from weasyprint.layout import block

    source = inspect.getsource(block._linebox_layout)
    if source.count(_REPORT_LINE) != 1:
        return False
    namespace: dict[str, Any] = {}
    exec(
        compile(source.replace(_REPORT_LINE, "report = False"), block.__file__, "exec"),
        block.__dict__,
        namespace,
    )
    block._linebox_layout = namespace["_linebox_layout"]
    _PATCHED = True
    return True


_JUSTIFY_PATCHED = False


def patch_cjk_justification(languages: tuple[str, ...] = ("ja", "zh")) -> bool:
    """Justify Japanese (and Chinese) lines by spacing every character, not only spaces.

    WeasyPrint 70 justifies by widening U+0020 and U+00A0 only (layout/inline.py
    ``justify_line``): a Japanese line has none, so ``text-align: justify`` leaves it ragged
    (a line is one character short whenever kinsoku pushes a character to the next line, or
    half a character with Latin letters or digits), and a line with a Latin phrase gets all
    the slack in its few spaces. This replaces ``justify_line`` for lines whose paragraph is
    in ``languages`` with inter-character justification (CSS ``text-justify:
    inter-character``): the slack (at most 3em) is spread as letter-spacing over every
    character of the line. Other lines are justified as before.
    """
    global _JUSTIFY_PATCHED
    if _JUSTIFY_PATCHED:
        return True
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text.line_break import create_layout

    original = inline.justify_line

    def characters(box: Any) -> int:
        if isinstance(box, boxes.TextBox):
            return len(box.text.rstrip(" "))
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            return sum(characters(child) for child in box.children if child.is_in_normal_flow())
        return 0

    def spread(context: Any, box: Any, per_char: float, x_advance: float) -> float:
        if isinstance(box, boxes.TextBox):
            box.position_x += x_advance
            count = len(box.text.rstrip(" "))
            if count:
                style = box.style.copy()
                spacing = style["letter_spacing"]
                style["letter_spacing"] = (0 if spacing == "normal" else spacing) + per_char
                layout = create_layout(
                    box.text, style, context, max_width=None, justification_spacing=0
                )
                layout.deactivate()
                box.style = style
                box.pango_layout = layout
                box.width += per_char * count
                x_advance += per_char * count
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            before = x_advance
            for child in box.children:
                if child.is_in_normal_flow():
                    x_advance = spread(context, child, per_char, x_advance)
            box.width += x_advance - before
        else:
            box.translate(x_advance, 0)
        return x_advance

    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        lang = (line.style["lang"] or "").split("-")[0].lower()
        # A line short by more than 3em ends before an unbreakable run (a long Latin word);
        # letter-spacing it would look worse than leaving it as WeasyPrint does.
        if lang in languages and 0 < extra_width <= 3 * line.style["font_size"]:
            count = characters(line)
            if count > 1:
                spread(context, line, extra_width / count, 0)
                return
        original(context, line, extra_width)

    inline.justify_line = justify_line
    _JUSTIFY_PATCHED = True
    return True


def footnote_misplacements(document: Any) -> list[tuple[str, int, int]]:
    """(note number, page of the call, page of the note) for each note not on its call's
    page, read from WeasyPrint's laid-out pages (exact, and free: no PDF is written)."""
    calls: dict[int, int] = {}
    bodies: dict[int, int] = {}
    numbers: dict[int, str] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            tag = getattr(box, "element_tag", None) or ""
            if tag.endswith("::footnote-call"):
                calls.setdefault(id(box.element), number)
                numbers[id(box.element)] = box.element.get("data-n", "?")
            elif tag.endswith("::footnote-marker"):
                bodies.setdefault(id(box.element), number)
    return [
        (numbers[key], page, bodies.get(key, 0))
        for key, page in calls.items()
        if bodies.get(key) != page
    ]


def split_table_cells(document: Any) -> list[tuple[str, list[int]]]:
    """Body cells (by ``data-b``) laid out on more than one page: a split row. (Header cells
    are on every page by design: ``thead`` repeats.)"""
    pages_of: dict[str, set[int]] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if (
                element is not None
                and element.tag == "td"
                and element.get("data-b")
                and (getattr(box, "element_tag", "") or "") == "td"
            ):
                pages_of.setdefault(element.get("data-b"), set()).add(number)
    return [(b, sorted(p)) for b, p in pages_of.items() if len(p) > 1]


def split_block(document: Any, page_index: int) -> str | None:
    """``data-b`` of the innermost numbered block that runs from page number ``page_index``
    (1-based) onto the next page, or None."""

    def numbered(page: Any) -> list[str]:
        found = []
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if (
                element is not None
                and element.get("data-b")
                and not (getattr(box, "element_tag", "") or "").count("::")
            ):
                found.append(element.get("data-b"))
        return found

    if not 0 <= page_index - 1 < len(document.pages) - 1:
        return None
    this, following = numbered(document.pages[page_index - 1]), numbered(document.pages[page_index])
    both = [b for b in this if b in set(following)]
    return both[-1] if both else None


class struct_lang:
    """Give each tagged structure element the ``/Lang`` of its HTML element when it has one.

    WeasyPrint 70 writes only the catalog's /Lang; PDF/UA wants a change of language marked
    where it happens (a passage shown in the source language). This wraps the private
    ``weasyprint.pdf.tags._build_box_tree`` for the duration of one write.
    """

    def __enter__(self) -> struct_lang:
        import pydyf
        from weasyprint.pdf import tags

        self.module, self.original = tags, tags._build_box_tree
        original = self.original

        def build(
            box: Any,
            parent: Any,
            pdf: Any,
            page_number: Any,
            nums: Any,
            annotations: Any,
            tags_: Any,
        ) -> Any:
            element = getattr(box, "element", None)
            lang = element.get("lang") if element is not None and hasattr(element, "get") else None
            for struct in original(box, parent, pdf, page_number, nums, annotations, tags_):
                if (
                    lang
                    and getattr(box, "element_tag", None) not in ("html", "body")
                    and "Lang" not in struct
                ):
                    struct["Lang"] = pydyf.String(lang)
                yield struct

        tags._build_box_tree = build
        return self

    def __exit__(self, *exc: object) -> None:
        self.module._build_box_tree = self.original
