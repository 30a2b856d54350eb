"""Specification of image localisation (archiver/assets/).

Every image reference becomes a stored asset — sha256 of the bytes, media type and size
sniffed from the bytes with Pillow, never from the name or URL — or a ``missing`` result with
the reason. Sources: ``data:`` URIs, files beside the post (never outside its folder and the
configured asset roots), site-absolute paths under the asset roots, and HTTP(S) with a timeout,
a size cap and every redirect checked against private, loopback and link-local addresses
unless ``allow_private_hosts`` allows them. Non-images and decompression bombs are refused.

HTTP is a real server on 127.0.0.1, port 0, in a thread, serving real image bytes from the
corpus (tests/fixtures/wechat/html-with-assets/**/images/) and a PNG made with Pillow.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import socket
import ssl
import struct
import threading
import time
import unicodedata
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import requests
from PIL import Image

from archiver.assets import describe_original, fetch, lazy_loaded_key, localise, resource_key, sniff
from archiver.clean.body import parse_body
from archiver.config import Config
from archiver.model import ImageRef
from archiver.store import Archive

from conftest import WECHAT

ASSETS = WECHAT / "html-with-assets"
TOKYO = ASSETS / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"
OLD_TIMES = ASSETS / "mufeng__2021-07-07_送别一个旧时代"
JPEG_SMALL = next(TOKYO.glob("images/*/img_003.jpg")).read_bytes()  # 258x258 JPEG
JPEG_BIG = next(TOKYO.glob("images/*/img_001.jpg")).read_bytes()  # 988x1189 JPEG, ~212 kB
PAGE_BYTES = next(TOKYO.glob("html/*.html")).read_bytes()[:4096]  # HTML, not an image


def make_png(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, 0 if mode == "L" else (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A valid PNG signature and IHDR announcing ``width`` x ``height`` pixels, and no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))


PNG = make_png()
BOMB_PNG = make_png((4000, 4000), "L")  # 16 million pixels in ~16 kB


# --- the image server -------------------------------------------------------------------------

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/photo.jpg": (200, {"Content-Type": "image/jpeg"}, JPEG_SMALL),
    "/photo.png": (200, {"Content-Type": "image/png"}, JPEG_SMALL),  # JPEG bytes, .png URL
    "/real.png": (200, {"Content-Type": "image/png"}, PNG),
    "/big.jpg": (200, {"Content-Type": "image/jpeg"}, JPEG_BIG),
    "/page.jpg": (200, {"Content-Type": "image/jpeg"}, PAGE_BYTES),
    "/empty.jpg": (200, {"Content-Type": "image/jpeg"}, b""),
    "/bomb.png": (200, {"Content-Type": "image/png"}, BOMB_PNG),
    "/bomb-header.png": (200, {"Content-Type": "image/png"}, png_header_claiming(100_000, 100_000)),
    "/error.jpg": (500, {"Content-Type": "text/plain"}, b"Internal Server Error"),
    "/to-photo": (302, {"Location": "/photo.jpg"}, b""),
    "/to-private": (302, {"Location": "http://10.255.255.1/photo.jpg"}, b""),
    "/to-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
    "/to-ftp": (302, {"Location": "ftp://127.0.0.1/photo.jpg"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/bad-gzip.jpg": (200, {"Content-Type": "image/jpeg", "Content-Encoding": "gzip"},
                      b"this is no gzip stream" * 10),
}


_BODY = JPEG_SMALL[:100]  # 5 s at a byte each 50 ms: past the 2.4 s deadline the tests set
_TRICKLED = {
    # the body, a byte at a time
    "/trickle.jpg": (f"HTTP/1.1 200 OK\r\nContent-Length: {len(_BODY)}\r\n\r\n".encode(),
                     [bytes([b]) for b in _BODY]),
    # the headers, a byte at a time
    "/trickle-headers.jpg": (b"", [bytes([b]) for b in (b"HTTP/1.1 200 OK\r\nX-Slow: "
                                                        + b"x" * 100 + b"\r\n\r\n")]),
    # a gzipped body of empty deflate blocks, which urllib3 decodes to nothing and reads on
    "/trickle-gzip.jpg": (b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"
                          b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff",
                          [b"\x00\x00\x00\xff\xff"] * 100),
    # a body that ends when the connection closes (HTTP/1.0, no length): shut at the deadline,
    # what came so far must not pass for the whole image
    "/trickle-until-closed.jpg": (b"HTTP/1.0 200 OK\r\nContent-Type: image/jpeg\r\n\r\n",
                                  [JPEG_SMALL[i:i + 1000]
                                   for i in range(0, len(JPEG_SMALL), 1000)] * 3),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # connections kept open, as a CDN's are

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        self.server.hosts.append(self.headers["Host"])
        if self.path.split("?")[0] == "/slow.jpg":  # (a query names another image)
            time.sleep(1.5)
        if self.path in ("/stalls.jpg", "/breaks.jpg"):  # half the image its length says
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n"
                             + f"Content-Length: {len(JPEG_SMALL)}\r\n\r\n".encode()
                             + JPEG_SMALL[:1000])
            self.wfile.flush()
            if self.path == "/stalls.jpg":  # then nothing, the connection kept open
                time.sleep(1.5)
            self.close_connection = True
            return
        if self.path in _TRICKLED:  # a piece every 50 ms, each wait within the timeout
            head, pieces = _TRICKLED[self.path]
            try:
                self.wfile.write(head)
                for piece in pieces:
                    self.wfile.write(piece)
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:  # the client gave up
                pass
            self.close_connection = True
            return
        if self.path.startswith("/elsewhere/"):  # to the server a test names, same path
            self.send_response(302)
            self.send_header("Location", self.server.elsewhere + self.path[len("/elsewhere"):])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, headers, body = ROUTES.get(
            self.path, (404, {"Content-Type": "text/plain"}, b"Resource not found."))
        if self.path.split("?")[0] == "/slow.jpg":
            status, headers, body = ROUTES["/photo.jpg"]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    hits: list[str]
    hosts: list[str]  # the Host header of each request
    elsewhere = ""  # where /elsewhere/… redirects: another server's address


def _serve(tls: bool = False):
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.hits, httpd.hosts = [], []
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS / "localhost.pem", TLS / "localhost.key")
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


TLS = Path(__file__).parent / "fixtures" / "tls"  # a certificate for localhost, tests only


@pytest.fixture(scope="module")
def server():
    httpd = _serve()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base(server) -> str:
    server.hits.clear()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def session():
    with requests.Session() as s:
        yield s


LOOPBACK = Config().with_overrides(allow_private_hosts=("127.0.0.1",), http_timeout=5.0)


def get(url: str, config: Config = LOOPBACK):
    [asset] = localise([ImageRef(original=url)], Path("."), config)
    return asset


# --- HTTP -------------------------------------------------------------------------------------

def test_a_fetched_image_is_stored_with_its_sha256_and_sniffed_type(base):
    asset = get(base + "/photo.jpg")
    assert asset.status == "stored"
    assert asset.sha256 == hashlib.sha256(JPEG_SMALL).hexdigest()
    assert (asset.media_type, asset.extension) == ("image/jpeg", "jpg")
    assert (asset.width, asset.height) == (258, 258)
    assert asset.data == JPEG_SMALL
    assert asset.logical_path == f"assets/{asset.sha256}.jpg"
    assert asset.reason is None


def test_the_type_comes_from_the_bytes_not_the_url_or_content_type(base):
    asset = get(base + "/photo.png")  # served as image/png, bytes are JPEG
    assert (asset.status, asset.media_type, asset.extension) == ("stored", "image/jpeg", "jpg")


def test_a_png_is_recorded_as_png(base):
    asset = get(base + "/real.png")
    assert (asset.status, asset.media_type, asset.width, asset.height) == (
        "stored", "image/png", 64, 48)


def test_http_404_is_missing_with_the_status_as_reason(base):
    asset = get(base + "/gone.jpg")
    assert asset.status == "missing"
    assert asset.reason == "HTTP 404 from 127.0.0.1"
    assert asset.original == base + "/gone.jpg"
    assert asset.sha256 is None and asset.data is None and asset.logical_path is None


def test_http_500_is_missing_with_the_status_as_reason(base):
    assert get(base + "/error.jpg").reason == "HTTP 500 from 127.0.0.1"


def test_bytes_that_are_not_an_image_are_refused(base):
    asset = get(base + "/page.jpg")  # an HTML page served as image/jpeg
    assert asset.status == "missing"
    assert asset.reason.startswith("not an image")
    # the same reason every run: no memory address of the buffer Pillow read
    assert " at 0x" not in asset.reason and asset.reason == get(base + "/page.jpg").reason


def test_an_empty_reply_is_refused(base):
    assert get(base + "/empty.jpg").reason == "empty file"


def test_a_reply_over_the_size_cap_is_refused(base):
    config = LOOPBACK.with_overrides(max_image_bytes=100_000)
    asset = get(base + "/big.jpg", config)
    assert asset.status == "missing"
    assert asset.reason == "too large: over 100000 bytes"
    assert get(base + "/photo.jpg", config).status == "stored"  # 18 kB is under the cap


def test_a_redirect_is_followed_and_the_final_url_recorded_as_origin(base, server):
    asset = get(base + "/to-photo")
    assert asset.status == "stored"
    assert asset.original == base + "/to-photo"
    assert asset.origin == base + "/photo.jpg"
    assert server.hits == ["/to-photo", "/photo.jpg"]


@pytest.mark.parametrize(("path", "address"), [("/to-private", "10.255.255.1"),
                                               ("/to-metadata", "169.254.169.254")])
def test_a_redirect_to_a_private_or_link_local_address_is_refused(base, path, address):
    """Refused, and said to be where the redirect led: the post's URL names 127.0.0.1."""
    asset = get(base + path)
    assert asset.status == "missing"
    assert asset.origin.startswith(f"http://{address}/")
    assert asset.reason == (f"refused: {address} resolves to a private or local address "
                            f"({address}) (redirected to {asset.origin})")


