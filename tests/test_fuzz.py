"""Fuzzing the whole command line: random catalogs (broken ones too) and random Markdown.

Whatever the input, no traceback reaches the user: a command succeeds, or exits 2 with a
message and leaves every file as it was.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, copy_sample, snapshot
from publisher.cli import cli

PO = "locales/ja/reports/2024-korea-japan-workshop.po"
REPORT = "content/reports/2024-korea-japan-workshop.md"
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

PIECES = ["# ", "## ", "- ", "1. ", "> ", "|", "---", "===", "```", "~~~", "<div>", "</div>",
          "<!-- i18n: skip -->", "[^1]", "[^1]: note", "[a](http://x.org)", "*", "**", "_",
          "`", "\\", "  ", "\t", "\n", "\n\n", "日本語", "한국어", "English words", "&amp;",
          "---\ntitle: T\n---\n", "| a | b |\n|---|---|\n| c | d |\n", "    code", "\r\n",
          "\ufeff", "\x00", "é", "１２３"]


def _project(base: Path) -> Path:
    return copy_sample(base / "project")


def _run(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: {result.exception!r}\n{result.output}") \
            from result.exception
    assert "Traceback" not in result.output
    return result


@st.composite
def damaged(draw) -> bytes:
    data = bytearray((REPO / PO).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "truncate"]))
        chunk = draw(st.sampled_from([b'"', b"\\", b"\n", b"msgid ", b"msgstr ", b"#~ ",
                                      b"<<<<<<< HEAD\n", b"\xff\xfe", b"#, fuzzy\n", b"\x00",
                                      b'msgstr[0] ""\n', b"\xe3\x81", b"msgctxt \"x\"\n"]))
        if kind == "insert":
            data[at:at] = chunk
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "replace":
            data[at:at + len(chunk)] = chunk
        else:
            del data[at:]
    return bytes(data)


@SETTINGS
@given(damaged())
def test_damaged_catalogs_never_crash(data):
    with tempfile.TemporaryDirectory() as folder:
        root = _project(Path(folder))
        (root / PO).write_bytes(data)
        before = snapshot(root)
        for args in (("update",), ("status",), ("check",), ("build", "--format", "md")):
            result = _run(root, *args)
            assert result.exit_code in (0, 1, 2), result.output
            if result.exit_code == 2:
                assert PO in result.output or "ja" in result.output
                assert snapshot(root) == before


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_random_markdown_reports_never_crash(text):
    with tempfile.TemporaryDirectory() as folder:
        root = _project(Path(folder))
        (root / REPORT).write_text(text, encoding="utf-8", errors="surrogatepass")
        before = snapshot(root)
        result = _run(root, "update")
        if result.exit_code == 2:  # a report can be bad input (broken front matter)
            assert REPORT in result.output and snapshot(root) == before
            return
        assert result.exit_code == 0, result.output
        for args in (("build",), ("build", "--format", "md"), ("status",), ("check",)):
            assert _run(root, *args).exit_code in (0, 1)
