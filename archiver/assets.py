"""Localise a post's images: every reference becomes a stored asset or a recorded absence.

Sources, in order: ``data:`` URIs in the page; files beside the post (relative paths, a
browser's ``*_files/`` folder, an exporter's ``images/`` folder), site-absolute paths
(``/images/1935/2.jpeg``) looked up under the configured asset roots; and, unless fetching is
off, HTTP(S) with requests — the only module that does HTTP. The type always comes from the
bytes (Pillow), never from the name or URL; a non-image or a decompression bomb is refused.
A missing image is a result with a reason, never an exception.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import io
import ipaddress
import re
import socket
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import requests
from PIL import Image, UnidentifiedImageError

from archiver.config import Config
from archiver.model import Asset, ImageRef

_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "GIF": ("image/gif", "gif"),
            "WEBP": ("image/webp", "webp"), "BMP": ("image/bmp", "bmp"),
            "TIFF": ("image/tiff", "tif"),
            "ICO": ("image/x-icon", "ico")}
MAX_REDIRECTS = 5


def describe_original(original: str) -> str:
    """How an image reference is written into the record (a data: URI is summarised)."""
    if original.startswith("data:"):
        head = original.split(",", 1)[0]
        return f"{head},… ({len(original)} characters inline)"
    return original


def sniff(data: bytes, original: str, origin: str, config: Config) -> Asset:
    """Identify image bytes; refuse what is not an image or would decompress to a bomb."""
    described = describe_original(original)
    if len(data) > config.max_image_bytes:
        return Asset(original=described, status="missing", origin=origin,
                     reason=f"too large: {len(data)} bytes (limit {config.max_image_bytes})")
    if not data:
        return Asset(original=described, status="missing", origin=origin, reason="empty file")
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:2048].lower()):
        media, ext, width, height = "image/svg+xml", "svg", None, None
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as img:
                    width, height = img.size
                    if width * height > config.max_image_pixels:
                        return Asset(original=described, status="missing", origin=origin,
                                     reason=f"decompression bomb refused: {width}x{height} pixels")
                    fmt = img.format or ""
                    img.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            return Asset(original=described, status="missing", origin=origin,
                         reason=f"decompression bomb refused: {exc}")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            return Asset(original=described, status="missing", origin=origin,
                         reason=f"not an image ({type(exc).__name__}: {str(exc)[:80]})")
        if fmt not in _FORMATS:
            return Asset(original=described, status="missing", origin=origin,
                         reason=f"unsupported image format {fmt or 'unknown'}")
        media, ext = _FORMATS[fmt]
    return Asset(original=described, status="stored", sha256=hashlib.sha256(data).hexdigest(),
                 media_type=media, extension=ext, width=width, height=height, data=data,
                 origin=origin)


def _data_uri(uri: str) -> bytes | None:
    header, _, payload = uri.partition(",")
    try:
        if header.endswith(";base64"):
            return base64.b64decode(payload.strip(), validate=False)
        return unquote(payload).encode("latin-1", errors="replace")
    except (binascii.Error, ValueError):
        return None


def _within(path: Path, roots: Iterable[Path]) -> bool:
    for root in roots:
        try:
            path.relative_to(root)
            return True
        except ValueError:
            continue
    return False


def _local_candidates(ref: str, base_dir: Path, config: Config) -> list[Path]:
    ref = unquote(ref.split("?", 1)[0].split("#", 1)[0])
    if ref.startswith("file://"):
        ref = urlsplit(ref).path
    if ref.startswith("/"):
        rel = ref.lstrip("/")
        return [root / rel for root in config.asset_roots] + [base_dir / rel]
    return [base_dir / ref]


def _local(ref: ImageRef, base_dir: Path, config: Config,
           inputs: dict[str, str | None]) -> Asset:
    allowed = [base_dir.resolve(), base_dir.resolve().parent] + [
        r.resolve() for r in config.asset_roots]
    tried = []
    for candidate in _local_candidates(ref.original, base_dir, config):
        resolved = candidate.resolve()
        if not _within(resolved, allowed):
            tried.append(f"{candidate} (outside the post's folder and the asset roots)")
            continue
        if resolved.is_file():
            data = resolved.read_bytes()
            inputs[str(resolved)] = hashlib.sha256(data).hexdigest()
            return sniff(data, ref.original, str(candidate), config)
        inputs[str(resolved)] = None
        tried.append(str(candidate))
    roots = ", ".join(str(r) for r in config.asset_roots) or "none configured"
    return Asset(original=ref.original, status="missing",
                 reason=f"file not found (looked for: {'; '.join(tried)}; asset roots: {roots})")


def _public_address(host: str, port: int, config: Config) -> str | None:
    """None if every address of ``host`` may be contacted, else why not."""
    if host in config.allow_private_hosts:
        return None
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        return f"cannot resolve host {host!r}: {exc}"
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if str(addr) in config.allow_private_hosts:
            continue
        if (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved
                or addr.is_multicast or addr.is_unspecified):
            return f"refused: {host} resolves to a private or local address ({addr})"
    return None


RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def fetch(url: str, config: Config, session: requests.Session, retries: int = 2,
          backoff: float = 0.25, sleep: Callable[[float], None] = time.sleep) -> Asset:
    """GET an image with :func:`fetch_once`, retrying with backoff when the server is busy or
    failing (429, 5xx) or the connection timed out or broke; other failures are final."""
    asset = fetch_once(url, config, session)
    for attempt in range(retries):
        reason = asset.reason or ""
        transient = asset.status == "missing" and (
            any(reason.startswith(f"HTTP {code} ") for code in RETRY_STATUS)
            or reason.startswith(("unreachable: ReadTimeout", "unreachable: ConnectTimeout",
                                  "unreachable: ConnectionError", "unreachable: ChunkedEncoding")))
        if not transient:
            break
        sleep(backoff * 2 ** attempt)
        asset = fetch_once(url, config, session)
    return asset


def fetch_once(url: str, config: Config, session: requests.Session) -> Asset:
    """GET an image over HTTP(S) with a timeout, a size cap and checked redirects."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Asset(original=url, status="missing", reason=f"unsupported URL {current!r}")
        refusal = _public_address(parts.hostname, parts.port or (443 if parts.scheme == "https"
                                                                 else 80), config)
        if refusal:
            return Asset(original=url, status="missing", reason=refusal)
        try:
            with session.get(current, timeout=config.http_timeout, stream=True,
                             allow_redirects=False,
                             headers={"User-Agent": config.user_agent}) as resp:
                if resp.is_redirect and resp.headers.get("location"):
                    current = urljoin(current, resp.headers["location"])
                    continue
                if resp.status_code != 200:
                    return Asset(original=url, status="missing",
                                 reason=f"HTTP {resp.status_code} from {parts.hostname}")
                chunks, size = [], 0
                for chunk in resp.iter_content(65536):
                    size += len(chunk)
                    if size > config.max_image_bytes:
                        return Asset(original=url, status="missing",
                                     reason=f"too large: over {config.max_image_bytes} bytes")
                    chunks.append(chunk)
                return sniff(b"".join(chunks), url, current, config)
        except requests.RequestException as exc:
            return Asset(original=url, status="missing",
                         reason=f"unreachable: {type(exc).__name__}: {str(exc)[:120]}")
    return Asset(original=url, status="missing", reason=f"more than {MAX_REDIRECTS} redirects")


