"""Where an image may be fetched from: public addresses only (a post cannot make the
archiver ask a machine on the local network), checked when each connection is made, and the
sockets a fetch is using, for its watchdog."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from typing import Any

import requests
import requests.adapters
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from archiver.background import waited_for
from archiver.config import Config


def is_public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally reachable unicast address. Not private, loopback, link-local, shared
    (100.64/10, where cloud metadata services such as 100.100.100.200 live), reserved,
    multicast or unspecified, nor IPv6's site-local fec0::/10 (deprecated, still routed
    inside some networks; Python counts it global); an IPv6 address that carries an IPv4 one
    (mapped, 6to4, Teredo) is judged by that one too."""
    if (not addr.is_global or addr.is_private or addr.is_loopback or addr.is_link_local
            or addr.is_reserved or addr.is_multicast or addr.is_unspecified):
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.is_site_local:
            return False
        inner = [addr.ipv4_mapped, addr.sixtofour, addr.teredo[1] if addr.teredo else None]
        return all(is_public(v4) for v4 in inner if v4 is not None)
    return True


# A host name that did not resolve is not asked for again for this long: a post holds tens of
# images on one host, and an offline machine's resolver can take seconds to say no each time.
FAILED_LOOKUP_KEPT = 60.0
_failed_lookups: dict[tuple[str, int], tuple[float, str]] = {}


def _getaddrinfo(host: str, port: int, timeout: float | None = None
                 ) -> list[tuple]:  # type: ignore[type-arg]
    """``socket.getaddrinfo`` on a daemon thread, waited for in a way Ctrl-C interrupts: the
    resolver's C call returns to Python only when it is done, seconds later when DNS does
    not answer, and the signal waits for it. The abandoned lookup ends on its own. Waited
    for ``timeout`` seconds at most (TimeoutError): the system resolver's own limits, tries
    times servers, run to half a minute, which the fetch's time limit does not cover."""
    return waited_for(lambda: socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP),
                      timeout, "archiver-resolve")


def checked_addresses(host: str, port: int, allow: tuple[str, ...],
                       timeout: float | None = None) -> tuple[str | None, list[str]]:
    """(why ``host`` may not be contacted, or None; the addresses it may be contacted at).
    An empty list with no refusal: ``host`` itself is allowed (``allow_private_hosts``).
    A lookup not answered within ``timeout`` seconds is a failed one."""
    if host in allow:
        return None, []
    failed = _failed_lookups.get((host, port))
    if failed is not None and time.monotonic() - failed[0] < FAILED_LOOKUP_KEPT:
        return failed[1], []
    try:
        infos = _getaddrinfo(host, port, timeout)
    except (socket.gaierror, UnicodeError, ValueError, TimeoutError) as exc:
        reason = f"cannot resolve host {host!r}: {exc}"
        _failed_lookups[(host, port)] = (time.monotonic(), reason)
        return reason, []
    addresses = []
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if str(addr) not in allow and not is_public(addr):
            return f"refused: {host} resolves to a private or local address ({addr})", []
        addresses.append(str(info[4][0]))
    return None, addresses


def public_address(host: str, port: int, config: Config) -> str | None:
    """None if every address of ``host`` may be contacted, else why not."""
    return checked_addresses(host, port, config.allow_private_hosts, config.http_timeout)[0]


class RefusedAddress(Exception):
    """A connection refused at the moment of connecting (not an OSError: nothing retries)."""


def _checked_connection(base: type, allow: tuple[str, ...]) -> type:
    """A urllib3 connection class that connects only to an address it has just checked,
    resolving the host name once: the address checked is the address connected to, so a
    name that changes its answer in between (DNS rebinding) cannot reach a private one."""

    class Checked(base):  # type: ignore[misc, valid-type]
        def _new_conn(self):  # type: ignore[no-untyped-def]
            host = self._dns_host
            # (the connect timeout; urllib3 may leave a marker for "the default" instead)
            timeout = self.timeout if isinstance(self.timeout, int | float) else None
            refusal, addresses = checked_addresses(host, self.port or 0, allow, timeout)
            if refusal:
                raise RefusedAddress(refusal)
            if not addresses:
                sock = super()._new_conn()
                watch(sock)
                return sock
            # the socket is opened to the address checked; urllib3 reads the host's name
            # from the same attribute for TLS (the name sent, the certificate verified) and
            # for the Host header, so the name is put back as soon as the socket is open
            self._dns_host = addresses[0]
            try:
                sock = super()._new_conn()
            finally:
                self._dns_host = host
            watch(sock)  # a handshake that trickles is cut at the fetch's deadline too
            return sock

        def getresponse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            watch(self.sock)  # a connection kept open from an earlier fetch, too
            return super().getresponse(*args, **kwargs)

    return Checked


class CheckedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter with :func:`_checked_connection` for direct connections (through a
    proxy, the proxy resolves names: only the check before the request applies)."""

    def __init__(self, allow: tuple[str, ...]):
        self.allow = tuple(allow)
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("CheckedHTTPPool", (HTTPConnectionPool,), {
                "ConnectionCls": _checked_connection(HTTPConnection, self.allow)}),
            "https": type("CheckedHTTPSPool", (HTTPSConnectionPool,), {
                "ConnectionCls": _checked_connection(HTTPSConnection, self.allow)})}


def use_checked_connections(session: requests.Session, config: Config) -> None:
    for prefix in ("http://", "https://"):
        adapter = session.adapters.get(prefix)
        if not (isinstance(adapter, CheckedAdapter)
                and adapter.allow == tuple(config.allow_private_hosts)):
            session.mount(prefix, CheckedAdapter(config.allow_private_hosts))


# the sockets the fetch of this thread is using, for its watchdog
in_use = threading.local()


def watch(sock: Any) -> None:
    watched = getattr(in_use, "sockets", None)
    if watched is not None and sock is not None:
        watched.append(sock)
