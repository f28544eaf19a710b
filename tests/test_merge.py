"""Merging templates into catalogs: msgmerge --previous semantics, and nothing lost."""

from __future__ import annotations

from dataclasses import replace

from publisher.ops.extract import template_messages
from publisher.po.header import header_field
from publisher.po.merge import build_template, merge
from publisher.po.model import Catalog, Message
from publisher.source.units import Unit, UnitKind


def template(*texts: str) -> Catalog:
    units = [Unit(msgid=t, kind=UnitKind.PARAGRAPH, line=i + 1) for i, t in enumerate(texts)]
    return build_template(template_messages(units, "content/r.md"), "content/r.md", "r")


def translated(catalog: Catalog, **overrides: str) -> Catalog:
    return replace(catalog, messages=tuple(
        replace(m, msgstr=overrides.get(m.msgid, "T:" + m.msgid)) for m in catalog.messages))


def by_id(catalog: Catalog) -> dict[str, Message]:
    return {m.msgid: m for m in catalog.messages}


def test_new_catalog_has_language_and_babel_plural_forms():
    merged = merge(template("One."), None, "ja")
    assert header_field(merged.header, "Language") == "ja"
    assert header_field(merged.header, "Plural-Forms") == "nplurals=1; plural=0;"
    assert header_field(merge(template("One."), None, "en").header,
                        "Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert [m.msgstr for m in merged.messages] == [""]


def test_exact_match_keeps_translation_in_new_order():
    old = translated(merge(template("First paragraph.", "Second paragraph."), None, "ja"))
    merged = merge(template("Second paragraph.", "First paragraph."), old, "ja")
    assert [(m.msgid, m.msgstr, m.fuzzy) for m in merged.messages] == [
        ("Second paragraph.", "T:Second paragraph.", False),
        ("First paragraph.", "T:First paragraph.", False)]


def test_edited_text_becomes_fuzzy_with_previous_msgid():
    old = translated(merge(template("The workshop was held in Tokyo."), None, "ja"))
    merged = merge(template("The workshop was held in Tokyo, Japan."), old, "ja")
    entry = merged.messages[0]
    assert entry.fuzzy and entry.msgstr == "T:The workshop was held in Tokyo."
    assert entry.previous_msgid == "The workshop was held in Tokyo."
    assert not entry.translated
    # the old entry is kept too, obsolete, so its translation survives a revert
    assert [m.msgid for m in merged.messages if m.obsolete] == ["The workshop was held in Tokyo."]


def test_deleted_entry_is_obsolete_and_revived():
    old = translated(merge(template("Keep me.", "Delete me later."), None, "ko"))
    gone = merge(template("Keep me."), old, "ko")
    assert by_id(gone)["Delete me later."].obsolete
    assert by_id(gone)["Delete me later."].msgstr == "T:Delete me later."
    back = merge(template("Keep me.", "Delete me later."), gone, "ko")
    revived = by_id(back)["Delete me later."]
    assert not revived.obsolete and revived.translated and not revived.fuzzy


def test_split_paragraph_offers_the_old_translation_to_both_halves():
    first = "The first sentence tells what the workshop was about and who came to it."
    second = "The second sentence says where and when it was held, in some detail."
    old = translated(merge(template(f"{first} {second}"), None, "ja"))
    merged = by_id(merge(template(first, second), old, "ja"))
    for half in (first, second):
        assert merged[half].fuzzy
        assert merged[half].previous_msgid == f"{first} {second}"
        assert merged[half].msgstr == f"T:{first} {second}"


def test_unrelated_new_text_stays_untranslated():
    old = translated(merge(template("Conclusion"), None, "ja"))
    merged = by_id(merge(template("Acknowledgements"), old, "ja"))
    assert merged["Acknowledgements"].msgstr == "" and not merged["Acknowledgements"].fuzzy


def test_fuzzy_and_translator_comments_survive():
    base = merge(template("Text."), None, "ja")
    old = replace(base, messages=(replace(base.messages[0], msgstr="テキスト", flags=("fuzzy",),
                                          previous_msgid="Txet.",
                                          translator_comments=("checked by K.",)),))
    entry = merge(template("Text."), old, "ja").messages[0]
    assert (entry.fuzzy, entry.previous_msgid, entry.translator_comments) == (
        True, "Txet.", ("checked by K.",))


def test_untranslated_vanished_entries_are_dropped_translated_ones_never():
    old = merge(template("a one", "b two"), None, "ja")
    old = replace(old, messages=(replace(old.messages[0], msgstr="A"), old.messages[1]))
    merged = merge(template("something else entirely"), old, "ja")
    assert [(m.msgid, m.obsolete) for m in merged.messages] == [
        ("something else entirely", False), ("a one", True)]


def test_translators_header_is_preserved():
    old = merge(template("x y"), None, "ja")
    header = replace(old.header, msgstr=old.header.msgstr.replace(
        "Automatically generated", "Hanako <h@example.org>"))
    merged = merge(template("x y"), replace(old, header=header), "ja")
    assert header_field(merged.header, "Last-Translator") == "Hanako <h@example.org>"


def test_template_date_changes_only_with_content():
    first = template("a b")
    again = build_template(template_messages([Unit("a b", UnitKind.PARAGRAPH, 1)], "content/r.md"),
                           "content/r.md", "r",
                           previous=replace(first, header=replace(
                               first.header, msgstr=first.header.msgstr.replace(
                                   header_field(first.header, "POT-Creation-Date"),
                                   "2001-01-01 00:00+0000"))))
    assert header_field(again.header, "POT-Creation-Date") == "2001-01-01 00:00+0000"
    changed = build_template(template_messages([Unit("a c", UnitKind.PARAGRAPH, 1)], "content/r.md"),
                             "content/r.md", "r",
                             previous=again)
    assert header_field(changed.header, "POT-Creation-Date") != "2001-01-01 00:00+0000"


def test_repeated_text_is_one_entry_with_all_references():
    units = [Unit("Summary", UnitKind.HEADING, 3), Unit("Summary", UnitKind.TABLE_CELL, 9)]
    entry = template_messages(units, "content/r.md")[0]
    assert entry.references == ("content/r.md:3", "content/r.md:9")
    assert entry.extracted_comments == ("heading, table cell",)


def test_a_new_catalog_starts_as_msginit_would_and_checks_clean(tmp_path):
    """``msginit --no-translator``: dated like its template, no placeholder that
    ``msgfmt --check`` would warn about."""
    import subprocess

    from publisher.po.write import format_catalog

    pot = template("x y")
    created = merge(pot, None, "ja")
    assert header_field(created.header, "Last-Translator") == "Automatically generated"
    assert header_field(created.header, "PO-Revision-Date") == header_field(
        pot.header, "POT-Creation-Date")
    path = tmp_path / "ja.po"
    path.write_text(format_catalog(created), encoding="utf-8")
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
