"""Two writers at once, a held lock, and writers killed at random moments: every file is
left as it was or as the run would have made it, no catalog loses a translation, and the
next run succeeds.

The update project has 16 to 60 reports with complete ja and ko catalogs.  Between runs every
source paragraph is changed a little (one word cycles through three variants), so each
``update`` has real work: fuzzy matches, obsolete entries, revivals, every catalog and
template rewritten.  ``build`` and ``status --format html`` are killed while they turn one
site into another (the catalogs switch between two sets of translations).
"""

from __future__ import annotations

import dataclasses
import json
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
from publisher.runtime.cache import CACHE_DIR
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
    tree_difference,
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


def project_files(root: Path) -> dict[str, bytes]:
    """Every file of the project by path, but the work cache and temporary files."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and CACHE_DIR not in p.relative_to(root).parts
            and not p.name.endswith(".tmp")}


def neither(before: dict[str, bytes], after: dict[str, bytes], now: dict[str, bytes]
            ) -> list[str]:
    """Files that are neither as before nor as after (a file absent is None)."""
    return sorted(name for name in set(before) | set(after) | set(now)
                  if now.get(name) not in (before.get(name), after.get(name)))


def unreadable_cache(root: Path) -> list[str]:
    """Cache records that are not whole JSON documents."""
    found = []
    for path in sorted((root / CACHE_DIR).glob("*.json")):
        try:
            json.loads(path.read_bytes())
        except ValueError:
            found.append(path.name)
    return found


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
            assert_unchanged(before, tmp_path)
        for args in (["status"], ["update", "--check"], ["check"]):
            done = run_script("--root", str(root), *args, timeout=60)
            assert done.returncode in (0, 1), f"{args}: {done.stdout}{done.stderr}"
            assert "another publisher run" not in done.stderr
    assert run_script("--root", str(root), "update", timeout=120).returncode == 0  # released


# ------------------------------------------------------------------ killed at random

KILL_REPORTS = 16  # enough for the worker pool (8+) and real work; small enough for 20 rounds
KILL_ROUNDS = 20


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
    # Templates are dated to the minute: a fixed date makes what a run writes depend on its
    # input alone, so that the next run shows what the killed one would have written.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1731628800"
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
            before_files = project_files(root)
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
            at_kill = project_files(root)
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
            # What the kill left is what the update would have written or what was there.
            entry["neither_before_nor_after"] = neither(before_files, project_files(root),
                                                        at_kill)
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
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


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
                or e["neither_before_nor_after"]
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


# ------------------------------------------------------ build and dashboard killed at random

OUTPUT_ROUNDS = 10
OUTPUT_COMMANDS = {"build": ["build"], "status-html": ["status", "--format", "html"]}


def _translations(root: Path, mark: str, every: int) -> dict[Path, bytes]:
    """Catalogs translated with ``mark``, every ``every``-th entry left untranslated (none
    when 0), as bytes by path."""
    found = {}
    for number, path in enumerate(catalogs(root)):
        catalog = read_catalog(path.read_bytes(), path)
        messages = tuple(
            dataclasses.replace(m, msgstr="" if every and (i + number) % every == 0
                                else f"{mark}{m.msgid[::-1]}", flags=())
            for i, m in enumerate(catalog.messages))
        found[path] = format_catalog(dataclasses.replace(catalog, messages=messages),
                                     79).encode("utf-8")
    return found


def _state(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is replaced or written to."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def _run_to_the_end(root: Path, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(PUBLISHER), "--root", str(root), *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module", params=list(OUTPUT_COMMANDS))
def output_kill_log(request, tmp_path_factory) -> dict:
    """SIGKILL ``build`` or ``status --format html`` at random moments while it turns one
    complete site into another: the catalogs switch between two sets of translations (one
    leaves every third entry untranslated), whose sites are made first by runs that are not
    killed. After each kill, with the run's processes gone, every file must be as it was
    before the run or as the run would have made it; then the catalogs switch back and the
    next run starts from what the kill left."""
    global REPORTS
    args = OUTPUT_COMMANDS[request.param]
    saved, REPORTS = REPORTS, KILL_REPORTS
    try:
        root = tmp_path_factory.mktemp(f"killed-{request.param}") / "project"
        (root / "content/r").mkdir(parents=True)
        (root / "publisher.toml").write_text("[build]\nthreshold = 0\n")
        _write_sources(root, 0)
    finally:
        REPORTS = saved
    assert invoke(root, "update").exit_code == 0
    variants = [_translations(root, "《訳》", 0), _translations(root, "《改》", 3)]
    sites, duration = [], 0.0
    for variant in variants:
        for path, data in variant.items():
            path.write_bytes(data)
        started = time.monotonic()
        done = _run_to_the_end(root, args)
        duration = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        sites.append(project_files(root))
    changed = [n for n in sites[0] if sites[0][n] != sites[1].get(n)]
    assert len(changed) >= 2 * KILL_REPORTS, "the two sites hardly differ"
    rnd = random.Random(f"{request.param}-20241115")
    log: dict = {"command": request.param, "duration": duration, "rounds": []}
    for number in range(OUTPUT_ROUNDS):
        target = number % 2
        for path, data in variants[target].items():
            path.write_bytes(data)
        before = project_files(root)
        # Half the kills come at a random moment, half as soon as a first file of the new
        # site is in place: in the middle of putting them all in place.
        delay = rnd.uniform(0.2 * duration, 1.2 * duration) if number % 4 < 2 else None
        watched = [root / name for name in changed]
        states = [_state(path) for path in watched]
        # (stderr goes to a file: processes left running would hold a pipe open)
        with open(root.parent / "stderr.txt", "w+b") as err:
            proc = subprocess.Popen([str(PUBLISHER), "--root", str(root), *args],
                                    stdout=subprocess.DEVNULL, stderr=err,
                                    start_new_session=True)
            started = time.monotonic()
            while proc.poll() is None and (
                    time.monotonic() - started < delay if delay is not None
                    else [_state(path) for path in watched] == states):
                time.sleep(0.001)
            finished = proc.poll() is not None
            if not finished:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
            err.seek(0)
            error = err.read().decode("utf-8", "replace")[-600:]
        deadline = time.monotonic() + 0.5
        while _survivors(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = _survivors(proc.pid)
        if _group_alive(proc.pid):  # end them before looking: no file may change meanwhile
            os.killpg(proc.pid, signal.SIGKILL)
            while _survivors(proc.pid):
                time.sleep(0.05)
        now = project_files(root)
        moved = [n for n in changed if now.get(n) != before.get(n)]
        log["rounds"].append({
            "round": number, "delay": delay and round(delay, 2), "killed": not finished,
            "returncode": proc.returncode, "error": "" if proc.returncode in (0, -9) else error,
            "survivors": survivors, "neither": neither(before, sites[target], now),
            "unreadable_cache": unreadable_cache(root),
            "partly_written": 0 < len(moved) < len(changed)})
    done = _run_to_the_end(root, args)
    log["next_run"] = (done.returncode, done.stderr[-600:])
    log["next_run_difference"] = tree_difference(sites[target], project_files(root))
    log["stray_after_next"] = stray_files(root)
    return log


def test_killed_build_and_dashboard_leave_every_file_as_before_or_after(output_kill_log):
    log, rounds = output_kill_log, output_kill_log["rounds"]
    killed = sum(e["killed"] for e in rounds)
    print(f"{log['command']}: full run {log['duration']:.2f}s; killed {killed}/{len(rounds)}, "
          f"{sum(e['partly_written'] for e in rounds)} of them with the site partly written")
    assert killed >= len(rounds) // 2, "too few runs were killed mid-way to mean anything"
    assert any(e["partly_written"] for e in rounds), "no kill came while files were written"
    broken = [(e["round"], e["neither"][:3], e["unreadable_cache"]) for e in rounds
              if e["neither"] or e["unreadable_cache"]]
    assert broken == [], "files neither as before nor as after a kill (round, files, cache)"
    assert [(e["round"], e["returncode"], e["error"]) for e in rounds
            if not e["killed"] and e["returncode"] != 0] == []
    assert [(e["round"], e["survivors"]) for e in rounds if e["survivors"]] == []
    # The run after the last kill finishes, makes exactly the site a run without kills
    # makes, and sweeps the temporary files the kills left.
    assert log["next_run"][0] == 0, log["next_run"][1]
    assert log["next_run_difference"] == ""
    assert log["stray_after_next"] == []


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