def test_a_redirect_to_another_scheme_is_refused(base):
    asset = get(base + "/to-ftp")
    assert asset.status == "missing"
    assert asset.reason == "unsupported URL 'ftp://127.0.0.1/photo.jpg'"


def test_a_redirect_loop_ends(base, server):
    asset = get(base + "/loop")
    assert asset.reason == "more than 5 redirects"
    assert len(server.hits) == 6


@pytest.mark.parametrize("address", [
    "10.0.0.1", "172.16.0.1", "192.168.1.1", "127.0.0.2", "169.254.169.254", "100.100.100.200",
    "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fc00::1", "fec0::1", "::ffff:127.0.0.1",
    "2002:7f00:1::", "64:ff9b::a00:1"])
def test_an_address_no_image_host_has_is_refused(address):
    """Private, loopback, link-local, shared, multicast, IPv6's unique-local and deprecated
    site-local, and IPv6 forms of such an IPv4 address (mapped, 6to4, NAT64)."""
    import ipaddress

    from archiver.assets.guard import is_public
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("host", ["2130706433", "127.1", "0x7f.1", "127.000.000.001"])
def test_an_allowed_address_is_allowed_however_the_host_spells_it(host):
    """The allow list is by address (docs/ingest.md): what resolves to 127.0.0.1 is let through
    once 127.0.0.1 is allowed, and refused when nothing is."""
    from archiver.assets.guard import checked_addresses
    assert checked_addresses(host, 80, ("127.0.0.1",), 2.0) == (None, ["127.0.0.1"])
    refusal, addresses = checked_addresses(host, 80, (), 2.0)
    assert addresses == [] and refusal == (
        f"refused: {host} resolves to a private or local address (127.0.0.1)")


def test_a_host_with_an_address_neither_public_nor_allowed_is_refused():
    from archiver.assets.guard import checked_addresses
    refusal, addresses = checked_addresses("::1", 80, ("127.0.0.1",), 2.0)
    assert addresses == [] and "private or local address (::1)" in refusal


def test_a_public_address_is_allowed():
    import ipaddress

    from archiver.assets.guard import is_public
    assert is_public(ipaddress.ip_address("203.205.137.236"))
    assert is_public(ipaddress.ip_address("2400:da00::1"))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_by_default_without_a_request(base, server, host):
    url = base.replace("127.0.0.1", host) + "/photo.jpg"
    asset = get(url, Config().with_overrides(http_timeout=2.0))
    assert asset.status == "missing"
    assert asset.reason.startswith(f"refused: {host} resolves to a private or local address")
    assert server.hits == []


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_host_name_is_what_the_server_is_told_not_the_address_connected_to(
        scheme, monkeypatch):
    """The address is checked and connected to; the server is still asked for the host by
    name, on every request of a kept-open connection: the certificate is checked for the
    name (it was checked for the address, so every https image failed) and the Host header
    names it (a CDN serves by name)."""
    httpd = _serve(tls=scheme == "https")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "localhost.pem"))
    try:
        url = f"{scheme}://localhost:{httpd.server_address[1]}"
        assets = localise([ImageRef(original=f"{url}/{name}")
                           for name in ("photo.jpg", "real.png", "big.jpg")], Path("."), LOOPBACK)
        assert [a.status for a in assets] == ["stored"] * 3, [a.reason for a in assets]
        assert httpd.hosts == [f"localhost:{httpd.server_address[1]}"] * 3
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("path", list(_TRICKLED))
def test_a_server_that_trickles_its_reply_is_given_up_on_as_too_slow(base, path):
    """Each piece comes within the timeout; the whole fetch, headers and body, may take
    twelve timeouts."""
    start = time.monotonic()
    asset = get(base + path, LOOPBACK.with_overrides(http_timeout=0.2))
    assert (asset.status, asset.reason) == ("missing", "too slow: not received within 2.4 s")
    assert time.monotonic() - start < 4  # not retried: it would be as slow again


def test_a_server_that_never_answers_is_said_to_send_nothing_not_to_be_unreachable(base,
                                                                                     server):
    asset = get(base + "/slow.jpg", LOOPBACK.with_overrides(http_timeout=0.3))
    assert (asset.status, asset.reason) == (
        "missing", "no answer: 127.0.0.1 took the connection and sent nothing within 0.3 s")
    assert server.hits == ["/slow.jpg"] * 3  # asked again twice: it may answer next time


def test_a_server_silent_for_two_images_is_not_asked_for_the_others_of_the_run(base,
                                                                             server):
    """Each image of a silent server costs its timeouts, tried three times: after two, the
    post's other images from it are missing at once, saying why, and fetched again by the
    next run. Another server, or the same once it answers, is asked as before."""
    config = LOOPBACK.with_overrides(http_timeout=0.2)
    start = time.monotonic()
    assets = localise([ImageRef(original=f"{base}/slow.jpg?{i}") for i in range(6)],
                      Path("."), config)
    assert len(server.hits) == 2 * 3  # two images, each asked three times
    assert [a.reason.split(":")[0] for a in assets] == ["no answer"] * 2 + ["not asked"] * 4
    assert assets[2].reason == (
        "not asked: 127.0.0.1 did not answer in time for the 2 images before it in this run "
        "(the last: no answer: 127.0.0.1 took the connection and sent nothing within 0.2 s)")
    assert time.monotonic() - start < 6 * 3 * 0.2  # fewer than the timeouts of six images
    other = _serve()
    try:
        assert get(f"http://127.0.0.1:{other.server_address[1]}/photo.jpg").status == "stored"
    finally:
        other.shutdown()
        other.server_close()


def test_a_server_that_answers_between_silences_is_asked_again(base, server):
    config = LOOPBACK.with_overrides(http_timeout=0.2)
    refs = [f"{base}/slow.jpg?1", f"{base}/photo.jpg", f"{base}/slow.jpg?2",
            f"{base}/real.png"]
    assets = localise([ImageRef(original=r) for r in refs], Path("."), config)
    assert [a.status for a in assets] == ["missing", "stored", "missing", "stored"]
    assert not any(a.reason and a.reason.startswith("not asked") for a in assets)


def test_a_body_that_stops_coming_is_said_to_stall_not_to_be_unanswered(base, server):
    asset = get(base + "/stalls.jpg", LOOPBACK.with_overrides(http_timeout=0.3))
    assert (asset.status, asset.reason) == (
        "missing", f"stalled: 127.0.0.1 sent 1000 of {len(JPEG_SMALL)} bytes of the image, "
                   "then nothing within 0.3 s")
    assert server.hits == ["/stalls.jpg"] * 3  # asked again: it may come whole next time


def test_a_connection_that_breaks_in_the_body_is_said_to_cut_it_short(base, server):
    asset = get(base + "/breaks.jpg")
    assert (asset.status, asset.reason) == (
        "missing", f"cut short: the connection to 127.0.0.1 broke after 1000 of "
                   f"{len(JPEG_SMALL)} bytes of the image")
    assert server.hits == ["/breaks.jpg"] * 3


@pytest.mark.parametrize("reference", ["ftp://127.0.0.1/x.png", "weixin://img/x.png"])
def test_an_address_of_another_scheme_is_unsupported_not_a_file_looked_for(reference):
    """It was looked for as a file (``ftp:/127.0.0.1/x.png``, its slashes folded)."""
    asset = get(reference)
    assert asset.status == "missing"
    assert asset.reason.startswith(f"unsupported URL {reference!r}: only http(s), data: and "
                                   "file: addresses and files are read")


@pytest.mark.parametrize("reference", ["blob:https://mp.weixin.qq.com/7c9e-4c1a",
                                       "mailto:editor@example.org", "cid:image001.png@01D9"])
