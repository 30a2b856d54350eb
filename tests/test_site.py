"""The offline HTML view of the archive: it opens from disk, shows images, and asks no network.

The browser test drives Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/run``)
with Playwright; every request the pages make is recorded, and anything that is not a
``file://`` URL fails the test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.cli import app

from conftest import WECHAT

EXAMPLES = Path(__file__).parents[1] / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    runner = CliRunner()
    archive = root / "archive"
    posts = [EXAMPLES, WECHAT / "html-with-assets"]
    assert runner.invoke(app, ["ingest", *map(str, posts), "--archive", str(archive),
                               "--no-fetch", "-q"]).exit_code == 0
    result = runner.invoke(app, ["export", "html", "--archive", str(archive), "-o",
                                 str(root / "site")])
    assert result.exit_code == 0, result.stderr
    return root / "site"


def test_every_post_has_a_page_linked_from_the_index(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(posts/[^"]+)"', index)
    assert len(links) == len(list((site / "posts").iterdir())) >= 6
    assert all((site / link).is_file() for link in links)
    assert "国政学人" in index


def test_pages_use_only_local_files(site):
    for page in [site / "index.html", *sorted((site / "posts").iterdir())]:
        text = page.read_text(encoding="utf-8")
        for src in re.findall(r'src="([^"]+)"', text):
            assert not re.match(r"^[a-z]+:", src), (page.name, src)
            assert (page.parent / src).resolve().is_file(), (page.name, src)
        assert "<script" not in text and "<link" not in text


def test_the_images_of_a_post_are_shown_from_the_site(site):
    pages = [p.read_text(encoding="utf-8") for p in (site / "posts").iterdir()]
    tokyo = next(p for p in pages if "大都市与小城镇" in p)
    assert len(re.findall(r'<img src="\.\./assets/[0-9a-f]{64}\.(?:jpg|png)"', tokyo)) >= 3


def test_a_posts_links_lead_where_the_post_linked(site):
    """送别一个旧时代 links earlier posts by their titles: its page links them too."""
    pages = [p.read_text(encoding="utf-8") for p in (site / "posts").iterdir()]
    mufeng = next(p for p in pages if "送别一个旧时代" in p)
    assert re.search(r'<a href="http://mp\.weixin\.qq\.com/s\?__biz=MjM5NjgyMDg4OQ==&amp;'
                     r'mid=2721267835&amp;[^"]+" rel="noopener noreferrer">'
                     r"中国监管部门曾表示希望滴滴推迟美国IPO</a>", mufeng)
    assert mufeng.count('rel="noopener noreferrer"') == 8


def test_a_link_a_record_holds_to_a_script_is_shown_as_its_text_alone():
    """A record altered by hand may hold any target: only the web's and mail's are links."""
    from archiver.export.site import _body
    record = {"images": [], "blocks": [{"type": "paragraph", "text": "click <here> now",
                                        "links": [{"text": "<here>", "start": 6, "end": 12,
                                                   "url": "javascript:alert(1)"}]}]}
    assert _body(record) == "<p>click &lt;here&gt; now</p>"


def test_html_export_needs_an_output_folder(tmp_path):
    result = CliRunner().invoke(app, ["export", "html", "--archive", str(tmp_path / "a")])
    assert result.exit_code == 2


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                              "(.ci/run installs it)")
def test_a_real_browser_shows_the_site_from_disk_with_no_network(site):
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto((site / "index.html").as_uri())
        assert "Archive" in page.title()
        page.click("text=大都市与小城镇——从东京的人口说起")
        page.wait_for_load_state("load")
        loaded = page.eval_on_selector_all(
            "img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
        assert loaded and all(loaded)
        browser.close()
    assert requested and all(url.startswith("file://") for url in requested)


def test_an_untitled_post_reads_untitled_in_the_index_as_in_list(tmp_path):
    post = tmp_path / "untitled.md"
    post.write_text("---\ndate: 2021-05-06 08:00:00\nauthor: 测试号\n---\n\n只有正文。\n",
                    encoding="utf-8")
    runner = CliRunner()
    archive = tmp_path / "archive"
    assert runner.invoke(app, ["ingest", str(post), "--archive", str(archive),
                               "--no-fetch", "-q"]).exit_code == 0
    listed = runner.invoke(app, ["list", "--archive", str(archive)]).stdout
    assert listed.rstrip().endswith("(untitled)")
    assert runner.invoke(app, ["export", "html", "--archive", str(archive), "-o",
                               str(tmp_path / "site")]).exit_code == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert ">(untitled)</a>" in index and "(article)" not in index


def test_a_folder_holding_the_site_is_no_saved_posts_to_ingest(site, tmp_path):
    """The site's pages link to the posts' addresses, as saved pages do: each says it was
    made by archiver's export, and a folder walk passes them over (400 pages were 400
    failures, exit 4)."""
    folder = tmp_path / "backup"
    shutil.copytree(site, folder / "site")
    shutil.copy(WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md", folder)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--archive",
                                      str(tmp_path / "archive"), "--no-fetch"])
    assert result.exit_code == 0, result.output
    assert "1 post(s): 1 added" in result.stderr
    assert result.stderr.count("skipped") >= 2 and "failed" not in result.stdout


def test_the_index_tells_a_post_citing_nothing_from_one_whose_citations_are_unchecked(site):
    """Before any `verify`, a post that cites nothing reads "no citations" in the index, not
    "not verified" (there is nothing to verify), and a post with citations says how many
    await a check ("1 not verified"), as it does once an edit adds some after a verify."""
    index = (site / "index.html").read_text(encoding="utf-8")
    rows = {re.sub(r"<[^>]+>", "", m.group(1)): re.sub(r"<[^>]+>", "", m.group(2))
            for m in re.finditer(r'<tr><td><a href="posts/[^"]+">([^<]*)</a></td>.*?'
                                 r"<td>\d+</td><td>(.*?)</td></tr>", index)}
    tokyo = next(status for title, status in rows.items() if "大都市与小城镇" in title)
    assert tokyo == "no citations"
    kazakhstan = next(status for title, status in rows.items() if "哈萨克斯坦" in title)
    assert kazakhstan == "1 not verified"


def test_a_post_page_lists_the_citations_no_verification_covers(site):
    """The index counts "1 not verified" for the Kazakhstan post: its page shows that
    citation, said to be unchecked, with the command that checks it."""
    index = (site / "index.html").read_text(encoding="utf-8")
    page = re.search(r'<a href="(posts/[^"]+)">[^<]*哈萨克斯坦', index).group(1)
    html = (site / page).read_text(encoding="utf-8")
    [row] = re.findall(r"<tr><td>[^<]*</td><td>not verified</td>.*?</tr>", html)
    assert "10.1093/ia/iiaa061" in row or "Vanderhill" in row, row
    assert "<code>archiver verify wx:" in row


def test_a_mismatch_shows_crossrefs_authors_as_a_person_reads_them():
    from archiver.export.site import _citations_table

    entry = {"text": "Oh SE. A title. J. 2020;1:2.", "status": "mismatch", "reason": "author",
             "fields": {"author": {"cited": "Oh, Sohae Eve", "crossref": ["oh", "vukina"],
                                   "match": False, "reason": "an added author"}}}
    table = _citations_table({"citations": [entry]}, [], "wx:x")
    assert "(cited Oh, Sohae Eve; Crossref oh, vukina)" in table
    assert "[" not in table.split("<td>", 3)[3].split("</td>")[0]


def test_a_doi_crossref_does_not_know_is_said_to_have_no_record():
    """A not-found DOI's row said "Crossref )": Crossref has no value to show, but no record."""
    from archiver.export.site import _citations_table

    entry = {"text": "doi:10.9999/does.not.exist", "status": "not_found", "reason": "no DOI",
             "fields": {"doi": {"cited": "10.9999/does.not.exist", "crossref": None,
                                "match": False}}}
    table = _citations_table({"citations": [entry]}, [], "wx:x")
    assert "(cited 10.9999/does.not.exist; Crossref has no record)" in table


