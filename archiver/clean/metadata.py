"""Settle the record's metadata from what the reader found.

Readers report candidates with their sources; here the choice is made and kept explainable:
the account falls back to a front-matter ``author`` that names no person (exporters often put
the account there), URLs are put in canonical ``https://mp.weixin.qq.com`` form, and biz/mid/idx
are taken from the URL when the page did not state them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, quote, unquote

from archiver.model import RawPost, Sourced
from archiver.urls import split_url

_TOKEN_CHARS = r"[A-Za-z0-9_\-]"  # of the token of a short address, /s/<token>
_S_TOKEN = re.compile(rf"^/s/({_TOKEN_CHARS}{{10,}})$")
# the query's names of a long address's ids, and the names they are kept under
_QUERY_IDS = (("__biz", "biz"), ("mid", "mid"), ("idx", "idx"))


# ASCII characters a URL may never hold as such (RFC 3986): written percent-encoded, so that a
# stored URL is one, whatever the saved post wrote ("…sn=abc def", "…\"><script>")
_NOT_IN_URLS = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]')


def _encoded(url: str) -> str:
    return _NOT_IN_URLS.sub(lambda m: f"%{ord(m.group()):02X}", url)


def canonical_url(url: str) -> str | None:
    """``https://mp.weixin.qq.com/s?__biz=…&mid=…&idx=…&sn=…`` or ``…/s/<token>``; other hosts
    are returned unchanged, but for characters no URL may hold, percent-encoded."""
    url = _encoded(html.unescape(url.strip()))
    if url.startswith("//"):
        url = "https:" + url
    if not re.match(r"^https?://", url):
        if url.startswith("mp.weixin.qq.com"):
            url = "https://" + url
        else:
            return None
    parts = split_url(url)
    if parts is None:
        return None  # no address
    if parts.hostname != "mp.weixin.qq.com":
        return url
    token = _S_TOKEN.match(parts.path)
    if token:
        return f"https://mp.weixin.qq.com/s/{token.group(1)}"
    # each value in one spelling (a share card writes __biz=…%3D%3D), encoded where a URL
    # needs it: parse_qs would make "sn=abc%20def" a URL with a space in it, and the "+" of
    # a base64 __biz a space too
    written: dict[str, str] = {}
    for pair in parts.query.split("&"):
        key, has_value, value = pair.partition("=")
        if has_value and value and key not in written:
            written[key] = quote(unquote(value), safe="=+/")
    keys = [k for k in ("__biz", "mid", "idx", "sn") if k in written]
    if "__biz" in keys and "mid" in keys:
        return "https://mp.weixin.qq.com/s?" + "&".join(f"{k}={written[k]}" for k in keys)
    return url


def url_identity(url: str | None) -> dict[str, str]:
    """biz/mid/idx or the /s/ token that a WeChat URL carries."""
    parts = split_url(url) if url else None
    if parts is None or parts.hostname != "mp.weixin.qq.com":
        return {}
    token = _S_TOKEN.match(parts.path)
    if token:
        return {"token": token.group(1)}
    query = parse_qs(parts.query)
    out = {}
    for key, name in _QUERY_IDS:
        if query.get(key) and _ID_PART[name].fullmatch(query[key][0]):
            out[name] = query[key][0]
    return out


# what each part of a long address may be to name a post: WeChat's __biz is base64 (its "+"
# read as a space by a query's rules), mid and idx are numbers. Anything else (a line break,
# a NUL, "../..") would make an object id that fakes lines of `list` or names no post
_ID_PART = {"biz": re.compile(r"[A-Za-z0-9+/= _-]{1,200}"), "mid": re.compile(r"\d{1,20}"),
            "idx": re.compile(r"\d{1,4}")}


# Fields printed on one line (a listing, a BibTeX title): a line break is a space there, and a
# control character (a NUL, a terminal escape) is not text at all. Not the account: it names
# posts that have no WeChat ids (account + date + title), so it stays as read and is made one
# line where it is shown. (The title's spaces and controls are outside that name already.)
_ONE_LINE = ("title", "author")
_BREAKS = "\t\n\r\f\v\x1c-\x1f\x85\u2028\u2029"
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")  # Cc, less the breaks
_SPACING = re.compile(f"[ {_BREAKS}]{{2,}}|[{_BREAKS}]")


def one_line(text: str) -> str:
    """``text`` as one line of printable text: breaks and runs of spaces become one space,
    control characters go. Other spaces (an ideographic space between title parts) stay."""
    if text.isprintable() and "  " not in text:
        return text.strip(" ")
    return _SPACING.sub(" ", _CONTROLS.sub("", text)).strip(" ")


def resolve_metadata(raw: RawPost, lines: list[str]) -> dict[str, Sourced]:
    meta = dict(raw.fields)
    if "account" not in meta and "author" in meta and raw.format == "markdown":
        author = meta["author"]  # as read, as the account always is (see _ONE_LINE)
        meta["account"] = Sourced(author.value, author.source + " (no account given: the "
                                  "export's author is the account)")
    for name in _ONE_LINE:
        field = meta.get(name)
        if field is not None and isinstance(field.value, str):
            value = one_line(field.value)
            if value != field.value:
                if value:
                    meta[name] = Sourced(value, field.source)
                else:
                    del meta[name]
    if "url" in meta:
        url = canonical_url(str(meta["url"].value))
        if url:
            meta["url"] = Sourced(url, meta["url"].source)
            for name, value in url_identity(url).items():
                if name != "token" and name not in meta:
                    meta[name] = Sourced(value, "url")
        else:
            del meta["url"]
    _drop_contradicted_page_url(meta)
    _address_from_the_container(meta)
    _ids_from_other_addresses(meta)
    for name in ("mid", "idx"):
        if name in meta and not str(meta[name].value).isdigit():
            del meta[name]
    if "biz" not in meta and "account" in meta and raw.body_markup:
        biz = own_profile_biz(raw.body_markup, str(meta["account"].value))
        if biz:
            meta["biz"] = Sourced(biz, "mp-common-profile card of the post's own account")
    return meta


# The page's other addresses, in order: its og:url, then where a container says it was saved
# from (an MHTML's Content-Location, a WARC's target URI).
OTHER_ADDRESSES = ("og_url", "page_url")
_IDS = ("biz", "mid", "idx")


def named_by(url: str | None) -> str | None:
    """The object id a WeChat address names: ``wx:<biz>/<mid>/<idx>`` for a long one,
    ``wx:s/<token>`` for a short one, None for any other."""
    ids = url_identity(url)
    if all(ids.get(name) for name in _IDS):
        return "wx:" + "/".join(ids[name] for name in _IDS)
    return f"wx:s/{ids['token']}" if ids.get("token") else None


def unnamed_because(url: str | None) -> str:
    """What keeps an address from naming a post (:func:`named_by` gives None for it)."""
    parts = split_url(url or "")
    if parts is None:
        return "it is no address one can follow (a bracket in its host)"
    if parts.hostname != "mp.weixin.qq.com":
        return f"it is not on mp.weixin.qq.com but on {parts.hostname or 'no host'}"
    if parts.path.startswith("/s/"):
        token = parts.path[3:]
        if "/" in token:
            return "its path goes on past the token"
        if re.fullmatch(f"{_TOKEN_CHARS}*", token):
            return f"its token {token!r} is too short to be a post's (WeChat's have 22 characters)"
        return f"its token {token!r} holds characters no WeChat token has"
    ids = url_identity(url)
    missing = [key for key, name in _QUERY_IDS if name not in ids]
    query = parse_qs(parts.query)
    odd = [key for key in missing if query.get(key)]
    if parts.path in ("/s", "/s/") and odd:
        return ("its " + " and ".join(odd) + " is not one WeChat writes (a __biz is base64, "
                "mid and idx are numbers)")
    if parts.path in ("/s", "/s/") and missing:
        return "it gives no " + " and no ".join(missing)
    return (f"its path {parts.path or '/'} is no article's (…/s?__biz=…&mid=…&idx=…, or "
            "…/s/<token>)")


def is_address_id(name: str) -> bool:
    """Whether an id is one a WeChat address names (long or short), not a hash."""
    return name.startswith("wx:") and not name.startswith(("wx:t/", "wx:c/"))


def is_long_id(name: str) -> bool:
    """Whether an id is a post's biz/mid/idx: two different ones are two posts."""
    return is_address_id(name) and not name.startswith("wx:s/")


