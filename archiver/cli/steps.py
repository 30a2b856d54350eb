"""``--verbose``: what a command does, said on stderr step by step.

The library says its steps through :mod:`logging` (loggers ``archiver.<area>``, at INFO) and
never configures it: a program using the library decides what it hears. A command given
``--verbose`` listens, for its own run only, and also to the HTTP requests: the log of each
request and its answer kept by httpx2 (habanero's, for Crossref) and by urllib3 (requests',
for images), so that every answer a verdict or a stored image rests on can be traced to the
request that gave it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

# what is heard, and at which level: the library's steps, and each HTTP request
_HEARD = {"archiver": logging.INFO, "httpx2": logging.INFO,
          "urllib3.connectionpool": logging.DEBUG}
_HTTP = ("httpx2", "urllib3")
# urllib3's lines that name no request: its pool's bookkeeping
_BOOKKEEPING = ("Starting new HTTP", "Resetting dropped connection")


class _Said(logging.Handler):
    """Each record as one line ``archiver: <area>: <message>`` on the console that progress
    bars are drawn on, which prints it above the bar (written past it, the bar's next redraw
    would erase it)."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("urllib3")
                    and str(record.msg).startswith(_BOOKKEEPING))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            area = ("http" if record.name.startswith(_HTTP)
                    else record.name.removeprefix("archiver.").removeprefix("archiver"))
            self.console.print(f"archiver: {area or 'archiver'}: {record.getMessage()}",
                               markup=False, highlight=False)
        except Exception:  # a log line is never worth a failed command
            self.handleError(record)


@contextmanager
def said_step_by_step(console: Console) -> Iterator[None]:
    """Within the block, the library's steps and the HTTP requests are said on ``console``;
    the loggers are left as they were found afterwards."""
    handler = _Said(console)
    kept = {}
    for name, level in _HEARD.items():
        logger = logging.getLogger(name)
        kept[name] = (logger.level, logger.propagate)
        logger.setLevel(level)
        logger.propagate = False  # said once, here, not again by a handler above
        logger.addHandler(handler)
    try:
        yield
    finally:
        for name, (level, propagate) in kept.items():
            logger = logging.getLogger(name)
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate
