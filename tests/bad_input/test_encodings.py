"""Legacy encodings, a BOM and CRLF line ends: ACCEPTED (exit 0), translations intact,
rewritten as UTF-8, and the change of encoding is said in the output."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from publisher.po.read import read_catalog
from publisher.po.stamp import unstamped
from publisher.po.write import format_catalog

from .support import assert_unchanged, describe, invoke, make_tiny, tree, write

REPORT = """---
title: Relations between neighbours
location: Tokyo
---

# Looking ahead

The workshop met in Tokyo in November.

Trust between the two countries grows slowly.

- History
- Security
"""

# Translations that every codec of their language can hold; the CP932 and CP949 sets add
# characters only those Microsoft extensions have (NEC/IBM symbols, extra Hangul syllables).
JA = {
    "Relations between neighbours": "隣国との関係",
    "Tokyo": "東京",
    "Looking ahead": "未来を展望する",
    "The workshop met in Tokyo in November.": "ワークショップは十一月に東京で開かれた。",
    "Trust between the two countries grows slowly.": "両国間の信頼はゆっくりと育つ。",
    "History": "歴史",
    "Security": "安全保障",
}
JA_CP932 = dict(JA, **{"History": "①歴史～髙橋", "Security": "安全保障㈱"})
KO = {
    "Relations between neighbours": "이웃 나라와의 관계",
    "Tokyo": "도쿄",
    "Looking ahead": "미래를 내다보며",
    "The workshop met in Tokyo in November.": "워크숍은 11월 도쿄에서 열렸다.",
    "Trust between the two countries grows slowly.": "두 나라 사이의 신뢰는 천천히 자란다.",
    "History": "역사",
    "Security": "안보",
}
KO_CP949 = dict(KO, **{"History": "똠방각하의 역사", "Security": "햏 안보"})


def _project(tmp_path: Path) -> Path:
    root = make_tiny(tmp_path / "project", {"content/r.md": REPORT})
    result = invoke(root, "update")
    assert result.exit_code == 0, describe(result)
    return root


def _translated(root: Path, language: str, texts: dict[str, str]) -> str:
    """The catalog of ``language`` with ``texts`` filled in, as UTF-8 text."""
    path = root / f"locales/{language}/r.po"
    catalog = read_catalog(path.read_bytes(), path)
    assert {m.msgid for m in catalog.messages} == set(texts)
    messages = tuple(dataclasses.replace(m, msgstr=texts[m.msgid]) for m in catalog.messages)
    return format_catalog(dataclasses.replace(catalog, messages=messages), 79)


def _translations(path: Path) -> dict[str, str]:
    catalog = read_catalog(path.read_bytes(), path)
    return {m.msgid: m.msgstr for m in catalog.messages if not m.obsolete}


@pytest.mark.parametrize("language, charset, codec, texts", [
    pytest.param("ja", "Shift_JIS", "shift_jis", JA, id="Shift_JIS"),
    pytest.param("ja", "EUC-JP", "euc_jp", JA, id="EUC-JP"),
    pytest.param("ja", "CP932", "cp932", JA_CP932, id="CP932"),
    pytest.param("ja", "ISO-2022-JP", "iso2022_jp", JA, id="ISO-2022-JP"),
    pytest.param("ko", "EUC-KR", "euc_kr", KO, id="EUC-KR"),
    pytest.param("ko", "CP949", "cp949", KO_CP949, id="CP949"),
    # Labels Windows tools write for their supersets, and glibc names Python lacks.
    pytest.param("ja", "Shift_JIS", "cp932", JA_CP932, id="Shift_JIS-holding-CP932"),
    pytest.param("ja", "Windows-31J", "cp932", JA_CP932, id="Windows-31J"),
    pytest.param("ja", "EUC-JP-MS", "euc_jp", JA, id="EUC-JP-MS"),
    pytest.param("ko", "EUC-KR", "cp949", KO_CP949, id="EUC-KR-holding-CP949"),
    pytest.param("ko", "ks_c_5601-1987", "cp949", KO_CP949, id="ks_c_5601-1987"),
])
def test_legacy_encoding_is_read_and_rewritten_as_utf8(tmp_path: Path, language, charset,
                                                       codec, texts):
    root = _project(tmp_path)
    relative = f"locales/{language}/r.po"
    path = root / relative
    text = _translated(root, language, texts).replace("charset=UTF-8", f"charset={charset}")
    data = text.encode(codec)  # strict: the translations really are in that encoding
    assert data.decode(codec) == text
    if codec != "iso2022_jp":  # ISO-2022-JP is 7-bit: it is also valid (garbled) UTF-8
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    path.write_bytes(data)

    result = invoke(root, "update")
    assert result.exit_code == 0, describe(result)
    assert result.exception is None, describe(result)
    assert relative in result.output, describe(result)
    assert "UTF-8" in result.output, f"the output does not say the file became UTF-8\n" \
                                     f"{describe(result)}"
    written = path.read_bytes()
    assert "charset=UTF-8" in written.decode("utf-8")
    assert _translations(path) == texts
    # The next run has nothing left to do.
    again = invoke(root, "update")
    assert again.exit_code == 0 and "up to date" in again.output, describe(again)


@pytest.mark.parametrize("language, charset, codec, texts", [
    pytest.param("ja", "Shift_JIS", "shift_jis", JA, id="Shift_JIS"),
    pytest.param("ko", "EUC-KR", "euc_kr", KO, id="EUC-KR"),
])
@pytest.mark.parametrize("args", [["build"], ["build", "--format", "md"], ["status"],
                                  ["check"]], ids=["build", "build-md", "status", "check"])
def test_legacy_encoding_is_read_by_other_commands(tmp_path: Path, language, charset, codec,
                                                   texts, args):
    """The read-only commands accept the legacy catalog too (before update rewrites it)."""
    root = _project(tmp_path)
    path = root / f"locales/{language}/r.po"
    path.write_bytes(_translated(root, language, texts)
                     .replace("charset=UTF-8", f"charset={charset}").encode(codec))
    result = invoke(root, *args)
    assert result.exit_code == 0, describe(result)
    assert "Traceback" not in result.output
    if args == ["build", "--format", "md"]:
        edition = (root / f"site-md/{language}/r.md").read_text("utf-8")
        assert texts["Trust between the two countries grows slowly."] in edition


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
@pytest.mark.parametrize("language, texts", [("ja", JA), ("ko", KO)])
def test_bom_and_crlf_are_accepted(tmp_path: Path, variant, language, texts):
    """Every command says exactly what it says for the same catalog in plain UTF-8 with LF."""
    relative = f"locales/{language}/r.po"
    plain_root = _project(tmp_path / "plain")
    root = _project(tmp_path)
    text = _translated(root, language, texts)
    clean = text.encode("utf-8")
    (plain_root / relative).write_text(text, "utf-8")
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if "bom" in variant:
        data = b"\xef\xbb\xbf" + data
    (root / relative).write_bytes(data)
    assert _translations(root / relative) == texts  # the reader itself accepts it

    for args in (["status"], ["check"], ["build", "--format", "md"]):
        expected = invoke(plain_root, *args)
        result = invoke(root, *args)
        assert result.exit_code == 0, describe(result)
        assert result.output.replace(str(root), "ROOT") == \
            expected.output.replace(str(plain_root), "ROOT"), describe(result)
    # update normalises the file (no BOM, LF, as msgcat writes it) and says only that.
    result = invoke(root, "update")
    assert result.exit_code == 0, describe(result)
    assert result.output.splitlines() == [f"{relative}: updated"], describe(result)
    # (the stamp line of `clean` is stale: it was filled in after update stamped it)
    assert unstamped((root / relative).read_bytes()) == unstamped(clean)
    assert _translations(root / relative) == texts


def test_update_check_on_a_legacy_catalog_writes_nothing(tmp_path: Path):
    root = _project(tmp_path)
    path = root / "locales/ja/r.po"
    path.write_bytes(_translated(root, "ja", JA).replace("charset=UTF-8", "charset=EUC-JP")
                     .encode("euc_jp"))
    before = tree(tmp_path)
    result = invoke(root, "update", "--check")
    assert result.exit_code == 1, describe(result)
    assert "locales/ja/r.po" in result.output
    assert_unchanged(before, tmp_path)


@pytest.mark.parametrize("language, codec, label, texts", [
    pytest.param("ja", "shift_jis", "SHIFT_JIS", JA, id="Shift_JIS"),
    pytest.param("ja", "euc_jp", "EUC-JP", JA, id="EUC-JP"),
    pytest.param("ko", "cp949", "CP949", KO_CP949, id="CP949"),
    pytest.param("ko", "euc_kr", "CP949", KO, id="EUC-KR"),
])
def test_a_legacy_file_that_claims_utf8_is_named_in_the_hint(tmp_path: Path, language, codec,
                                                             label, texts):
    """The hint names the encoding the file is really in (Korean files too), so the
    translator can convert it with the command given."""
    root = _project(tmp_path)
    relative = f"locales/{language}/r.po"
    write(root, relative, _translated(root, language, texts).encode(codec))
    before = tree(root)
    result = invoke(root, "update")
    assert result.exit_code == 2 and "Traceback" not in result.output, describe(result)
    assert f"{relative}:" in result.output and f"iconv -f {label} -t UTF-8" in result.output, \
        describe(result)
    assert_unchanged(before, root)


def test_a_utf8_file_that_claims_ascii_is_told_to_say_utf8(tmp_path: Path):
    root = _project(tmp_path)
    relative = "locales/ja/r.po"
    text = _translated(root, "ja", JA).replace("charset=UTF-8", "charset=ASCII")
    write(root, relative, text.encode("utf-8"))
    result = invoke(root, "update")
    assert result.exit_code == 2, describe(result)
    assert "valid UTF-8" in result.output and "charset=UTF-8" in result.output, \
        describe(result)
