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
    that came to the handler it would have reached (unless the block raised: its error ends
    the run, and is the one said). A second one is delivered at once: what
    the block is doing is then left as a crash leaves it (a commit is finished by the next
    writer). Only the main thread can take signals; elsewhere (a library caller's thread)
    the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    before: dict[int, Any] = {}

    def give_back(rest: list[tuple[int, Any]] | None = None) -> None:
        # every handler given back, even when the one given back first is acted on at once
        # (a signal that came just then): the others would stay held for ever
        rest = list(before.items()) if rest is None else rest
        if rest:
            try:
                signal.signal(*rest[0])
            finally:
                give_back(rest[1:])

    def remember(signum: int, _frame: FrameType | None) -> None:
        came.append(signum)
        if len(came) > 1:  # asked again: whoever sent it will not wait (a disk that hangs)
            give_back()
            _deliver(signum, before[signum])

    try:
        for signum in _HELD:
            before[signum] = signal.signal(signum, remember)
        yield
    except BaseException:
        give_back()  # the block's own error is the one said (a full disk's, with what to
        raise  # do); the run ends with it, as the signal asked
    give_back()
    if len(came) == 1:  # (a second one was delivered at once)
        _deliver(came[0], before[came[0]])


def _deliver(signum: int, handler: Any) -> None:
    """Act on a held signal as its own handler would have, had it not been held."""
    if callable(handler):
        handler(signum, None)  # Python's own for SIGINT raises KeyboardInterrupt
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), signum)  # the default action: the process ends
    # SIG_IGN (or a handler set outside Python, None): it would have done nothing here
