"""archiver: clean, versioned, verifiable records of saved WeChat Official Account posts.

Library first: every stage is a function that returns data; the CLI only renders it.

    from archiver import Archive, ingest_paths, load_config
    config = load_config()
    for result in ingest_paths([Path("post.md")], config):
        print(result.status, result.object_id)
"""

from archiver.version import __version__

__all__ = ["__version__", "Archive", "ingest_paths", "load_config", "Config"]


def __getattr__(name: str):  # lazy, so importing archiver stays cheap and side-effect free
    if name == "Archive":
        from archiver.store import Archive
        return Archive
    if name == "ingest_paths":
        from archiver.pipeline import ingest_paths
        return ingest_paths
    if name in ("load_config", "Config"):
        from archiver import config
        return getattr(config, name)
    raise AttributeError(name)
