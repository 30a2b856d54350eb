"""archiver: clean, versioned, verifiable records of saved WeChat Official Account posts.

Library first: every stage is a function that returns data; the CLI only renders it.

    from archiver import Archive, ingest_paths, load_config
    config = load_config()
    for result in ingest_paths([Path("post.md")], config):
        print(result.status, result.object_id)
"""

import importlib

from archiver.version import __version__

__all__ = ["__version__", "Archive", "ingest_paths", "load_config", "Config", "verify_posts",
           "export_archive", "parse_reference", "ArchiverError"]


# each public name → the module (or package) that offers it, imported when the name is first
# asked for
_DEFINED_IN = {"Archive": "archiver.store", "ingest_paths": "archiver.pipeline",
               "load_config": "archiver.config", "Config": "archiver.config",
               "verify_posts": "archiver.verified", "export_archive": "archiver.bibliography",
               "parse_reference": "archiver.citations.parse", "ArchiverError": "archiver.errors"}


def __getattr__(name: str):  # lazy, so importing archiver stays cheap and side-effect free
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(module), name)
