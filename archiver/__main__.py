"""``python -m archiver``, and the ``archiver`` command (:func:`run`)."""

import contextlib
import os
import signal
import sys
from types import FrameType

# exit status of a command ended by SIGTERM, as a shell reports one killed by it (128 + 15)
TERMINATED = 143
_terminated = False


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    """SIGTERM (``kill``, a service manager stopping a job, a CI runner's time-out) ends a
    command as Ctrl-C does: what it finished is kept (an ingest keeps the receipts of the
    posts it archived, so that the next run need not read them again), what it was writing
    is left as a crash leaves it, and it says so. The default ends the process at once,
    silently."""
    global _terminated
    _terminated = True
    raise KeyboardInterrupt


def _default_sigterm() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run() -> None:
    """The console script. Ctrl-C in the first fraction of a second, while the command line
    is still being imported, exits 130 quietly as it does later, not with a traceback. A
    command ended by SIGTERM exits 143 (see :func:`_terminate`)."""
    try:
        from archiver.cli import main
    except KeyboardInterrupt:
        sys.exit(130)
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:  # (not where a caller chose)
        signal.signal(signal.SIGTERM, _terminate)
        # a forked worker ends at once on it, from its first instruction (before the pool's
        # initializer runs, it would otherwise print a KeyboardInterrupt's traceback)
        os.register_at_fork(after_in_child=_default_sigterm)
    try:
        main()
    except SystemExit as exc:
        if _terminated or exc.code == 130:
            _end_interrupted(TERMINATED if _terminated else 130)
        raise


def _end_interrupted(code: int) -> None:
    """End an interrupted command now that it has said so and kept what it finished (its
    own clean-up ran as the interruption unwound it): output flushed, logging shut down,
    and no exit handlers. A pool of workers, one of them stopped halfway through sending a
    large result, leaves its manager thread waiting for the rest; the interpreter's exit
    joins that thread, and waited for ever (one SIGTERM or Ctrl-C in five, during an
    ``ingest --jobs 2``). The workers end with this process (``PR_SET_PDEATHSIG``)."""
    import logging

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    run()