def test_an_address_that_never_names_a_file_is_unsupported_not_a_file_looked_for(reference):
    """``blob:`` (an address that lives only in the browser tab that made it) and its kind
    were looked for as files: "file not found (looked for: blob:https:/…)"."""
    asset = get(reference)
    assert asset.status == "missing"
    scheme = reference.split(":", 1)[0]
    assert asset.reason.startswith(f"unsupported URL {reference!r}: only http(s), data: and "
                                   f"file: addresses and files are read, not {scheme}:")


def test_an_address_whose_scheme_is_in_capitals_is_fetched(base):
    """A scheme is the same in any case (RFC 3986 §3.1): ``HTTP://…`` was looked for as a
    file, and ``DATA:image/png;base64,…`` too."""
    written = base.replace("http://", "HTTP://") + "/photo.jpg"
    asset = get(written)
    assert (asset.status, asset.sha256) == ("stored", hashlib.sha256(JPEG_SMALL).hexdigest())
    assert asset.original == written  # the record says what the post wrote
    inline = get("DATA:image/jpeg;base64," + base64.b64encode(JPEG_SMALL).decode())
    assert (inline.status, inline.sha256) == (asset.status, asset.sha256)
    assert inline.original.startswith("DATA:image/jpeg;base64,… (")  # summarised, not whole


def test_a_lazy_images_placeholder_in_capitals_gives_way_to_its_data_src():
    """``src="HTTP://…"`` (a placeholder) was taken for a local file and kept over the
    ``data-src`` that names the image, as ``http://…`` never was."""
    _, [image], _ = parse_body('<p><img src="HTTP://mmbiz.qpic.cn/placeholder.gif" '
                               'data-src="https://mmbiz.qpic.cn/mmbiz_jpg/real/640"></p>')
    assert image.original == "https://mmbiz.qpic.cn/mmbiz_jpg/real/640"


GIF_PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@pytest.mark.parametrize(("srcset", "chosen"), [
    ("https://mmbiz.qpic.cn/a/300 300w, https://mmbiz.qpic.cn/a/640 640w",
     "https://mmbiz.qpic.cn/a/640"),
    ("small.jpg, large.jpg 2x", "large.jpg"),
    ("data:image/jpeg;base64,/9j/AA== 1x", "data:image/jpeg;base64,/9j/AA=="),  # its comma kept
])
def test_an_image_given_only_by_its_srcset_is_the_one_a_browser_shows(srcset, chosen):
    """A placeholder in ``src`` (a 1×1 GIF), no ``data-src``: the browser shows the largest
    ``srcset`` candidate, and so the record names it (the placeholder was stored once per
    image, four times the same pixel)."""
    _, [image], _ = parse_body(f'<p><img src="{GIF_PIXEL}" srcset="{srcset}"></p>')
    assert image.original == chosen
    _, [lazy], _ = parse_body(f'<p><img src="{GIF_PIXEL}" data-src="https://mmbiz.qpic.cn/r/0"'
                              f' srcset="{srcset}"></p>')
    assert lazy.original == "https://mmbiz.qpic.cn/r/0"  # data-src first, as ever
    _, [given], _ = parse_body(f'<p><img src="images/1.jpg" srcset="{srcset}"></p>')
    assert given.original == "images/1.jpg"  # a saved file in src: the one saved


@pytest.mark.parametrize(("srcset", "chosen"), [
    ("a\xa0b.jpg 2x", "a\xa0b.jpg"),  # only ASCII white space parts a URL from its size
    ("a.jpg 1x, n.jpg nanx", "a.jpg"),  # a size HTML does not know: the candidate is none
    ("a.jpg 1x, m.jpg 2x 100w", "a.jpg"),  # two sizes: none
    ("a.jpg (foo, bar) 2x", None),  # a comma in parentheses ends no candidate
    ("s.jpg 300w 200h, t.jpg 100w", "s.jpg"),  # a height beside a width is allowed
])
def test_srcset_is_read_as_htmls_parser_reads_it(srcset, chosen):
    from archiver.clean.body import srcset_best

    assert srcset_best(srcset) == chosen


def test_a_file_whose_name_holds_a_hash_or_a_question_mark_is_found(tmp_path):
    """A Markdown export writes ``images/a#1.jpg`` as the file is named: after the path
    without what a URL would take for its fragment (``a.jpg#center`` is ``a.jpg``), the
    name as written is looked for."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a#1.jpg").write_bytes(JPEG_SMALL)
    (tmp_path / "images" / "b?x=1.jpg").write_bytes(JPEG_SMALL)
    (tmp_path / "images" / "c.jpg").write_bytes(JPEG_SMALL)
    refs = ["images/a#1.jpg", "images/b?x=1.jpg", "images/c.jpg#center", "images/d#1.jpg"]
    assets = localise([ImageRef(original=r) for r in refs], tmp_path, LOOPBACK)
    assert [a.status for a in assets] == ["stored", "stored", "stored", "missing"]
    assert "images/d; images/d#1.jpg" in assets[3].reason  # both places said


def test_a_file_name_that_looks_like_a_scheme_is_looked_for_as_written(tmp_path):
    """Only the schemes an image is read from are lowered: a file name is case-sensitive."""
    (tmp_path / "Images:1.jpg").write_bytes(JPEG_SMALL)
    [asset] = localise([ImageRef(original="Images:1.jpg")], tmp_path, LOOPBACK)
    assert asset.status == "stored"


def _through_a_redirect(server, base: str, paths: list[str], timeout: float):
    """The images ``paths`` of another server, each named at ``server`` which redirects to
    it, then ``server``'s own photo: their assets, and the other server (shut down)."""
    other = _serve()
    server.elsewhere = f"http://127.0.0.1:{other.server_address[1]}"
    try:
        refs = [f"{base}/elsewhere{path}" for path in paths] + [f"{base}/photo.jpg"]
        assets = localise([ImageRef(original=r) for r in refs], Path("."),
                          LOOPBACK.with_overrides(http_timeout=timeout))
    finally:
        other.shutdown()
        other.server_close()
    return assets, other


def test_the_server_remembered_silent_is_the_one_a_redirect_led_to(base, server):
    """Images redirected to a silent server make that server the one not asked, at the
    redirect, not the server that answered with it, whose own images are fetched."""
    assets, silent = _through_a_redirect(server, base, [f"/slow.jpg?{n}" for n in range(3)],
                                         0.2)
    assert [a.reason.split(":")[0] if a.reason else a.status for a in assets] == [
        "no answer", "no answer", "not asked", "stored"]
    assert len(silent.hits) == 2 * 3  # the third was not asked of it
    assert assets[2].reason.endswith(f"(redirected to {server.elsewhere}/slow.jpg?2)")


def test_a_redirect_to_a_server_too_slow_remembers_that_server(base, server):
    """The watchdog that cuts a whole fetch off at its deadline says where the redirect led,
    and that server is the one remembered, not the one that answered with the redirect."""
    assets, _ = _through_a_redirect(
        server, base, ["/trickle.jpg", "/trickle-headers.jpg", "/trickle-gzip.jpg"], 0.1)
    assert [a.reason.split(":")[0] if a.reason else a.status for a in assets] == [
        "too slow", "too slow", "not asked", "stored"]
    assert assets[0].reason.endswith(f"(redirected to {server.elsewhere}/trickle.jpg)")


def test_a_body_that_does_not_decode_as_its_encoding_says_is_said_so_and_not_retried(
        base, server):
    asset = get(base + "/bad-gzip.jpg")
    assert asset.status == "missing"
    assert asset.reason.startswith("undecodable: the body 127.0.0.1 sent does not decode as "
                                   "its Content-Encoding says")
    assert server.hits == ["/bad-gzip.jpg"]


def test_an_unreachable_host_is_missing_not_an_exception(base):
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    asset = get(f"http://127.0.0.1:{port}/photo.jpg")
    assert asset.status == "missing"
    # what it came to, not the wrappers of requests and urllib3 (our pool's class name)
    assert asset.reason == ("unreachable: ConnectionError: 127.0.0.1: [Errno 111] Connection "
                            "refused")


@pytest.fixture
def lookups(monkeypatch):
    """Host names asked of the real resolver (each call goes through to it), and a clean
    memory of failed lookups."""
    import archiver.assets.guard as guard
    asked: list[str] = []
    real = socket.getaddrinfo

    def counting(host, *args, **kwargs):
        asked.append(host)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", counting)
    monkeypatch.setattr(guard, "_failed_lookups", {})
    return asked


