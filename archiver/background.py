"""Work done on a second core while the calling thread is busy in C code.

libxml2 releases the GIL while it parses a page, and hashlib while it hashes. So a page's
strict-decoding check and the sha512 of the saved file, run on a worker thread, cost almost
no wall time beside the parse of a large page: for a 3 MB page they had added 0.9× the
parse time to it. On a single core they cost what they cost before.

Only bytes, never lxml objects, cross to the worker: lxml documents belong to the thread
that parsed them.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# Below this many bytes the work is done in the calling thread: handing it over (tens of
# microseconds) would cost more than the work itself.
WORTH_A_THREAD = 1 << 16

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _forget_pool() -> None:
    """In a forked child: the parent's worker threads do not exist there, and an executor that
    believes it has an idle one would never run what it is given. The child starts its own."""
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_pool)


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1),
                                       thread_name_prefix="archiver-beside")
        return _pool


def beside(size: int, fn: Callable[..., T], *args: object) -> Future[T]:
    """``fn(*args)`` started on a worker thread when ``size`` (the bytes it works on) makes
    that worth it, else run now. Either way its result, or the exception it raised, is in the
    returned future: ``.result()`` gives it back in the caller's thread."""
    if size >= WORTH_A_THREAD:
        return _executor().submit(fn, *args)
    done: Future[T] = Future()
    try:
        done.set_result(fn(*args))
    except Exception as exc:  # handed back by .result(), as the worker's would be
        done.set_exception(exc)
    return done


class Workers(ProcessPoolExecutor):
    """Worker processes that a run leaving early (Ctrl-C, an error) stops at once.

    A pool's own shutdown waits for the work its workers are doing (an image fetched from a
    slow server may take minutes), and at exit Python waits for every worker: a second
    Ctrl-C left a run hung, its workers waiting for work that never came. Workers ignore
    Ctrl-C (the run handles it), so they are terminated instead."""

    def __exit__(self, kind: Any, value: Any, trace: Any) -> bool:
        if kind is None:
            self.shutdown(wait=True)  # idle: they exit at once
        else:
            self.stop()
        return False

    def stop(self) -> None:
        """Drop the work not started and terminate every worker, the busy ones too."""
        # (the pool forgets its processes as it shuts down: Python 3.14 has terminate_workers)
        workers = list((getattr(self, "_processes", None) or {}).values())
        self.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        for worker in workers:
            worker.join(timeout=5)


class NotInTime(TimeoutError):
    """What :func:`waited_for` raises when the call has not ended in time (not a timeout the
    call itself raised, which is handed over as it is)."""


def waited_for(call: Callable[[], T], seconds: float | None, name: str) -> T:
    """``call()``'s result, or what it raised, if it comes within ``seconds``; else
    :class:`NotInTime`. It runs on a daemon thread, which is left to end on its own: the wait is
    one Ctrl-C interrupts (a C call, a DNS lookup or a socket read, does not return to Python
    for a signal), and a call that never ends keeps no run from ending."""
    done = threading.Event()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = call()
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    if not done.wait(seconds):
        raise NotInTime(f"no answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system says, as a
    container or ``taskset`` limits it), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # (macOS, Windows: no affinity)
        return max(1, os.cpu_count() or 1)


def processes(jobs: int, preload: list[str]) -> Workers:
    """A pool of ``jobs`` worker processes for work that holds the GIL (reading and cleaning
    posts). In a process that runs no other thread (the command line, before its progress
    bar), they are forked from it at once: they start in milliseconds with everything it has
    imported, and no lock a thread holds can be copied into them. Otherwise they are started
    from a fork server that imports the ``preload`` modules once (a second or so, the first
    time: forking a process while its threads run may copy a lock one of them holds); and
    where there is no fork (Windows), each is started afresh."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        pool = Workers(max_workers=jobs, initializer=_ignore_interrupts,
                       mp_context=multiprocessing.get_context("fork"))
        pool.submit(int).result()  # the first task forks every worker, now
        return pool
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(preload)
    else:
        context = multiprocessing.get_context("spawn")
    return Workers(max_workers=jobs, mp_context=context, initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to the process that started it, which stops the work and says
    what was done (a worker interrupted would print a traceback of its own); and on Linux it
    ends with that process, however that ends (killed, it could not stop its workers).
    SIGTERM, which the command takes for Ctrl-C (a forked worker inherits its handler), ends
    a worker at once, as the pool ends its workers with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
