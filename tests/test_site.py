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
            if src.startswith("data:image/svg+xml;base64,"):  # an SVG: in the page itself
                continue
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
    # titled "(untitled)" as list titles it, and by its first words, that two untitled
    # posts in the index are told apart
    assert ">(untitled) 只有正文。</a>" in index and "(article)" not in index


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
            for m in re.finditer(r'<tr><td(?: lang="[a-z]*")?><a href="posts/[^"]+">([^<]*)</a>'
                                 r"</td>.*?<td>\d+</td><td>(.*?)</td></tr>", index)}
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


def _page_of(site: Path, words: str) -> str:
    """The page of the post whose title holds ``words``, as the index links it."""
    index = (site / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="(posts/[^"]+)">[^<]*' + re.escape(words), index).group(1)
    return (site / link).read_text(encoding="utf-8")


def test_a_post_page_shows_the_records_fields_as_show_lists_them(site):
    """Byline, publish time, credits, column, series, address: what `archiver show` lists,
    on the page too, so that the site says what the record says of its post."""
    page = _page_of(site, "哈萨克斯坦")
    fields = dict(re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", page))
    assert fields["account"] == "国政学人"
    assert fields["column"] == "中亚研究" and fields["series"] == "第464期"
    assert fields["published"] == "2020-08-04T18:00:00+08:00"  # Beijing's: said once
    assert fields["version"] == "v1 of 1"
    assert fields["作者"] == "Rachel Vanderhill、Sandra F. Joireman、Roza Tulepbayeva"
    assert fields["校对"] == "贺凡熙" and fields["编译"] == "吴天麟"


def test_a_time_given_in_another_offset_is_shown_with_beijings_too():
    from archiver.export.site import _published

    assert _published("2021-03-04T23:30:00+00:00") == \
        "2021-03-04T23:30:00+00:00 (2021-03-05 07:30 in Beijing)"
    assert _published("2021-03-05T07:30:00+08:00") == "2021-03-05T07:30:00+08:00"
    assert _published("2018-01-29") == "2018-01-29"  # a date alone: as recorded


def test_a_post_page_lists_its_versions_and_how_to_see_an_earlier_one(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 版本\ndate: 2021-05-06 08:00:00\nauthor: 测试号\n---\n\n一。\n",
                    encoding="utf-8")
    runner, archive = CliRunner(), tmp_path / "archive"
    for body in ("一。", "二。"):
        post.write_text(post.read_text(encoding="utf-8").replace("一。", body),
                        encoding="utf-8")
        assert runner.invoke(app, ["ingest", str(post), "--archive", str(archive),
                                   "--no-fetch", "-q"]).exit_code == 0
    assert runner.invoke(app, ["export", "html", "--archive", str(archive), "-o",
                               str(tmp_path / "site")]).exit_code == 0
    page = _page_of(tmp_path / "site", "版本")
    versions = re.search(r"<h2>Versions</h2><ul>(.*?)</ul>", page).group(1)
    assert re.findall(r"<li>(v\d+):", versions) == ["v1", "v2"]
    assert versions.count("post.md</li>") == 2  # made from post.md, each
    assert "This page shows v2" in page and "--version vN</code>" in page


def test_the_index_lists_the_newest_posts_first(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    dates = [d for d in re.findall(r"</a></td><td>[^<]*</td><td>([^<]*)</td>", index)]
    dated = [d for d in dates if d]
    assert len(dated) >= 3 and dated == sorted(dated, reverse=True)
    assert dates == dated + [""] * (len(dates) - len(dated))  # the undated last


def test_a_post_whose_date_is_no_date_is_listed_with_the_undated(tmp_path, monkeypatch):
    """A front matter's ``date: unknown`` is kept as written: the index lists it with the
    undated posts, not above the newest (letters sort after digits)."""
    from types import SimpleNamespace

    import archiver.export.site as site_module

    rows = {"a": ("unknown", "a", "<tr>a</tr>"), "b": ("2020-01-01", "b", "<tr>b</tr>"),
            "c": ("", "c", "<tr>c</tr>")}
    monkeypatch.setattr(site_module, "_post_page",
                        lambda _archive, _out, object_id, _cited: rows[object_id[-1]])
    site_module._write_site(SimpleNamespace(object_ids=lambda: ["wx:a", "wx:b", "wx:c"]),
                            tmp_path, None)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert index.index("<tr>b</tr>") < index.index("<tr>a</tr>") < index.index("<tr>c</tr>")


def test_headings_are_numbered_from_h2_without_a_gap():
    from archiver.export.site import _body

    page = _body({"blocks": [{"type": "heading", "level": 2, "text": "一"},
                             {"type": "heading", "level": 4, "text": "二"},
                             {"type": "heading", "level": 2, "text": "三"}]})
    assert re.findall(r"<(h\d)>", page) == ["h2", "h3", "h2"]


def test_an_image_is_described_and_a_missing_one_says_what_the_post_referred_to():
    from archiver.export.site import _body

    record = {"images": [
        {"status": "stored", "asset": "assets/" + "a" * 64 + ".png", "width": 640},
        {"status": "stored", "asset": "assets/" + "b" * 64 + ".svg"},  # an SVG: no width
        {"status": "missing", "reason": "file not found", "original": "images/3.jpeg"}],
        "blocks": [{"type": "image", "image": 0, "text": ""},
                   {"type": "image", "image": 1, "text": "示意图"},
                   {"type": "image", "image": 2, "text": ""}]}
    sources = {"assets/" + "a" * 64 + ".png": "../assets/a.png",
               "assets/" + "b" * 64 + ".svg": "data:image/svg+xml;base64,AA=="}
    page = _body(record, sources)
    assert '<img src="../assets/a.png" alt="image 1 of the post (the post does not describe ' \
           'it)" width="640">' in page
    assert '<img src="data:image/svg+xml;base64,AA==" alt="示意图">' in page  # (no width="")
    assert "image 3 missing: file not found<br>the post's reference to it: " \
           "<code>images/3.jpeg</code>" in page
    record["images"][2].update(original="./page_files/3.jpg", address="https://mmbiz.qpic.cn/c/0")
    assert "<br>the post's reference to it: <code>./page_files/3.jpg</code><br>its web " \
           "address, given beside that copy: <code>https://mmbiz.qpic.cn/c/0</code>" \
           in _body(record, sources)


def test_a_posts_language_is_marked_where_its_script_tells_it():
    from archiver.export.site import _language

    assert _language({"title": "大都市与小城镇", "text": "这是今年的首篇。"}) == "zh"
    assert _language({"title": "A review", "text": "Deep learning 在医学中的应用"}) == ""
    assert _language({"title": "東京の人口", "text": "これは東京の人口についての話です。"}) == "ja"
    # a Chinese post quoting a Japanese title is Chinese; Korean in hangul alone is Korean
    quoting = {"title": "读《ノルウェイの森》",
               "text": "村上春树的这部小说讲的是青春与失去。"
                       "我们今天从三个方面来谈这本书的结构、语言和翻译。"}
    assert _language(quoting) == "zh"
    assert _language({"title": "서울의 인구",
                      "text": "이것은 서울의 인구에 관한 이야기입니다."}) == "ko"
    assert _language({"title": "", "text": ""}) == ""


def test_a_cited_doi_is_a_link_to_its_resolver():
    from archiver.export.site import _citations_table

    table = _citations_table({"citations": [{"text": "Vanderhill R. 2020.", "status":
                                             "verified", "doi": "10.1093/ia/iiaa061"}]}, [], "x")
    assert '<a href="https://doi.org/10.1093/ia/iiaa061" rel="noreferrer">' \
           "doi:10.1093/ia/iiaa061</a>" in table
    odd = _citations_table({"citations": [{"text": "t", "status": "verified",
                                           "doi": '10.1000/a"b<c>#d'}]}, [], "x")
    assert 'href="https://doi.org/10.1000/a%22b%3Cc%3E%23d"' in odd


# SYNTHETIC: an SVG image whose markup carries scripts (an onload and a <script>), in a page
# made for this test, to check that the site never publishes it as a file of its own
SCRIPTED_SVG = ("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)"
                "</script><rect width='5' height='5'/></svg>")


def test_an_svg_image_is_put_in_its_page_never_published_as_a_file_of_the_site(tmp_path):
    """An SVG can hold scripts: a file of the site opened by itself would run them with the
    site's origin. It is in the page as a data: address (in an <img>, no script runs), and
    the same bytes as the archive's."""
    import base64
    import html as html_module

    folder = tmp_path / "post"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "a.svg").write_text(SCRIPTED_SVG, encoding="utf-8")
    (folder / "post.md").write_text("---\ntitle: 图\ndate: 2021-05-06 08:00:00\nauthor: 号\n"
                                    "---\n\n![](images/a.svg)\n", encoding="utf-8")
    runner, archive, out = CliRunner(), tmp_path / "archive", tmp_path / "site"
    assert runner.invoke(app, ["ingest", str(folder / "post.md"), "--archive", str(archive),
                               "--no-fetch", "-q"]).exit_code == 0
    assert runner.invoke(app, ["export", "html", "--archive", str(archive), "-o",
                               str(out)]).exit_code == 0
    assert not list((out / "assets").iterdir())
    page = _page_of(out, "图")
    [src] = re.findall(r'<img src="([^"]+)"', page)
    prefix = "data:image/svg+xml;base64,"
    assert src.startswith(prefix)
    assert base64.b64decode(html_module.unescape(src)[len(prefix):]) == SCRIPTED_SVG.encode()


def test_a_refresh_keeps_the_files_put_in_the_sites_own_folders_and_says_so(site, tmp_path):
    """Only the pages and images the export names its own way are replaced: a note in posts/,
    a logo in assets/, are carried over, and the command says which."""
    out = tmp_path / "site"
    shutil.copytree(site, out)
    (out / "posts" / "my-annotation.html").write_text("note", encoding="utf-8")
    (out / "assets" / "logo.png").write_bytes(b"logo")
    archive = site.parent / "archive"
    result = CliRunner().invoke(app, ["export", "html", "--archive", str(archive), "-o",
                                      str(out)])
    assert result.exit_code == 0, result.stderr
    assert (out / "posts" / "my-annotation.html").read_text(encoding="utf-8") == "note"
    assert (out / "assets" / "logo.png").read_bytes() == b"logo"
    assert "kept 2 file(s) of your own in the site's folders: assets/logo.png, " \
           "posts/my-annotation.html" in result.stderr
    assert sorted(p.name for p in (out / "posts").iterdir()) == \
        sorted([*(p.name for p in (site / "posts").iterdir()), "my-annotation.html"])


def test_a_folder_only_looking_like_a_site_is_refused_and_left_as_it_was(site, tmp_path):
    """An index.html saying "Archive" and a posts/ folder do not make a site of the export's:
    only its mark (or, in a site written before the mark, the generator its index names)."""
    blog = tmp_path / "blog"
    (blog / "posts").mkdir(parents=True)
    (blog / "index.html").write_text("<html><body><h1>Archive</h1></body></html>",
                                     encoding="utf-8")
    (blog / "posts" / "2019-trip.html").write_text("diary", encoding="utf-8")
    before = sorted((p.relative_to(blog), p.read_bytes()) for p in blog.rglob("*")
                    if p.is_file())
    result = CliRunner().invoke(app, ["export", "html", "--archive", str(site.parent / "archive"),
                                      "-o", str(blog)])
    assert result.exit_code == 2
    assert "no site an html export wrote" in result.stderr
    assert sorted((p.relative_to(blog), p.read_bytes()) for p in blog.rglob("*")
                  if p.is_file()) == before
    old = tmp_path / "old"  # a site of an archiver from before the mark: its generator
    shutil.copytree(site, old)
    (old / ".archiver-site").unlink()
    assert CliRunner().invoke(app, ["export", "html", "--archive", str(site.parent / "archive"),
                                    "-o", str(old)]).exit_code == 0


def test_a_mount_point_is_refused_with_the_folder_to_give_instead(site, tmp_path, monkeypatch):
    """A disk's own folder (a USB stick's /media/usb) cannot be renamed aside: said before
    anything is written, with a folder inside it to give."""
    import os

    stick = tmp_path / "usb"
    stick.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: str(p) == str(stick) or real(p))
    result = CliRunner().invoke(app, ["export", "html", "--archive", str(site.parent / "archive"),
                                      "-o", str(stick)])
    assert result.exit_code == 2
    assert "this is a mount point" in result.stderr
    assert f"give a folder inside it, e.g. -o {stick / 'site'}" in result.stderr
    assert list(stick.iterdir()) == []