def test_a_host_that_does_not_resolve_is_not_asked_for_again_for_a_while(monkeypatch,
                                                                         lookups):
    import archiver.assets.guard as guard
    config = Config(allow_private_hosts=())
    session = requests.Session()
    urls = [f"http://images.archiver-test.invalid/{n}.jpg" for n in range(3)]  # RFC 2606
    first = [fetch(url, config, session) for url in urls]
    assert lookups == ["images.archiver-test.invalid"]
    assert {a.reason for a in first} == {first[0].reason}
    assert first[0].status == "missing" and "cannot resolve host" in first[0].reason
    monkeypatch.setattr(guard, "FAILED_LOOKUP_KEPT", 0.0)  # the while is over
    fetch(urls[0], config, session)
    assert len(lookups) == 2


def test_ctrl_c_is_not_held_up_by_a_resolver_that_does_not_answer(monkeypatch, lookups):
    """A synthetic resolver that takes 5 s, as an offline machine's can; SIGINT after 0.2 s
    must be raised at once, not when the lookup ends."""
    import os
    import signal

    from archiver.assets.guard import checked_addresses

    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: time.sleep(5) or [])
    # as in a terminal: a process started in the background by a shell inherits SIGINT
    # ignored, and Python then leaves it ignored
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            checked_addresses("slow.archiver-test.invalid", 443, ())
    finally:
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - start < 2.0


def test_a_resolver_that_does_not_answer_is_given_up_on_after_the_timeout(monkeypatch,
                                                                         lookups):
    """A synthetic resolver that takes 5 s, as an offline machine's can (its own limits run
    to half a minute): the image is missing after the HTTP timeout, says why, and the next
    image on that host does not wait again."""
    def slow(host, *args, **kwargs):
        lookups.append(host)
        time.sleep(5)
        return []
    monkeypatch.setattr(socket, "getaddrinfo", slow)
    config = Config(allow_private_hosts=(), http_timeout=0.3)
    session = requests.Session()
    start = time.monotonic()
    first, second = (fetch(f"http://slow.archiver-test.invalid/{n}.jpg", config, session)
                     for n in range(2))
    assert time.monotonic() - start < 2.0
    assert first.status == second.status == "missing"
    assert first.reason == second.reason == (
        "cannot resolve host 'slow.archiver-test.invalid': no answer within 0.3 s")
    assert lookups == ["slow.archiver-test.invalid"]


def test_no_fetch_records_why_and_makes_no_request(base, server):
    asset = get(base + "/photo.jpg", LOOPBACK.with_overrides(fetch=False))
    assert asset.status == "missing"
    assert asset.reason == "not fetched: network fetching is off (--no-fetch)"
    assert server.hits == []


def test_the_same_url_twice_is_fetched_once_and_gives_the_same_asset(base, server, tmp_path):
    refs = [ImageRef(original=base + "/photo.jpg"), ImageRef(original=base + "/real.png"),
            ImageRef(original=base + "/photo.jpg")]
    assets = localise(refs, tmp_path, LOOPBACK)
    assert [a.media_type for a in assets] == ["image/jpeg", "image/png", "image/jpeg"]
    assert assets[0] == assets[2]
    assert server.hits == ["/photo.jpg", "/real.png"]


def test_fetch_uses_the_given_session(base, session):
    asset = fetch(base + "/real.png", LOOPBACK, session)
    assert asset.status == "stored"


# --- decompression bombs ----------------------------------------------------------------------

def test_an_image_over_the_pixel_limit_is_a_refused_bomb(base):
    asset = get(base + "/bomb.png", LOOPBACK.with_overrides(max_image_pixels=1_000_000))
    assert asset.status == "missing"
    assert asset.reason == ("decompression bomb refused: 4000x4000 pixels, over the limit of "
                            "1000000")
    assert len(BOMB_PNG) < 100_000  # small on the wire, 16 million pixels decoded


def test_a_header_claiming_huge_dimensions_is_a_refused_bomb(base):
    asset = get(base + "/bomb-header.png")  # default limits
    assert asset.status == "missing"
    assert asset.reason.startswith("decompression bomb refused")


@pytest.mark.parametrize("size", [(10_000, 10_000), (100_000, 100_000)])
def test_sniff_refuses_bombs_pillow_warns_or_errors_about(size):
    """Pillow warns past its own limit, and refuses past twice it, before the configured
    limit is compared: the reason names the configured one, not Pillow's."""
    asset = sniff(png_header_claiming(*size), "x.png", "test", Config())
    assert asset.status == "missing"
    assert asset.reason == (f"decompression bomb refused: {size[0] * size[1]} pixels, over the "
                            "limit of 80000000")


