"""Make the browser-saved fixtures in tests/fixtures/browser: real Chromium saves of a real
corpus page, as a user's "Save as MHTML" makes them (Blink's MHTML serializer, which drops
every <script>: the page variables are gone, only what the scripts wrote into the page stays).

The page (tests/fixtures/wechat/html/wechat-article-exporter__普通图文-04.html, the current
WeChat layout) is served to Debian's Chromium, driven by Playwright, at its own short address
https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw; every other request (scripts, styles and
images on WeChat's servers) is refused, so nothing leaves the machine and the save holds no
images, as a save made offline does. It is saved twice, by a browser set to Beijing time and
by one set to UTC: the page's scripts write the publish time in the browser's zone.

Not byte-reproducible (Chromium writes the save's date and a random MIME boundary); run it
again only to refresh the fixtures: python tests/make_browser_snapshots.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
PAGE = HERE / "fixtures" / "wechat" / "html" / "wechat-article-exporter__普通图文-04.html"
ADDRESS = "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"
OUT = HERE / "fixtures" / "browser"
ZONES = {"shanghai": "Asia/Shanghai", "utc": "UTC"}


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
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


if __name__ == "__main__":
    main()
