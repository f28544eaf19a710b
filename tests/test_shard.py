"""``--shard K/N`` on update, check and build, and ``build --merge``: an archive split by
report over the machines of a CI job matrix gives, part after part, exactly what one run
gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import copy_sample, run, snapshot
from publisher.ops.shard import Shard, parse_shard

SLUGS = [f"reports/{year}-{n:03d}" for year in (2023, 2024, 2025) for n in range(40)]


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_every_report_is_in_exactly_one_part(count):
    parts = [Shard(k, count) for k in range(1, count + 1)]
    for slug in SLUGS:
        assert sum(part.holds(slug) for part in parts) == 1
    sizes = [sum(part.holds(slug) for slug in SLUGS) for part in parts]
    assert max(sizes) - min(sizes) <= len(SLUGS) // count  # near equal
    # a report's part depends on its slug alone: a bigger archive moves no report
    assert [s for s in SLUGS[:60] if parts[0].holds(s)] == [
        s for s in SLUGS if parts[0].holds(s) and s in SLUGS[:60]
    ]


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2", ""])
def test_a_bad_shard_is_refused(text, runner, sample):
    with pytest.raises(ValueError):
        parse_shard(text)
    before = snapshot(sample)
    for command in ("update", "check", "build"):
        result = run(runner, sample, command, "--shard", text)
        assert result.exit_code == 2 and "--shard" in result.output
    assert snapshot(sample) == before


def _archive(root: Path, copies: int = 7) -> Path:
    """The sample project, with its reports repeated under other names (without catalogs:
    update makes them, and fills the repeats from the translation memory)."""
    copy_sample(root)
    for path in sorted((root / "content/reports").glob("*.md")):
        for n in range(copies):
            shutil.copy(path, path.with_name(f"{path.stem}-{n}.md"))
    return root


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return _archive(tmp_path_factory.mktemp("archive") / "project")


def _copy(archive: Path, root: Path) -> Path:
    shutil.copytree(archive, root, ignore=shutil.ignore_patterns(".publisher-cache"))
    return root


@pytest.mark.parametrize("count", [2, 3])
def test_update_in_parts_gives_the_catalogs_of_one_run(runner, archive, tmp_path, count):
    whole = _copy(archive, tmp_path / "whole")
    assert run(runner, whole, "update").exit_code == 0
    parted = _copy(archive, tmp_path / "parted")
    for k in range(1, count + 1):
        result = run(runner, parted, "update", "--shard", f"{k}/{count}")
        assert result.exit_code == 0, result.output
    assert snapshot(parted / "locales") == snapshot(whole / "locales")
    assert len(snapshot(whole / "locales")) > len(snapshot(archive / "locales"))
    # each part touched only its own reports
    one = _copy(archive, tmp_path / "one")
    assert run(runner, one, "update", "--shard", f"1/{count}").exit_code == 0
    changed = {
        name for name, data in snapshot(one / "locales").items()
        if snapshot(archive / "locales").get(name) != data
    }
    part = Shard(1, count)
    for name in changed:
        slug = name.split("/", 1)[1].rsplit(".", 1)[0]
        assert part.holds(slug) or slug.startswith("_"), name


def test_parts_name_the_lines_of_catalogs_another_tool_saved_as_one_run_does(runner, tmp_path):
    """Catalogs saved by another tool (no stamp, their own layout): the memory names where a
    translation is as update writes its catalog, whichever part writes it (a catalog of a
    later part is not yet rewritten when an earlier part names it)."""
    first, second = Shard(1, 2), Shard(2, 2)
    late = next(f"r{n}" for n in range(100) if second.holds(f"r{n}"))
    early = next(f"r{n}" for n in range(100) if first.holds(f"r{n}"))
    text = "The Institute thanks its partners for their support."
    root = tmp_path / "archive"
    (root / "content").mkdir(parents=True)
    (root / "publisher.toml").write_text('[project]\nlanguages = ["en", "ja"]\n')
    (root / "content" / f"{late}.md").write_text(f"# One\n\nAn opening paragraph.\n\n{text}\n")
    assert run(runner, root, "update").exit_code == 0
    catalog = root / "locales" / "ja" / f"{late}.po"
    data = catalog.read_text().replace('msgstr ""\n\n#. paragraph', 'msgstr "訳"\n\n#. paragraph')
    data = data.replace(f'msgid "{text}"\nmsgstr ""', f'msgid "{text}"\nmsgstr "当研究所は感謝する。"')
    # as another tool saves it: no stamp line, every entry one line higher
    catalog.write_text("\n".join(line for line in data.split("\n")
                                 if not line.startswith('"X-Publisher-Digest')))
    shutil.rmtree(root / ".publisher-cache")
    (root / "content" / f"{early}.md").write_text(f"# Two\n\n{text[:-1]} and friends.\n")
    whole = _copy(root, tmp_path / "whole")
    assert run(runner, whole, "update").exit_code == 0
    note = [line for line in (whole / "locales/ja" / f"{early}.po").read_text().split("\n")
            if line.startswith("# tm: ")]
    written = (whole / "locales/ja" / f"{late}.po").read_text().split("\n")
    line = written.index('msgid "' + text + '"') + 1
    assert len(note) == 1 and note[0].startswith(f"# tm: locales/ja/{late}.po:{line} (")
    parted = _copy(root, tmp_path / "parted")
    for k in (1, 2):
        assert run(runner, parted, "update", "--shard", f"{k}/2").exit_code == 0
    assert snapshot(parted / "locales") == snapshot(whole / "locales")


def test_check_in_parts_finds_what_one_run_finds(runner, archive, tmp_path):
    root = _copy(archive, tmp_path / "p")
    assert run(runner, root, "update").exit_code == 0

    def findings(*args: str) -> list[dict]:
        result = run(runner, root, "check", "--format", "json", *args)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.output)["findings"]

    whole = findings()
    parts = [findings("--shard", f"{k}/3") for k in (1, 2, 3)]
    assert sorted(json.dumps(f, sort_keys=True) for part in parts for f in part) == sorted(
        json.dumps(f, sort_keys=True) for f in whole
    )
    assert whole and sum(bool(part) for part in parts) >= 1


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_build_in_parts_and_merged_is_the_site_of_one_run(runner, archive, tmp_path, fmt):
    root = _copy(archive, tmp_path / "p")
    assert run(runner, root, "update").exit_code == 0
    assert run(runner, root, "build", "--format", fmt, "--out", str(tmp_path / "whole")).exit_code == 0
    parts = []
    for k in (1, 2, 3):
        out = tmp_path / f"part{k}"
        result = run(runner, root, "build", "--format", fmt, "--shard", f"{k}/3", "--out", str(out))
        assert result.exit_code == 0, result.output
        assert not (out / "index.html").exists() and not (out / "feed.xml").exists()
        parts.append(out)
    merge = ["build", "--format", fmt, "--out", str(tmp_path / "merged")]
    for out in parts:
        merge += ["--merge", str(out)]
    result = run(runner, root, *merge)
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "merged") == snapshot(tmp_path / "whole")
    # a second merge changes nothing
    again = run(runner, root, *merge)
    assert again.exit_code == 0 and "0 file(s) written" in again.output

    # A report gone: its part, built again, no longer holds it, nor does the merged site.
    gone = "reports/2024-korea-japan-workshop-3"
    (root / f"content/{gone}.md").unlink()
    k = next(k for k in (1, 2, 3) if Shard(k, 3).holds(gone))
    assert run(runner, root, "build", "--format", fmt, "--shard", f"{k}/3",
               "--out", str(parts[k - 1])).exit_code == 0
    assert run(runner, root, *merge).exit_code == 0
    assert not any(gone in name for name in snapshot(tmp_path / "merged"))
    assert run(runner, root, "build", "--format", fmt, "--out", str(tmp_path / "whole")).exit_code == 0
    assert snapshot(tmp_path / "merged") == snapshot(tmp_path / "whole")


def test_a_merge_needs_every_part_once_and_unchanged(runner, archive, tmp_path):
    root = _copy(archive, tmp_path / "p")
    assert run(runner, root, "update").exit_code == 0
    parts = []
    for k in (1, 2):
        out = tmp_path / f"part{k}"
        assert run(runner, root, "build", "--shard", f"{k}/2", "--out", str(out)).exit_code == 0
        parts.append(str(out))
    target = tmp_path / "merged"

    def refused(*folders: str, says: str) -> None:
        args = ["build", "--out", str(target)]
        for folder in folders:
            args += ["--merge", folder]
        result = run(runner, root, *args)
        assert result.exit_code == 2, result.output
        assert says in result.output and "Traceback" not in result.output
        assert not target.exists()

    refused(parts[0], says="part 2 of 2 is missing")
    refused(parts[0], parts[0], parts[1], says="given twice")
    refused(str(tmp_path / "p" / "content"), says="not a folder written by build --shard")
    page = next(Path(parts[1]).rglob("*.html"))
    page.write_text(page.read_text() + "<!-- edited -->")
    refused(*parts, says="changed since its part was built")
    result = run(runner, root, "build", "--shard", "1/2", "--merge", parts[0])
    assert result.exit_code == 2


def test_a_part_leaves_the_files_of_other_parts_alone(runner, archive, tmp_path):
    root = _copy(archive, tmp_path / "p")
    assert run(runner, root, "update").exit_code == 0
    out = tmp_path / "shared"
    assert run(runner, root, "build", "--shard", "1/2", "--out", str(out)).exit_code == 0
    first = {name for name in snapshot(out) if name.endswith(".html")}
    assert first
    assert run(runner, root, "build", "--shard", "2/2", "--out", str(out)).exit_code == 0
    assert first <= set(snapshot(out))
