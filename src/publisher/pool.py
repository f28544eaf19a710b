"""Run per-report work on all cores, results in input order (so output never depends on it)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .fsutil import INHERITED

__all__ = ["ordered_map"]

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


def ordered_map(function: Callable[[T], R], items: Iterable[T], jobs: int,
                tick: Callable[[], None] | None = None) -> Iterator[R]:
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
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                             initializer=_worker_start) as pool:
        try:
            for result in pool.map(function, items, chunksize=4):
                yield result
                if tick:
                    tick()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
