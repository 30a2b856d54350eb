"""Make the browser-saved fixtures in tests/fixtures/browser: real saves of a real corpus page
by real tools, as users make them.

The page (tests/fixtures/wechat/html/wechat-article-exporter__普通图文-04.html, the current
WeChat layout) is served at its own short address, mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw;
every other request (scripts, styles and images on WeChat's servers) is refused, so nothing
leaves the machine and the saves hold no images, as a save made offline does. The page's
scripts write the publish time in the browser's zone, so each tool saves it from browsers
set to several zones.

- Chrome's "Save as MHTML" (Blink's MHTML serializer, ``Page.captureSnapshot``, which drops
  every <script>): Debian's Chromium driven by Playwright, the page given to it by
  Playwright's request routing. Beijing time and UTC.
- SingleFile (single-file-cli 2.0.83 from npm, its default options: scripts blocked and
  removed, HTML compressed): Chromium told to find mp.weixin.qq.com at a local HTTP server
  and no other host at all (``--host-resolver-rules``). Beijing time, New York and UTC.
- SingleFile (default options, and ``--block-images``) of the scraper page
  html-with-assets/mufeng__2021-07-07_送别一个旧时代, served at its long address with its real
  image at the page's relative path (``../images/…/img_002.jpg``), so the save holds the
  image's real bytes.
- SingleFile's self-extracting ZIP (``--compress-content``: an HTML prelude with the page and
  its resources as entries of ZIP data behind it), the same way: of this page (Beijing time),
  of it into a root folder (``--create-root-directory``), with a password (``--password``)
  and with a screenshot (``--embed-screenshot``: the file is a PNG image too, the prelude in
  a text chunk); and of the mufeng page, whose ZIP holds the image as an entry of its own.
- SingleFile's plain ZIP (``--compress-content --self-extracting-archive=false``) of the
  mufeng page, with and without ``--create-root-directory``.

Not byte-reproducible (the tools write the save's date, and Chromium a random MIME
boundary); run it again only to refresh the fixtures: python tests/make_browser_snapshots.py
[GROUP...] (groups: chrome, singlefile, mufeng, compressed, plainzip, crawler; all when none
is named;
SingleFile's part needs Node.js and npm: npx fetches single-file-cli). Tests pin the save
dates of the fixtures they read: refresh only the group you mean to.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
PAGE = HERE / "fixtures" / "wechat" / "html" / "wechat-article-exporter__普通图文-04.html"
ADDRESS = "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"
OUT = HERE / "fixtures" / "browser"
ZONES = {"shanghai": "Asia/Shanghai", "utc": "UTC"}
SINGLEFILE_ZONES = {"shanghai": "Asia/Shanghai", "new-york": "America/New_York", "utc": "UTC"}
SINGLEFILE = ["npx", "--yes", "single-file-cli@2.0.83"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chrome_saves() -> None:
    chromium = CHROMIUM
    body = PAGE.read_bytes()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium)
        for name, zone in ZONES.items():
            context = browser.new_context(timezone_id=zone)
            page = context.new_page()

            def serve(route, request) -> None:
                if request.url == ADDRESS:
                    route.fulfill(status=200, body=body,
                                  headers={"Content-Type": "text/html; charset=utf-8"})
                else:
                    route.abort()

            page.route("**/*", serve)
            page.goto(ADDRESS, wait_until="load")
            page.wait_for_timeout(1000)  # the inline scripts fill in the page
            session = context.new_cdp_session(page)
            data = session.send("Page.captureSnapshot", {"format": "mhtml"})["data"]
            target = OUT / f"chrome-save-exporter-04-{name}.mhtml"
            target.write_bytes(data.encode("utf-8"))
            print(f"{target.relative_to(HERE)}: {len(data)} characters")
            context.close()
        browser.close()


def _serve_page(handler: http.server.BaseHTTPRequestHandler, path: str) -> None:
    """Answer with the page when ``handler`` was asked for ``path``, else 404."""
    if handler.path != path:
        handler.send_error(404)
        return
    body = PAGE.read_bytes()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class _Page(http.server.BaseHTTPRequestHandler):
    """Serves the page at its short address, and nothing else."""

    def do_GET(self) -> None:  # the name http.server calls
        _serve_page(self, "/" + ADDRESS.split("/", 3)[3])

    def log_message(self, *args: object) -> None:
        pass


class _Proxy(_Page):
    """An HTTP proxy that knows one page, the post at its short address, and nothing else."""

    def do_GET(self) -> None:
        _serve_page(self, ADDRESS.replace("https://", "http://"))


def _singlefile(port: int, address: str, target: Path, zone: str, *options: str) -> None:
    """single-file-cli's save of ``address`` (served by the local server on ``port``, every
    other host refused) as ``target``, the browser's clock in ``zone``."""
    with tempfile.TemporaryDirectory() as work:
        saved = Path(work) / "page.html"
        for _attempt in range(3):
            subprocess.run([*SINGLEFILE, address, str(saved),
                            f"--browser-executable-path={CHROMIUM}",
                            # WeChat's host is the local server, every other host none
                            f"--browser-arg=--host-resolver-rules=MAP mp.weixin.qq.com "
                            f"127.0.0.1:{port}, MAP * ~NOTFOUND",
                            "--browser-arg=--no-sandbox",  # (run as root here)
                            *options],
                           check=True, env={**os.environ, "TZ": zone})
            # now and then it says "Execution context not found for SingleFile world",
            # exits 0 and writes nothing: the same save again works
            if saved.exists():
                break
        shutil.copyfile(saved, target)
    print(f"{target.relative_to(HERE)}: {target.stat().st_size} bytes")


