"""Render records and reports as text or Markdown for people (JSON output needs no renderer)."""

from __future__ import annotations

from typing import Any

from archiver.export.works import shown_title


def _meta_lines(record: dict[str, Any]) -> list[tuple[str, str]]:
    account = record.get("account") or {}
    rows = [("id", record["id"]), ("kind", record["kind"]), ("title", record.get("title")),
            ("account", " ".join(x for x in (account.get("name"), account.get("id")) if x)),
            ("author", record.get("author")), ("published", record.get("published")),
            ("url", record.get("url")), ("source_url", record.get("source_url")),
            ("original_url", record.get("original_url")),  # the article a share card shares
            ("column", record.get("column")), ("series", record.get("series")),
            ("tags", ", ".join(record.get("tags") or []))]
    for role, names in (record.get("credits") or {}).items():
        rows.append((role, "、".join(names)))
    return [(k, str(v)) for k, v in rows if v]


def _summary_lines(record: dict[str, Any]) -> list[tuple[str, str]]:
    """The images' count and the DOIs: the same in every view."""
    images = record.get("images") or []
    stored = sum(1 for i in images if i["status"] == "stored")
    rows = [("images", f"{len(images)} ({stored} stored, {len(images) - stored} missing)")]
    if record.get("citations"):
        rows.append(("dois", ", ".join(c["doi"] for c in record["citations"])))
    return rows


def record_text(record: dict[str, Any]) -> str:
    lines = [f"{k}: {v}" for k, v in _meta_lines(record) + _summary_lines(record)]
    lines.append("")
    lines.append(record.get("text") or "(no body)")
    return "\n".join(lines) + "\n"


def record_markdown(record: dict[str, Any]) -> str:
    out = [f"# {shown_title(record)}", ""]  # (deleted) …, as list shows it
    out += [f"- **{k}**: {v}" for k, v in _meta_lines(record) + _summary_lines(record)
            if k != "title"]
    out.append("")
    images = record.get("images") or []
    for block in record.get("blocks") or []:
        kind = block["type"]
        if kind == "heading":
            out.append("#" * min(6, block.get("level", 2) + 1) + " " + block["text"])
        elif kind == "image":
            image = images[block["image"]] if block["image"] < len(images) else {}
            target = image.get("asset") or image.get("original") or ""
            out.append(f"![{block.get('text', '')}]({target})")
        elif kind == "list":
            out += [f"- {item}" for item in block.get("items", [])]
        elif kind == "quote":
            out += ["> " + line for line in block["text"].split("\n")]
        elif kind == "code":
            out += ["```", block["text"], "```"]
        else:
            out.append(block["text"])
        out.append("")
    return "\n".join(out)
