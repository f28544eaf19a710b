"""The X-Publisher-Digest stamp: unchanged catalogs are recognised without being parsed."""

from __future__ import annotations

import shutil

import pytest

import publisher.workspace
from conftest import make_project, msgcat, msgfmt_check, run, snapshot
from publisher.po.stamp import unstamped, verify_source, verify_template

REPORT = "---\ntitle: Stamped\n---\n# Stamped\n\nA paragraph to translate.\n"


@pytest.fixture
def project(tmp_path, runner, monkeypatch):
    monkeypatch.setenv("PUBLISHER_JOBS", "1")
    root = make_project(tmp_path, {"content/r.md": REPORT})
    assert run(runner, root, "update").exit_code == 0
    shutil.rmtree(root / ".publisher-cache")
    return root


@pytest.fixture
def reads(monkeypatch):
    """Count the catalogs that are parsed."""
    seen = []
    original = publisher.workspace.read_catalog

    def counting(data, path, *args):
        seen.append(str(path))
        return original(data, path, *args)

    monkeypatch.setattr(publisher.workspace, "read_catalog", counting)
    return seen


def test_written_files_carry_a_stamp_gettext_keeps(project):
    for path in sorted((project / "locales").rglob("*.po*")):
        text = path.read_text()
        assert text.count('"X-Publisher-Digest: ') == 1
        assert msgcat(path, 79) == path.read_bytes()
        assert msgfmt_check(path).returncode == 0


def test_unchanged_files_are_not_parsed_even_without_cache(project, runner, reads):
    before = snapshot(project / "locales")
    assert run(runner, project, "update").exit_code == 0
    assert reads == []
    assert snapshot(project / "locales") == before


def test_a_translators_edit_takes_the_full_path(project, runner, reads):
    po = project / "locales/ja/r.po"
    po.write_text(po.read_text().replace('msgid "Stamped"\nmsgstr ""',
                                         'msgid "Stamped"\nmsgstr "スタンプ"'))
    result = run(runner, project, "update")
    assert result.exit_code == 0
    assert "locales/ja/r.po" in reads and "locales/ko/r.po" not in reads
    assert 'msgstr "スタンプ"' in po.read_text()
    # The translator's file was canonical: only its stamp is renewed (and `update --check`
    # does not call that a change, so CI passes right after a translator's commit).
    assert "locales/ja/r.po: updated (stamp renewed)" in result.output
    reads.clear()
    shutil.rmtree(project / ".publisher-cache")
    assert run(runner, project, "update").exit_code == 0 and reads == []


def test_check_does_not_count_a_stale_stamp(project, runner):
    po = project / "locales/ja/r.po"
    po.write_text(po.read_text().replace('msgid "Stamped"\nmsgstr ""',
                                         'msgid "Stamped"\nmsgstr "スタンプ"'))
    before = snapshot(project)
    assert run(runner, project, "update", "--check").exit_code == 0
    assert snapshot(project) == before


def test_a_dropped_stamp_is_renewed_by_update_and_ignored_by_check(project, runner):
    po = project / "locales/ko/r.po"
    stamped = po.read_bytes()
    po.write_bytes(unstamped(stamped))  # a tool dropped the field
    assert run(runner, project, "update", "--check").exit_code == 0
    result = run(runner, project, "update")
    assert "locales/ko/r.po: updated (stamp renewed)" in result.output
    assert po.read_bytes() == stamped


def test_a_source_change_invalidates_every_stamp(project, runner, reads):
    (project / "content/r.md").write_text(REPORT + "\nA new paragraph.\n")
    assert run(runner, project, "update").exit_code == 0
    assert sorted(reads) == ["locales/ja/r.po", "locales/ko/r.po",
                             "locales/templates/r.pot"]
    po = project / "locales/ja/r.po"
    assert "A new paragraph." in po.read_text()
    assert not verify_source(po.read_bytes(), "some other key")
    assert not verify_template(po.read_bytes(), "some other key")


def test_a_rewrapped_source_is_seen_through_the_template_and_changes_no_byte(project, runner,
                                                                             reads):
    before = snapshot(project / "locales")
    (project / "content/r.md").write_text(REPORT.replace("A paragraph to translate.",
                                                         "A paragraph\nto translate."))
    assert run(runner, project, "update").exit_code == 0
    assert reads == []  # the stamps' template check: the catalogs are still right
    assert snapshot(project / "locales") == before


def test_unchanged_sources_are_not_even_parsed(project, runner, monkeypatch):
    parsed = []
    load_document = publisher.workspace.load_document
    monkeypatch.setattr(publisher.workspace, "load_document",
                        lambda config, report: parsed.append(report.slug) or
                        load_document(config, report))
    assert run(runner, project, "update").exit_code == 0
    assert parsed == []


def test_an_unstamped_template_that_is_already_right_is_not_read(project, runner, reads,
                                                                  monkeypatch):
    """Laid out with its own date, a template from the same source is the file itself."""
    pot = project / "locales/templates/r.pot"
    before = pot.read_bytes()
    for path in (project / "locales").rglob("*.po*"):
        path.write_bytes(unstamped(path.read_bytes()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # a later clock
    assert run(runner, project, "update").exit_code == 0
    assert "locales/templates/r.pot" not in reads
    assert sorted(reads) == ["locales/ja/r.po", "locales/ko/r.po"]
    assert pot.read_bytes() == before  # same date, stamp renewed


def test_a_template_another_tool_rewrapped_keeps_its_date(project, runner, reads,
                                                          monkeypatch):
    pot = project / "locales/templates/r.pot"
    before = pot.read_bytes()
    text = unstamped(before).decode()
    # A tool that writes every header field on the msgstr line (no wrapping at all).
    header_end = text.index("\n\n")
    lines = text[:header_end].split("\n")
    fields = "".join(line[1:-1] for line in lines if line.startswith('"'))
    head = [line for line in lines if not line.startswith('"')]
    head[-1] = f'msgstr "{fields}"'
    pot.write_text("\n".join(head) + text[header_end:])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    assert run(runner, project, "update").exit_code == 0
    assert "locales/templates/r.pot" in reads  # not the file it would write: read it
    assert pot.read_bytes() == before  # same messages, so the same date; canonical again
