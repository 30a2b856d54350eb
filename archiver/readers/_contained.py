"""A page a container holds (an MHTML part, a Web Archive's main resource), read as a post:
the WeChat page reader's, else a bare ``#js_content`` fragment's, then given what the
container says about it (the address it was saved from, the resources beside it)."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Any

from archiver.errors import MalformedInput
from archiver.model import RawPost, Sourced
from archiver.readers import fragment, wechat_html
from archiver.readers._charset import Declared


def page_or_fragment(data: bytes, path: Path, charset: str | Declared | None = None) -> RawPost:
    """The page a container holds: a WeChat page, else a bare ``#js_content`` fragment saved
    on its own; else the page's error."""
    try:
        return wechat_html.read_page(data, path, charset)
    except MalformedInput:
        if not fragment.detect(Path("page.html"), data[:65536]):
            raise
        return fragment.read_page(data, path, charset)


def held(raw: RawPost, path: Path, data: bytes, container: dict[str, Any], where: str,
         note: str, resources: dict[str, bytes], damaged: dict[str, str] | None = None,
         sha512: str | Future[str] | None = None) -> RawPost:
    """``raw``, the page of the container file ``path`` (its bytes ``data``, the source
    kept), as the container's post: the address it was saved from (``container["page"]``,
    read from ``where``) as its ``page_url`` when the page does not give one, the
    container's ``resources`` (and those it holds only in part, ``damaged``) beside it."""
    fields = dict(raw.fields)
    location = container.get("page") or ""
    if location.startswith(("http://", "https://")):  # the address the browser showed
        fields.setdefault("page_url", Sourced(location, where))
    return RawPost(path=path, format=container["format"], kind=raw.kind, data=data,
                   body_html=raw.body_html, body_tree=raw.body_tree, fields=fields,
                   base_dir=path.parent, notes=(*raw.notes, note), resources=resources,
                   damaged=damaged or {}, container=container, sha512=sha512)
