"""Malformed catalogs (.po) and templates (.pot): exit 2, file and line named, nothing written.

Each case corrupts the sample's Japanese catalog of the English report around one entry
("Tokyo, Japan" -> "日本・東京") and is run against every command that reads catalogs.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from .support import (
    EN_REPORT,
    JA_PO,
    KO_PO,
    POT,
    assert_unchanged,
    check_bad_input,
    command_params,
    copy_sample,
    describe,
    invoke,
    line_of,
    tree,
    write,
)

MSGID = 'msgid "Tokyo, Japan"'
MSGSTR = 'msgstr "日本・東京"'


def _replace_line(text: str, old: str, new: str | None) -> tuple[str, int]:
    """Replace (or with None delete) the line equal to ``old``; return text and its number."""
    lines = text.split("\n")
    number = lines.index(old) + 1
    if new is None:
        del lines[number - 1]
    else:
        lines[number - 1] = new
    return "\n".join(lines), number


# Each case: original text -> (bytes of the broken file, line(s) to name, words the message
# must hold).  A tuple of lines means "any of these".


def syntax_error(text):
    text, n = _replace_line(text, MSGID, 'msgid: "Tokyo, Japan"')
    return text.encode(), n, ()


def unterminated_string(text):
    text, n = _replace_line(text, MSGSTR, 'msgstr "日本・東京')
    return text.encode(), n, ("unterminated",)


def bad_escape(text):
    text, n = _replace_line(text, MSGSTR, r'msgstr "日本\q東京"')
    return text.encode(), n, ("\\q",)


def msgstr_without_msgid(text):
    text, n = _replace_line(text, MSGID, None)
    return text.encode(), n, ("msgid",)  # the msgstr moved up to the deleted line's number


def msgid_without_msgstr(text):
    text, n = _replace_line(text, MSGSTR, None)
    return text.encode(), n - 1, ("msgstr",)


def text_outside_quotes(text):
    text, n = _replace_line(text, MSGSTR, "msgstr 日本・東京")
    return text.encode(), n, ()


def unknown_keyword(text):
    text, n = _replace_line(text, MSGSTR, 'msgstring "日本・東京"')
    return text.encode(), n, ("msgstring",)


def merge_conflict(text):
    text, n = _replace_line(text, MSGSTR, "\n".join([
        "<<<<<<< HEAD", MSGSTR, "=======", 'msgstr "東京（日本）"', ">>>>>>> translator-branch"]))
    return text.encode(), n, ("merge conflict", "<<<<<<<")


def duplicate_entry(text):
    first = line_of(text, MSGID)
    text = text.rstrip("\n") + f'\n\n#. again\n{MSGID}\nmsgstr "東京"\n'
    second = len(text.split("\n")) - 2
    return text.encode(), second, ("duplicate", str(first))


def header_language_ko_in_ja(text):
    n = line_of(text, '"Language: ja\\n"')
    text = text.replace('"Language: ja\\n"', '"Language: ko\\n"', 1)
    return text.encode(), (n, 2), ("ko",)  # the Language line, or the header entry


def header_unknown_language(text):
    n = line_of(text, '"Language: ja\\n"')
    text = text.replace('"Language: ja\\n"', '"Language: zz\\n"', 1)
    return text.encode(), (n, 2), ("zz",)


def shift_jis_bytes_in_utf8(text):
    n = line_of(text, MSGSTR)
    lines = text.split("\n")
    data = "\n".join(lines[:n - 1]).encode() + b"\n" + lines[n - 1].encode("shift_jis") + \
        b"\n" + "\n".join(lines[n:]).encode()
    return data, n, ()


def unknown_charset(text):
    n = line_of(text, "charset=UTF-8")
    return text.replace("charset=UTF-8", "charset=KLINGON-8", 1).encode(), n, ("KLINGON-8",)


def truncated_in_a_string(text):
    n = line_of(text, MSGSTR)
    cut = text.index(MSGSTR) + len('msgstr "日本')
    return text[:cut].encode(), n, ()


def binary_garbage(text):
    rnd = random.Random(1234)
    data = bytes(rnd.randrange(256) for _ in range(4096))
    return data, None, ()


def plural_forms_garbage(text):
    n = line_of(text, "Plural-Forms:")
    return text.replace("nplurals=1; plural=0;", "nplurals=abc; plural=((;", 1).encode(), n, \
        ("Plural-Forms",)


def plural_forms_bad_expression(text):
    n = line_of(text, "Plural-Forms:")
    return text.replace("nplurals=1; plural=0;", "nplurals=2; plural=n>1 ? 1;", 1).encode(), \
        n, ("Plural-Forms",)


PO_CASES = [plural_forms_garbage, plural_forms_bad_expression, syntax_error, unterminated_string, bad_escape, msgstr_without_msgid,
            msgid_without_msgstr, text_outside_quotes, unknown_keyword, merge_conflict,
            duplicate_entry, header_language_ko_in_ja, header_unknown_language,
            shift_jis_bytes_in_utf8, unknown_charset, truncated_in_a_string, binary_garbage]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.__name__) for c in PO_CASES])
@pytest.mark.parametrize("args", command_params())
def test_broken_catalog(tmp_path: Path, case, args):
    root = copy_sample(tmp_path / "project")
    original = (root / JA_PO).read_text("utf-8")
    data, line, says = case(original)
    write(root, JA_PO, data)
    result = check_bad_input(tmp_path, root, args, file=JA_PO, line=line, says=says)
    if case is binary_garbage:  # no line to predict, but the form file:line: is expected
        assert f"{JA_PO}:" in result.output, describe(result)


def test_merge_conflict_message_says_how_to_resolve(tmp_path: Path):
    root = copy_sample(tmp_path / "project")
    data, line, _ = merge_conflict((root / JA_PO).read_text("utf-8"))
    write(root, JA_PO, data)
    result = check_bad_input(tmp_path, root, ["update"], file=JA_PO, line=line,
                             says=("merge conflict",))
    text = result.output.lower()
    assert all(marker in text for marker in ("<<<<<<<", "=======", ">>>>>>>")), describe(result)
    assert "delete" in text or "remove" in text, describe(result)


# ------------------------------------------------------------------------- templates


@pytest.mark.parametrize("args", command_params("update"))
def test_broken_template(tmp_path: Path, args):
    """A .pot is generated, but a broken one (e.g. a bad merge) must still not be ignored.
    (``status`` counts from the reports and catalogs: it reads a template only for a language
    that has no catalog yet.)"""
    root = copy_sample(tmp_path / "project")
    text = (root / POT).read_text("utf-8")
    text, n = _replace_line(text, MSGID, 'msgid "Tokyo, Japan')
    write(root, POT, text)
    check_bad_input(tmp_path, root, args, file=POT, line=n)


def test_template_with_merge_conflict(tmp_path: Path):
    root = copy_sample(tmp_path / "project")
    text = (root / POT).read_text("utf-8")
    text, n = _replace_line(text, MSGID, "<<<<<<< HEAD\n" + MSGID + "\n=======\n"
                            'msgid "Tokyo"\n>>>>>>> other')
    write(root, POT, text)
    check_bad_input(tmp_path, root, ["update"], file=POT, line=n, says=("merge conflict",))


# ----------------------------------------------------------------------- empty catalog


@pytest.mark.parametrize("args", command_params())
def test_empty_catalog_is_accepted_as_empty(tmp_path: Path, args):
    """Decision: a 0-byte catalog holds no translation, so there is nothing to lose; it is read
    as an empty catalog (exit 0).  ``update`` refills it with every entry, untranslated, and a
    proper header; the other commands treat the language as untranslated."""
    root = copy_sample(tmp_path / "project")
    write(root, JA_PO, b"")
    result = invoke(root, *args)
    assert result.exit_code == 0, describe(result)
    assert "Traceback" not in result.output
    if args == ["update"]:
        from publisher.po.read import read_catalog

        data = (root / JA_PO).read_bytes()
        catalog = read_catalog(data, JA_PO)
        assert '"Language: ja\\n"' in data.decode()
        assert len(catalog.messages) > 10 and not any(m.msgstr for m in catalog.messages)


def test_empty_catalog_with_check_writes_nothing(tmp_path: Path):
    root = copy_sample(tmp_path / "project")
    write(root, JA_PO, b"")
    before = tree(tmp_path)
    result = invoke(root, "update", "--check")
    assert result.exit_code == 1, describe(result)
    assert JA_PO in result.output
    assert_unchanged(before, tmp_path)


def test_unknown_language_in_header_is_called_unknown(tmp_path: Path):
    """'Language: zz' is not a language at all: the message should say so, not advise moving
    the file to locales/zz/."""
    root = copy_sample(tmp_path / "project")
    data, line, _ = header_unknown_language((root / JA_PO).read_text("utf-8"))
    write(root, JA_PO, data)
    result = check_bad_input(tmp_path, root, ["update"], file=JA_PO, line=line, says=("zz",))
    text = result.output.lower()
    assert "unknown" in text or "not a language" in text, describe(result)
    assert "locales/zz/" not in text, describe(result)


@pytest.mark.parametrize("args", command_params())
def test_bad_catalog_while_there_is_work_to_do(tmp_path: Path, args):
    """The source changed, so the template and the ja catalog need rewriting before the
    (broken) ko catalog is read: whatever was staged for them must not be left behind."""
    root = copy_sample(tmp_path / "project")
    report = (root / EN_REPORT).read_text("utf-8")
    write(root, EN_REPORT, report.replace("The fourth workshop, held", "The fourth workshop, "
                                          "which was held", 1))
    text = (root / KO_PO).read_text("utf-8")
    write(root, KO_PO, text + 'msgid "x"\nmsgstr "y\n')
    check_bad_input(tmp_path, root, args, file=KO_PO, line=len(text.split("\n")) + 1,
                    says=("unterminated",))


def test_old_mac_line_endings_are_read(tmp_path: Path):
    """CR alone ends the lines of files from classic Mac OS tools: read every entry, and
    update writes the file back with LF, every translation kept."""
    root = copy_sample(tmp_path / "project")
    original = (root / JA_PO).read_bytes()
    write(root, JA_PO, original.replace(b"\n", b"\r"))
    status = invoke(root, "status", "--format", "json")
    assert status.exit_code == 0, describe(status)
    assert invoke(root, "update").exit_code == 0
    assert (root / JA_PO).read_bytes() == original


def test_a_plural_forms_placeholder_is_replaced_as_msginit_does(tmp_path: Path):
    """A catalog copied from a template keeps xgettext's placeholder; update writes the
    language's rule, which msgfmt --check accepts."""
    import subprocess

    root = copy_sample(tmp_path / "project")
    original = (root / JA_PO).read_text("utf-8")
    write(root, JA_PO, original.replace("nplurals=1; plural=0;",
                                        "nplurals=INTEGER; plural=EXPRESSION;", 1))
    result = invoke(root, "update")
    assert result.exit_code == 0, describe(result)
    assert (root / JA_PO).read_text("utf-8") == original
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(root / JA_PO)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