def contradict(one: str, other: str) -> bool:
    """Whether two ids name two posts: two of the same kind (two short addresses, two
    biz/mid/idx) that differ (a short and a long one cannot be compared)."""
    return one != other and is_long_id(one) == is_long_id(other)


def _drop_contradicted_page_url(meta: dict[str, Sourced]) -> None:
    """The address a container gives for the page is set aside when the page's own say
    another post (a capture filed under a wrong address must not take another post's name):
    its url, its og:url, its biz/mid/idx."""
    given = named_by(str(meta["page_url"].value)) if "page_url" in meta else None
    if given is None:
        return
    own = [named_by(str(meta[name].value)) for name in ("url", "og_url") if name in meta]
    if all(name in meta for name in _IDS):
        own.append("wx:" + "/".join(str(meta[name].value) for name in _IDS))
    if any(name is not None and contradict(given, name) for name in own):
        del meta["page_url"]


def _address_from_the_container(meta: dict[str, Sourced]) -> None:
    """A page that gives no address of its own (WeChat's error page for a deleted post) has
    the one its container says it was saved from, when that is a post's address: the post
    is known, and citable, by it (the identity already follows it: see
    :func:`archiver.record.identity_of`)."""
    if "url" in meta or "og_url" in meta or "page_url" not in meta:
        return
    given = str(meta["page_url"].value)
    url = canonical_url(given) if named_by(given) else None
    if url:
        meta["url"] = Sourced(url, f"{meta['page_url'].source} (the page gives no address "
                                   "of its own)")


def _ids_from_other_addresses(meta: dict[str, Sourced]) -> None:
    """biz, mid and idx from the first other address that names all three, where the page
    gave them not (a save without the page's scripts whose browser showed the long address),
    and only when it agrees with those it gave."""
    if all(name in meta for name in _IDS):
        return
    for field in OTHER_ADDRESSES:
        if field not in meta:
            continue
        ids = url_identity(str(meta[field].value))
        if all(ids.get(name) for name in _IDS) and all(
                str(meta[name].value) == ids[name] for name in _IDS if name in meta):
            for name in _IDS:
                meta.setdefault(name, Sourced(ids[name], meta[field].source))
            return


_PROFILE = re.compile(r"<mp-common-profile\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def own_profile_biz(body_html: str, account: str) -> str | None:
    """The biz of the account card a post embeds for *its own* account (exports that lost the
    page variables still carry it); cards of other accounts are ignored."""
    for tag in _PROFILE.findall(body_html):
        attrs = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or "")
                 for m in _ATTR.finditer(tag)}
        if attrs.get("data-nickname", "").strip() == account.strip() and \
                re.fullmatch(r"[A-Za-z0-9+/]{8,}={0,2}", attrs.get("data-id", "")):
            return attrs["data-id"]
    return None
