"""Images over HTTP(S) with requests: redirects followed one by one (each checked), the
whole fetch bounded in time, retried on the failures that may pass, and a server that stays
silent not asked again for a while."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from urllib.parse import SplitResult, urlsplit

import requests
import urllib3.exceptions

from archiver.assets.guard import RefusedAddress, in_use, public_address, use_checked_connections
from archiver.assets.sniff import NO_ADDRESS, shortened, sniff
from archiver.config import Config
from archiver.model import Asset
from archiver.urls import joined_url

MAX_REDIRECTS = 5
# The whole fetch of one image (redirects, headers, body) may take this many times the
# configured timeout (two minutes by default). The timeout bounds each wait for the server
# alone: one that sends a byte a second would be waited for, 20 MB long, for weeks, holding
# the archive's lock the while.
WHOLE_FETCH_TIMEOUTS = 12

# the HTTP session images are fetched with, kept by a run (or a worker) for its connections:
# named here so that no other module needs requests
Session = requests.Session


def new_session() -> Session:
    """A session for :func:`localise` to fetch images with; each fetch puts on it the checks
    of where it may connect that its configuration asks for."""
    return requests.Session()


RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


# A server that did not answer in time for two images (each tried again) is not asked for
# more of them for this long: a post holds tens of images on one host, and a host that is
# black-holed or overloaded would cost each of them its timeouts (40 images, twenty
# minutes). They are missing, and fetched again by the next run (``retry_fetch``).
SILENT_AFTER = 2
SILENT_KEPT = 600.0
_SILENT_REASONS = ("no answer: ", "stalled: ", "unreachable: ConnectTimeout", "too slow: ")
_silent_servers: dict[tuple[str, int], tuple[float, int, str]] = {}


def _server(url: str) -> tuple[str, int]:
    """The server (host, port) ``url`` names; ("", 0) for one no one can fetch."""
    try:
        return _server_of(urlsplit(url))
    except ValueError:
        return "", 0


def _server_of(parts: SplitResult) -> tuple[str, int]:
    """(host, port) of a split URL, the port its scheme's when none is given; ValueError for
    a port that is no number."""
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def fetch(url: str, config: Config, session: requests.Session, retries: int = 2,
          backoff: float = 0.25, sleep: Callable[[float], None] = time.sleep) -> Asset:
    """GET an image with :func:`fetch_once`, retrying with backoff when the server is busy or
    failing (429, 5xx) or the connection timed out or broke; other failures are final. A
    server that has not answered in time for :data:`SILENT_AFTER` images of this run in a row
    (the server that failed: where a redirect led) is not asked again for
    :data:`SILENT_KEPT` seconds (:func:`_silence`, at every hop)."""
    asset = _fetched(url, config, session, retries, backoff, sleep)
    reason = asset.reason or ""
    if reason.startswith("not asked: "):
        return asset
    server = _server(asset.origin or url)
    if asset.status == "missing" and reason.startswith(_SILENT_REASONS):
        before = _silence_kept(server)
        _silent_servers[server] = (time.monotonic(), (before[1] if before else 0) + 1, reason)
    else:  # it answered (a redirect's first server answered too, with the redirect)
        _silent_servers.pop(server, None)
    return asset


def _silence_kept(server: tuple[str, int]) -> tuple[float, int, str] | None:
    silent = _silent_servers.get(server)
    if silent is not None and time.monotonic() - silent[0] >= SILENT_KEPT:
        return None
    return silent


def _silence(server: tuple[str, int]) -> str | None:
    """Why ``server`` is not asked (it did not answer in time for the :data:`SILENT_AFTER`
    images before), or None."""
    silent = _silence_kept(server)
    if silent is None or silent[1] < SILENT_AFTER:
        return None
    return (f"not asked: {server[0]} did not answer in time for the {silent[1]} images "
            f"before it in this run (the last: {silent[2]})")


def _fetched(url: str, config: Config, session: requests.Session, retries: int,
             backoff: float, sleep: Callable[[float], None]) -> Asset:
    asset = fetch_once(url, config, session)
    for attempt in range(retries):
        reason = asset.reason or ""
        transient = asset.status == "missing" and (
            any(reason.startswith(f"HTTP {code} ") for code in RETRY_STATUS)
            or reason.startswith(("no answer: ", "stalled: ", "unreachable: ConnectTimeout",
                                  "unreachable: ConnectionError", "cut short: the connection")))
        if not transient:
            break
        sleep(backoff * 2 ** attempt)
        asset = fetch_once(url, config, session)
    return asset


def fetch_once(url: str, config: Config, session: requests.Session) -> Asset:
    """GET an image over HTTP(S) with a timeout, a size cap and checked redirects, all of it
    within :data:`WHOLE_FETCH_TIMEOUTS` timeouts: a watchdog shuts the sockets the fetch uses
    at that deadline, wherever the fetch waits (a server trickling its headers, or a gzipped
    body of empty blocks that urllib3 decodes without returning)."""
    use_checked_connections(session, config)
    limit = config.http_timeout * WHOLE_FETCH_TIMEOUTS
    sockets: list[socket.socket] = []
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        for sock in list(sockets):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # the read waiting on it returns at once

    watchdog = threading.Timer(limit, expire)
    watchdog.daemon = True
    in_use.sockets = sockets
    watchdog.start()
    try:
        asset = _fetch_redirects(url, config, session, limit)
    finally:
        watchdog.cancel()
        in_use.sockets = None
    if expired.is_set():  # whatever was read: a body that ends when its connection closes
        # reads as whole when the watchdog closes it (a cut JPEG passes Pillow's check). The
        # hop it reached is the server that was too slow (remembered so, by fetch)
        if asset.origin and asset.origin != url:
            return Asset(original=url, status="missing", origin=asset.origin,
                         reason=f"{_too_slow(limit)} (redirected to "
                                f"{shortened(asset.origin)})")
        return Asset(original=url, status="missing", reason=_too_slow(limit))
    return asset


def _fetch_redirects(url: str, config: Config, session: requests.Session,
                     limit: float) -> Asset:
    """The fetch itself, redirects followed, given up "too slow" past ``limit`` seconds
    where it can tell (between reads: what a read waits on, the watchdog cuts)."""
    current = url
    deadline = time.monotonic() + limit

    def missing(reason: str, names_it: bool = False) -> Asset:
        """Missing for ``reason``; after a redirect, where it led is said (unless the reason
        ``names_it``), and recorded as the image's origin: the URL the post gives names
        another host than the one that failed."""
        if current == url:
            return Asset(original=url, status="missing", reason=reason)
        return Asset(original=url, status="missing", origin=current,
                     reason=reason if names_it else
                     f"{reason} (redirected to {shortened(current)})")

    for _ in range(MAX_REDIRECTS + 1):
        if time.monotonic() > deadline:
            return missing(_too_slow(limit))
        try:  # a port that is no number, a bracket left open: a URL no one can fetch
            parts = urlsplit(current)
            host, port = _server_of(parts)
        except ValueError:
            parts, host, port = None, "", 0
        if parts is None or parts.scheme not in ("http", "https") or not host:
            return missing(f"unsupported URL {shortened(current)!r}", names_it=True)
        refusal = public_address(host, port, config) or _silence((host, port))
        if refusal:
            return missing(refusal)
        size, said = 0, None  # bytes of the body received; the length its headers said
        try:
            with session.get(current, timeout=config.http_timeout, stream=True,
                             allow_redirects=False,
                             headers={"User-Agent": config.user_agent}) as resp:
                if resp.is_redirect and resp.headers.get("location"):
                    current = joined_url(current, resp.headers["location"])
                    continue
                if resp.status_code != 200:
                    return missing(f"HTTP {resp.status_code} from {host}")
                said = resp.headers.get("content-length", "") or ""
                chunks = []
                while True:
                    if time.monotonic() > deadline:
                        return missing(_too_slow(limit))
                    # what one read of the socket gives (each within the timeout): a read of
                    # a fixed size would wait for all of it, however slowly it trickles in
                    chunk = resp.raw.read1(65536, decode_content=True)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > config.max_image_bytes:
                        return missing(f"too large: over {config.max_image_bytes} bytes")
                    chunks.append(chunk)
                return sniff(b"".join(chunks), url, current, config)
        except RefusedAddress as exc:
            return missing(str(exc))
        except (requests.ReadTimeout, urllib3.exceptions.ReadTimeoutError):
            # the host answered the connection: "unreachable" would be untrue, and the pool's
            # repr (a class of ours) says nothing to a reader of the record
            if said is not None:  # its headers came, then the body stopped
                return missing(f"stalled: {host} sent {_of(size, said)} bytes of the image, "
                               f"then nothing within {config.http_timeout:g} s")
            return missing(f"no answer: {host} took the connection and sent nothing "
                                f"within {config.http_timeout:g} s")
        except (requests.exceptions.ContentDecodingError, urllib3.exceptions.DecodeError) as exc:
            return missing(f"undecodable: the body {host} sent does not decode as its "
                           f"Content-Encoding says ({_root_cause(exc)})")
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            if said is not None:  # the connection broke while the body came
                return missing(f"cut short: the connection to {host} broke after "
                               f"{_of(size, said)} bytes of the image")
            return missing(f"unreachable: {_error_name(exc)}: {host}: {_root_cause(exc)}")
    return Asset(original=url, status="missing", reason=f"more than {MAX_REDIRECTS} redirects")


def _of(size: int, said: str) -> str:
    """``size`` bytes, and of how many when the headers said (``1200 of 5000``)."""
    return f"{size} of {said}" if said.isdigit() else str(size)


def _root_cause(exc: BaseException) -> str:
    """What a connection's failure comes down to (``[Errno 111] Connection refused``,
    ``timed out``), under the wrappers requests and urllib3 put around it (which name our
    pool's class, and the address of an object)."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) \
                else exc.__cause__
        if inner is None:
            break
        exc = inner
    text = NO_ADDRESS.sub("", str(exc))
    said = text.find("[Errno")
    if said != -1:
        return text[said:][:120]
    return (text.rsplit("): ", 1)[-1].strip() or type(exc).__name__)[:120]


def _too_slow(limit: float) -> str:
    return f"too slow: not received within {limit:g} s"


# urllib3's errors while the body is read, by the names requests gives them (which say,
# for fetch's retries, which failures may pass)
_BODY_ERRORS = {"ReadTimeoutError": "ReadTimeout", "ProtocolError": "ChunkedEncodingError",
                "DecodeError": "ContentDecodingError", "SSLError": "SSLError"}


def _error_name(exc: Exception) -> str:
    name = type(exc).__name__
    return _BODY_ERRORS.get(name, name) if isinstance(exc, urllib3.exceptions.HTTPError) \
        else name
