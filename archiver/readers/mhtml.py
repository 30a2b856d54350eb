"""MHTML (``.mhtml``/``.mht``): a page saved "as a single file" by Chrome, Edge or Blink.

The file is a MIME ``multipart/related`` message (RFC 2557): the page as the first
``text/html`` part, then one part per resource, each with the ``Content-Location`` the page
refers to it by (or a ``Content-ID`` for ``cid:`` references). Bodies are quoted-printable or
base64. The standard library's ``email`` parser reads it; the page then goes through the WeChat
page reader, and the resources travel with it so that images are taken from the file, never
fetched. Part names are only ever used as lookup keys: nothing in an MHTML file can choose where
anything is written.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

from archiver.errors import MalformedInput
from archiver.model import RawPost
from archiver.readers import fragment, wechat_html

FORMAT = "mhtml"
_GB = {"gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn"}


def detect(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in (".mhtml", ".mht"):
        return True
    top = head[:4096].lower()
    return b"multipart/related" in top and b"mime-version" in top and b"<html" not in top[:200]


def _charset(part: EmailMessage) -> str | None:
    charset = part.get_content_charset()
    if charset and charset.lower() in _GB:
        return "gb18030"
    return charset


def read(path: Path) -> RawPost:
    data = path.read_bytes()
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the email parser is lenient; this is a last resort
        raise MalformedInput(f"not a readable MIME message: {exc}", path=path) from None
    if not message.is_multipart():
        raise MalformedInput("MHTML without parts (expected multipart/related)", path=path)
    snapshot = str(message.get("Snapshot-Content-Location") or "")
    page: EmailMessage | None = None
    resources: dict[str, bytes] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        body = part.get_payload(decode=True)
        if body is None:
            continue
        location = str(part.get("Content-Location") or "").strip()
        content_id = str(part.get("Content-ID") or "").strip().strip("<>")
        if page is None and part.get_content_type() == "text/html" and (
                not snapshot or not location or location == snapshot):
            page = part
            continue
        if location:
            resources[location] = body
        if content_id:
            resources[f"cid:{content_id}"] = body
    if page is None:
        raise MalformedInput("MHTML without an HTML page part", path=path)
    html_bytes = page.get_payload(decode=True) or b""
    charset = _charset(page)
    location = str(page.get("Content-Location") or snapshot)
    try:
        raw = wechat_html.read_page(html_bytes, path, charset)
    except MalformedInput:
        if not fragment.detect(Path("page.html"), html_bytes[:65536]):
            raise
        raw = fragment.read_page(html_bytes, path, charset)
    fields = dict(raw.fields)
    container = {"format": FORMAT, "page": location or None, "parts": len(resources)}
    return RawPost(path=path, format=FORMAT, kind=raw.kind, data=data,
                   body_html=raw.body_html, body_tree=raw.body_tree, fields=fields,
                   base_dir=path.parent,
                   notes=(*raw.notes, f"page part of an MHTML file ({len(resources)} resources)"),
                   resources=resources, container=container)
