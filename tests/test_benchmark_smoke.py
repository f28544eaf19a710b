"""The benchmark harness runs end to end on a tiny archive (no timing is asserted)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUN = REPO / "benchmarks" / "run.py"


def _publisher() -> str:
    beside = Path(sys.executable).with_name("publisher")
    return str(beside) if beside.exists() else (shutil.which("publisher") or "publisher")


def test_benchmark_runs_on_a_tiny_archive(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(RUN), "--reports", "6", "--repeat", "1", "--skip-competitors",
         "--parallel-jobs", "2", "--scaling", "--scaling-sizes", "3,6", "--shards", "2",
         "--pdf-reports", "0", "--compare", "HEAD", "--work", str(tmp_path),
         "--publisher", _publisher()],
        check=False, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]

    data = json.loads((tmp_path / "results-6.json").read_text("utf-8"))
    assert {"meta", "archive", "floor", "commands", "competitors", "scaling",
            "targets"} <= set(data)
    assert data["meta"]["reports"] == 6
    assert data["archive"]["reports"] == 6
    assert {"parse", "polib"} <= set(data["floor"])
    expected = {"floor_parse", "floor_polib", "update_cold", "update_noop",
                "update_one_report", "status", "check", "build_cold", "build_noop",
                "build_one_catalog", "update_cold_unstamped", "update_new_project",
                "update_cold_parallel", "build_cold_parallel"}
    assert expected <= set(data["commands"])
    for name in expected:
        figure = data["commands"][name]
        assert {"seconds", "cpu_seconds", "peak_mb", "exit_codes", "runs"} <= set(figure)
        assert all(code in (0, 1) for code in figure["exit_codes"]), (name, figure)
    assert "percent_of_cold" in data["commands"]["update_noop"]
    assert "ratio_to_parse" in data["commands"]["update_cold"]
    assert data["competitors"] == {"skipped": True}
    assert set(data["scaling"]["by_size"]) == {"3", "6"}
    assert {"update_cold", "update_cold_unstamped", "build_cold"} <= set(
        data["scaling"]["peak_growth"])
    assert {"cold_update_vs_parse", "noop_update_percent", "noop_build_percent",
            "one_report_update_percent", "vs_translate_toolkit", "vs_mdpo_one_process",
            "full_update_vs_parse", "new_project_update_vs_parse", "first_status_vs_parse",
            "first_check_vs_parse", "cold_build_vs_parse", "pdf_outside_weasyprint",
            "memory_flat_update", "memory_flat_update_unstamped"} <= set(data["targets"])
    for name in ("full_update_vs_parse", "first_check_vs_parse", "memory_flat_build"):
        assert data["targets"][name]["ok"] in (True, False), name
    # Two shards one after another give the outputs of one run, for each command.
    assert data["shards"]["count"] == 2
    for command in ("update", "check", "build"):
        figure = data["shards"][command]
        assert figure["identical"] is True, (command, figure)
        assert len(figure["parts"]) == (3 if command == "build" else 2)  # build: + the merge
        assert data["targets"][f"shards_{command}_identical"]["ok"] is True
        assert data["targets"][f"shards_{command}_total"]["ok"] in (True, False)
    # The code of a revision (here the checkout's own) writes what the code benchmarked does.
    assert data["compare"]["revision"] == "HEAD"
    for command in ("update", "check", "build_html", "build_md"):
        assert data["compare"][command]["identical"] is True, (command, data["compare"])
        assert data["targets"][f"compare_{command}_identical"]["ok"] is True
    assert (tmp_path / "revisions" / data["compare"]["commit"][:12] / "publisher"
            / "__init__.py").is_file()
    assert "PASS" in result.stdout and "targets:" in result.stdout
    # The generated archive is a real project: reports in all three source languages.
    project = tmp_path / "archive-n6-s1" / "project"
    assert len(list((project / "content").rglob("*.md"))) == 6
    assert list((project / "locales" / "ja").rglob("*.po"))


def test_benchmark_measures_real_documents_and_pdf(tmp_path: Path) -> None:
    """--real on a small share of the real-world corpus, and the PDF figure on one report
    of the sample project."""
    result = subprocess.run(
        [sys.executable, str(RUN), "--reports", "3", "--repeat", "1", "--skip-competitors",
         "--parallel-jobs", "0", "--shards", "0", "--real", "--real-mb", "0.15",
         "--pdf-reports", "1", "--pdf-project", str(REPO),
         "--work", str(tmp_path), "--publisher", _publisher()],
        check=False, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads((tmp_path / "results-3.json").read_text("utf-8"))
    real = data["real"]
    assert real["project"]["content_bytes"] >= 0.15 * 1024 * 1024
    translations = real["project"]["translations"]
    assert translations["entries"] > 100 and translations["same_as_msgid"] == 0
    assert {"floor_parse", "real_update_new_project", "real_update_full", "real_status",
            "real_check", "real_build_html", "real_build_md"} == set(real["commands"])
    for name, figure in real["commands"].items():
        assert all(code in (0, 1) for code in figure["exit_codes"]), (name, figure)
        assert "ratio_to_parse" in figure
    for name in ("real_update_full", "real_build_md"):
        assert data["targets"][f"{name}_vs_parse"]["ok"] in (True, False)
    # The catalogs were re-saved without publisher's stamps, and hold the translations.
    project = tmp_path / "real-0.15mb" / "pristine"
    catalogs = sorted((project / "locales" / "ja").rglob("*.po"))
    assert catalogs
    assert not any(b"X-Publisher-Digest" in path.read_bytes() for path in catalogs)
    # Every edition is reassembled: each Japanese Markdown edition (left by the last run)
    # holds other text than its source.
    built = tmp_path / "real-0.15mb" / "project"
    for source in sorted((built / "content").rglob("*.md")):
        edition = built / "site-md" / "ja" / source.relative_to(built / "content")
        assert edition.read_text("utf-8").split("\n---\n", 1)[-1].strip() != \
            source.read_text("utf-8").strip(), edition
    assert data["pdf"]["editions"] >= 1 and 0 <= data["pdf"]["outside_share"] <= 1
    assert data["targets"]["pdf_outside_weasyprint"]["ok"] in (True, False)


def _benchmark(tmp_path: Path, script: str, *args: str) -> tuple[str, dict]:
    """Run one of the lone benchmark scripts; its printed report and its JSON figures."""
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), *args, "--json", str(figures)],
        check=False, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout, json.loads(figures.read_text("utf-8"))


def test_catalog_benchmark_runs_and_reports_its_figures(tmp_path: Path) -> None:
    stdout, data = _benchmark(tmp_path, "catalogs.py", "--messages", "30", "--repeat", "1")
    assert data["messages"] == 30
    assert {"format_catalog", "msgcat", "read_catalog", "polib", "format_vs_msgcat",
            "read_vs_polib"} <= set(data)
    assert "format_catalog" in stdout and "polib" in stdout


def test_glossary_benchmark_runs_and_reports_its_figures(tmp_path: Path) -> None:
    stdout, data = _benchmark(tmp_path, "glossary.py", "--reports", "3", "--terms", "100")
    assert data["reports"] == 3 and data["own"]["terms"] > 0 and data["own"]["seconds"] > 0
    assert data["100"]["terms"] == 100 and data["100"]["ratio"] > 0
    assert "100 terms" in stdout


def test_stages_benchmark_runs_and_reports_its_figures(tmp_path: Path) -> None:
    stdout, data = _benchmark(tmp_path, "stages.py", "--reports", "3", "--repeat", "1")
    assert data["reports"] == 3 and data["catalogs"] == 6
    assert set(data["cpu_seconds"]) == {"floor", "read", "read, no comments", "write",
                                        "write, new", "verify", "render"}
    assert all(seconds > 0 for seconds in data["cpu_seconds"].values())
    first = data["bounds"][0]
    ratios = data["times_floor"]
    assert abs(first["bound"] - (ratios["floor"] + ratios["write, new"])) < 1e-9
    assert len(data["bounds"]) == 6 and data["gnu"]["msgcat"] > 0
    assert "GNU msgcat" in stdout and "first status" in stdout


def _statistics(path: Path) -> list[int]:
    """Translated, fuzzy and untranslated entries, as GNU msgfmt counts them."""
    import re

    said = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=True).stderr
    return [int(m.group(1)) if (m := re.search(rf"(\d+) {kind}", said)) else 0
            for kind in ("translated", "fuzzy", "untranslated")]


def test_stages_joins_catalogs_without_merging_an_entry(tmp_path: Path) -> None:
    """The catalog msgcat is timed on holds every entry of every file, each once: GNU
    msgfmt counts the sum of the files' entries in it, and finds no duplicate."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from stages import joined
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    own = tmp_path / "own.po"
    own.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "開く"\n\n'
        '#, fuzzy\nmsgid "Open"\nmsgstr "開"\n\n'
        'msgid "Close"\nmsgstr ""\n\n'
        '#~ msgctxt "old"\n#~ msgid "Gone"\n#~ msgstr "消"\n\n'
        '#~ msgid "Shut"\n#~ msgstr "閉"\n', "utf-8")
    files = [*sorted((REPO / "locales").glob("*/reports/*.po")), own, own]
    whole = tmp_path / "all.po"
    whole.write_text(joined(files), "utf-8")
    expected = [sum(counts) for counts in zip(*(_statistics(f) for f in files))]
    assert expected[0] > 100
    assert _statistics(whole) == expected
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(whole)], check=True)
