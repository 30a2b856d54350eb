"""A record's labelled fields as a reader is shown them: ``show`` prints them (text and
Markdown), the html site lists them on each post's page. One list, so that the two never
disagree on what a record says about its post."""

from __future__ import annotations

from typing import Any


def seen_lines(provenance: dict[str, Any] | None) -> list[tuple[str, str]]:
    """When the page saved was seen, as the version's provenance says: the time a crawler
    captured it (a WARC's record) and the time its saver fetched it, as the save says. A
    Markdown export often gives only the latter; a reader who sees no publication date is
    told when the copy was made instead of nothing."""
    provenance = provenance or {}
    captured = (provenance.get("container") or {}).get("date")
    return [(k, v) for k, v in (("captured", captured), ("fetched", provenance.get("fetched")))
            if isinstance(v, str) and v]


def record_fields(record: dict[str, Any], version: str | None = None,
                  seen: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The fields that are set, labelled, as the record holds them (a value may hold a line
    break: the account is kept as read, as part of some posts' ids; each view makes it one
    line its own way). ``version``: which of the post's versions this record is (the record
    does not say), e.g. "v1 of 2"; ``seen``: :func:`seen_lines`, after the publication time.
    A share's or a reprint's own account and address follow the post's, so that a reader
    sees whose article it passes on."""
    account = record.get("account") or {}
    original = record.get("original_account") or {}
    rows = [("id", record.get("id")), ("version", version), ("kind", record.get("kind")),
            ("title", record.get("title")),
            ("account", " ".join(x for x in (account.get("name"), account.get("id")) if x)),
            ("author", record.get("author")), ("published", record.get("published")),
            *(seen or []),
            ("url", record.get("url")), ("source_url", record.get("source_url")),
            ("original_url", record.get("original_url")),  # the article a share card shares
            ("original_account", " ".join(x for x in (original.get("name"), original.get("id"))
                                          if x)),
            ("column", record.get("column")), ("series", record.get("series")),
            ("tags", ", ".join(record.get("tags") or [])),
            ("summary", record.get("summary"))]
    for role, names in (record.get("credits") or {}).items():
        rows.append((role, "、".join(names)))
    return [(k, str(v)) for k, v in rows if v]
