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
         "--parallel-jobs", "2", "--scaling", "--scaling-sizes", "3,6",
         "--work", str(tmp_path), "--publisher", _publisher()],
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
                "build_one_catalog", "update_cold_parallel", "build_cold_parallel"}
    assert expected <= set(data["commands"])
    for name in expected:
        figure = data["commands"][name]
        assert {"seconds", "cpu_seconds", "peak_mb", "exit_codes", "runs"} <= set(figure)
        assert all(code in (0, 1) for code in figure["exit_codes"]), (name, figure)
    assert "percent_of_cold" in data["commands"]["update_noop"]
    assert "ratio_to_parse" in data["commands"]["update_cold"]
    assert data["competitors"] == {"skipped": True}
    assert set(data["scaling"]["by_size"]) == {"3", "6"}
    assert {"update_cold", "build_cold"} <= set(data["scaling"]["peak_growth"])
    assert {"cold_update_vs_parse", "noop_update_percent", "noop_build_percent",
            "one_report_update_percent", "vs_translate_toolkit",
            "memory_flat_update"} <= set(data["targets"])
    # The generated archive is a real project: reports in all three source languages.
    project = tmp_path / "archive-n6-s1" / "project"
    assert len(list((project / "content").rglob("*.md"))) == 6
    assert list((project / "locales" / "ja").rglob("*.po"))


def test_catalog_benchmark_runs_and_reports_its_figures(tmp_path: Path) -> None:
    figures = tmp_path / "catalogs.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "catalogs.py"), "--messages", "30",
         "--repeat", "1", "--json", str(figures)],
        check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(figures.read_text("utf-8"))
    assert data["messages"] == 30
    assert {"format_catalog", "msgcat", "read_catalog", "polib", "format_vs_msgcat",
            "read_vs_polib"} <= set(data)
    assert "format_catalog" in result.stdout and "polib" in result.stdout
