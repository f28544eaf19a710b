"""Two writers at once, and writers killed at random moments: no catalog is ever broken or
loses a translation, and the next run succeeds.

The project has 60 reports with complete ja and ko catalogs.  Between runs every source
paragraph is changed a little (one word cycles through three variants), so each ``update``
has real work: fuzzy matches, obsolete entries, revivals, 120 catalogs and 60 templates
rewritten.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from publisher.po.read import read_catalog
from publisher.po.write import format_catalog
from publisher.runtime.fsutil import project_lock

from .support import (
    PUBLISHER,
    assert_unchanged,
    copy_sample,
    describe,
    invoke,
    make_tiny,
    run_script,
    tree,
)

REPORTS = 60
PARAGRAPHS = 6
VARIANTS = ("slowly", "gradually", "steadily")
WORDS = ("trust dialogue treaty history security economy culture exchange youth memory "
         "cooperation institutions parliament journalists scholars region").split()




def _report(number: int, variant: int) -> str:
    rnd = random.Random(number)
    lines = [f"---\ntitle: Report number {number}\ndate: 2024-01-{1 + number % 28:02d}\n---\n",
             f"# Findings of meeting {number}\n"]
    for p in range(PARAGRAPHS):
        words = " ".join(rnd.choice(WORDS) for _ in range(28))
        # One word per paragraph changes between runs; the rest stays, so matches are close.
        lines.append(f"Paragraph {p} of report {number}: {words}, and it grows "
                     f"{VARIANTS[(variant + p) % len(VARIANTS)]} over time.\n")
    lines.append("- First point of the list\n- Second point of the list\n")
    return "\n".join(lines)


def _write_sources(root: Path, variant: int) -> None:
    for n in range(REPORTS):
        (root / f"content/r/{n:02d}.md").write_text(_report(n, variant), "utf-8")


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "locales").rglob("*.po"))


def holdings(root: Path) -> dict[str, tuple[int, frozenset[str]]]:
    """Per catalog: how many entries (active + obsolete) hold a translation, and which texts.

    Raises (naming the file) if any catalog does not parse."""
    found = {}
    for path in catalogs(root):
        catalog = read_catalog(path.read_bytes(), path.relative_to(root))
        texts = [t for m in catalog.messages for t in m.translations if t]
        found[path.relative_to(root).as_posix()] = (len(texts), frozenset(texts))
    return found


def lost(before: dict, after: dict) -> list[str]:
    """What was lost between two :func:`holdings` (empty when nothing was)."""
    problems = []
    for name, (count, texts) in before.items():
        if name not in after:
            problems.append(f"{name}: the catalog is gone")
            continue
        new_count, new_texts = after[name]
        if new_count < count:
            problems.append(f"{name}: {count} -> {new_count} translated entries")
        missing = texts - new_texts
        if missing:
            problems.append(f"{name}: lost {len(missing)} translation(s), e.g. "
                            f"{sorted(missing)[0]!r}")
    return problems


def stray_files(root: Path) -> list[str]:
    """Temporary files a killed run left beside its targets."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def translated_project(tmp_path_factory) -> Path:
    """60 reports, every catalog fully translated (built once, copied by each test)."""
    root = make_tiny(tmp_path_factory.mktemp("concurrency") / "template", {})
    (root / "content/r").mkdir(parents=True)
    _write_sources(root, 0)
    result = invoke(root, "update")
    assert result.exit_code == 0, describe(result)
    for path in catalogs(root):
        catalog = read_catalog(path.read_bytes(), path)
        language = path.relative_to(root / "locales").parts[0]
        messages = tuple(dataclasses.replace(m, msgstr=f"《{language}》{m.msgid[::-1]}")
                         for m in catalog.messages)
        path.write_text(format_catalog(dataclasses.replace(catalog, messages=messages), 79),
                        "utf-8")
    assert len(catalogs(root)) == 2 * REPORTS
    return root