def test_a_cited_works_notices_are_shown_beside_its_verdict():
    """What verify kept (its ``evidence.notices``, shaped as verify-report.schema.json says):
    a retraction stands out; a correction is said plainly."""
    from archiver.export.site import _citations_table

    entry = {"text": "Chiang C, et al. Nat Genet. 2017;49(5):692-9.", "status": "verified",
             "fields": {}, "reason": "every field agrees", "evidence": {"notices": [
                 {"relation": "updated-by", "type": "retraction", "label": "Retraction",
                  "doi": "10.1038/x1", "date": "2021-03-04", "source": "publisher"},
                 {"relation": "updated-by", "type": "correction", "doi": "10.1038/x2"},
                 {"relation": "is-preprint-of", "type": "preprint", "doi": "10.1038/x3"}]}}
    table = _citations_table({"citations": [entry]}, [], "wx:x")
    assert ('every field agrees<br><span class="bad">notice: Retraction 10.1038/x1 '
            '(2021-03-04, publisher)</span><br>notice: correction 10.1038/x2'
            '<br>notice: preprint of 10.1038/x3</td>') in table


def test_a_page_shows_each_table_with_its_header_cells_and_a_codes_language():
    """Two tables one after the other are two ``<table>``s, a header row's cells ``<th>``;
    a code block names its language as highlighters read it (``class="language-…"``)."""
    from archiver.export.site import _body

    page = _body({"images": [], "blocks": [
        {"type": "table", "text": "方法\t成本", "row": 0, "header": True},
        {"type": "table", "text": "Smart-seq2\t$10.59", "row": 1},
        {"type": "table", "text": "年份", "row": 0},
        {"type": "code", "text": "x <- 1", "language": "r"}]})
    assert re.findall(r"<table>.*?</table>", page) == [
        "<table><tr><th>方法</th><th>成本</th></tr>"
        "<tr><td>Smart-seq2</td><td>$10.59</td></tr></table>",
        "<table><tr><td>年份</td></tr></table>"]
    assert '<pre><code class="language-r">x &lt;- 1</code></pre>' in page


def test_a_nested_list_is_shown_indented_under_the_list_it_is_in():
    from archiver.export.site import _body

    page = _body({"images": [], "blocks": [
        {"type": "list", "items": ["遗传学"], "text": "遗传学"},
        {"type": "list", "items": ["Chiang C"], "text": "Chiang C", "depth": 1},
        {"type": "paragraph", "text": "（续）", "depth": 1}]})
    assert page.split("\n") == ["<ul><li>遗传学</li></ul>",
                                 '<div style="margin-left:2em"><ul><li>Chiang C</li></ul></div>',
                                 '<div style="margin-left:2em"><p>（续）</p></div>']
