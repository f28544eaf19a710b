"""Run per-report work on all cores, results in input order (so output never depends on it)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from publisher.errors import PublisherError
from publisher.runtime.fsutil import INHERITED

__all__ = ["ordered_map", "jobs_setting", "jobs_wanted"]

T = TypeVar("T")
R = TypeVar("R")


def _worker_start() -> None:
    """Workers die with their parent and do not keep its project lock alive."""
    import ctypes
    import ctypes.util
    import signal

    for handle in list(INHERITED):
        with contextlib.suppress(OSError):
            os.close(handle)
    INHERITED.clear()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the line above took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    tick: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``map(function, items)`` in ``jobs`` processes (in this one when ``jobs`` is 1).

    The first exception raised by any item is raised here, and the items not yet started are
    cancelled.
    """
    if jobs <= 1:
        for item in items:
            yield function(item)
            if tick:
                tick()
        return
    import multiprocessing  # only when there is parallel work (it is slow to import)
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_start
    ) as pool:
        try:
            for result in pool.map(function, items, chunksize=4):
                yield result
                if tick:
                    tick()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def jobs_setting() -> int | None:
    """``PUBLISHER_JOBS`` as a number of processes, None when it is not set."""
    setting = os.environ.get("PUBLISHER_JOBS", "").strip()
    if not setting:
        return None
    if not setting.isdigit() or int(setting) < 1:
        raise PublisherError(
            f"PUBLISHER_JOBS={setting} is not a number of processes",
            hint="set it to a whole number from 1 (no pool) upwards, or unset it to use every core",
        )
    return int(setting)


def jobs_wanted(work: int, minimum: int = 8) -> int:
    """How many worker processes to use for ``work`` items: all cores when it pays off.

    ``PUBLISHER_JOBS`` overrides (1 disables the pool).
    """
    setting = jobs_setting()
    if setting is not None:
        return min(setting, max(work, 1))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 1 if work < minimum else max(1, min(cores or 1, work))
