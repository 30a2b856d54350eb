"""archiver: clean, versioned, verifiable records of saved WeChat Official Account posts.

Library first: every stage is a function that returns data; the CLI only renders it.

    from archiver import Archive, ingest_paths, load_config
    config = load_config()
    for result in ingest_paths([Path("post.md")], config):
        print(result.status, result.object_id)
"""

from archiver.version import __version__

__all__ = ["__version__", "Archive", "ingest_paths", "load_config", "Config", "verify_posts",
           "export_archive", "parse_reference", "ArchiverError"]


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
    if name == "verify_posts":
        from archiver.verified import verify_posts
        return verify_posts
    if name == "export_archive":
        from archiver.bibliography import export_archive
        return export_archive
    if name == "parse_reference":
        from archiver.citations.parse import parse_reference
        return parse_reference
    if name == "ArchiverError":
        from archiver.errors import ArchiverError
        return ArchiverError
    raise AttributeError(name)
