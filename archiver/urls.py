"""Addresses as posts and containers write them: parsed without ever raising.

``urllib.parse`` refuses some addresses with a ValueError (a bracket left open,
``https://[::1``; a name in brackets, ``https://[mp.weixin.qq.com]/``). Such an address in a
page, a front matter or a WARC record is the input's flaw: it is no address one can follow,
and must not turn into a crash that stops the inputs after it.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def split_url(url: str) -> SplitResult | None:
    """``url``'s parts; None for an address urlsplit refuses."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def joined_url(base: str, reference: str) -> str:
    """``reference`` resolved against ``base`` as a browser does; as written where either
    is an address urljoin refuses."""
    try:
        return urljoin(base, reference)
    except ValueError:
        return reference
