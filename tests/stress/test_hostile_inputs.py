"""Hostile inputs (design §8): each attack is refused, or contained, with a clear reason.

1. **Path traversal** in every form a post is saved in (Markdown, WeChat page, fragment,
   save-page folder, MHTML, WARC, WACZ, SingleFile's self-extracting ZIP): image references
   and container names such as ``../../secret.jpg``, absolute paths, ``file:`` URLs, zip
   members named ``../../x``. A real image lies outside the post's folder: it must never be
   read, nothing may be written outside the archive, and each such image is recorded
   missing with the reason. A container's page is completed only from the container, never
   from files beside it.
2. **SSRF**: image URLs on private, loopback, link-local, shared (CGNAT) and reserved
   addresses, in every spelling (``0x7f.1``, ``2130706433``, ``[::1]``,
   ``[::ffff:127.0.0.1]``, 6to4), names that resolve to them, redirects to them, and a name
   whose address changes between the check and the connection (DNS rebinding). Refusal is
   decided before connecting, on the address actually connected to. No packet leaves the
   machine: DNS is a table in the test, and a connection to anything but loopback fails the
   test before it is attempted.
3. **Decompression bombs**: images that decode to huge pixel counts (in a container, a
   save-page folder, a data: URI), WARC payloads and HTTP content encodings that expand
   past the limit, zip members that expand to garbage.
4. **Entity tricks**: billion laughs and external entities (``SYSTEM "file:…"``) in a WeChat
   page, a Markdown post, an MHTML page and an XHTML file: nothing is expanded or fetched.
5. **YAML tags** in front matter (``!!python/object/apply``, ``!!python/name`` …) and alias
   bombs: refused with exit 4 naming the file; no code runs.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import io
import ipaddress
import json
import socket
import struct
import threading
import time
import zipfile
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import brotli
import pytest
import zstandard
from PIL import Image
from warcio.statusandheaders import StatusAndHeaders

import archiver.readers.warc as warc_reader
from archiver.assets import localise
from archiver.config import Config
from archiver.model import ImageRef

from conftest import FIXTURES, WECHAT
from make_container_fixtures import Warc, load_source, mhtml, wacz
from stress_support import CONTAINERS, cli

MUFENG = load_source("mufeng-2021-07-07")  # a real page and its real image (a PNG)
# single-file-cli --compress-content of that page and image (real output)
SINGLEFILE_ZIP = FIXTURES / "browser" / "singlefile-zip-mufeng-2021-07-07.html"
SECRET = (WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"
          / "images" / "2018-01-29_大都市与小城镇——从东京的人口说起" / "img_003.jpg").read_bytes()
SECRET_TEXT = "TOP-SECRET-6a1f: an external entity must never pull this in"
FIGURES: dict[str, tuple[int, int]] = {}


def tally(figure, key: str, contained: bool) -> None:
    done, total = FIGURES.get(key, (0, 0))
    FIGURES[key] = (done + contained, total + 1)
    parts = [f"{k} {d}/{t}" for k, (d, t) in FIGURES.items()]
    done = sum(d for d, _ in FIGURES.values())
    total = sum(t for _, t in FIGURES.values())
    figure("hostile", f"{done}/{total} attacks refused or contained with a reason "
                      f"({', '.join(parts)})")


def tree(folder: Path, skip: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and skip not in p.parents}


def archived_images(archive: Path) -> list[dict]:
    """Every image entry of every record in the archive (every version)."""
    out = []
    for record in archive.rglob("record.json"):
        out += json.loads(record.read_bytes()).get("images") or []
    return out


# ---------------------------------------------------------------------------------------------
# 1. path traversal in every saved form


@pytest.fixture
def scene(tmp_path, monkeypatch):
    """tmp/secret.jpg, tmp/inputs/near.jpg: real images outside the post's folder;
    tmp/inputs/post/: the hostile post; tmp/archive: the archive."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.jpg").write_bytes(SECRET)
    (tmp_path / "secret.txt").write_text(SECRET_TEXT, encoding="utf-8")
    post = tmp_path / "inputs" / "post"
    post.mkdir(parents=True)
    near = tmp_path / "inputs" / "near.jpg"  # beside a container: not part of it
    near.write_bytes(SECRET)
    refs = ["../../secret.jpg", "..%2F..%2Fsecret.jpg", "..\\..\\secret.jpg",
            str(tmp_path / "secret.jpg"), f"file://{tmp_path}/secret.jpg",
            "./page_files/../../../secret.jpg", "/../../../../" + str(tmp_path / "secret.jpg")]
    return SimpleNamespace(root=tmp_path, post=post, refs=refs, near="../near.jpg",
                           archive=tmp_path / "archive")