def _made(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("tail", [b"\n", b"\x00" * 7, b"\xff" * 100])
def test_an_avif_image_with_bytes_after_its_boxes_is_stored(tail):
    assert sniff(_made("AVIF") + tail, "x.avif", "test", Config()).status == "stored"


def test_an_avif_image_cut_before_its_image_data_is_refused():
    data = _made("AVIF")
    asset = sniff(data[:data.index(b"mdat") - 4], "x.avif", "test", Config())
    assert asset.reason.startswith("cut short: the AVIF's image data is not all there")


def test_an_avif_image_is_stored_with_its_type_and_size():
    asset = sniff(_made("AVIF"), "x.avif", "test", Config())
    assert (asset.status, asset.media_type, asset.extension, asset.width, asset.height) == (
        "stored", "image/avif", "avif", 40, 30)


@pytest.mark.parametrize("cut", [1, 10, 30])
def test_an_avif_image_cut_short_is_refused_as_such(cut):
    """Pillow opens an AVIF from its header alone: a download cut off would be kept. Its
    boxes give their lengths, which the bytes must reach. (Pillow's WebP decoder refuses a
    WebP cut short itself.)"""
    asset = sniff(_made("AVIF")[:-cut], "x.avif", "test", Config())
    assert asset.status == "missing"
    assert asset.reason.startswith("cut short: the AVIF ends inside one of its boxes")


def test_the_pixel_limit_configured_decides_where_pillow_would_only_warn():
    config = Config().with_overrides(max_image_pixels=200_000_000)
    asset = sniff(png_header_claiming(10_000, 10_000), "x.png", "test", config)
    assert not (asset.reason or "").startswith("decompression bomb")


def test_past_twice_its_own_limit_pillow_refuses_and_the_reason_says_whose_limit_it_was():
    config = Config().with_overrides(max_image_pixels=500_000_000)
    asset = sniff(png_header_claiming(20_000, 20_000), "x.png", "test", config)
    assert asset.reason == ("decompression bomb refused: 400000000 pixels, over the limit of "
                            f"{2 * Image.MAX_IMAGE_PIXELS} (Pillow's own, past the one "
                            "configured)")


def test_pillow_checking_no_pixels_leaves_the_configured_limit_to_decide(monkeypatch):
    """Code that embeds archiver may turn Pillow's own check off (None): no crash."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    config = Config().with_overrides(max_image_pixels=1_000_000)
    asset = sniff(png_header_claiming(2_000, 2_000), "x.png", "test", config)
    assert asset.reason.startswith("decompression bomb refused: 2000x2000 pixels")


def test_an_image_within_the_pixel_limit_is_stored():
    config = Config().with_overrides(max_image_pixels=258 * 258)
    assert sniff(JPEG_SMALL, "x.jpg", "test", config).status == "stored"
    config = Config().with_overrides(max_image_pixels=258 * 258 - 1)
    assert sniff(JPEG_SMALL, "x.jpg", "test", config).status == "missing"


# --- images cut short -------------------------------------------------------------------------
# Pillow opens a JPEG cut anywhere after its header, and a PNG cut after its last image chunk:
# kept as they are, each would be an image whose lower part is grey, with nothing said.

@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_jpeg_cut_short_is_missing_and_says_so(keep):
    cut = JPEG_BIG[:int(len(JPEG_BIG) * keep)]
    asset = sniff(cut, "x.jpg", "test", Config())
    assert asset.status == "missing"
    assert asset.reason == (f"cut short: the JPEG ends before its end-of-image marker "
                            f"({len(cut)} bytes); save or fetch it again")
    assert asset.data is None


def test_a_jpeg_with_bytes_after_its_end_is_whole():
    # padding after the end-of-image marker, and another picture appended (as phones do)
    for data in (JPEG_SMALL + b"\x00" * 100, JPEG_BIG + JPEG_SMALL):
        assert sniff(data, "x.jpg", "test", Config()).status == "stored"


def test_a_jpeg_with_any_bytes_after_its_end_is_whole():
    """A phone's motion photo is a JPEG with a video after it: bytes that hold the markers'
    pairs anywhere (random bytes here, seeded)."""
    import random
    noise = random.Random(7).randbytes(30_000)
    tail = noise + b"\xff\xd9" + noise + b"\xff\xda" + noise  # an end, then a scan's start
    assert sniff(JPEG_BIG + tail, "x.jpg", "test", Config()).status == "stored"


def test_a_multi_picture_jpeg_from_a_phone_is_a_jpeg():
    """Pillow names a JPEG whose header lists the pictures after it MPO."""
    buf = io.BytesIO()
    first, second = Image.new("RGB", (40, 30), (200, 30, 30)), Image.new("RGB", (40, 30))
    first.save(buf, "MPO", save_all=True, append_images=[second])
    asset = sniff(buf.getvalue(), "x.jpg", "test", Config())
    assert (asset.status, asset.media_type, asset.extension) == ("stored", "image/jpeg", "jpg")
    cut = sniff(buf.getvalue()[:len(buf.getvalue()) // 4], "x.jpg", "test", Config())
    assert cut.status == "missing" and cut.reason.startswith("cut short")


def test_a_jpeg_cut_short_is_not_taken_as_whole_by_its_thumbnail_s_end():
    # an EXIF thumbnail (a whole JPEG in an APP1 segment) has its own end-of-image marker,
    # before the main picture's scan: the picture cut inside its scan is still cut short
    exif = b"Exif\x00\x00" + JPEG_SMALL
    with_thumbnail = (JPEG_BIG[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
                      + JPEG_BIG[2:])
    assert sniff(with_thumbnail, "x.jpg", "test", Config()).status == "stored"
    asset = sniff(with_thumbnail[:-5000], "x.jpg", "test", Config())
    assert asset.status == "missing" and asset.reason.startswith("cut short: the JPEG")


def test_a_png_cut_short_is_missing_and_says_so():
    before_iend = PNG[:-12]  # every image chunk there, the IEND chunk gone
    asset = sniff(before_iend, "x.png", "test", Config())
    assert asset.status == "missing"
    assert asset.reason == (f"cut short: the PNG ends before its IEND chunk "
                            f"({len(before_iend)} bytes); save or fetch it again")
    inside_a_chunk = PNG[:len(PNG) // 2]
    asset = sniff(inside_a_chunk, "x.png", "test", Config())
    assert asset.status == "missing"
    assert asset.reason == (f"cut short: the PNG ends before its IEND chunk "
                            f"({len(inside_a_chunk)} bytes); save or fetch it again")


def test_an_image_cut_short_on_disk_leaves_the_post_archived_with_the_reason(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "1.jpg").write_bytes(JPEG_BIG[:50_000])
    [asset] = localise([ImageRef(original="images/1.jpg")], tmp_path, Config(fetch=False))
    assert asset.status == "missing"
    assert asset.reason.startswith("cut short: the JPEG ends before its end-of-image marker")
    assert asset.original == "images/1.jpg"


# --- data: URIs -------------------------------------------------------------------------------

def test_a_base64_data_uri_is_decoded_and_stored(tmp_path):
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    [asset] = localise([ImageRef(original=uri)], tmp_path, Config(fetch=False))
    assert asset.status == "stored"
    assert asset.sha256 == hashlib.sha256(PNG).hexdigest()
    assert asset.media_type == "image/png"
    assert asset.origin == "data: URI"
    assert asset.original == f"data:image/png;base64,… ({len(uri)} characters inline)"


def test_a_data_uri_labelled_base64_in_capitals_is_base64(tmp_path):
    uri = "data:image/png;BASE64," + base64.b64encode(PNG).decode("ascii")
    [asset] = localise([ImageRef(original=uri)], tmp_path, Config(fetch=False))
    assert (asset.status, asset.sha256) == ("stored", hashlib.sha256(PNG).hexdigest())


def test_a_data_uri_over_the_size_cap_is_refused_before_it_is_decoded(tmp_path, monkeypatch):
    import archiver.assets as assets

    def no_decoding(*parts):
        raise AssertionError("decoded")
    monkeypatch.setattr(assets, "_data_uri", no_decoding)
    uri = "data:image/png;base64," + base64.b64encode(bytes(4096)).decode("ascii")
    [asset] = localise([ImageRef(original=uri)], tmp_path,
                       Config(fetch=False, max_image_bytes=1024))
    assert (asset.status, asset.reason) == ("missing", "too large: over 1024 bytes")


def test_a_data_uri_wrapped_in_lines_is_measured_by_what_it_decodes_to(tmp_path):
    encoded = base64.encodebytes(PNG).decode("ascii")  # lines of 76 characters
    uri = "data:image/png;base64," + encoded
    [asset] = localise([ImageRef(original=uri)], tmp_path,
                       Config(fetch=False, max_image_bytes=len(PNG)))
    assert asset.status == "stored", asset.reason


def test_a_data_uri_is_typed_by_its_bytes_not_its_label(tmp_path):
    uri = "data:image/png;base64," + base64.b64encode(JPEG_SMALL).decode("ascii")
    [asset] = localise([ImageRef(original=uri)], tmp_path, Config(fetch=False))
    assert asset.media_type == "image/jpeg"


def test_a_percent_encoded_data_uri_gives_its_bytes(tmp_path):
    """``%XX`` is that byte, whatever its value: a PNG's bytes over 0x7f are kept."""
    uri = "data:image/png," + quote(PNG)
    [asset] = localise([ImageRef(original=uri)], tmp_path, Config(fetch=False))
    assert (asset.status, asset.sha256) == ("stored", hashlib.sha256(PNG).hexdigest())


@pytest.mark.parametrize("form", ["raw", "percent-encoded"])
def test_an_svg_data_uri_keeps_its_chinese_text(tmp_path, form):
    """An SVG inlined as text (``;utf8,`` or percent-encoded, as SingleFile and monolith
    write it) is stored as its UTF-8 bytes, not with ``?`` for each character over 0xff."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text>中文</text></svg>'
    uri = "data:image/svg+xml;charset=utf-8," + (svg if form == "raw" else quote(svg))
    [asset] = localise([ImageRef(original=uri)], tmp_path, Config(fetch=False))
    assert asset.status == "stored", asset.reason
    assert asset.sha256 == hashlib.sha256(svg.encode("utf-8")).hexdigest()
    assert asset.media_type == "image/svg+xml"


@pytest.mark.parametrize(("data", "said"), [
    (PAGE_BYTES, "not an image: an HTML page"),  # a real page's first bytes
    ("页面不存在 Not Found".encode(), "not an image: text, beginning '页面不存在 Not Found'"),
    # (a server's line ends with its line break; a Chinese message is cut between characters)
    (b"404 page not found\n", "not an image: text, beginning '404 page not found'"),
    ("您访问的页面不存在，请检查网址是否正确后重试。".encode() * 3,
     "not an image: text, beginning '您访问的页面不存在，请检查网址是否正确后重试。"
     "您访问的页面不存在，请检查网址是否'…"),
    (b"\x00\x01\x02\x03\x04\x05\x06\x07\x08",
     "not an image: bytes that no image format begins with: 00 01 02 03 04 05 06 07 …"),
    (b"\x89PNG\r\n\x1a\n" + bytes(30),
     "not an image: it begins as a PNG does, but no PNG can be read from it"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(10),
     "not an image: it begins as a WebP does, but no WebP can be read from it"),
])
def test_bytes_no_image_reader_accepts_are_said_as_what_they_look_like(data, said):
    # the reason is read by a person: what the bytes are, never the image library's class
    assert sniff(data, "x.jpg", "file", Config(fetch=False)).reason == said


def test_a_data_uri_that_is_not_an_image_is_refused(tmp_path):
    [asset] = localise([ImageRef(original="data:text/plain,%E4%BD%A0%E5%A5%BD")], tmp_path,
                       Config(fetch=False))
    assert asset.status == "missing"
    assert asset.reason.startswith("not an image")


def test_a_data_uri_that_cannot_be_decoded_is_missing(tmp_path):
    [asset] = localise([ImageRef(original="data:image/png;base64,abc")], tmp_path,
                       Config(fetch=False))
    assert asset.status == "missing"
    assert asset.reason == "data: URI cannot be decoded"


@pytest.mark.parametrize("label", ["image/jpg", "application/octet-stream", "image/x-png"])
def test_a_markdown_image_with_any_data_uri_is_the_image_not_text(tmp_path, label):
    """markdown-it makes no image of a data: URL but of four types (``image/jpg``, common in
    exports, is none of them): the post kept the whole URI as text and lost the image."""
    from archiver.prepare import prepare
    uri = f"data:{label};base64," + base64.b64encode(JPEG_SMALL).decode("ascii")
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: t\ndate: 2024-01-01\n---\n\n正文。\n\n![图片]({uri})\n",
                    encoding="utf-8")
    record = prepare(post, Config(fetch=False)).record
    assert [(i["status"], i["sha256"]) for i in record["images"]] == [
        ("stored", hashlib.sha256(JPEG_SMALL).hexdigest())]
    assert "base64" not in record["text"]


def test_a_markdown_image_at_a_file_url_is_that_file_within_the_allowed_folders(tmp_path):
    from archiver.prepare import prepare
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "一.jpg").write_bytes(JPEG_SMALL)
    (tmp_path / "md").mkdir()
    post = tmp_path / "md" / "post.md"
    inside = (tmp_path / "images" / "一.jpg").as_uri()
    outside = (Path(__file__).parent / "fixtures" / "wechat" / "LABELS.md").resolve().as_uri()
    post.write_text(f"---\ntitle: t\ndate: 2024-01-01\n---\n\n正文。\n\n![a]({inside})\n\n"
                    f"![b]({outside})\n\n![c](javascript:alert(1))\n", encoding="utf-8")
    record = prepare(post, Config(fetch=False)).record
    first, second = record["images"]  # a script URL makes no image
    assert (first["status"], first["sha256"]) == ("stored", hashlib.sha256(JPEG_SMALL).hexdigest())
    assert second["status"] == "missing"
    assert "outside the post's folder, its parent and the asset roots" in second["reason"]


def test_a_markdown_image_is_recorded_as_the_post_wrote_it_not_percent_encoded(tmp_path):
    """An export's images folder named in Chinese, as a browser's or an exporter's is; and
    a name written with its own escape (%20), which is looked up decoded, as in a page."""
    from archiver.prepare import prepare
    folder = tmp_path / "images" / "2021-07-07_送别一个旧时代"
    folder.mkdir(parents=True)
    (folder / "img 1.jpg").write_bytes(JPEG_SMALL)
    (tmp_path / "md").mkdir()
    post = tmp_path / "md" / "post.md"
    post.write_text("---\ntitle: t\ndate: 2024-01-01\n---\n\n正文。\n\n"
                    "![图片](../images/2021-07-07_送别一个旧时代/img%201.jpg)\n\n"
                    "![图片](<../images/2021-07-07_送别一个旧时代/img 1.jpg>)\n", encoding="utf-8")
    images = prepare(post, Config(fetch=False)).record["images"]
    assert [i["original"] for i in images] == [
        "../images/2021-07-07_送别一个旧时代/img%201.jpg",
        "../images/2021-07-07_送别一个旧时代/img 1.jpg"]
    assert [(i["status"], i["sha256"]) for i in images] == [
        ("stored", hashlib.sha256(JPEG_SMALL).hexdigest())] * 2


def test_a_post_in_the_home_folder_or_just_under_the_root_cannot_reach_beside_it(
        tmp_path, monkeypatch):
    """The parent of a post's folder is allowed for a browser's images/ beside html/, never
    when it is the home folder (a post in ~/Downloads asking for ../Pictures/…) or the whole
    file system (a post in /tmp)."""
    from archiver.assets.local import allowed_roots
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    (home / "Pictures" / "private.jpg").write_bytes(JPEG_SMALL)
    (home / "Downloads").mkdir()
    monkeypatch.setenv("HOME", str(home))
    [asset] = localise([ImageRef(original="../Pictures/private.jpg")], home / "Downloads",
                       Config(fetch=False))
    assert asset.status == "missing"
    assert "outside the post's folder, its parent and the asset roots" in asset.reason
    assert Path("/") not in allowed_roots(Path("/tmp"), Config())
    assert allowed_roots(home, Config()) == [home.resolve()]  # a post in ~ itself: not /home
    saved = home / "Downloads" / "post" / "html"  # a browser's layout: images/ beside html/
    (saved.parent / "images").mkdir(parents=True)
    saved.mkdir()
    (saved.parent / "images" / "1.jpg").write_bytes(JPEG_SMALL)
    [beside] = localise([ImageRef(original="../images/1.jpg")], saved, Config(fetch=False))
    assert beside.status == "stored"


def test_describe_original_summarises_only_data_uris():
    assert describe_original("data:image/gif;base64,R0lGOD") == \
        "data:image/gif;base64,… (28 characters inline)"
    assert describe_original("../images/a.jpg") == "../images/a.jpg"


# --- local files ------------------------------------------------------------------------------

def test_a_relative_file_beside_the_post_is_stored_and_recorded_as_an_input():
    # the 2021 post's images are PNG files named .jpg
    post_dir = OLD_TIMES / "html"
    ref = "../images/2021-07-07_送别一个旧时代/img_002.jpg"
    inputs: dict[str, str | None] = {}
    [asset] = localise([ImageRef(original=ref)], post_dir, Config(fetch=False), inputs=inputs)
    data = (post_dir / ref).read_bytes()
    assert asset.status == "stored"
    assert (asset.media_type, asset.extension, asset.width, asset.height) == (
        "image/png", "png", 64, 64)
    assert asset.sha256 == hashlib.sha256(data).hexdigest()
    assert inputs == {str((post_dir / ref).resolve()): asset.sha256}


def test_a_percent_encoded_relative_path_is_found():
    post_dir = TOKYO / "html"
    folder = quote("2018-01-29_大都市与小城镇——从东京的人口说起")
    ref = f"../images/{folder}/img_003.jpg?wx_fmt=jpeg"
    assert "%E5%A4%A7" in ref
    [asset] = localise([ImageRef(original=ref)], post_dir, Config(fetch=False))
    assert asset.status == "stored"
    assert asset.sha256 == hashlib.sha256(JPEG_SMALL).hexdigest()


def test_a_path_written_with_backslashes_on_windows_is_found(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "1.jpg").write_bytes(JPEG_SMALL)
    [asset] = localise([ImageRef(original="images\\1.jpg")], tmp_path, Config(fetch=False))
    assert asset.status == "stored"
    assert asset.sha256 == hashlib.sha256(JPEG_SMALL).hexdigest()


@pytest.mark.parametrize(("on_disk", "written"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_name_unicode_writes_two_ways_is_found_either_way(tmp_path, on_disk, written):
    """A save copied from a Mac (HFS+ stored names decomposed: カ and its voicing mark) to a
    disk that keeps names as they are, whose page spells them composed; and the other way."""
    folder, name = "データ_files", "café ガイド.jpg"
    (tmp_path / unicodedata.normalize(on_disk, folder)).mkdir()
    (tmp_path / unicodedata.normalize(on_disk, folder) / unicodedata.normalize(on_disk, name)
     ).write_bytes(JPEG_SMALL)
    ref = quote(unicodedata.normalize(written, f"{folder}/{name}"))
    assert not (tmp_path / unquote(ref)).exists()  # (this disk keeps names as they are)
    [asset] = localise([ImageRef(original=ref)], tmp_path, Config(fetch=False))
    assert asset.status == "stored"
    assert asset.sha256 == hashlib.sha256(JPEG_SMALL).hexdigest()
    assert asset.original == ref  # the reference as the page wrote it


def test_a_missing_name_written_two_ways_is_said_looked_for_once(tmp_path):
    [asset] = localise([ImageRef(original="images/café.png")], tmp_path, Config(fetch=False))
    assert unicodedata.normalize("NFC", asset.reason).count("café.png") == 1, asset.reason


def test_a_name_written_the_other_way_is_held_to_the_same_folders(tmp_path):
    post_dir = tmp_path / "a"
    post_dir.mkdir()
    (tmp_path / unicodedata.normalize("NFD", "café.jpg")).write_bytes(JPEG_SMALL)
    [asset] = localise([ImageRef(original="../../café.jpg")], post_dir / "b",
                       Config(fetch=False))
    assert asset.status == "missing"  # there (written the other way), and not read
    assert asset.reason.startswith("not read: ")
    assert "is outside the post's folder, its parent and the asset roots" in asset.reason


def test_a_backslash_path_is_held_to_the_same_folders(tmp_path):
    post_dir = tmp_path / "a" / "b"
    post_dir.mkdir(parents=True)
    (tmp_path / "secret.jpg").write_bytes(JPEG_SMALL)
    [asset] = localise([ImageRef(original="..\\..\\secret.jpg")], post_dir,
                       Config(fetch=False))
    assert asset.status == "missing"
    assert "outside the post's folder, its parent and the asset roots" in asset.reason


def test_a_missing_local_file_says_where_it_was_looked_for(tmp_path):
    inputs: dict[str, str | None] = {}
    [asset] = localise([ImageRef(original="images/1.jpg")], tmp_path, Config(fetch=False),
                       inputs=inputs)
    assert asset.status == "missing"
    assert asset.reason.startswith("file not found (looked for: images/1.jpg; ")
    assert inputs == {str((tmp_path / "images/1.jpg").resolve()): None}


@pytest.mark.parametrize("original", ["images/1.jpg", "../shared/1.jpg"])
def test_where_a_missing_image_was_looked_for_is_named_from_the_posts_folder(
        tmp_path, monkeypatch, original):
    """The reason the record keeps names the places looked in from the post's folder, as the
    post names them, whatever folder the ingest ran in and however the post's path was
    typed: it had named ``p2/images/1.jpg`` from one folder and ``/home/…/p2/images/1.jpg``
    from another (a machine's path in the record, and noise in the diff of any edit)."""
    post_dir = tmp_path / "p2"
    post_dir.mkdir()
    monkeypatch.chdir(tmp_path)
    reasons = {localise([ImageRef(original=original)], base, Config(fetch=False))[0].reason
               for base in (Path("p2"), post_dir, Path("p2/../p2/."))}
    assert reasons == {f"file not found (looked for: {original}; asset roots: none configured)"}


def test_a_site_absolute_path_is_found_under_an_asset_root(tmp_path):
    # 国政学人第464期 refers to /images/1935/2.jpeg
    root, post_dir = tmp_path / "site", tmp_path / "post"
    (root / "images" / "1935").mkdir(parents=True)
    post_dir.mkdir()
    (root / "images" / "1935" / "2.jpeg").write_bytes(JPEG_SMALL)
    inputs: dict[str, str | None] = {}
    config = Config(fetch=False, asset_roots=(root,))
    [asset] = localise([ImageRef(original="/images/1935/2.jpeg")], post_dir, config,
                       inputs=inputs)
    assert (asset.status, asset.media_type) == ("stored", "image/jpeg")
    assert asset.origin == str(root / "images" / "1935" / "2.jpeg")
    assert inputs == {str((root / "images/1935/2.jpeg").resolve()): asset.sha256}


def test_an_asset_root_that_is_the_posts_folder_is_looked_in_once(tmp_path):
    config = Config(asset_roots=(tmp_path,))
    [asset] = localise([ImageRef(original="/images/1935/2.jpeg")], tmp_path, config, None)
    assert asset.status == "missing"
    assert asset.reason == ("file not found (looked for: images/1935/2.jpeg; "
                            f"asset roots: {tmp_path})")


def test_a_site_absolute_path_without_asset_roots_is_missing_with_the_reason(tmp_path):
    inputs: dict[str, str | None] = {}
    [asset] = localise([ImageRef(original="/images/1935/2.jpeg")], tmp_path, Config(fetch=False),
                       inputs=inputs)
    assert asset.status == "missing"
    assert asset.reason.endswith("asset roots: none configured)")
    assert inputs == {str((tmp_path / "images/1935/2.jpeg").resolve()): None}


def test_a_path_escaping_the_post_folder_is_refused_even_if_the_file_exists(tmp_path):
    post_dir = tmp_path / "posts" / "one" / "html"
    post_dir.mkdir(parents=True)
    (tmp_path / "posts" / "etc").mkdir()
    (tmp_path / "posts" / "etc" / "passwd").write_bytes(JPEG_SMALL)  # would be stored if read
    inputs: dict[str, str | None] = {}
    [asset] = localise([ImageRef(original="../../etc/passwd")], post_dir, Config(fetch=False),
                       inputs=inputs)
    assert asset.status == "missing"
    assert "outside the post's folder, its parent and the asset roots" in asset.reason
    assert inputs == {}


@pytest.mark.parametrize("ref", ["/etc/passwd", "file:///etc/passwd", "/../../../../etc/passwd"])
def test_an_absolute_path_never_reads_the_machines_files(tmp_path, ref):
    inputs: dict[str, str | None] = {}
    [asset] = localise([ImageRef(original=ref)], tmp_path, Config(fetch=False), inputs=inputs)
    assert asset.status == "missing"
    assert "/etc/passwd" not in inputs


@pytest.mark.parametrize(("name", "written"), [
    ("a.png", "file://{}/a.png"),
    ("a.png", "FILE://{}/a.png"),  # a scheme is written in either case
    ("a?b.png", "file://{}/a%3Fb.png"),  # a name's ? and #, encoded as a browser writes them
    ("a#b.png", "file://{}/a%23b.png"),
    ("图 1.png", "file://{}/%E5%9B%BE%201.png"),
])
def test_a_file_url_in_the_posts_folder_is_that_file(tmp_path, name, written):
    """A file:// URL is parsed before it is decoded: an encoded ? or # is part of the
    file's name, never the start of a query or a fragment."""
    (tmp_path / name).write_bytes(PNG)
    url = written.format(quote(str(tmp_path)))
    [asset] = localise([ImageRef(original=url)], tmp_path, Config(fetch=False))
    assert (asset.status, asset.original) == ("stored", url)


def test_a_symlink_out_of_the_post_folder_is_refused(tmp_path):
    outside, post_dir = tmp_path / "outside", tmp_path / "a" / "b" / "post"
    outside.mkdir()
    post_dir.mkdir(parents=True)
    (outside / "secret.jpg").write_bytes(JPEG_SMALL)
    (post_dir / "img.jpg").symlink_to(outside / "secret.jpg")
    [asset] = localise([ImageRef(original="img.jpg")], post_dir, Config(fetch=False))
    assert asset.status == "missing"
    # the link is named as one: the file it shows is in the folder, what it leads to is not
    assert asset.reason.startswith("not read: img.jpg leads to a file that is outside the "
                                   "post's folder")


def test_an_image_that_is_a_symlink_loop_is_missing_with_the_reason(tmp_path):
    (tmp_path / "img.jpg").symlink_to(tmp_path / "img.jpg")
    [asset] = localise([ImageRef(original="img.jpg")], tmp_path, Config(fetch=False))
    assert asset.status == "missing"
    assert "img.jpg (cannot be looked up: a loop of symbolic links)" in asset.reason


def test_an_image_that_is_a_link_to_nothing_is_said_to_be_one(tmp_path):
    (tmp_path / "img.jpg").symlink_to(tmp_path / "gone" / "img.jpg")
    [asset] = localise([ImageRef(original="img.jpg")], tmp_path, Config(fetch=False))
    assert asset.status == "missing"
    assert "img.jpg (a symbolic link to nothing there)" in asset.reason


def test_a_symlink_loop_is_said_to_be_one_where_resolve_does_not_raise(tmp_path,
                                                                       monkeypatch):
    """Python 3.13's resolve() returns a loop's path where 3.11's raised: the loop is still
    called a loop, not a link to nothing."""
    monkeypatch.setattr(Path, "resolve",
                        lambda self, strict=False: Path(os.path.realpath(self)))
    (tmp_path / "img.jpg").symlink_to(tmp_path / "img.jpg")
    [asset] = localise([ImageRef(original="img.jpg")], tmp_path, Config(fetch=False))
    assert "img.jpg (cannot be looked up: a loop of symbolic links)" in asset.reason


def _one_image_post(post: Path, token: str, reference: str):
    """A Markdown post in ``post`` (its address ending in ``token``: one object) showing one
    image, ``reference``; the configuration of an archive beside it, offline."""
    from archiver.config import load_config
    (post / "post.md").write_text(f"---\ntitle: 图\nurl: https://mp.weixin.qq.com/s/{token}"
                                  f"\n---\n\n正文。\n\n![]({reference})\n", "utf-8")
    return load_config({}, post.parent).with_overrides(archive=post.parent / "archive",
                                                       fetch=False)


def test_an_image_whose_link_leads_nowhere_yet_is_read_once_it_does(tmp_path):
    """A link to a file not there yet (a folder still syncing): the post is archived with
    the image missing, and read again once the file is there (the receipt of the first run
    remembers the file as absent), not called unchanged."""
    from archiver.pipeline import ingest_paths
    post = tmp_path / "post"
    post.mkdir()
    (post / "img.jpg").symlink_to(post / "synced" / "img.jpg")
    config = _one_image_post(post, "LinkToBeSynced1", "img.jpg")
    [first] = ingest_paths([post / "post.md"], config)
    (post / "synced").mkdir()
    (post / "synced" / "img.jpg").write_bytes(JPEG_SMALL)
    [again] = ingest_paths([post / "post.md"], config)
    assert (first.status, again.status, again.version) == ("added", "updated", "v2")


@pytest.mark.parametrize("link", ["dangling", "loop"])
def test_a_file_put_in_place_of_a_broken_link_is_read(tmp_path, link):
    """The receipt remembers the link itself as no file: a real file put in its place (the
    link replaced, its target never made) is news, not \"unchanged\"."""
    from archiver.pipeline import ingest_paths
    post = tmp_path / "post"
    post.mkdir()
    image = post / "img.jpg"
    image.symlink_to(post / "gone.jpg" if link == "dangling" else image)
    config = _one_image_post(post, "LinkReplacedByAFile1", "img.jpg")
    [first] = ingest_paths([post / "post.md"], config)
    image.unlink()
    image.write_bytes(JPEG_SMALL)
    [again] = ingest_paths([post / "post.md"], config)
    assert (first.status, again.status, again.version) == ("added", "updated", "v2")


def test_an_image_under_a_loop_of_folders_is_missing_and_the_run_goes_on(tmp_path):
    from archiver.pipeline import ingest_paths
    post = tmp_path / "post"
    post.mkdir()
    (post / "loop").symlink_to(post / "loop")
    config = _one_image_post(post, "ImageInALoop01", "loop/x.jpg")
    [first] = ingest_paths([post / "post.md"], config)
    [again] = ingest_paths([post / "post.md"], config)
    assert (first.status, again.status) == ("added", "unchanged"), first.error
    record = Archive.open(config.archive).read_json(first.object_id, "record.json")
    assert "a loop of symbolic links" in record["images"][0]["reason"]


def test_an_image_link_pointed_at_another_file_is_news(tmp_path):
    """An inbox of links: the receipt keeps the link with the bytes it led to, so a link
    pointed at another file is read again (the file it led to is unchanged)."""
    from archiver.pipeline import ingest_paths
    post, real = tmp_path / "post", tmp_path / "post" / "real"
    real.mkdir(parents=True)
    (real / "a.png").write_bytes(PNG)
    (real / "b.jpg").write_bytes(JPEG_SMALL)
    (post / "img").symlink_to(real / "a.png")
    config = _one_image_post(post, "LinkPointedAgain1", "img")
    [first] = ingest_paths([post / "post.md"], config)
    (post / "img").unlink()
    (post / "img").symlink_to(real / "b.jpg")
    [again] = ingest_paths([post / "post.md"], config)
    assert (first.status, again.status, again.version) == ("added", "updated", "v2")


@pytest.mark.parametrize("reference", [
    "img\\1.jpg",  # recorded with its backslash, as written
    "img%5C1.jpg",  # as wget writes it
])
def test_a_containers_image_recorded_with_a_backslash_is_found(reference):
    """A browser reads ``img\\1.jpg`` as ``img/1.jpg``; a crawler may have recorded the
    address with the backslash kept: either is the image."""
    [asset] = localise([ImageRef(original="img\\1.jpg")], Path("/nonexistent"),
                       Config(fetch=False),
                       resources={f"https://a.example/p/{reference}": PNG},
                       base_url="https://a.example/p/page.html", local_files=False)
    assert asset.status == "stored", asset.reason


@pytest.mark.parametrize("written", ["file://C:\\x\\{}", "file:\\\\\\C:\\x\\{}"])
def test_a_windows_file_url_is_looked_for_under_the_asset_roots(tmp_path, written):
    """A file URL written on Windows names a disk of another machine: its path is looked
    for under the asset roots, as a site-absolute path is (its backslashes slashes)."""
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.png").write_bytes(PNG)
    [asset] = localise([ImageRef(original=written.format("a.png"))], tmp_path / "post",
                       Config(fetch=False, asset_roots=(tmp_path,)))
    assert asset.status == "stored", asset.reason


def test_a_windows_file_url_never_names_this_machines_files(tmp_path):
    """``file:///C:/etc/passwd`` names a disk of another machine: its path is looked for
    under the asset roots alone, never as this machine's /etc/passwd."""
    inputs: dict[str, str | None] = {}
    [asset] = localise([ImageRef(original="file:///C:/etc/passwd")], tmp_path,
                       Config(fetch=False), inputs=inputs)
    assert asset.status == "missing" and "/etc/passwd" not in asset.reason
    assert "/etc/passwd" not in inputs


def test_a_reference_holding_a_nul_character_is_said_to(tmp_path):
    [asset] = localise([ImageRef(original="a%00.jpg")], tmp_path, Config(fetch=False))
    assert asset.status == "missing"
    assert "(cannot be looked up: a NUL character in its name)" in asset.reason


def test_a_local_file_over_the_size_cap_is_refused(tmp_path):
    shutil.copy(next(TOKYO.glob("images/*/img_001.jpg")), tmp_path / "big.jpg")
    [asset] = localise([ImageRef(original="big.jpg")], tmp_path,
                       Config(fetch=False, max_image_bytes=100_000))
    assert asset.reason == f"too large: {len(JPEG_BIG)} bytes (limit 100000)"


def test_a_reference_without_a_source_is_missing_with_the_reason(tmp_path):
    [asset] = localise([ImageRef(original="  ")], tmp_path, Config(fetch=False))
    assert (asset.status, asset.reason) == ("missing", "the saved post gives this image no source")


def test_one_asset_per_reference_in_order(tmp_path, base):
    (tmp_path / "a.png").write_bytes(PNG)
    refs = [ImageRef(original="a.png"), ImageRef(original=""), ImageRef(original="gone.png"),
            ImageRef(original=base + "/photo.jpg")]
    assets = localise(refs, tmp_path, LOOPBACK)
    assert [(a.status, a.media_type) for a in assets] == [
        ("stored", "image/png"), ("missing", None), ("missing", None), ("stored", "image/jpeg")]


# --- a whole post with every kind of failing image ------------------------------------------

def test_a_post_with_failing_images_is_archived_and_says_why_each_is_missing(base, tmp_path):
    """Missing, oversized, non-image, bomb, private address: the post is still archived, and
    each image is recorded missing with the reason of its own case."""
    from archiver.pipeline import ingest_paths

    post = tmp_path / "post.md"
    cases = {"missing": f"{base}/nothing-here.jpg", "too large": f"{base}/big.jpg",
             "not an image": f"{base}/page.jpg", "decompression bomb": f"{base}/bomb.png",
             "private": f"{base.replace('127.0.0.1', '127.0.0.2')}/photo.jpg",
             "stored": f"{base}/photo.jpg"}
    body = "\n\n".join(f"![{name}]({url})" for name, url in cases.items())
    post.write_text(f"---\ntitle: 图片测试\nurl: https://mp.weixin.qq.com/s/AbCdEfGhIjKlMn\n---\n"
                    f"\n{body}\n", encoding="utf-8")
    config = LOOPBACK.with_overrides(archive=tmp_path / "archive", max_image_bytes=100_000,
                                     max_image_pixels=1_000_000)
    [result] = ingest_paths([post], config)
    assert result.status == "added"
    record = Archive.open(tmp_path / "archive").read_bytes(result.object_id, "record.json")
    images = json.loads(record)["images"]
    reasons = [image.get("reason") or "" for image in images]
    assert [image["status"] for image in images] == ["missing"] * 5 + ["stored"]
    assert reasons[0].startswith("HTTP 404")
    assert reasons[1].startswith("too large")
    assert reasons[2].startswith("not an image")
    assert reasons[3].startswith("decompression bomb refused")
    assert "private or local address" in reasons[4]


@pytest.mark.parametrize(("url", "loose"), [
    ("https://mmbiz.qpic.cn/mmbiz_jpg/x/640?wx_fmt=jpeg&tp=webp&wxfrom=5&wx_lazy=1&wx_co=1",
     "mmbiz.qpic.cn/mmbiz_jpg/x/640?wx_fmt=jpeg"),
    ("http://mmbiz.qpic.cn/mmbiz_png/y/0?tp=webp&wx_fmt=png",
     "mmbiz.qpic.cn/mmbiz_png/y/0?wx_fmt=png"),
    ("https://mmbiz.qpic.cn/mmbiz_png/abc/640?tp=webp&wxfrom=5&wx_lazy=1&wx_co=1",
     "mmbiz.qpic.cn/mmbiz_png/abc/640"),  # a data-src with no query of its own
    ("https://mmbiz.qpic.cn/mmbiz_jpg/x/640?wx_fmt=jpeg", None),  # nothing added
    ("https://example.org/a.jpg?x=1&tp=webp&wx_lazy=1", None),  # another host's query is its own
])
def test_a_wechat_image_is_also_known_without_what_the_lazy_loader_adds(url, loose):
    assert lazy_loaded_key(resource_key(url)) == loose


@pytest.mark.parametrize(("img", "address"), [
    ('<img src="./page_files/1.jpg" data-src="https://mmbiz.qpic.cn/a/640?wx_fmt=jpeg">',
     "https://mmbiz.qpic.cn/a/640?wx_fmt=jpeg"),  # a complete save: the copy, its address
    (f'<img src="data:image/png;base64,{"A" * 300}" data-src="//mmbiz.qpic.cn/a/0">',
     "//mmbiz.qpic.cn/a/0"),  # SingleFile: the bytes inlined, the address kept
    ('<img data-src="https://mmbiz.qpic.cn/a/0">', None),  # the address is the source
    (f'<img src="{GIF_PIXEL}" data-src="https://mmbiz.qpic.cn/a/0">', None),  # (placeholder)
    ('<img src="1.jpg" data-src="images/1.jpg">', None),  # no web address: another path
    ('<img src="1.jpg" data-original="HTTP://example.org/1.jpg">', "HTTP://example.org/1.jpg"),
])
def test_an_image_keeps_the_web_address_given_beside_the_copy_it_is_read_from(img, address):
    """The record names an image by the copy a save holds (``original``) and, beside it, by
    the address the page gives it (``address``): another save of the post names it so."""
    _, [image], _ = parse_body(f"<p>{img}</p>")
    assert image.address == address
    [asset] = localise([image], Path("/nonexistent"), Config().with_overrides(fetch=False))
    assert asset.address == address
