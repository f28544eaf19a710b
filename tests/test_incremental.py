"""The work cache: unchanged reports are skipped, every dependency invalidates what it should,
and output does not depend on the number of worker processes."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import publisher.ops.build
import publisher.ops.update_report
from conftest import make_project, run, snapshot

REPORT = "---\ntitle: Report {n}\n---\n# Report {n}\n\nParagraph {n} of the archive.\n\n- item {n}\n"


@pytest.fixture
def archive(tmp_path):
    files = {f"content/r{n:02d}.md": REPORT.format(n=n) for n in range(12)}
    files["content/k.md"] = "---\nlang: ko\ntitle: 보고서\n---\n한국어 문단입니다.\n"
    # The translation memory would offer "Report 5" to "Report 4": these tests are about what
    # the cache skips, so it is off (test_memory.py tests it).
    return make_project(tmp_path, files, '[project]\ntitle = "Archive"\n\n[tm]\nenabled = false\n')


def every_report(root) -> list[str]:
    """The slugs of all reports: a count over the content folder."""
    return sorted(path.stem for path in (root / "content").glob("*.md"))


@pytest.fixture
def counted(monkeypatch):
    """Count the reports whose update and build work really runs (in this process)."""
    monkeypatch.setenv("PUBLISHER_JOBS", "1")
    calls = {"update": [], "build": []}
    outputs, build_report = publisher.ops.update_report._outputs, publisher.ops.build.build_report

    def counting_outputs(config, report, *rest):
        calls["update"].append(report.slug)
        return outputs(config, report, *rest)

    def counting_build(task):
        calls["build"].append(task.report.slug)
        return build_report(task)

    monkeypatch.setattr(publisher.ops.update_report, "_outputs", counting_outputs)
    monkeypatch.setattr(publisher.ops.build, "build_report", counting_build)
    return calls


def again(calls, runner, root, command, *args):
    calls[command].clear()
    result = run(runner, root, command, *args)
    assert result.exit_code == 0, result.output
    return sorted(calls[command])


def test_noop_update_skips_every_report(counted, runner, archive):
    assert again(counted, runner, archive, "update") == every_report(archive)
    assert again(counted, runner, archive, "update") == []


def test_changed_source_or_catalog_redoes_only_that_report(counted, runner, archive):
    again(counted, runner, archive, "update")
    (archive / "content/r03.md").write_text(REPORT.format(n=3) + "\nA new paragraph.\n")
    assert again(counted, runner, archive, "update") == ["r03"]
    po = archive / "locales/ja/r05.po"
    po.write_text(po.read_text().replace('msgid "Report 5"\nmsgstr ""',
                                         'msgid "Report 5"\nmsgstr "報告書5"'))
    assert again(counted, runner, archive, "update") == ["r05"]
    (archive / "locales/ko/r07.po").unlink()
    assert again(counted, runner, archive, "update") == ["r07"]
    assert (archive / "locales/ko/r07.po").exists()


def test_config_change_redoes_everything(counted, runner, archive):
    again(counted, runner, archive, "update")
    config = archive / "publisher.toml"
    config.write_text(config.read_text() + "\n[build]\nwrap_width = 0\n")
    assert again(counted, runner, archive, "update") == every_report(archive)


def test_new_tool_version_redoes_everything(counted, runner, archive, monkeypatch):
    again(counted, runner, archive, "update")
    again(counted, runner, archive, "build")
    monkeypatch.setattr(publisher.runtime.cache, "tool_digest", lambda: "another version")
    assert again(counted, runner, archive, "update") == every_report(archive)
    assert again(counted, runner, archive, "build") == every_report(archive)


def test_deleting_the_cache_is_safe(counted, runner, archive):
    again(counted, runner, archive, "update")
    before = snapshot(archive / "locales")
    shutil.rmtree(archive / ".publisher-cache")
    assert again(counted, runner, archive, "update") == every_report(archive)
    assert snapshot(archive / "locales") == before


def test_build_dependencies(counted, runner, archive):
    again(counted, runner, archive, "update")
    assert again(counted, runner, archive, "build", "--force") == every_report(archive)
    assert again(counted, runner, archive, "build", "--force") == []
    # a catalog of one report
    po = archive / "locales/ja/r02.po"
    po.write_text(po.read_text().replace('msgid "Report 2"\nmsgstr ""',
                                         'msgid "Report 2"\nmsgstr "報告書2"'))
    assert again(counted, runner, archive, "build", "--force") == ["r02"]
    assert "報告書2" in (archive / "site/ja/r02.html").read_text()
    # an edition deleted from the site
    (archive / "site/ko/r04.html").unlink()
    assert again(counted, runner, archive, "build", "--force") == ["r04"]
    assert (archive / "site/ko/r04.html").exists()
    # the site title's translation appears on every page
    site = archive / "locales/ja/_site.po"
    site.write_text(site.read_text().replace('msgid "Archive"\nmsgstr ""',
                                             'msgid "Archive"\nmsgstr "アーカイブ"'))
    assert again(counted, runner, archive, "build", "--force") == every_report(archive)
    assert "アーカイブ" in (archive / "site/ja/r09.html").read_text()
    # settings: the threshold decides what is published
    config = archive / "publisher.toml"
    config.write_text(config.read_text() + "\n[build]\nthreshold = 10\n")
    assert again(counted, runner, archive, "build") == every_report(archive)
    # another output format or folder is another build
    assert again(counted, runner, archive, "build", "--format", "md") == every_report(archive)
    assert again(counted, runner, archive, "build") == []


def test_glossary_change_is_seen_by_check(runner, archive):
    run(runner, archive, "update")
    po = archive / "locales/ja/r01.po"
    po.write_text(po.read_text().replace('msgid "Paragraph 1 of the archive."\nmsgstr ""',
                                         'msgid "Paragraph 1 of the archive."\nmsgstr "記録の第1段落。"'))
    assert "glossary" not in run(runner, archive, "check").output
    (archive / "locales/glossary.csv").write_text("en,ja,ko,note\narchive,アーカイブ,기록,\n")
    assert "[glossary]" in run(runner, archive, "check").output


def test_output_does_not_depend_on_the_number_of_workers(runner, archive, tmp_path_factory,
                                                         monkeypatch):
    copies = {}
    base = tmp_path_factory.mktemp("copies")
    for jobs in ("1", "2", "3"):
        root = base / f"jobs-{jobs}"
        shutil.copytree(archive, root, ignore=shutil.ignore_patterns(".publisher-cache"))
        monkeypatch.setenv("PUBLISHER_JOBS", jobs)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        assert run(runner, root, "update").exit_code == 0
        assert run(runner, root, "build", "--force").exit_code == 0
        copies[jobs] = {k: v for k, v in snapshot(root).items()
                        if not k.startswith(".publisher-cache")}
    assert copies["1"] == copies["2"] == copies["3"]
    assert any(name.startswith("site/ja/") for name in copies["1"])


def test_status_and_check_are_cached_and_see_every_change(runner, archive, monkeypatch):
    import publisher.ops.check.review
    import publisher.ops.status

    calls = []
    status_report, review_report = publisher.ops.status._report_status, \
        publisher.ops.check.review._report_findings

    def counting_findings(config, glossary, report, languages):
        calls.append(report.slug)
        return review_report(config, glossary, report, languages)

    monkeypatch.setattr(publisher.ops.check.review, "_report_findings", counting_findings)
    run(runner, archive, "update")
    first = run(runner, archive, "status", "--format", "json").stdout
    run(runner, archive, "check")
    calls.clear()
    assert run(runner, archive, "status", "--format", "json").stdout == first
    run(runner, archive, "check")
    assert calls == []
    po = archive / "locales/ja/r01.po"
    po.write_text(po.read_text().replace('msgid "Paragraph 1 of the archive."\nmsgstr ""',
                                         'msgid "Paragraph 1 of the archive."\nmsgstr "記録の第1段落."'))
    assert run(runner, archive, "status", "--format", "json").stdout != first
    assert "[ja-punctuation]" in run(runner, archive, "check").output
    assert calls == ["r01"]
    (archive / "locales/glossary.csv").write_text("en,ja,ko,note\nParagraph,段落,문단,\n")
    calls.clear()
    run(runner, archive, "check")
    assert sorted(calls) == every_report(archive)
    assert status_report is publisher.ops.status._report_status


def test_pages_written_piece_by_piece_are_atomic_and_not_rewritten_when_unchanged(tmp_path):
    from publisher.runtime.cache import digest_bytes, new_digest
    from publisher.runtime.fsutil import Transaction

    target = tmp_path / "site" / "sitemap.xml"
    pieces = ["<urlset>", "日本語", "</urlset>\n"]
    with Transaction() as transaction:
        digest = new_digest()
        assert transaction.stage_chunks(target, iter(pieces), digest)
        assert not target.exists()  # nothing visible before the commit
    data = "".join(pieces).encode("utf-8")
    assert target.read_bytes() == data
    assert digest.hexdigest() == digest_bytes(data)
    before = target.stat().st_mtime_ns
    with Transaction() as transaction:
        assert not transaction.stage_chunks(target, iter(pieces), new_digest())
    assert target.stat().st_mtime_ns == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["sitemap.xml"]

    def failing():
        yield "<urlset>"
        raise RuntimeError("template failed")

    with pytest.raises(RuntimeError), Transaction() as transaction:
        transaction.stage_chunks(tmp_path / "new" / "index.html", failing(), new_digest())
    assert target.read_bytes() == data
    assert not (tmp_path / "new").exists()  # no folder left behind by the failed page


def test_a_cache_file_left_half_written_by_a_killed_run_is_removed(runner, archive):
    """A run killed while saving its cache leaves ``.<name>.<pid>.<random>.tmp`` behind; the
    next command removes it, but never the file of a process that is still writing."""
    import os
    import subprocess
    import sys

    run(runner, archive, "update")
    folder = archive / ".publisher-cache"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = folder / f".files.json.{dead.pid}.abcd1234.tmp"
    live = folder / f".files.json.{os.getpid()}.wxyz5678.tmp"
    stale.write_text("{")
    live.write_text("{")
    run(runner, archive, "status", "--format", "json")
    assert not stale.exists()
    assert live.exists()
    live.unlink()


def test_the_manifest_is_laid_out_as_json_lays_it_out(archive, runner):
    """The manifest, written piece by piece, is byte for byte what ``json.dumps`` makes of
    its data (sorted keys, an indent of one, non-ASCII titles as they are)."""
    import json

    assert run(runner, archive, "build").exit_code == 0
    data = (archive / "site" / ".publisher-manifest.json").read_bytes()
    again = json.dumps(json.loads(data), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert data == again.encode("utf-8")
    assert "보고서".encode() in data and data.count(b"\n") > 20


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.dictionaries(st.text(max_size=8), _JSON)
                       | _JSON, max_size=5),
       st.integers(1, 4))
def test_cache_files_are_written_piece_by_piece_as_json_dumps_writes_them(data, batch):
    """A cache file's records are encoded one batch at a time, never as one text: the pieces
    join into exactly what ``json.dumps`` (sorted keys, compact) makes of the whole."""
    import json

    from publisher.runtime.jsontext import json_pieces

    whole = json.dumps(data, sort_keys=True, separators=(",", ":"))
    assert "".join(json_pieces(data, batch)) == whole


def test_a_cache_file_with_keys_json_would_convert_is_written_as_json_dumps_writes_it():
    import json

    from publisher.runtime.jsontext import json_pieces

    for data in ({"records": {1: "a", 10: 2}}, {2: {"x": 1}, 3: []}, {"a": {}, "b": []}):
        assert "".join(json_pieces(data)) == json.dumps(data, sort_keys=True,  # type: ignore[arg-type]
                                                         separators=(",", ":"))


def test_the_build_cache_and_digest_table_are_the_records_as_json(archive, runner):
    """What the build's cache file holds, read back, is what the build recorded: for each
    report, every file with its digest as hashlib computes it from the bytes on disk."""
    import hashlib
    import json

    assert run(runner, archive, "build").exit_code == 0
    folder = archive / ".publisher-cache"
    (path,) = folder.glob("build-*.json")
    records = json.loads(path.read_bytes())["records"]
    assert set(every_report(archive)) <= set(records)
    for slug in every_report(archive):
        summary = json.loads(records[slug]["summary"])
        assert summary["editions"]
        for name, digest in records[slug]["files"].items():
            if digest == "-":  # (a catalog the report has not got: its coming redoes it)
                assert not (archive / name).exists()
                continue
            data = (archive / name).read_bytes()
            assert digest == hashlib.blake2b(data, digest_size=16).hexdigest(), name
    # The digest table knows each of them as it is on disk: the next run reads none again.
    table = json.loads((folder / "files.json").read_bytes())["files"]
    for slug in every_report(archive):
        for name, digest in records[slug]["files"].items():
            if digest != "-":
                stat = (archive / name).stat()
                assert table[name] == f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino} {digest}"
    manifest = json.loads((archive / "site" / ".publisher-manifest.json").read_bytes())
    for name, entry in manifest["files"].items():
        data = (archive / "site" / name).read_bytes()
        assert entry["digest"] == hashlib.blake2b(data, digest_size=16).hexdigest(), name
    assert "index.html" in manifest["files"] and "ja/index.html" in manifest["files"]


def test_texts_kept_on_disk_come_back_as_they_went(tmp_path):
    from publisher.runtime.spool import Spool

    texts = {f"reports/{n}": "{\"title\":\"보고서 " + "日本語" * n + "\"}" for n in range(300)}
    texts["empty"] = ""
    with Spool() as spool:
        for key, text in texts.items():
            spool[key] = text
            assert spool["reports/0"] == texts["reports/0"]  # a read between two writes
        spool["reports/7"] = "written again"
        texts["reports/7"] = "written again"
        assert len(spool) == len(texts) and "reports/5" in spool and "other" not in spool
        assert {key: spool[key] for key in reversed(list(texts))} == texts


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=4), st.integers(0, 3), max_size=6),
                min_size=1, max_size=3),
       st.text(max_size=4))
def test_tables_made_when_asked_for_behave_as_the_dicts_they_stand_for(dicts, missing):
    """A table's union is the dicts' union with the first one's values winning (as
    ``{**last, ..., **first}``); it compares equal exactly when the dicts do, in key order,
    and makes a value only when asked for it."""
    from publisher.runtime.table import Table, chained

    union: dict[str, int] = {}
    for one in reversed(dicts):
        union.update(one)
    table = chained(*dicts)
    assert list(table) == sorted(union) and dict(table.items()) == union
    assert len(table) == len(union) and (missing in table) == (missing in union)
    assert table.get(missing, "none") == union.get(missing, "none")
    assert table == union and union == table and table == chained(*dicts)
    for key in union:
        assert table != {**union, key: union[key] + 1}
        assert table != {k: v for k, v in union.items() if k != key}
    absent = missing + "+"
    while absent in union:
        absent += "+"
    assert table != {**union, absent: 0}

    asked: list[str] = []
    lazy = Table(union, lambda key: asked.append(key) or union[key])
    assert asked == [] and list(lazy) == sorted(union)
    if union:
        first = sorted(union)[0]
        assert lazy[first] == union[first] and asked == [first]
    with pytest.raises(KeyError):
        Table(union, union.__getitem__)[absent]


_ENTRY = st.dictionaries(st.sampled_from(["digest", "format", "page", "title", "alternates"]),
                         _JSON, max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=10), _ENTRY, max_size=4),
       st.dictionaries(st.sampled_from(["html", "md", "pdf"]),
                       st.dictionaries(st.text(max_size=10), _ENTRY, max_size=4), max_size=3),
       st.sampled_from(["", "2/4"]), st.booleans())
def test_the_manifest_written_an_entry_at_a_time_is_what_json_dumps_writes(files, editions,
                                                                           shard, lazily):
    """The manifest's text, its entries made as they are written (tables read from disk) or
    held in dicts, is byte for byte ``json.dumps`` of its data with an indent of one."""
    import json

    from publisher.ops.manifest import Manifest
    from publisher.runtime.table import Table

    def made(table):
        return Table(table, table.__getitem__) if lazily else table

    manifest = Manifest(made(files), {fmt: made(t) for fmt, t in editions.items()}, shard)
    data = {"version": 1, "files": files, "editions": editions, **({"shard": shard} if shard
                                                                  else {})}
    expected = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert "".join(manifest.chunks()) == expected


def test_records_saved_as_they_are_made_are_written_with_the_others(tmp_path):
    """Records given to ``save`` are written with those held (theirs win where both have
    a key), the file being what ``json.dumps`` makes of the union; each is made only
    while it is written."""
    import json

    from publisher.runtime.cache import Cache
    from publisher.runtime.table import Table

    cache = Cache(tmp_path, "records")
    cache.put("kept", [], value="held")
    cache.put("b", [], value="old")
    made: list[str] = []
    more = {"b": {"value": "new", "files": {}}, "a": {"value": "보고서", "files": {}}}
    cache.save(Table(more, lambda key: made.append(key) or more[key]))
    assert made == ["a", "b"]
    data = json.loads(cache.path.read_bytes())
    assert data["records"] == {"a": more["a"], "b": more["b"], "kept": {"files": {},
                                                                        "value": "held"}}
    assert cache.path.read_text() == json.dumps(data, sort_keys=True, separators=(",", ":"))
    assert Cache(tmp_path, "records").fresh("b") == more["b"]


def test_pages_made_of_every_report_are_made_again_when_what_they_list_changes(runner, archive,
                                                                              monkeypatch):
    """Index pages, feeds and sitemap are made again when an edition they list changes
    (a title, a PDF edition beside a web page) and only then."""
    from publisher.editions.html.builder import HtmlBuilder

    made: list[str] = []
    site_files = HtmlBuilder.site_files

    def counting(self, index):
        made.append("pages")
        return site_files(self, index)

    monkeypatch.setattr(HtmlBuilder, "site_files", counting)

    def build(*args):
        made.clear()
        assert run(runner, archive, "build", *args).exit_code == 0
        return len(made)

    assert run(runner, archive, "update").exit_code == 0
    assert build() == 1 and build() == 0
    po = archive / "locales/ja/r02.po"
    po.write_text(po.read_text().replace('msgid "Report 2"\nmsgstr ""',
                                         'msgid "Report 2"\nmsgstr "報告書2"'))
    assert build("--force") == 1 and "報告書2" in (archive / "site/ja/index.html").read_text()
    assert build("--force") == 0
    assert build("--format", "pdf", "--lang", "ko") == 0  # (a PDF build lists nothing itself)
    assert build("--force") == 1 and 'href="k.pdf"' in (archive / "site/ko/index.html").read_text()
    assert build("--force") == 0


def test_entries_kept_on_disk_give_their_text_without_being_made():
    """An entry read from disk gives its text as ``json.dumps`` writes it (sorted keys,
    characters as they are) without being decoded; one held in memory gives none."""
    import json

    from publisher.runtime.spool import Spool
    from publisher.runtime.table import as_text, chained, spooled

    entries = {f"ja/r{n}": {"title": f"報告書 {n}", "date_iso": "2024-01-0" + str(n % 9 + 1),
                            "alternates": ["en", "ja"], "percent": n / 3} for n in range(20)}
    held = {"en/r1": {"title": "Report 1"}, "ja/r3": {"title": "shadowed"}}
    with Spool() as spool:
        for key, entry in entries.items():
            spool[key] = as_text(entry)
        table = chained(spooled(spool), held)
        for key, entry in entries.items():
            assert table.text(key) == json.dumps(entry, ensure_ascii=False, sort_keys=True)
            assert table[key] == entry
        assert table.text("en/r1") is None and table["en/r1"] == held["en/r1"]
        assert table.text("none") is None


def test_a_build_with_nothing_to_do_loads_neither_parser_nor_templates(runner, archive):
    """A no-op build answers from the cache and the manifest: it loads none of what reads
    Markdown, front matter or templates (loading them is a third of its time)."""
    import subprocess
    import sys

    assert run(runner, archive, "update").exit_code == 0
    assert run(runner, archive, "build").exit_code == 0
    code = ("import sys\nfrom publisher.cli import main\n"
            f"sys.argv = ['publisher', '--root', {str(archive)!r}, 'build']\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print(sorted(m for m in ('markdown_it', 'yaml', 'jinja2', 'rapidfuzz')"
            " if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PUBLISHER_JOBS": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    # The same run with something to do loads them.
    (archive / "content/r03.md").write_text(REPORT.format(n=33))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PUBLISHER_JOBS": "1"})
    assert "'jinja2', 'markdown_it'" in done.stdout.strip().splitlines()[-1]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.lists(_JSON, max_size=4) | _JSON, max_size=4),
       st.integers(1, 3), st.integers(0, 3), st.booleans(), st.booleans())
def test_json_laid_out_piece_by_piece_is_what_json_dumps_lays_out(data, indent, depth, sort,
                                                                 lazily):
    """Indented JSON written an item at a time (lists given as iterators, made as they are
    written) joins into exactly what ``json.dumps`` makes of the whole."""
    import json

    from publisher.runtime.jsontext import indented_pieces

    given_ = {key: iter(value) if lazily and isinstance(value, list) else value
              for key, value in data.items()}
    expected = json.dumps(data, ensure_ascii=False, sort_keys=sort, indent=indent)
    assert "".join(indented_pieces(given_, indent, sort_keys=sort, depth=depth)) == expected


def test_a_cache_kept_between_ci_runs_serves_a_fresh_checkout(counted, runner, archive,
                                                              tmp_path, monkeypatch):
    """The cache records work by content, not by place or file times: restored into another
    checkout (another folder, every file newer), it spares update and check their work there,
    with the same answers as a checkout without it."""
    import publisher.ops.check.review

    checked = []
    review_report = publisher.ops.check.review._report_findings

    def counting_findings(config, glossary, report, languages):
        checked.append(report.slug)
        return review_report(config, glossary, report, languages)

    monkeypatch.setattr(publisher.ops.check.review, "_report_findings", counting_findings)
    run(runner, archive, "update")
    run(runner, archive, "check")
    fresh, bare = tmp_path / "runner" / "checkout", tmp_path / "bare"
    shutil.copytree(archive, fresh)  # the cache comes with it, as actions/cache restores it
    shutil.copytree(archive, bare, ignore=shutil.ignore_patterns(".publisher-cache"))
    for path in fresh.rglob("*"):
        if path.is_file() and ".publisher-cache" not in path.parts:
            os.utime(path, (path.stat().st_atime + 86400, path.stat().st_mtime + 86400))
    assert again(counted, runner, fresh, "update") == []
    checked.clear()
    findings = run(runner, fresh, "check").output
    assert checked == []
    assert findings == run(runner, bare, "check").output
    assert sorted(checked) == every_report(bare)