def with_images(page: bytes, refs: list[str]) -> bytes:
    """The real page with one <img> per reference added at the top of its body."""
    tags = "".join(f'<p><img src="{ref}" data-src=""></p>' for ref in refs).encode()
    at = page.index(b'id="js_content"')
    at = page.index(b">", at) + 1
    return page[:at] + tags + page[at:]


def hostile_markdown(scene) -> Path:
    path = scene.post / "post.md"
    body = "\n\n".join(f"![x]({ref.replace(' ', '%20')})" for ref in scene.refs)
    path.write_text("---\ntitle: 路径穿越\nurl: https://mp.weixin.qq.com/s/TraversalTest01\n---\n\n"
                    f"正文。\n\n{body}\n", encoding="utf-8")
    return path


def hostile_page(scene) -> Path:
    path = scene.post / "page.html"
    path.write_bytes(with_images(MUFENG.html, scene.refs))
    return path


def hostile_fragment(scene) -> Path:
    path = scene.post / "source.html"
    tags = "".join(f'<p><img data-src="" src="{ref}"></p>' for ref in scene.refs)
    path.write_text(f'<div id="js_content"><p>正文。</p>{tags}</div>', encoding="utf-8")
    return path


def hostile_save_page(scene) -> Path:
    (scene.post / "page_files").mkdir()
    path = scene.post / "page.html"
    path.write_bytes(with_images(MUFENG.html, scene.refs))
    return path


def hostile_mhtml(scene) -> Path:
    """Parts named with traversals (their bytes are in the container: stored, by content);
    the page also refers to files that are not in the container but lie beside it."""
    image = MUFENG.images[0].data
    page = with_images(MUFENG.html, [*scene.refs, scene.near])
    parts = [("../../../etc/passwd", image), (f"file://{scene.root}/secret.jpg", image)]
    path = scene.post / "post.mhtml"
    path.write_bytes(mhtml(MUFENG, html_bytes=page, parts=parts, key="hostile"))
    return path


def hostile_warc_bytes(scene) -> bytes:
    image = MUFENG.images[0].data
    w = Warc("hostile.warc.gz")
    w.article(MUFENG.target, with_images(MUFENG.html, [*scene.refs, scene.near]))
    w.file_resource("file:///../../../secret.jpg", image)
    w.resource("http://mp.weixin.qq.com/../../../x.png", image)
    return w.getvalue()


def hostile_warc(scene) -> Path:
    path = scene.post / "post.warc.gz"
    path.write_bytes(hostile_warc_bytes(scene))
    return path


def hostile_wacz(scene) -> Path:
    """A WACZ whose members are named to climb out (``../../``, absolute, backslashes)."""
    page = with_images(MUFENG.html, [*scene.refs, scene.near])
    good = wacz(dataclasses.replace(MUFENG, html=page))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.endswith(".warc.gz"):
                for name in ("../../evil.warc.gz", "/tmp/evil-abs.warc.gz", "..\\..\\e.warc"):
                    new.writestr(name, data)
            else:
                new.writestr(info.filename, data)
    path = scene.post / "post.wacz"
    path.write_bytes(out.getvalue())
    return path


