"""How the images a page names are looked up among those a capture holds: by address, and
by the address WeChat's lazy loader asks for."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote


def resource_key(url: str) -> str:
    """How a container's URL and a page's reference to it are matched: entities decoded,
    scheme and fragment dropped, host lower-cased (``http://A/x#y`` = ``//a/x``)."""
    url = html.unescape(url.strip())
    if url.startswith("cid:"):
        return url.lower()
    url = unquote(re.sub(r"^(?:https?:)?//", "", url, flags=re.I).split("#", 1)[0])
    host, _, rest = url.partition("/")
    return f"{host.lower()}/{rest}"


# WeChat's lazy loader asks for an image at its data-src with these added (``&tp=webp&wxfrom=5
# &wx_lazy=1&wx_co=1``): a browser's capture (MHTML, a Browsertrix or ArchiveWeb.page WARC)
# holds the image under that URL, the page names it without them
_LAZY_PARAMS = re.compile(r"&(?:tp|wxfrom|wx_lazy|wx_co|retryload)=[^&]*")
_WECHAT_IMAGE_HOST = re.compile(r"(?:[\w-]+\.)*(?:qpic|qlogo)\.cn")


def lazy_loaded_key(key: str) -> str | None:
    """A WeChat image's :func:`resource_key` without what the lazy loader adds to its URL
    (None for a URL of another host, or one it adds nothing to)."""
    host, _, rest = key.partition("/")
    if not _WECHAT_IMAGE_HOST.fullmatch(host) or "?" not in rest:
        return None
    path, _, query = rest.partition("?")
    loose = _LAZY_PARAMS.sub("", "&" + query)[1:]
    if loose == query:
        return None
    return f"{host}/{path}?{loose}" if loose else f"{host}/{path}"


def resource_keys(url: str) -> tuple[str, ...]:
    """The keys a container may hold ``url``'s file under: its :func:`resource_key`, and,
    for a WeChat image, that key without what the lazy loader adds."""
    key = resource_key(url)
    loose = lazy_loaded_key(key)
    return (key, loose) if loose is not None else (key,)


def keyed(table: Mapping[str, Any]) -> dict[str, Any]:
    """``table`` by :func:`resource_key`, each WeChat image also by its URL without what the
    lazy loader adds (the first URL of the container holding it wins)."""
    keyed = {resource_key(url): value for url, value in table.items()}
    for key in list(keyed):
        loose = lazy_loaded_key(key)
        if loose is not None:
            keyed.setdefault(loose, keyed[key])
    return keyed