def resource_key(url: str) -> str:
    """How a container's URL and a page's reference to it are matched: entities decoded,
    scheme and fragment dropped, host lower-cased (``http://A/x#y`` = ``//a/x``)."""
    url = html.unescape(url.strip())
    if url.startswith("cid:"):
        return url.lower()
    url = unquote(re.sub(r"^(?:https?:)?//", "", url, flags=re.I).split("#", 1)[0])
    host, _, rest = url.partition("/")
    return f"{host.lower()}/{rest}"


def localise(refs: Iterable[ImageRef], base_dir: Path, config: Config,
             session: requests.Session | None = None,
             inputs: dict[str, str | None] | None = None,
             resources: Mapping[str, bytes] | None = None,
             base_url: str | None = None) -> list[Asset]:
    """One :class:`Asset` per reference, in order (the same bytes may back several).

    ``inputs``, when given, is filled with every local file looked at (resolved path → sha256,
    or None where nothing was found), so a caller can later tell whether re-reading the post
    could give a different result without re-reading it.
    """
    inputs = {} if inputs is None else inputs
    carried = {resource_key(url): data for url, data in (resources or {}).items()}

    def from_container(reference: str) -> bytes | None:
        """A container's copy of the image: by the URL as written, or resolved against the
        page's own URL the way the browser that saved it did (``../images/1.jpg``)."""
        if not carried or reference.startswith("data:"):
            return None
        for candidate in (reference, urljoin(base_url, reference) if base_url else None):
            if candidate and resource_key(candidate) in carried:
                return carried[resource_key(candidate)]
        return None

    out: list[Asset] = []
    seen: dict[str, Asset] = {}
    for ref in refs:
        original = ref.original.strip()
        if original in seen:
            out.append(seen[original])
            continue
        if not original:
            asset = Asset(original="", status="missing",
                          reason="the saved post gives this image no source")
        elif (carried_bytes := from_container(original)) is not None:
            asset = sniff(carried_bytes, original, "container", config)
        elif original.startswith("data:"):
            data = _data_uri(original)
            asset = (sniff(data, original, "data: URI", config) if data is not None else
                     Asset(original=describe_original(original), status="missing",
                           reason="data: URI cannot be decoded"))
        elif original.startswith(("http://", "https://", "//")):
            url = "https:" + original if original.startswith("//") else original
            if not config.fetch:
                asset = Asset(original=original, status="missing",
                              reason="not fetched: network fetching is off (--no-fetch)")
            else:
                if session is None:
                    session = requests.Session()
                asset = fetch(url, config, session)
        else:
            asset = _local(ImageRef(original=original), base_dir, config, inputs)
        seen[original] = asset
        out.append(asset)
    return out
