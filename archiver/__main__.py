"""``python -m archiver``, and the ``archiver`` command (:func:`run`)."""

import sys


def run() -> None:
    """The console script. Ctrl-C in the first fraction of a second, while the command line
    is still being imported, exits 130 quietly as it does later, not with a traceback."""
    try:
        from archiver.cli import main
    except KeyboardInterrupt:
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
