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

Not byte-reproducible (the tools write the save's date, and Chromium a random MIME
boundary); run it again only to refresh the fixtures: python tests/make_browser_snapshots.py
(SingleFile's part needs Node.js and npm: npx fetches single-file-cli).
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

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


def singlefile_saves() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    address = ADDRESS.replace("https://", "http://")  # the local server speaks plain HTTP
    try:
        for name, zone in SINGLEFILE_ZONES.items():
            with tempfile.TemporaryDirectory() as work:
                saved = Path(work) / "page.html"
                subprocess.run([*SINGLEFILE, address, str(saved),
                                f"--browser-executable-path={CHROMIUM}",
                                # WeChat's host is the local server, every other host none
                                f"--browser-arg=--host-resolver-rules=MAP mp.weixin.qq.com "
                                f"127.0.0.1:{port}, MAP * ~NOTFOUND",
                                "--browser-arg=--no-sandbox"],  # (run as root here)
                               check=True, env={**os.environ, "TZ": zone})
                target = OUT / f"singlefile-save-exporter-04-{name}.html"
                shutil.copyfile(saved, target)
                print(f"{target.relative_to(HERE)}: {target.stat().st_size} bytes")
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


def main() -> None:
    chrome_saves()
    singlefile_saves()
    crawler_saves()


if __name__ == "__main__":
    main()
