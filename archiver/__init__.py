"""archiver: clean, versioned, verifiable records of saved WeChat Official Account posts.

Library first: every stage is a function that returns data; the CLI only renders it.

    from archiver import Archive, ingest_paths, load_config
    config = load_config()
    for result in ingest_paths([Path("post.md")], config):
        print(result.status, result.object_id)
"""

import importlib
from typing import TYPE_CHECKING

from archiver.version import __version__

if TYPE_CHECKING:  # the names as type checkers and editors see them; imported lazily below
    from archiver.bibliography import export_archive
    from archiver.citations.parse import parse_reference
    from archiver.config import Config, load_config
    from archiver.errors import ArchiverError
    from archiver.fsck import check_archive
    from archiver.history import diff_versions
    from archiver.lookup import find_post
    from archiver.pipeline import ingest_paths
    from archiver.store import Archive
    from archiver.verified import verify_posts

__all__ = ["__version__", "Archive", "ingest_paths", "load_config", "Config", "verify_posts",
           "export_archive", "parse_reference", "check_archive", "find_post", "diff_versions",
           "ArchiverError"]


# each public name → the module (or package) that offers it, imported when the name is first
# asked for
_DEFINED_IN = {"Archive": "archiver.store", "ingest_paths": "archiver.pipeline",
               "load_config": "archiver.config", "Config": "archiver.config",
               "verify_posts": "archiver.verified", "export_archive": "archiver.bibliography",
               "parse_reference": "archiver.citations.parse", "check_archive": "archiver.fsck",
               "find_post": "archiver.lookup", "diff_versions": "archiver.history",
               "ArchiverError": "archiver.errors"}


def __getattr__(name: str) -> object:  # lazy: importing archiver stays cheap, side-effect free
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module 'archiver' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    """The public names too, which are imported only when first asked for (``help()`` and
    editors' completion list them)."""
    return sorted({*globals(), *__all__})