def hostile_singlefile_zip(scene) -> Path:
    """A SingleFile self-extracting page (the real --compress-content save's prelude and
    page) whose ZIP entries are named to climb out (``../../``, absolute, backslashes, a
    ``file:`` URL) and whose page refers to them, and to files beside it that it lacks."""
    data = SINGLEFILE_ZIP.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        prelude = data[:min(info.header_offset for info in old.infolist())]
        # (SingleFile's compressed HTML leaves the attribute unquoted)
        page = with_images(old.read("index.html").replace(b"id=js_content", b'id="js_content"'),
                           [*scene.refs, scene.near])
        image = old.read("images/1.jpg")
    out = io.BytesIO(prelude)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as new:
        new.writestr("index.html", page)
        for name in ("../../secret.jpg", "../../../etc/passwd", "/tmp/evil-abs.jpg",
                     "..\\..\\secret.jpg", f"file://{scene.root}/secret.jpg", "images/1.jpg"):
            new.writestr(name, image)
    path = scene.post / "post.html"
    path.write_bytes(out.getvalue())
    return path


FORMS = {"markdown": hostile_markdown, "wechat-page": hostile_page,
         "fragment": hostile_fragment, "save-page": hostile_save_page, "mhtml": hostile_mhtml,
         "warc": hostile_warc, "wacz": hostile_wacz, "singlefile-zip": hostile_singlefile_zip}
CONTAINED = ("outside the post's folder, its parent and the asset roots", "not in the container",
             "file not found", "not fetched")


@pytest.mark.parametrize("form", FORMS)
def test_path_traversal_never_reads_or_writes_outside(form, scene, figure):
    path = FORMS[form](scene)
    before = tree(scene.root, scene.archive)
    result = cli("ingest", path, "--archive", scene.archive, "--no-fetch", "--json")
    assert result.exit_code in (0, 4), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert tree(scene.root, scene.archive) == before  # nothing written or changed outside
    for stored in scene.archive.rglob("*"):  # nothing in the archive escapes it
        assert stored.resolve().is_relative_to(scene.archive.resolve())
    secret = hashlib.sha256(SECRET).hexdigest()
    images = archived_images(scene.archive)
    assert secret not in {i.get("sha256") for i in images}, "a file outside was read"
    assert not any(secret in p.name for p in scene.archive.rglob("assets/*"))
    hostile = [i for i in images if any(ref in i["original"] for ref in
                                        [*scene.refs, scene.near])]
    # a container's part named like a path is found by that name, and its own bytes are
    # stored by content; every other such reference is missing, with the reason
    missing = [i for i in hostile if i["status"] == "missing"]
    assert hostile and missing and all(i.get("sha256") != secret for i in hostile)
    assert all(any(why in i["reason"] for why in CONTAINED) for i in missing), missing
    tally(figure, "traversal", True)


def test_a_containers_page_is_never_completed_from_files_beside_it(scene):
    """An image the container lacks is not looked for on disk next to the container (a
    browser never does that either): it is missing, 'not in the container'."""
    path = hostile_mhtml(scene)
    assert cli("ingest", path, "--archive", scene.archive, "--no-fetch").exit_code == 0
    [near] = [i for i in archived_images(scene.archive) if i["original"] == scene.near]
    assert near["status"] == "missing" and "not in the container" in near["reason"]


# ---------------------------------------------------------------------------------------------
# 2. SSRF: decided before connecting, on the address connected to


class _Images(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.hits.append(unquote(self.path))
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", unquote(self.path.split("=", 1)[1]))
            self.end_headers()
            return
        body = MUFENG.images[0].data
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def image_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Images)
    httpd.daemon_threads = True
    httpd.hits = []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


PUBLIC = "93.184.216.34"  # a public address: resolved to, never connected to (see `network`)