def singlefile_saves() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    address = ADDRESS.replace("https://", "http://")  # the local server speaks plain HTTP
    try:
        for name, zone in SINGLEFILE_ZONES.items():
            _singlefile(port, address, OUT / f"singlefile-save-exporter-04-{name}.html", zone)
    finally:
        server.shutdown()


MUFENG = (HERE / "fixtures" / "wechat" / "html-with-assets" / "mufeng__2021-07-07_送别一个旧时代")
MUFENG_PAGE = MUFENG / "html" / "2021-07-07_送别一个旧时代.html"
# the post's long address, as its 原文链接 gives it (without the #wechat_redirect fragment)
MUFENG_ADDRESS = ("http://mp.weixin.qq.com/s?__biz=MzI0ODE5NDU5Mw==&mid=2649550139&idx=1"
                  "&sn=eb4cae5068b6c84434565d6fa48cc651&chksm=f1bc3e75c6cbb763f187c1e86b8539abc"
                  "644eb5a3f8d9e95437d76c5f4d09bee04ae5ebbc606&scene=21")


class _Mufeng(http.server.BaseHTTPRequestHandler):
    """Serves the mufeng page at its long address and the images beside it where its
    relative ``src`` (``../images/<stem>/img_NNN.jpg``) points from there, nothing else."""

    def do_GET(self) -> None:  # the name http.server calls
        path = unquote(self.path)
        if path == "/" + MUFENG_ADDRESS.split("/", 3)[3]:
            body, kind = MUFENG_PAGE.read_bytes(), "text/html; charset=utf-8"
        elif path.startswith("/images/") and ".." not in path and \
                (MUFENG / path.lstrip("/")).is_file():
            body, kind = (MUFENG / path.lstrip("/")).read_bytes(), "image/jpeg"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _serving_mufeng() -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Mufeng)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def mufeng_saves() -> None:
    """single-file-cli's default save of the mufeng page (its image grouped in a CSS
    variable), and with ``--block-images``."""
    server = _serving_mufeng()
    try:
        port, zone = server.server_address[1], SINGLEFILE_ZONES["shanghai"]
        _singlefile(port, MUFENG_ADDRESS, OUT / "singlefile-save-mufeng-2021-07-07.html", zone)
        _singlefile(port, MUFENG_ADDRESS,
                    OUT / "singlefile-save-mufeng-2021-07-07-blocked-images.html", zone,
                    "--block-images")
    finally:
        server.shutdown()


def compressed_saves() -> None:
    """SingleFile's self-extracting ZIP (``--compress-content``) of the exporter page
    (plain, into a root folder, with a password, with a screenshot) and of the mufeng page
    with its image."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = ADDRESS.replace("https://", "http://")
    try:
        port = server.server_address[1]
        zone = SINGLEFILE_ZONES["shanghai"]
        _singlefile(port, address, OUT / "singlefile-zip-exporter-04-shanghai.html", zone,
                    "--compress-content")
        _singlefile(port, address, OUT / "singlefile-zip-root-directory-exporter-04.html",
                    zone, "--compress-content", "--create-root-directory")
        _singlefile(port, address, OUT / "singlefile-zip-password-exporter-04.html", zone,
                    "--compress-content", "--password=archiver")
        _singlefile(port, address, OUT / "singlefile-zip-screenshot-exporter-04.html", zone,
                    "--compress-content", "--embed-screenshot")
    finally:
        server.shutdown()
    server = _serving_mufeng()
    try:
        _singlefile(server.server_address[1], MUFENG_ADDRESS,
                    OUT / "singlefile-zip-mufeng-2021-07-07.html", SINGLEFILE_ZONES["shanghai"],
                    "--compress-content")
    finally:
        server.shutdown()


def plain_zip_saves() -> None:
    """SingleFile's plain ZIP (``--compress-content --self-extracting-archive=false``: the
    ZIP alone, no HTML prelude) of the mufeng page with its image, plainly and into a root
    folder."""
    server = _serving_mufeng()
    try:
        port, zone = server.server_address[1], SINGLEFILE_ZONES["shanghai"]
        for name, options in (("", ()), ("-root-directory", ("--create-root-directory",))):
            _singlefile(port, MUFENG_ADDRESS,
                        OUT / f"singlefile-plain-zip{name}-mufeng-2021-07-07.zip", zone,
                        "--compress-content", "--self-extracting-archive=false", *options)
    finally:
        server.shutdown()


def crawler_saves() -> None:
    """GNU Wget's WARC of the page (through a local proxy that serves only it), packed into
    a WACZ by py-wacz (``pip install wacz``)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory() as work:
            subprocess.run(["wget", "--quiet", "--warc-file=" + str(Path(work) / "wget"),
                            "--no-warc-keep-log", "--output-document=/dev/null",
                            ADDRESS.replace("https://", "http://")],
                           check=True, env={**os.environ, "http_proxy": proxy})
            target = OUT / "wget-wacz-exporter-04.wacz"
            subprocess.run(["wacz", "create", "--output", str(target),
                            str(Path(work) / "wget.warc.gz")], check=True)
            print(f"{target.relative_to(HERE)}: {target.stat().st_size} bytes")
    finally:
        server.shutdown()


GROUPS = {"chrome": chrome_saves, "singlefile": singlefile_saves, "mufeng": mufeng_saves,
          "compressed": compressed_saves, "plainzip": plain_zip_saves,
          "crawler": crawler_saves}


def main(groups: list[str]) -> None:
    for group in groups or list(GROUPS):
        GROUPS[group]()


if __name__ == "__main__":
    main(sys.argv[1:])
