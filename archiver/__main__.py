"""``python -m archiver``, and the ``archiver`` command (:func:`run`)."""

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
    try:
        main()
    except SystemExit:
        if _terminated:  # whatever the command made of its interruption (130, or click's 1)
            sys.exit(TERMINATED)
        raise


if __name__ == "__main__":
    run()