@pytest.fixture
def network(monkeypatch, image_server):
    """DNS is this table (numeric hosts are parsed, never looked up); connecting to anything
    but loopback raises before a packet is sent, and is recorded."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect
    answers = {"localhost": ["127.0.0.1"], "intranet.example.test": ["10.1.2.3"],
               "mixed.example.test": [PUBLIC, "192.168.7.7"],
               "public.example.test": [PUBLIC], "metadata.example.test": ["169.254.169.254"],
               "v6-loop.example.test": ["::1"]}
    asked: dict[str, int] = {}

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        try:
            return real_getaddrinfo(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        except socket.gaierror:
            pass
        asked[host] = asked.get(host, 0) + 1
        if host == "rebind.example.test":  # public when checked, loopback when connected
            addresses = [PUBLIC] if asked[host] == 1 else ["127.0.0.1"]
        else:
            addresses = answers.get(str(host).rstrip("."))
        if addresses is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (test DNS)")
        out = []
        for address in addresses:
            v6 = ":" in address
            out.append((socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                        (address, port or 0, 0, 0) if v6 else (address, port or 0)))
        return out

    connects: list[str] = []

    def connect(self, address):
        connects.append(address[0])
        if not ipaddress.ip_address(address[0]).is_loopback:
            raise ConnectionRefusedError(f"test network: nothing beyond loopback ({address[0]})")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    image_server.hits.clear()
    return SimpleNamespace(connects=connects, server=image_server,
                           port=image_server.server_address[1])


SSRF_URLS = [
    "http://10.0.0.1/x.jpg", "http://172.16.5.4/x.jpg", "http://192.168.0.1/x.jpg",
    "http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/latest/meta-data/",
    "http://100.64.0.1/x.jpg", "http://0.0.0.0/x.jpg", "http://127.0.0.1:{port}/x.png",
    "http://0x7f.1:{port}/x.png", "http://2130706433:{port}/x.png",
    "http://0177.0.0.1:{port}/x.png", "http://127.1:{port}/x.png", "http://[::1]:{port}/x.png",
    "http://[::ffff:127.0.0.1]:{port}/x.png", "http://[fe80::1]/x.jpg", "http://[fc00::1]/x.jpg",
    "http://[2002:7f00:1::1]/x.jpg", "http://[64:ff9b::7f00:1]/x.jpg",
    "http://240.0.0.1/x.jpg", "http://224.0.0.1/x.jpg", "http://localhost:{port}/x.png",
    "http://intranet.example.test/x.jpg", "http://mixed.example.test/x.jpg",
    "http://metadata.example.test/x.jpg", "http://v6-loop.example.test:{port}/x.png",
    "https://10.0.0.1/x.jpg", "//192.168.0.1/x.jpg",
]


@pytest.mark.parametrize("url", SSRF_URLS)
def test_a_private_or_local_address_is_refused_before_connecting(url, network, figure):
    url = url.format(port=network.port)
    [asset] = localise([ImageRef(original=url)], Path("."), Config(http_timeout=2.0))
    assert asset.status == "missing"
    assert asset.reason.startswith("refused: ") and "private or local address" in asset.reason
    assert network.connects == [] and network.server.hits == []
    tally(figure, "ssrf", True)


@pytest.mark.parametrize("target", ["http://10.0.0.1/x.jpg", "http://169.254.169.254/",
                                    "http://[::1]:{port}/x.png", "http://0x7f.1:{port}/x.png",
                                    "http://intranet.example.test/x.jpg",
                                    "http://100.100.100.200/"])
def test_a_redirect_to_a_private_address_is_refused_before_connecting(target, network, figure):
    """The first server is allowed (the test's loopback server, by the name ``localhost``);
    where it sends the client is checked again, by address, before any connection."""
    target = target.format(port=network.port)
    first = f"http://localhost:{network.port}/redirect?to={target}"
    config = Config(http_timeout=2.0, allow_private_hosts=("localhost",))
    [asset] = localise([ImageRef(original=first)], Path("."), config)
    assert asset.status == "missing" and asset.reason.startswith("refused: "), asset.reason
    assert network.server.hits == [f"/redirect?to={target}"]  # only the first hop was asked
    assert {ipaddress.ip_address(a).is_loopback for a in network.connects} == {True}
    tally(figure, "ssrf", True)


def test_dns_rebinding_cannot_reach_loopback(network, figure):
    """The name resolves to a public address when checked and to 127.0.0.1 afterwards: the
    connection must go to the address that was checked, never to loopback."""
    url = f"http://rebind.example.test:{network.port}/x.png"
    [asset] = localise([ImageRef(original=url)], Path("."), Config(http_timeout=2.0))
    assert asset.status == "missing"
    assert network.server.hits == [], "the image was fetched from loopback"
    assert all(not ipaddress.ip_address(a).is_loopback for a in network.connects)
    tally(figure, "ssrf", True)


@pytest.mark.parametrize("url", ["http://example.test:abc/x.jpg", "http://example.test:99999/x.jpg",
                                 "http://[::1/x.jpg", "http://[fe80::1%25eth0]:80:80/x.jpg"])
def test_a_url_no_one_can_fetch_is_missing_not_a_crash(url, network):
    """A port that is no number, a bracket left open: these raised ValueError (exit 70)."""
    [asset] = localise([ImageRef(original=url)], Path("."), Config(http_timeout=2.0))
    assert asset.status == "missing" and asset.reason.startswith("unsupported URL")
    assert network.connects == []


def test_ingest_refuses_every_private_image_and_keeps_the_post(network, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    post = tmp_path / "post.md"
    urls = [u.format(port=network.port) for u in SSRF_URLS[:12]]
    post.write_text("---\ntitle: SSRF\nurl: https://mp.weixin.qq.com/s/SsrfTestPost01\n---\n\n"
                    + "\n\n".join(f"![i]({u})" for u in urls) + "\n", encoding="utf-8")
    result = cli("ingest", post, "--archive", tmp_path / "archive", "--json")
    assert result.exit_code == 0, result.stderr
    images = archived_images(tmp_path / "archive")
    assert len(images) == len(urls)
    assert all(i["status"] == "missing" and i["reason"].startswith("refused: ") for i in images)
    assert network.connects == [] and network.server.hits == []


# ---------------------------------------------------------------------------------------------
# 3. decompression bombs


def png_bomb() -> bytes:
    """A real PNG of 20,000 x 20,000 grey pixels in ~20 kB (400 million pixels decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    side = 20_000
    raw = zlib.compress(b"\x00" * (side + 1) * 64, 9)  # only the first rows: still a bomb
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0,
                                                               0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def small_bomb() -> bytes:
    buf = io.BytesIO()
    Image.new("L", (9000, 9000), 0).save(buf, "PNG")  # 81 million pixels, ~80 kB
    return buf.getvalue()


@pytest.mark.parametrize("bomb", [png_bomb, small_bomb], ids=["header", "real-pixels"])
@pytest.mark.parametrize("carrier", ["mhtml-part", "save-page-file", "data-uri"])
def test_an_image_bomb_in_any_carrier_is_refused(carrier, bomb, scene, figure):
    data = bomb()
    if carrier == "mhtml-part":
        page = with_images(MUFENG.html, ["bomb.png"])
        path = scene.post / "bomb.mhtml"
        path.write_bytes(mhtml(MUFENG, html_bytes=page, key="bomb",
                               parts=[(MUFENG.target.rsplit("/", 1)[0] + "/bomb.png", data)]))
    elif carrier == "save-page-file":
        (scene.post / "page_files").mkdir()
        (scene.post / "page_files" / "bomb.png").write_bytes(data)
        path = scene.post / "page.html"
        path.write_bytes(with_images(MUFENG.html, ["./page_files/bomb.png"]))
    else:
        path = scene.post / "page.html"
        uri = "data:image/png;base64," + base64.b64encode(data).decode()
        path.write_bytes(with_images(MUFENG.html, [uri]))
    started = time.monotonic()
    result = cli("ingest", path, "--archive", scene.archive, "--no-fetch")
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started < 30
    reasons = [i.get("reason") or "" for i in archived_images(scene.archive)]
    assert any(r.startswith("decompression bomb refused") for r in reasons), reasons
    tally(figure, "bombs", True)


def bomb_warc(scene, encoding: str) -> Path:
    """A WARC whose article payload expands to 8 MiB of text: by gzip of the record
    (identity) or by the HTTP response's Content-Encoding (gzip, br, zstd)."""
    body = b"<html><head></head><body><p>" + b"lol " * (2 << 20)
    w = Warc("bomb.warc.gz")
    coding = encoding.removeprefix("http-") if encoding.startswith("http-") else None
    payload = {"gzip": lambda: gzip.compress(body, mtime=0),
               "br": lambda: brotli.compress(body, quality=5),
               "zstd": lambda: zstandard.ZstdCompressor().compress(body),
               None: lambda: body}[coding]()
    headers = [("Content-Type", "text/html; charset=utf-8"),
               ("Content-Length", str(len(payload)))]
    if coding:
        headers.append(("Content-Encoding", coding))
    record = w.writer.create_warc_record(
        MUFENG.target, "response", payload=io.BytesIO(payload), length=len(payload),
        http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"))
    w.writer.write_record(record)
    path = scene.post / f"bomb-{encoding}.warc.gz"
    path.write_bytes(w.getvalue())
    return path


@pytest.mark.parametrize("encoding", ["record-gzip", "http-gzip", "http-br", "http-zstd"])
def test_a_warc_payload_that_expands_past_the_limit_is_refused(encoding, scene, monkeypatch,
                                                              figure):
    monkeypatch.setattr(warc_reader, "MAX_PAYLOAD_BYTES", 1 << 20, raising=False)
    path = bomb_warc(scene, encoding)
    assert path.stat().st_size < 100_000  # small on disk, 8 MiB expanded
    result = cli("ingest", path, "--archive", scene.archive, "--no-fetch")
    assert result.exit_code == 4, result.stdout + result.stderr
    assert f"archiver: error: {path}: " in result.stderr
    assert "more than 1048576 bytes" in result.stderr
    tally(figure, "bombs", True)


def test_a_wacz_member_is_read_as_a_stream_never_whole(scene, monkeypatch, figure):
    """A zip member that expands to 64 MiB of zeros (64 kB stored) is not a WARC: refused,
    without holding the member in memory."""
    path = scene.post / "bomb.wacz"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("archive/data.warc", b"\x00" * (64 << 20))
    assert path.stat().st_size < 200_000
    read = []
    real_read = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read",
                        lambda self, name, pwd=None: read.append(name) or real_read(self, name,
                                                                                      pwd))
    result = cli("ingest", path, "--archive", scene.archive, "--no-fetch")
    assert result.exit_code == 4 and f"archiver: error: {path}: " in result.stderr
    assert read == []  # streamed, not read whole
    tally(figure, "bombs", True)


# ---------------------------------------------------------------------------------------------
# 4. entity tricks


def doctype(root: Path) -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return ('<!DOCTYPE html [<!ENTITY l0 "lol">' + lol
            + f'<!ENTITY xxe SYSTEM "file://{root}/secret.txt">'
            + f'<!ENTITY % pe SYSTEM "file://{root}/secret.txt"> %pe;]>\n').encode()


ENTITY_BODY = b"<p>laughs: &l9; and &xxe;</p>"


def entity_inputs(scene) -> dict[str, Path]:
    page = MUFENG.html
    body = page.index(b">", page.index(b'id="js_content"')) + 1
    html_page = doctype(scene.root) + page[page.index(b"<html"):body] + ENTITY_BODY + page[body:]
    paths = {}
    paths["wechat-page"] = scene.post / "laughs.html"
    paths["wechat-page"].write_bytes(html_page)
    paths["xhtml"] = scene.post / "laughs.xhtml"
    paths["xhtml"].write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n' + html_page)
    paths["markdown"] = scene.post / "laughs.md"
    paths["markdown"].write_bytes(b"---\ntitle: entities\nurl: https://mp.weixin.qq.com/s/"
                                  b"EntityTest0001\n---\n\n" + doctype(scene.root) + b"\n\n"
                                  + ENTITY_BODY + b"\n")
    paths["mhtml"] = scene.post / "laughs.mhtml"
    paths["mhtml"].write_bytes(mhtml(MUFENG, html_bytes=html_page, parts=[], key="laughs"))
    return paths


@pytest.mark.parametrize("form", ["wechat-page", "xhtml", "markdown", "mhtml"])
def test_entities_are_never_expanded_or_fetched(form, scene, figure):
    path = entity_inputs(scene)[form]
    started = time.monotonic()
    result = cli("ingest", path, "--archive", scene.archive, "--no-fetch", "--json")
    assert result.exit_code in (0, 4), result.stderr
    assert time.monotonic() - started < 30
    for name in ("record.json", "provenance.json"):
        for document in scene.archive.rglob(name):
            text = document.read_text(encoding="utf-8")
            assert SECRET_TEXT not in text
            assert "lollollollollol" not in text and len(text) < 2_000_000
    tally(figure, "entities", True)


def test_an_svg_with_entities_is_kept_as_bytes_never_parsed(scene):
    svg = (b'<?xml version="1.0"?>' + doctype(scene.root)
           + b'<svg xmlns="http://www.w3.org/2000/svg"><text>&l9;&xxe;</text></svg>')
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    path = scene.post / "svg.html"
    path.write_bytes(with_images(MUFENG.html, [uri]))
    assert cli("ingest", path, "--archive", scene.archive, "--no-fetch").exit_code == 0
    [stored] = [p for p in scene.archive.rglob("assets/*.svg")]
    assert stored.read_bytes() == svg


# ---------------------------------------------------------------------------------------------
# 5. YAML tags and alias bombs in front matter

YAML_ATTACKS = {
    "python-object-apply": "title: !!python/object/apply:os.system ['touch {marker}']",
    "python-object-new": "title: !!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "python-name": "title: !!python/name:os.system",
    "python-module": "title: !!python/module:os",
    "python-object": "title: !!python/object:archiver.config.Config {{}}",
    "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                  "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\ntitle: *g\ntags: *g",
    "binary": "title: !!binary dG91Y2g=",
}
YAML_REASONS = {"alias-bomb": "front matter tags must be a list of words",
                "binary": "front matter title must be text, not binary data"}


@pytest.mark.parametrize("attack", YAML_ATTACKS)
def test_yaml_tags_in_front_matter_are_refused_and_run_nothing(attack, scene, figure):
    marker = scene.root / "PWNED"
    path = scene.post / f"{attack}.md"
    path.write_text("---\n" + YAML_ATTACKS[attack].format(marker=marker) + "\n---\n\n正文。\n",
                    encoding="utf-8")
    started = time.monotonic()
    result = cli("ingest", path, "--archive", scene.archive, "--no-fetch")
    assert time.monotonic() - started < 10
    assert result.exit_code == 4, result.stderr
    reason = YAML_REASONS.get(attack, "front matter is not valid YAML")
    assert f"archiver: error: {path}: {reason}" in result.stderr
    assert not marker.exists()
    tally(figure, "yaml", True)


assert CONTAINERS.is_dir()


def test_a_page_variable_of_millions_of_characters_is_read_in_little_memory(figure):
    """A page whose msg_title holds a million characters (3 MB): the page variables are
    read with memory that does not grow with a string's length. Read with a repeated
    alternation, a 3-million-character title took 3.6 GB (1.2 KB a character)."""
    import tracemalloc

    from archiver.readers.wechat_html import _STR_RE

    title = "长" * 1_000_000
    data = b'var msg_title = "' + title.encode() + b'\\n\\"end";'
    tracemalloc.start()
    try:
        found = _STR_RE.search(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is not None and found.group(1) == title.encode() + b'\\n\\"end'
    assert peak < 1 << 20, peak  # the match itself: no state kept per character
    figure("page variables", f"a 3 MB string read with {peak // 1024} KiB of working memory")