def _copy(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(template, root)
    return root


def _start_update(root: Path) -> subprocess.Popen:
    return subprocess.Popen([str(PUBLISHER), "--root", str(root), "update"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


# ------------------------------------------------------------------ two runs at once


def test_two_updates_at_once(translated_project: Path, tmp_path: Path):
    root = _copy(translated_project, tmp_path)
    outcomes = []
    for round_ in range(1, 3):
        before = holdings(root)
        _write_sources(root, round_)
        first, second = _start_update(root), _start_update(root)
        results = []
        for proc in (first, second):
            out, err = proc.communicate(timeout=120)
            results.append((proc.returncode, out, err))
        shown = "\n".join(f"exit {rc}\nstdout: {out[-500:]}\nstderr: {err}"
                          for rc, out, err in results)
        codes = sorted(rc for rc, _, _ in results)
        assert codes in ([0, 0], [0, 2]), shown
        for rc, out, err in results:
            assert "Traceback" not in out + err, shown
            if rc == 2:
                assert "another publisher run" in err and "is writing this project" in err, shown
        outcomes.append(codes)
        after = holdings(root)
        assert not lost(before, after), lost(before, after)
        # The sources are fully merged: a third run has nothing to do.
        check = invoke(root, "update", "--check")
        assert check.exit_code == 0, describe(check)
    print("two updates at once, exit codes per round:", outcomes)


def test_a_held_lock_stops_update_build_and_dashboard_at_once(tmp_path: Path):
    """While another run holds the project's lock, the writing commands stop with exit 2
    and write nothing; the commands that only read still run."""
    root = copy_sample(tmp_path / "project")
    before = tree(tmp_path)
    with project_lock(root):
        for args in (["update"], ["build"], ["status", "--format", "html"]):
            # A run waiting for the lock would never end: the timeout is the failure.
            done = run_script("--root", str(root), *args, timeout=60)
            shown = f"{args}: exit {done.returncode}\n{done.stdout}{done.stderr}"
            assert done.returncode == 2, shown
            assert "another publisher run is writing this project" in done.stderr, shown
            assert "Traceback" not in done.stdout + done.stderr, shown
            if args[0] != "status":
                assert_unchanged(before, tmp_path)
        # The dashboard's figures are counted (and cached, as any reading command may)
        # before it asks for the lock; nothing else is written.
        now = tree(tmp_path)
        assert [name for name in before if now.get(name) != before[name]] == []
        assert set(now) - set(before) <= {
            "project/.publisher-cache", "project/.publisher-cache/.gitignore",
            "project/.publisher-cache/files.json", "project/.publisher-cache/status.json"}
        for args in (["status"], ["update", "--check"], ["check"]):
            done = run_script("--root", str(root), *args, timeout=60)
            assert done.returncode in (0, 1), f"{args}: {done.stdout}{done.stderr}"
            assert "another publisher run" not in done.stderr
    assert run_script("--root", str(root), "update", timeout=120).returncode == 0  # released


# ------------------------------------------------------------------ killed at random

KILL_REPORTS = 16  # enough for the worker pool (8+) and real work; small enough for 30 rounds
KILL_ROUNDS = 30


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _survivors(pgid: int) -> list[str]:
    """Processes of the killed run's session that are still running (not zombies)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(f"pid {entry.name} (parent {fields[1]}, state {fields[0]})")
    return found


@pytest.fixture(scope="module")
def kill_log(tmp_path_factory) -> dict:
    """SIGKILL ``update`` (its main process, as the OOM killer or ``kill -9 PID`` would) at
    random moments, each time after changing every source paragraph.  After each kill:
    record what the catalogs hold and which of the run's processes survive, run update again
    (recording the outcome), then clean up any survivors so the next round starts clean."""
    global REPORTS
    saved, REPORTS = REPORTS, KILL_REPORTS
    try:
        root = tmp_path_factory.mktemp("killed") / "project"
        (root / "content/r").mkdir(parents=True)
        (root / "publisher.toml").write_text("")
        _write_sources(root, 0)
        assert invoke(root, "update").exit_code == 0
        for path in catalogs(root):
            catalog = read_catalog(path.read_bytes(), path)
            messages = tuple(dataclasses.replace(m, msgstr=f"《訳》{m.msgid[::-1]}")
                             for m in catalog.messages)
            path.write_text(format_catalog(dataclasses.replace(catalog, messages=messages),
                                           79), "utf-8")
        rnd = random.Random(20241115)
        _write_sources(root, 1)
        started = time.monotonic()
        proc = subprocess.Popen([str(PUBLISHER), "--root", str(root), "update"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert proc.wait(timeout=120) == 0
        duration = time.monotonic() - started
        log: dict = {"duration": duration, "iterations": []}
        for iteration in range(KILL_ROUNDS):
            before = holdings(root)
            _write_sources(root, iteration + 2)
            delay = rnd.uniform(0.3 * duration, 1.1 * duration)
            with open(root.parent / "stderr.txt", "w+b") as err:
                started = time.monotonic()
                proc = subprocess.Popen([str(PUBLISHER), "--root", str(root), "update"],
                                        stdout=subprocess.DEVNULL, stderr=err,
                                        start_new_session=True)
                while proc.poll() is None and time.monotonic() - started < delay:
                    time.sleep(0.005)
                finished = proc.poll() is not None
                if finished and proc.returncode == 0:  # the machine got faster: adapt
                    duration = 0.5 * duration + 0.5 * (time.monotonic() - started)
                else:
                    os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=60)
            entry = {"round": iteration, "delay": round(delay, 2), "killed": not finished,
                     "returncode": proc.returncode}
            deadline = time.monotonic() + 0.5
            while _survivors(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            entry["survivors"] = _survivors(proc.pid)
            try:
                after_kill = holdings(root)
                entry["lost_after_kill"] = lost(before, after_kill)
            except Exception as error:  # noqa: BLE001 - a broken catalog is the finding
                entry["unreadable_after_kill"] = f"{type(error).__name__}: {error}"
                after_kill = before
            entry["stray_after_kill"] = stray_files(root)
            result = invoke(root, "update")
            entry["next_update"] = (result.exit_code, result.output.strip()[-600:]
                                    if result.exit_code else "")
            if _group_alive(proc.pid):  # the killed run's own processes: end them
                os.killpg(proc.pid, signal.SIGKILL)
                while _survivors(proc.pid):
                    time.sleep(0.05)
            if result.exit_code != 0:
                result = invoke(root, "update")
            entry["update_after_cleanup"] = (result.exit_code, result.output.strip()[-600:]
                                             if result.exit_code else "")
            try:
                entry["lost_after_next"] = lost(after_kill, holdings(root))
            except Exception as error:  # noqa: BLE001
                entry["unreadable_after_next"] = f"{type(error).__name__}: {error}"
            entry["stray_after_next"] = stray_files(root)
            log["iterations"].append(entry)
        # The work cache must not have recorded work that a kill stopped: without the cache,
        # update must find nothing to do either.
        fresh = root.parent / "fresh"
        shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(".publisher-cache"))
        result = invoke(fresh, "update", "--check")
        log["cacheless_check"] = (result.exit_code, result.output.strip()[-800:])
        return log
    finally:
        REPORTS = saved


def _summary(log: dict) -> str:
    rounds = log["iterations"]
    return (f"full run {log['duration']:.2f}s; killed {sum(e['killed'] for e in rounds)}/"
            f"{len(rounds)}; survivors after {sum(bool(e['survivors']) for e in rounds)} "
            f"kill(s); next update failed after "
            f"{sum(e['next_update'][0] != 0 for e in rounds)}")


def test_killed_update_never_breaks_or_loses_a_catalog(kill_log):
    print(_summary(kill_log))
    rounds = kill_log["iterations"]
    assert sum(e["killed"] for e in rounds) >= len(rounds) // 2, \
        "too few runs were killed mid-way to mean anything: " + _summary(kill_log)
    problems = [e for e in rounds if e.get("lost_after_kill") or e.get("unreadable_after_kill")
                or e.get("lost_after_next") or e.get("unreadable_after_next")
                or e["update_after_cleanup"][0] != 0
                or (not e["killed"] and e["returncode"] != 0)]
    assert not problems, problems


def test_killed_update_leaves_no_process_behind(kill_log):
    """Killing the main process must not leave its worker processes running: they hold the
    project lock and the caller's stdout/stderr (a CI step waiting for EOF hangs)."""
    problems = [(e["round"], e["delay"], e["survivors"]) for e in kill_log["iterations"]
                if e["survivors"]]
    assert not problems, f"{_summary(kill_log)}; e.g. {problems[:3]}"


def test_update_right_after_a_kill_succeeds(kill_log):
    """The next run must not be refused: the lock of a killed run must not outlive it."""
    problems = [(e["round"], e["next_update"]) for e in kill_log["iterations"]
                if e["next_update"][0] != 0]
    assert not problems, f"{_summary(kill_log)}; e.g. {problems[:2]}"


def test_no_temporary_files_left_after_the_next_update(kill_log):
    """A kill can leave a staged ``.<name>.<random>.tmp`` beside a catalog; the next
    successful run should clean it up rather than let them pile up in the project."""
    seen = {f for e in kill_log["iterations"] for f in e["stray_after_kill"]}
    remaining = kill_log["iterations"][-1]["stray_after_next"]
    print(f"{len(seen)} temporary file(s) seen after kills")
    assert not remaining, f"{len(remaining)} temporary files left in the project, e.g. " \
                          f"{remaining[:3]}"


def test_catalogs_are_really_up_to_date_after_the_kills(kill_log):
    """After the last round's update, an update without the work cache has nothing to do."""
    code, output = kill_log["cacheless_check"]
    assert code == 0, output


def _leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*.tmp"))


def test_leftovers_of_a_killed_update_go_even_when_the_cache_was_deleted(tmp_path: Path):
    """The marker of a killed run lives in the cache, which is safe to delete: a run without
    cache looks for leftovers itself."""
    import shutil

    from .support import copy_sample, invoke

    root = copy_sample(tmp_path / "project")
    stray = root / "locales/ja/reports/.2024-korea-japan-workshop.po.k1ll3d0k.tmp"
    stray.write_text("half a catalog")
    shutil.rmtree(root / ".publisher-cache", ignore_errors=True)
    assert invoke(root, "update").exit_code == 0
    assert _leftovers(root / "locales") == []


def test_leftovers_of_a_killed_dashboard_are_swept(tmp_path: Path):
    from publisher.runtime.cache import digest_bytes

    from .support import copy_sample, invoke

    root = copy_sample(tmp_path / "project")
    assert invoke(root, "status", "--format", "html").exit_code == 0
    (root / "site/status/.index.html.k1ll3d0k.tmp").write_text("<html")
    marker = next((root / ".publisher-cache").glob("status-*.incomplete"), None)
    assert marker is None  # a finished run leaves no marker...
    (root / ".publisher-cache" / (
        f"status-{digest_bytes(str((root / 'site').resolve()).encode())[:12]}.incomplete")
     ).touch()
    assert invoke(root, "status", "--format", "html").exit_code == 0  # ...a killed one does
    assert _leftovers(root / "site") == []
