"""Ctrl-C and SIGTERM held back while a commit and the bookkeeping that follows it finish.

An ingest interrupted between committing a group of posts and remembering their receipts
kept the posts but not the receipts, so the next run read those posts again and could not
tell which run had archived them (one SIGTERM in a few dozen, in a two-worker ingest). The
signal is not lost: it is acted on as soon as the held work is done, by the handler that
was in place, so the command still says it was interrupted and exits 130 or 143.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

_HELD = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the duration of the block, then deliver the first one
    that came to the handler it would have reached. Only the main thread can take signals;
    elsewhere (a library caller's thread) the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []

    def remember(signum: int, _frame: FrameType | None) -> None:
        came.append(signum)

    before: dict[int, Any] = {}
    try:
        for signum in _HELD:
            before[signum] = signal.signal(signum, remember)
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        if came:
            _deliver(came[0], before[came[0]])


def _deliver(signum: int, handler: Any) -> None:
    """Act on a held signal as its own handler would have, had it not been held."""
    if callable(handler):
        handler(signum, None)  # Python's own for SIGINT raises KeyboardInterrupt
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), signum)  # the default action: the process ends
    # SIG_IGN (or a handler set outside Python, None): it would have done nothing here
