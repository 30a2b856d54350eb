"""Specification of the readers (archiver/readers/): what each finds in a saved post.

- WeChat pages (2020 and 2025 layouts): metadata from the page's own script variables, because
  the visible elements were filled by scripts that never ran (``#publish_time`` is empty or says
  "Today"): ``var ct`` → publish time in ISO 8601 with ``+08:00``, ``msg_title``, ``nickname``,
  ``user_name`` (gh_…), ``biz``/``mid``/``idx``, ``msg_link``; every value with its source.
- Error pages: kind ``deleted`` (or blocked/unavailable), no body and no field invented from
  WeChat's own page furniture.
- Image-share posts (图片分享): kind ``image-share``, body rebuilt from the page data.
- Scraper-reconstructed pages: the 来源/发布时间/原文链接 header block.
- Fragments: the body only; title and date only from a post folder's name.
- Markdown exports: front matter (safe YAML), ``<title> by <account>`` line, 原文链接 anchor,
  ``fetched`` exports whose date is not a publication date.
Expected values are the hand-checked labels of tests/fixtures/wechat/expected.json.
"""

from __future__ import annotations

import codecs
import functools
import json
import shutil
from urllib.parse import unquote

import pytest

from archiver.clean import clean
from archiver.clean.body import parse_body
from archiver.errors import MalformedInput
from archiver.readers import read

from conftest import WECHAT, labels

LABELS = {x["path"]: x for x in labels()}
PAGE_2025 = "html/wechat-article-exporter__普通图文-04.html"
IMAGE_SHARE = "html/wechat-article-exporter__图片分享-05.html"
DELETED = "html/wechat-article-exporter__作者已删除-06.html"
SHARE_CARD = "html/wechatscope__gh_afb7e3bcbae3_2020-10-07_2247505324_qcE1x5JHap.y.tar.gz.html"
PAGES_2020 = sorted(p for p in LABELS if p.startswith("html/wechatscope") and p != SHARE_CARD)
FRAGMENT = "html-fragment/gossip-newsbot__G.O.S.S.I.P 学术论文推荐 2020-07-29__source.html"
GUOZHENG = "markdown/guozhengxueren-464-kazakhstan.md"
MP_DUTY = "markdown/mp_duty__RAS通路评分预测肺癌化疗效果发Nature_Communications.md"
SCRAPED = sorted(p for p in LABELS if p.startswith("html-with-assets/") and p.endswith(".html"))


@functools.cache
def _read(path: str):
    return read(WECHAT / path)


def fields(path: str) -> dict[str, object]:
    return {k: v.value for k, v in _read(path).fields.items()}


def sources(path: str) -> dict[str, str]:
    return {k: v.source for k, v in _read(path).fields.items()}


# --- the 2025 page ----------------------------------------------------------------------------

def test_2025_page_metadata_comes_from_its_script_variables():
    got, src = fields(PAGE_2025), sources(PAGE_2025)
    assert got["title"] == "好险，就差1.5点，两手准备"
    assert src["title"] == "var msg_title"
    assert got["account"] == "波元霸" and src["account"] == "var nickname"
    assert got["account_id"] == "gh_139c40f8a7c6" and src["account_id"] == "var user_name"
    assert (got["biz"], got["mid"], got["idx"]) == ("MzIxMTgzNjE5MA==", "2247494261", "1")
    assert got["author"] == "元霸"
    assert got["url"] == "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"


def test_2025_page_publish_time_is_var_ct_in_beijing_time():
    # var ct = "1762243169"; the visible em#publish_time is empty in the saved page
    page = (WECHAT / PAGE_2025).read_text(encoding="utf-8")
    assert 'var ct = "1762243169"' in page
    got, src = fields(PAGE_2025), sources(PAGE_2025)
    assert got["published"] == "2025-11-04T15:59:29+08:00"
    assert src["published"] == "var ct"


def test_2025_page_body_keeps_its_lazy_images():
    raw = read(WECHAT / PAGE_2025)
    assert raw.kind == "article" and raw.format == "wechat-html"
    _, images, _ = parse_body(raw.body_markup)
    assert len(images) == LABELS[PAGE_2025]["images"] == 5
    assert all(i.original.startswith("https://mmbiz.qpic.cn/") for i in images)


# --- the 2020 pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES_2020)
def test_2020_page_metadata_matches_its_labels(path):
    label, got = LABELS[path], fields(path)
    assert got["title"] == label["title"]
    assert got["account"] == label["account"]
    assert got["account_id"] == label["account_id"]
    assert got["account_id"].startswith("gh_")
    assert (got["biz"], got["mid"], got["idx"]) == (label["biz"], label["mid"], label["idx"])


@pytest.mark.parametrize("path", PAGES_2020)
def test_2020_page_publish_time_is_var_ct_not_the_visible_today(path):
    page = (WECHAT / path).read_text(encoding="utf-8")
    assert 'id="publish_time" class="rich_media_meta rich_media_meta_text">Today<' in page
    got, src = fields(path), sources(path)
    assert src["published"] == "var ct"
    assert got["published"].startswith(LABELS[path]["publish_date"] + "T")
    assert got["published"].endswith("+08:00")


def test_a_2020_page_publish_time_is_exact():
    # 女律师札记: var ct = "1602212635"
    path = "html/wechatscope__gh_06140cfad959_2020-10-09_2247509609_P4k9InLHmS.y.tar.gz.html"
    assert fields(path)["published"] == "2020-10-09T11:03:55+08:00"


@pytest.mark.parametrize("path", PAGES_2020)
def test_2020_page_url_is_its_msg_link(path):
    got, src = fields(path), sources(path)
    assert src["url"] == "var msg_link"
    assert f"__biz={LABELS[path]['biz']}&mid={LABELS[path]['mid']}&idx={LABELS[path]['idx']}" \
        in got["url"]
    assert "&amp;" not in got["url"]


def test_a_source_link_is_kept_apart_from_the_posts_url():
    path = "html/wechatscope__gh_d29e0d22a6f9_2020-10-09_2651743347_80xMEgcnmI.y.tar.gz.html"
    got = fields(path)
    assert got["source_url"] == "https://www.thepaper.cn/newsDetail_forward_9494016"
    assert got["url"].startswith("http://mp.weixin.qq.com/s?__biz=MjM5MzI5NTU3MQ==")


# --- error pages ------------------------------------------------------------------------------

def test_a_deleted_post_is_kind_deleted_without_a_body():
    raw = read(WECHAT / DELETED)
    assert raw.kind == "deleted"
    assert raw.body_markup is None
    assert any("deleted by the author" in note for note in raw.notes)


def test_an_error_page_claims_no_title_account_author_date_or_summary():
    got = fields(DELETED)
    for name in ("title", "account", "account_id", "author", "published", "summary", "url"):
        assert name not in got


def test_an_error_page_invents_no_identity():
    assert fields(DELETED) == {}


# --- image-share ------------------------------------------------------------------------------

def test_an_image_share_post_is_rebuilt_from_its_page_data():
    raw = read(WECHAT / IMAGE_SHARE)
    assert raw.kind == "image-share"
    blocks, images, _ = parse_body(raw.body_markup)
    assert len(images) == LABELS[IMAGE_SHARE]["images"] == 4
    assert all(i.original.startswith("https://mmbiz.qpic.cn/") for i in images)
    text = "\n".join(b.text for b in blocks)
    assert "美国科技股和加密币相关性非常高" in text
    # the pictures first, then the text, as the page shows them (a carousel above the text)
    assert [b.type for b in blocks[:4]] == ["image"] * 4
    assert all(b.type != "image" for b in blocks[4:])


REPRINT = "html/wechatscope__gh_e1a04d0a7b17_2020-10-08_2650158082_jFCKsxAIQY.y.tar.gz.html"
SHARE_CARD = "html/wechatscope__gh_afb7e3bcbae3_2020-10-07_2247505324_qcE1x5JHap.y.tar.gz.html"


def test_a_reprint_names_the_post_it_reproduces_and_its_account():
    """经济学博士 reprints 中产先生's post ("The following article is from 中产先生", outside
    #js_content): its address from the page's source ids, its account by the name its card
    shows and its gh_ id. The share card of the same post keeps its own link (with its
    signature, sn) first; the account's gh_ id is the same."""
    got = fields(REPRINT)
    assert got["original_url"] == ("https://mp.weixin.qq.com/s?__biz=MzI3NDY1NTQyNA=="
                                   "&mid=2247499395&idx=1")
    assert (got["original_account"], got["original_account_id"]) == ("中产先生",
                                                                      "gh_3defe3adf3fd")
    card = fields(SHARE_CARD)
    assert card["original_url"].startswith("http://mp.weixin.qq.com/s?__biz=MzI3NDY1NTQyNA%3D"
                                           "%3D&mid=2247499395&idx=1&sn=4f4e67ed")
    assert card["original_account_id"] == "gh_3defe3adf3fd"
    for plain in (IMAGE_SHARE, DELETED, "html/wechat-article-exporter__普通图文-04.html"):
        assert not {"original_url", "original_account", "original_account_id"} & set(
            fields(plain))


def test_the_collection_a_page_says_the_post_is_in_is_its_tag():
    """The image-share post is in the account's 合集 "Crypto" (album_info_list and
    appmsgalbuminfo name it, once each): its tag, as an export's front matter gives it, its
    provenance the list it was read from. A page in no collection claims none."""
    assert fields(IMAGE_SHARE)["tags"] == ["Crypto"]
    assert sources(IMAGE_SHARE)["tags"] == "album_info_list title"
    assert "tags" not in fields(DELETED)
    from archiver.readers.wechat_html import _collections
    both = (b"var appmsgalbuminfo = [{album_id: '1', title: 'B'}];\n"
            b"window.album_info_list = [{title: 'A'}, {title: 'B'}, {title: 'A'}];")
    # album_info_list's, in its order, each once; the provenance names the list read
    assert _collections(both) == (["A", "B"], "album_info_list title")
    assert _collections(b"window.appmsgalbuminfo = [{album_id: '1', title: 'B'}];") == (
        ["B"], "appmsgalbuminfo title")
    assert _collections(b"window.appmsgalbuminfo = [];") is None


def test_an_image_share_posts_metadata():
    got, src = fields(IMAGE_SHARE), sources(IMAGE_SHARE)
    label = LABELS[IMAGE_SHARE]
    assert got["title"] == label["title"] == "20251218 警惕技术泡沫"
    assert got["account"] == label["account"]
    assert got["account_id"] == label["account_id"]
    assert got["biz"] == label["biz"]
    assert got["published"] == "2025-12-18T17:13:08+08:00"
    assert src["published"] == "cgiData ori_create_time"
    assert got["url"] == label["url"]


def test_an_image_share_posts_mid_is_the_posts_mid():
    assert fields(IMAGE_SHARE)["mid"] == LABELS[IMAGE_SHARE]["mid"] == "2247490415"


def test_an_image_share_posts_summary_is_plain_text():
    summary = fields(IMAGE_SHARE)["summary"]
    assert summary.startswith("分享三个观察：\n\n1、美国科技股和加密币相关性非常高。")
    for residue in ("\\x0a", "\\x26", "wx_img_refer_link", "<a ", "&lt;"):
        assert residue not in summary


# --- share card and scraper pages -------------------------------------------------------------

def test_a_share_card_reads_the_shared_article_and_links_the_original():
    raw = read(WECHAT / SHARE_CARD)
    assert raw.kind == "article-share"
    assert "国庆不想扎堆，回老家躲清静" in raw.body_markup
    assert raw.fields["original_url"].value.startswith(
        "http://mp.weixin.qq.com/s?__biz=MzI3NDY1NTQyNA%3D%3D&mid=2247499395")
    assert raw.fields["mid"].value == LABELS[SHARE_CARD]["mid"]


@pytest.mark.parametrize("path", SCRAPED)
def test_a_scraper_page_reads_its_header_block(path):
    label, got, src = LABELS[path], fields(path), sources(path)
    assert got["title"] == label["title"]
    assert got["account"] == "太阳照常升起" and src["account"] == ".article-meta 来源"
    assert got["published"] == label["publish_date"]  # a date without a time stays a date
    assert got["url"] == label["url"]
    assert got["biz"] == label["account_id"] and src["biz"] == "url query"


def test_a_served_page_takes_no_credit_from_a_header_block_quoted_in_its_article(tmp_path):
    """A page WeChat served carries its variables; an .article-meta block inside its article
    is a quoted one (a scraper's header block is on pages without them): its 作者 is not the
    post's author."""
    data = (WECHAT / PAGES_2020[0]).read_bytes()
    quoted = '<div class="article-meta"><p>作者：被引用的人</p></div>'.encode()
    at = data.index(b'id="js_content"')
    at = data.index(b">", at) + 1
    page = tmp_path / "page.html"
    page.write_bytes(data[:at] + quoted + data[at:])
    raw = read(page)
    assert "被引用的人" in raw.body_markup
    assert raw.fields["title"].source == "var msg_title"
    assert "被引用的人" not in {str(v.value) for v in raw.fields.values()}


def test_a_pages_raw_post_keeps_the_exact_bytes_and_its_folder():
    path = WECHAT / SCRAPED[0]
    raw = read(path)
    assert raw.data == path.read_bytes()
    assert raw.base_dir == path.parent
    assert raw.path == path


def test_an_html_page_without_a_wechat_body_is_malformed(tmp_path):
    head = (WECHAT / PAGE_2025).read_bytes()[:20000]
    truncated = tmp_path / "page.html"
    truncated.write_bytes(head.rsplit(b"\n", 1)[0] + b"</body></html>")
    with pytest.raises(MalformedInput, match="without a WeChat article body") as info:
        read(truncated)
    assert info.value.path == str(truncated)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_a_page_cut_short_is_malformed_not_a_shorter_post(tmp_path, keep):
    """An interrupted save must not become a new version that loses most of the post."""
    data = (WECHAT / SCRAPED[0]).read_bytes()
    cut = tmp_path / "page.html"
    cut.write_bytes(data[:int(len(data) * keep)])
    with pytest.raises(MalformedInput, match="cut short") as info:
        read(cut)
    assert info.value.path == str(cut)
    whole = tmp_path / "whole.html"
    whole.write_bytes(data + b"\n<!-- saved by a browser -->\n")
    assert read(whole).has_body


# --- fragments --------------------------------------------------------------------------------

def test_a_fragment_is_the_body_only():
    raw = read(WECHAT / FRAGMENT)
    assert (raw.format, raw.kind) == ("html-fragment", "article")
    assert raw.fields == {}
    _, images, _ = parse_body(raw.body_markup)
    assert len(images) == LABELS[FRAGMENT]["images"]
    assert "ISSTA 2020" in raw.body_markup


def test_a_fragment_with_a_generic_name_takes_title_and_date_from_its_folder(tmp_path):
    folder = tmp_path / "2020-07-29 G.O.S.S.I.P 学术论文推荐"
    folder.mkdir()
    shutil.copy(WECHAT / FRAGMENT, folder / "source.html")
    raw = read(folder / "source.html")
    assert raw.fields["title"].value == "2020-07-29 G.O.S.S.I.P 学术论文推荐"
    assert raw.fields["title"].source == "path: folder name"
    assert raw.fields["published"].value == "2020-07-29"
    assert raw.fields["published"].source == "path: date in folder name"


def test_a_fragment_with_its_own_name_takes_nothing_from_its_folder(tmp_path):
    folder = tmp_path / "2020-07-29 G.O.S.S.I.P 学术论文推荐"
    folder.mkdir()
    shutil.copy(WECHAT / FRAGMENT, folder / "issta.html")
    assert read(folder / "issta.html").fields == {}


@pytest.mark.parametrize("share", [0.30, 0.50, 0.90, 0.99])
def test_a_fragment_cut_short_is_refused_not_archived_as_a_shorter_post(tmp_path, share):
    """A fragment copied in part (cut inside its text, as at 99%: "论文PDF： https://dl", the
    cited DOI lost; or inside an image's tag, which became an image "missing: no source")
    was archived as a whole post, and as a new one (a fragment is named by its text)."""
    data = (WECHAT / FRAGMENT).read_bytes()
    cut = tmp_path / "source.html"
    cut.write_bytes(data[: int(len(data) * share)])
    with pytest.raises(MalformedInput, match="it was cut short") as info:
        read(cut)
    assert info.value.path == str(cut)


@pytest.mark.parametrize("markup", [
    "<section><p>正文一段</p><p><img data-src=\"https://mmbiz.qpic.cn/a/640\"></p>",
    "<div class=\"rich_media_content\" id=\"js_content\"><p>正文</p><div><p>二</p></div>",
], ids=["section", "div"])
def test_a_fragment_that_leaves_its_container_open_is_refused_as_cut_short(tmp_path, markup):
    fragment = tmp_path / "post.html"
    fragment.write_text(markup + "\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="leaves a <(section|div)> open: it was cut short"):
        read(fragment)


@pytest.mark.parametrize("markup", [
    '<section><p>正文 data-src</p></section>\n<!-- end -->\n<br/>\n',
    '<section data-tools="x"><p>正文 data-src</p></section>&nbsp;\u3000\u00a0\r\n',
    # a <div> in a comment, a script or an attribute opens none; one written <div/> closes
    '<section><p>正文 data-src</p><!-- <div> --><script>var a = "<div>";</script></section>',
    '<section><p title="<div>">正文 data-src</p><div/></section>',
    '<SECTION><P>正文 data-src</P></SECTION>',
], ids=["comment-and-br", "spaces", "div-in-comment-or-script", "div-in-attribute", "upper"])
def test_a_whole_fragment_is_read_however_its_end_is_written(tmp_path, markup):
    fragment = tmp_path / "post.html"
    fragment.write_text(markup, encoding="utf-8")
    assert "正文" in read(fragment).body_markup


def test_a_whole_fragment_in_utf16_with_its_byte_order_mark_is_read(tmp_path):
    """Its bytes end in ">\x00\r\x00\n\x00": a fragment is judged as the text it
    decodes to, as it is read."""
    fragment = tmp_path / "post.html"
    fragment.write_bytes(codecs.BOM_UTF16_LE + '<section data-tools="x"><p>正文一段 <img '
                         'data-src="https://mmbiz.qpic.cn/a/640"></p></section>\r\n'
                         .encode("utf-16-le"))
    assert "正文一段" in read(fragment).body_markup


@pytest.mark.parametrize("markup", [
    '<section><p>正文 data-src</p></section><!-- a <p>b</p>',
    '<section><p>正文 data-src</p><img alt="x <b>',
    '<section><p>正文 data-src</p><script>if (a < b) { x = "<p>',
    '<section><div><p>正文 data-src</p></divider></section>',
], ids=["comment", "attribute", "script", "divider"])
def test_a_fragment_cut_inside_a_comment_an_attribute_or_a_script_is_refused(tmp_path, markup):
    fragment = tmp_path / "post.html"
    fragment.write_text(markup, encoding="utf-8")
    with pytest.raises(MalformedInput, match="it was cut short"):
        read(fragment)


# --- Markdown exports -------------------------------------------------------------------------

def test_markdown_front_matter_gives_title_date_and_author():
    got, src = fields(GUOZHENG), sources(GUOZHENG)
    assert got == {"title": LABELS[GUOZHENG]["title"], "published": "2020-08-04T18:00:00+08:00",
                   "author": "国政学人"}
    assert src["published"] == "front matter date"


@pytest.mark.parametrize(("written", "author", "credits"), [
    ("[张三, 李四]", None, {"作者": ["张三", "李四"]}),
    ("\n  - 张三\n  - 李四\n  - 张三", None, {"作者": ["张三", "李四"]}),
    ("[国政学人]", "国政学人", None), ("国政学人", "国政学人", None)])
def test_front_matter_naming_several_authors_names_the_posts_authors(tmp_path, written,
                                                                     author, credits):
    """A list of people in ``author`` was joined into one name ("张三, 李四"), taken for the
    account and exported as one author; they are credited as the post's authors, and one name
    alone is still the export's author (the account where none is named)."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: t\nauthor: {written}\n---\n\n正文。\n", encoding="utf-8")
    got = read(post).fields
    assert (got["author"].value if "author" in got else None) == author
    assert (got["credits"].value if "credits" in got else None) == credits


@pytest.mark.parametrize(("written", "said"), [
    ("not a url", "front matter url 'not a url' is not a web address"),
    ("mp.weixin.qq.com/s/FrontMatter0003", "front matter url "
     "'mp.weixin.qq.com/s/FrontMatter0003' is not a web address"),
    ("httpx://mp.weixin.qq.com/s/FrontMatter0003", "is not a web address"),
    # (a list of one is Hugo's way of writing a value, and is read as that value)
    ("[https://mp.weixin.qq.com/s/FrontMatter0003, https://mp.weixin.qq.com/s/Other]",
     "front matter url must be text, not a list"),
    ("{a: 1}", "front matter url must be text, not a mapping")])
def test_a_front_matter_url_that_is_no_web_address_is_refused(tmp_path, written, said):
    """The post's address names its object and its exports: a value that is none (a word, an
    address without its scheme, a list) was passed over in silence, and the post archived
    without it."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: t\nurl: {written}\n---\n\n正文。\n", encoding="utf-8")
    with pytest.raises(MalformedInput) as info:
        read(post)
    assert said in info.value.message and info.value.path == str(post)
    if "web address" in said:
        assert "https://mp.weixin.qq.com/s/" in (info.value.hint or "")


def test_a_front_matter_source_may_name_the_account_not_an_address(tmp_path):
    """``source`` is an address only when it is one: exporters also write the account there."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\nsource: 国政学人\nurl: https://mp.weixin.qq.com/s/"
                    "FrontMatter0004\n---\n\n正文。\n", encoding="utf-8")
    assert read(post).fields["url"].value == "https://mp.weixin.qq.com/s/FrontMatter0004"


@pytest.mark.parametrize("blank", ['" "', '"\u3000"', '"\t "'])
def test_a_front_matter_title_of_spaces_alone_is_no_title(tmp_path, blank):
    """Such a post is untitled (and titled from its first heading or words), not titled " "."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: {blank}\ndate: 2024-01-01\n---\n\n# 真正的标题\n\n正文。\n",
                    encoding="utf-8")
    assert read(post).fields["title"].value == "真正的标题"


def test_a_fetched_exports_date_is_the_fetch_time_not_the_publication():
    got, src = fields(MP_DUTY), sources(MP_DUTY)
    assert "published" not in got
    assert got["fetched"] == "2022-10-26T01:54:13+00:00"
    assert "fetch time" in src["fetched"]


def test_an_exporters_html_page_gives_the_fetch_time_its_markdown_export_gives():
    """The exporter's HTML save of a post ends with the same "本文抓取时间" footer as its
    Markdown export: both saves know when the page was seen (the access date an export of
    the post gives), whichever of them is ingested first."""
    folder = WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"
    page = read(folder / "html" / "2018-01-29_大都市与小城镇——从东京的人口说起.html")
    export = read(folder / "md" / "2018-01-29_大都市与小城镇——从东京的人口说起.md")
    assert page.fields["fetched"].value == export.fields["fetched"].value \
        == "2026-03-28T15:09:48+08:00"
    assert page.fields["fetched"].source == ".article-footer 本文抓取时间"
    assert "published" in page.fields and page.fields["published"].value != \
        page.fields["fetched"].value


def test_tags_a_user_adds_to_a_fetched_export_are_kept(tmp_path):
    """The exporter writes ["fetched", account]; tags added after those are the user's."""
    text = (WECHAT / MP_DUTY).read_text(encoding="utf-8")
    assert '"生信宝库"\n]' in text
    edited = tmp_path / "post.md"
    edited.write_text(text.replace('"生信宝库"\n]', '"生信宝库",\n  "新标签"\n]'),
                      encoding="utf-8")
    assert "tags" not in fields(MP_DUTY)
    assert read(edited).fields["tags"].value == ["新标签"]


def test_a_tag_a_user_puts_before_the_account_in_a_fetched_export_stays_a_tag(tmp_path):
    """`tags: [fetched, 我的标签, 生信宝库]`: the account is the tag the '<title> by
    <account>' line names, wherever it stands; the user's tag before it is not taken for the
    account, nor dropped."""
    text = (WECHAT / MP_DUTY).read_text(encoding="utf-8")
    edited = tmp_path / "post.md"
    edited.write_text(text.replace('"fetched",', '"fetched",\n  "我的标签",', 1),
                      encoding="utf-8")
    raw = read(edited)
    assert raw.fields["account"].value == "生信宝库"
    assert raw.fields["tags"].value == ["我的标签"]


def test_a_title_by_account_line_and_an_original_link_are_metadata_not_body():
    raw = read(WECHAT / MP_DUTY)
    assert raw.fields["account"].value == "生信宝库"
    assert raw.fields["url"].value == "https://mp.weixin.qq.com/s/yys-fa3YiA9I31MPL0GLNQ"
    assert " by 生信宝库" not in raw.body_markup
    assert "原文链接" not in raw.body_markup


def test_an_export_with_lines_added_after_its_footer_is_still_the_post_at_its_address(
        tmp_path):
    """A paragraph added after mp_duty's 原文链接 footer (the user's note, or an edit of the
    export): the footer no longer ended the body, so the post had no address and was filed
    under a new id (a second object) instead of a new version of its own. The footer, which
    the exporter's template writes with a comma no page writes, is the post's address
    wherever it stands; the added lines stay in the body."""
    text = (WECHAT / MP_DUTY).read_text(encoding="utf-8")
    edited = tmp_path / "post.md"
    edited.write_text(text + "\n\n新增的一段。\n", encoding="utf-8")
    raw = read(edited)
    assert raw.fields["url"].value == "https://mp.weixin.qq.com/s/yys-fa3YiA9I31MPL0GLNQ"
    assert "footer (lines after it)" in raw.fields["url"].source
    assert "原文链接" not in raw.body_markup and "<hr" not in raw.body_markup[-200:]
    assert "<p>新增的一段。</p>" in raw.body_markup
    assert clean(raw).text.rstrip().endswith("新增的一段。")


def test_a_link_to_the_post_it_reposts_is_not_a_post_s_address_when_text_follows(tmp_path):
    """A repost names the original post with 原文链接 in its text: a plain link, or the
    exporter's footer twice (two exports pasted into one file), is no address of this post."""
    other = "https://mp.weixin.qq.com/s/AnotherPostsAddress00"
    plain = tmp_path / "plain.md"
    plain.write_text(f"---\ntitle: t\n---\n\n转载。\n\n<hr>\n<a href=\"{other}\">原文链接</a>"
                     "\n\n转载者的话。\n", encoding="utf-8")
    assert "url" not in read(plain).fields
    footer = (f'<hr>\n<a href="{other}",target="_blank" rel="noopener noreferrer">'
              "原文链接</a>")
    twice = tmp_path / "twice.md"
    twice.write_text(f"---\ntitle: t\n---\n\n一。\n{footer}\n\n二。\n{footer}\n\n三。\n",
                     encoding="utf-8")
    assert "url" not in read(twice).fields
    # the exporter's footer quoted once in a note of one's own (not its export: no "fetched"
    # tag), with a comment after it: the note is not that post, and keeps what it quotes
    note = tmp_path / "note.md"
    note.write_text(f"---\ntitle: 我的读书笔记\nauthor: 我\n---\n\n摘录：\n{footer}\n\n"
                    "我的评论。\n", encoding="utf-8")
    raw = read(note)
    assert "url" not in raw.fields and "原文链接" in raw.body_markup


@pytest.mark.parametrize("paragraphs", [1, 5000], ids=["short-body", "long-body"])
def test_a_closing_link_or_fetch_footer_is_taken_only_where_it_ends_the_body(
        tmp_path, paragraphs):
    url = "https://mp.weixin.qq.com/s/yys-fa3YiA9I31MPL0GLNQ"
    link = f'<a href="{url}">原文链接</a>'
    body = "\n\n".join(f"段落 {i}，见 {link} 和 *本文抓取时间: 2020-01-01* 之后。"
                       for i in range(paragraphs))
    linked, footed = tmp_path / "linked.md", tmp_path / "footed.md"
    linked.write_text(f"---\ntitle: t\n---\n\n{body}\n\n<hr/>{link}\n", encoding="utf-8")
    footed.write_text(f"---\ntitle: t\n---\n\n{body}\n\n---\n\n"
                      "*本文抓取时间: 2022-10-26 09:54:13*\n", encoding="utf-8")
    raw = read(linked)
    assert raw.fields["url"].value == url
    assert "<hr" not in raw.body_markup
    assert raw.body_markup.count("原文链接") == paragraphs  # the links inside the text stay
    raw = read(footed)
    assert raw.fields["fetched"].value.startswith("2022-10-26")
    assert raw.body_markup.count("本文抓取时间") == paragraphs


def _same_post(original, variant) -> None:
    a, b = read(original), read(variant)
    assert {k: v.value for k, v in a.fields.items()} == {k: v.value for k, v in b.fields.items()}
    assert clean(a).text == clean(b).text


@pytest.mark.parametrize("shown", ["{y}年{m}月{d}日 {hh:02d}:{mm:02d}", "Today", "昨天", ""])
def test_a_page_saved_without_its_scripts_keeps_the_time_they_showed(tmp_path, shown):
    """Chrome's MHTML and SingleFile drop <script>, and with them ``var ct``; the time the
    scripts wrote into #publish_time is then the page's (a relative one is none). The real
    page, its scripts removed and #publish_time filled as WeChat fills it."""
    import re
    from datetime import datetime
    original = WECHAT / "html/wechat-article-exporter__普通图文-04.html"
    published = datetime.fromisoformat(read(original).fields["published"].value)
    page = re.sub(r"<script\b.*?</script>", "", original.read_text(encoding="utf-8"), flags=re.S)
    text = shown.format(y=published.year, m=published.month, d=published.day,
                        hh=published.hour, mm=published.minute)
    page, filled = re.subn(r'(id="publish_time"[^>]*>)[^<]*<', rf"\g<1>{text}<", page)
    assert filled == 1 and "var ct" not in page
    variant = tmp_path / "page.html"
    variant.write_text(page, encoding="utf-8")
    got = read(variant).fields.get("published")
    if text and text[0].isdigit():
        assert (got.value, got.source) == (published.replace(second=0).isoformat(),
                                           "#publish_time")
    else:
        assert got is None


def test_classic_mac_line_ends_read_as_the_export_does(tmp_path):
    """CommonMark's line ends include a lone CR: the front matter must not leak into the body."""
    original = WECHAT / GUOZHENG
    variant = tmp_path / original.name
    variant.write_bytes(original.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    _same_post(original, variant)


def test_hugos_toml_front_matter_reads_as_its_yaml(tmp_path):
    """The same export with its YAML front matter written as TOML between '+++' lines."""
    original = WECHAT / MP_DUTY
    text = original.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    import tomllib

    import yaml
    meta = yaml.safe_load(front.removeprefix("---\n"))
    lines = []
    for key, value in meta.items():
        if isinstance(value, list):
            words = ", ".join(json.dumps(str(v), ensure_ascii=False) for v in value)
            lines.append(f"{key} = [{words}]")
        elif isinstance(value, bool):
            lines.append(f"{key} = {str(value).lower()}")
        elif hasattr(value, "isoformat"):
            lines.append(f"{key} = {value.isoformat()}")
        else:
            lines.append(f"{key} = {json.dumps(str(value), ensure_ascii=False)}")
    toml = "\n".join(lines)
    assert tomllib.loads(toml)
    variant = tmp_path / original.name
    variant.write_text(f"+++\n{toml}\n+++\n{body}", encoding="utf-8")
    _same_post(original, variant)


@pytest.mark.parametrize("first", ["+++ 重要通知 +++", "+++\n\n正文开头"])
def test_a_body_opening_with_plus_signs_is_no_toml_front_matter(tmp_path, first):
    post = tmp_path / "post.md"
    post.write_text(f"{first}\n\n正文 ![](https://mmbiz.qpic.cn/mmbiz_png/abc/640?wx_fmt=png)\n",
                    encoding="utf-8")
    assert "正文" in clean(read(post)).text


def test_a_toml_front_matter_never_closed_is_malformed(tmp_path):
    post = tmp_path / "post.md"
    post.write_text('+++\ntitle = "t"\n\n正文。\n', encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"'\+\+\+' on line 1 is never closed"):
        read(post)


@pytest.mark.parametrize("link", [
    "[原文链接](https://mp.weixin.qq.com/s/6XaFlt7gZ8Q_Fce9fIjlew)",
    "---\n\n[原文链接](<https://mp.weixin.qq.com/s/6XaFlt7gZ8Q_Fce9fIjlew>)"])
def test_a_trailing_markdown_original_link_is_the_posts_url(tmp_path, link):
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: t\ndate: 2024-01-01\n---\n\n正文。\n\n{link}\n",
                    encoding="utf-8")
    raw = read(post)
    assert raw.fields["url"].value == "https://mp.weixin.qq.com/s/6XaFlt7gZ8Q_Fce9fIjlew"
    assert clean(raw).text == "正文。"


@pytest.mark.parametrize("link", [
    "[原文链接](https://doi.org/10.1038/ng.3834)",
    '<hr/><a href="https://doi.org/10.1038/ng.3834">原文链接</a>'])
def test_a_trailing_original_link_to_the_paper_is_the_posts_text_and_citation(tmp_path, link):
    """A post about a paper ends with 原文链接 to the paper: its DOI is a citation, and the
    link stays in the post (it had been taken for the post's own address and dropped, the
    front matter's address kept, the DOI lost)."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\ndate: 2024-01-01\nurl: https://mp.weixin.qq.com/s/"
                    f"6XaFlt7gZ8Q_Fce9fIjlew\n---\n\n正文。\n\n{link}\n", encoding="utf-8")
    raw = read(post)
    assert raw.fields["url"].value == "https://mp.weixin.qq.com/s/6XaFlt7gZ8Q_Fce9fIjlew"
    cleaned = clean(raw)
    assert cleaned.text == "正文。\n\n原文链接"
    assert cleaned.dois == ("10.1038/ng.3834",)


def test_a_doi_in_an_images_alt_text_is_a_doi_of_the_post(tmp_path):
    """A figure credited to a paper in its alt text (as Markdown exports keep a caption): its
    DOI is the post's, to be checked, as a caption's in the text is."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\ndate: 2024-01-01\n---\n\n正文。\n\n"
                    "![图1 来源：Nat Genet 2017, doi:10.1038/ng.3834](images/1.png)\n",
                    encoding="utf-8")
    assert clean(read(post)).dois == ("10.1038/ng.3834",)


def test_tags_written_with_chinese_commas_are_several_tags(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\ntags: 国际关系，中亚、外交, IR\n---\n\n正文。\n",
                    encoding="utf-8")
    assert read(post).fields["tags"].value == ["国际关系", "中亚", "外交", "IR"]


@pytest.mark.parametrize(("written", "tags"), [
    ("2020", ["2020"]), ("[2020, 国际关系]", ["2020", "国际关系"]), ("2020-08-04", ["2020-08-04"]),
    # YAML 1.1 makes these a float, a number of minutes (sexagesimal), booleans
    ("1.10", ["1.10"]), ("12:30", ["12:30"]), ("[no, yes]", ["no", "yes"]), ("off", ["off"]),
    ("['1.10', 0x1F]", ["1.10", "0x1F"])])
def test_a_tag_yaml_reads_as_a_number_or_a_date_is_kept_as_written(tmp_path, written, tags):
    """A tag is a word whatever YAML makes of it (``1.10`` was "1.1", ``12:30`` "750",
    ``no`` "False"): kept as written, one alone as one in a list."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: t\ntags: {written}\n---\n\n正文。\n", encoding="utf-8")
    assert read(post).fields["tags"].value == tags


def dated_post(tmp_path, written: str, body: str = "正文。"):
    """A Markdown export whose front matter's date is ``written``, as written."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: t\ndate: {written}\n---\n\n{body}\n", encoding="utf-8")
    return post


@pytest.mark.parametrize(("written", "published"), [
    ("2020-08-04 10:00:00 UTC", "2020-08-04T10:00:00+00:00"),  # Ruby's Time#to_s (Jekyll)
    ("2020-08-04 10:00:00 GMT", "2020-08-04T10:00:00+00:00"),
    ("Tue, 04 Aug 2020 18:00:00 +0800", "2020-08-04T18:00:00+08:00"),  # RFC 2822 (feeds)
    ("04 Aug 2020 10:00:00 -0000", "2020-08-04T10:00:00+00:00"),  # UTC, the zone not known
    ("Tue, 04 Aug 2020 18:00:00", "2020-08-04T18:00:00+08:00"),  # no zone: Beijing's, as ever
    ("1596535200", "2020-08-04T18:00:00+08:00"),  # Unix seconds (a YAML number)
    ("'1596535200000'", "2020-08-04T18:00:00+08:00"),  # and milliseconds
    ("2020-08-04 18:00", "2020-08-04T18:00:00+08:00"),  # naive: WeChat's zone, as before
    # known only to the year or the month: kept so (ISO 8601's reduced precision), no day made up
    ("2020", "2020"), ("'2020'", "2020"), ("2020-08", "2020-08"), ("2020/8", "2020-08"),
    ("2020年", "2020"), ("2020年8月", "2020-08"),
    ("20200804", "2020-08-04"), ("'20200804'", "2020-08-04"),  # ISO 8601's basic form
])
def test_front_matter_dates_as_common_tools_write_them(tmp_path, written, published):
    post = dated_post(tmp_path, written, "![](https://mmbiz.qpic.cn/x)")
    assert read(post).fields["published"].value == published


@pytest.mark.parametrize(("written", "published"), [
    # a time as people write it: the part of the day before it, AM/PM after it
    ("2020-10-09 3:30 PM", "2020-10-09T15:30:00+08:00"),
    ("2020-10-09 3:30 p.m.", "2020-10-09T15:30:00+08:00"),
    ("2020/10/9 12:30 AM", "2020-10-09T00:30:00+08:00"),  # 12 AM is midnight
    ("2020/10/9 12:30 PM", "2020-10-09T12:30:00+08:00"),  # 12 PM noon
    ("2020年10月9日 下午3:30", "2020-10-09T15:30:00+08:00"),
    ("2020年10月9日下午3:30", "2020-10-09T15:30:00+08:00"),
    ("2020-10-09 下午 3:30", "2020-10-09T15:30:00+08:00"),
    ("2020年10月9日 下午15:30", "2020-10-09T15:30:00+08:00"),  # said twice, the same
    ("2020年10月9日 上午10:05", "2020-10-09T10:05:00+08:00"),
    ("2020年10月9日 晚上8:05", "2020-10-09T20:05:00+08:00"),
    ("2020年10月9日 凌晨12:20", "2020-10-09T00:20:00+08:00"),
    ("2020年10月9日 中午1:10", "2020-10-09T13:10:00+08:00"),
    ("2020年10月9日 中午12:10", "2020-10-09T12:10:00+08:00"),
    # 15点30分, a full-width colon, no space after 日, two spaces
    ("2020年10月9日 15点30分", "2020-10-09T15:30:00+08:00"),
    ("2020年10月9日 下午3点", "2020-10-09T15:00:00+08:00"),
    ("2020年10月9日 15：30", "2020-10-09T15:30:00+08:00"),
    ("2020年10月9日15:30", "2020-10-09T15:30:00+08:00"),
    ("2020-10-09  15:30", "2020-10-09T15:30:00+08:00"),
    ("2020-10-09 3:30 PM +00:00", "2020-10-09T15:30:00+00:00"),  # an offset still counts
    ("2020-10-09 3:30:15.123 PM", "2020-10-09T15:30:15+08:00"),
    ("2020年10月9日 傍晚6点", "2020-10-09T18:00:00+08:00"),
    ("2020年10月9日 晚上20:05", "2020-10-09T20:05:00+08:00"),
])
def test_a_time_written_on_a_12_hour_clock_or_in_chinese_is_read(tmp_path, written, published):
    post = dated_post(tmp_path, written)
    assert read(post).fields["published"].value == published


@pytest.mark.parametrize(("written", "reason"), [
    ("2020-10-09 3:30 PM", None),
    ("2020-10-09 13:30 PM", "13 is no hour of a 12-hour clock (PM)"),
    ("2020-10-09 0:30 AM", "0 is no hour of a 12-hour clock (AM)"),
    ("2020年10月9日 上午15:30", "15 o'clock is not 上午 (before noon)"),
    ("2020年10月9日 中午5:30", "5 o'clock is not 中午 (noon)"),
    ("2020年10月9日 傍晚1点", "1 o'clock is not 傍晚 (dusk)"),
    ("2020年10月9日 凌晨11点", "11 o'clock is not 凌晨 (before dawn)"),
    ("2020年10月9日 早上12:00", "12 o'clock is not 早上 (morning)"),
    # a night spans two dates: which one's 2 o'clock (the 9th's, or the 10th's) is not said
    ("2020年10月9日 晚上12:10", "晚上12点 belongs to a night that spans two dates"),
    ("2020年10月9日 夜里2点", "夜里2点 belongs to a night that spans two dates"),
    ("2020年10月9日 晚上1点", "write the time on a 24-hour clock"),
    ("2020年10月9日 夜间1:00", "夜间1点 belongs to a night that spans two dates"),
    ("2020-10-09 3:30 PM CST", "the zone is named (CST)"),  # not "not a form of date"
    ("2020年10月9日\n15:30", "not a form of date read here"),  # a line of its own
    ("2020-10-09 下午3:30 PM", "the part of the day is said twice (下午 and PM)"),
    ("2020-02-30 下午3:30", "no such day or time"),
    ("2020-10-0915:30", "not a form of date read here"),  # day and hour run together
])
def test_a_12_hour_time_that_is_no_time_says_why(tmp_path, written, reason):
    post = dated_post(tmp_path, json.dumps(written))  # (quoted, as YAML reads JSON's quotes)
    if reason is None:  # (the one read, beside them: AM/PM is no zone's name)
        assert read(post).fields["published"].value == "2020-10-09T15:30:00+08:00"
        return
    with pytest.raises(MalformedInput, match="is not a date: ") as info:
        read(post)
    assert reason in info.value.message


@pytest.mark.parametrize("written", ["<{url}>", "[{url}]({url})", "[原文]({url})"])
def test_a_header_address_written_as_a_link_is_the_post_s_address(tmp_path, written):
    """The mufeng export's `> 原文链接: URL` line after an editor's lint (markdownlint wraps a
    bare URL in <…>), or written as a link: the address was dropped, and the post, edited,
    was filed as another."""
    folder = WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"
    [export] = (folder / "md").glob("*.md")
    text = export.read_text(encoding="utf-8")
    url = read(export).fields["url"].value
    line = next(line for line in text.splitlines() if line.startswith("> 原文链接: "))
    address = line.removeprefix("> 原文链接: ")
    linted = tmp_path / export.name
    linted.write_text(text.replace(line, "> 原文链接: " + written.format(url=address)),
                      encoding="utf-8")
    assert read(linted).fields["url"].value == url


def test_a_header_or_footer_time_that_is_no_date_stays_in_the_body_as_text(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\n---\n\n> 来源: 某公众号\n> 发布时间: 昨天 下午3:30\n\n"
                    "正文。\n\n---\n\n*本文抓取时间: 刚刚*\n", encoding="utf-8")
    raw = read(post)
    assert raw.fields["account"].value == "某公众号"
    assert "published" not in raw.fields and "fetched" not in raw.fields
    assert "发布时间: 昨天 下午3:30" in raw.body_markup
    assert "本文抓取时间: 刚刚" in raw.body_markup
    assert "来源" not in raw.body_markup  # the header line that was read is still taken
    ruled = tmp_path / "ruled.md"  # the rule under the header goes with it, as ever
    ruled.write_text("---\ntitle: t\n---\n\n> 来源: 某公众号\n> 发布时间: 昨天 10:00\n\n---\n\n"
                     "正文第一段。\n", encoding="utf-8")
    raw = read(ruled)
    assert "<hr" not in raw.body_markup and "发布时间: 昨天 10:00" in raw.body_markup


def test_a_header_time_on_a_12_hour_clock_is_the_publish_time(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\n---\n\n> 发布时间: 2020年10月9日 下午3:30\n\n正文。\n",
                    encoding="utf-8")
    raw = read(post)
    assert raw.fields["published"].value == "2020-10-09T15:30:00+08:00"
    assert "发布时间" not in raw.body_markup


@pytest.mark.parametrize("written", [
    "20201304", "Tue, 32 Aug 2020 18:00:00 +0800", "0", '"²"', "'１５９６５３５２００'",
    "999", "2020-13", "2020-00", "'２０２０'",  # no year of four ASCII digits, no such month
    "'0001596535200'",  # digits that int() reads but no Unix time is written as
    "Tue, 04 Aug 2020 18:00:00 CST",  # US Central to RFC 2822, China Standard Time to others
    "Tue, 04 Aug 2020 18:00:00 +0800 later", "Mon, 04 Aug 2020 18:00:00 +0800"])
def test_a_number_or_a_date_that_is_none_is_still_no_date(tmp_path, written):
    post = dated_post(tmp_path, written, "![](https://mmbiz.qpic.cn/x)")
    with pytest.raises(MalformedInput, match="is not a date"):
        read(post)


@pytest.mark.parametrize(("written", "reason"), [
    ("Tue, 04 Aug 2020 18:00:00 CST", "the zone is named (CST), and a name is ambiguous"),
    ("2020-08-04 18:00 CST", "write its offset, e.g. +08:00"),
    ("Mon, 04 Aug 2020 18:00:00 +0800", "2020-08-04 was a Tuesday, not Mon"),
    ("Tue, 32 Aug 2020 18:00:00 +0800", "no such day"),
    ("2020-02-30 10:00", "no such day or time"),
    ("2020-13", "no month 13: a month is 1 to 12"),
    ("20200230", "no such day"),
    ("next tuesday", "not a form of date read here"),
])
def test_a_date_refused_says_why(tmp_path, written, reason):
    post = dated_post(tmp_path, written)
    with pytest.raises(MalformedInput, match="is not a date: ") as info:
        read(post)
    assert reason in info.value.message


def test_a_value_yaml_cannot_make_names_its_field_and_line(tmp_path):
    """YAML reads 2023-13-45 as a timestamp, then finds no 13th month."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\ndate: 2023-13-45\n---\n\n正文。\n", encoding="utf-8")
    with pytest.raises(MalformedInput) as info:
        read(post)
    assert info.value.message == ("front matter date '2023-13-45' (line 3) is not what it "
                                  "looks like: month must be in 1..12")


@pytest.mark.parametrize(("front", "message"), [
    ("title: [unclosed", "front matter is not valid YAML"),
    ("- a\n- b", "not a mapping"),
    ("date: not a date", "is not a date"),
    ("title: !!python/object/apply:os.system ['true']", "front matter is not valid YAML"),
    # said on one line, where it is: not YAML's own two lines and position in a string
    ("title: a\nauthor: b\x07c", r"front matter is not valid YAML \(line 3\): it holds the "
                                 r"character U\+0007, which YAML does not allow \(control "
                                 r"characters are not allowed\)$"),
])
def test_broken_front_matter_is_malformed_input(tmp_path, front, message):
    post = tmp_path / "post.md"
    post.write_text(f"---\n{front}\n---\n\n![](https://mmbiz.qpic.cn/x)\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match=message) as info:
        read(post)
    assert info.value.path == str(post)


def test_a_title_holding_a_colon_unquoted_is_refused_with_the_cure(tmp_path):
    """YAML's commonest trap: ': ' inside an unquoted value. The hint says to quote it."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 龙与熊之间: 哈萨克斯坦\n---\n\n正文。\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"\(line 2\): mapping values") as info:
        read(post)
    assert info.value.hint and info.value.hint.startswith("put the value in quotes")


def test_toml_front_matter_that_does_not_parse_names_the_files_line(tmp_path):
    post = tmp_path / "post.md"
    post.write_text('+++\ntitle = "t"\ndate = 2020-13-45\n+++\n\n正文。\n', encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"at line 3,"):
        read(post)


def test_front_matter_never_closed_is_malformed_input_not_body(tmp_path):
    # without its closing line the keys would be read as the post's first paragraph and the
    # post archived untitled, exit 0
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 标题\ndate: 2021-07-07\n\n正文。\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="never closed") as info:
        read(post)
    assert info.value.path == str(post)


def test_a_leading_rule_before_prose_is_a_rule_not_front_matter(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\n\n正文。![](https://mmbiz.qpic.cn/x)\n", encoding="utf-8")
    assert "正文。" in read(post).body_markup


def test_front_matter_may_close_at_the_end_of_the_file(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 只有元数据\n---", encoding="utf-8")  # no line break after it
    raw = read(post)
    assert raw.fields["title"].value == "只有元数据"
    assert "title:" not in raw.body_markup


@pytest.mark.parametrize("text", [
    "---\nNote: first published on our blog.\n\n正文。\n",  # not a key exporters write
    "---\n\ntitle: 正文里的一行\n\n正文。\n",  # a blank line after the rule
    "---\n\n正文。\n\n...\n\n最后一段。\n",  # '...' in a body closes nothing
    "---\nNote: prose.\n\n...\n\n正文。\n",
])
def test_a_rule_before_the_body_is_not_front_matter(tmp_path, text):
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    raw = read(post)
    assert "正文" in raw.body_markup and "front matter" not in str(raw.fields)


def test_empty_front_matter_is_no_metadata_and_no_body_text(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\n---\n正文。\n", encoding="utf-8")
    raw = read(post)
    assert "title" not in raw.fields or raw.fields["title"].source != "front matter title"
    assert "---" not in raw.body_markup and "<hr" not in raw.body_markup


def test_invalid_yaml_reports_the_line_in_the_file(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: ok\nauthor: [unclosed\n---\nbody\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"\(line \d+\)"):
        read(post)


@pytest.mark.parametrize("path", SCRAPED)
def test_an_image_reference_is_kept_as_the_page_writes_it(path):
    """Walking the page's own tree, not a re-serialisation of it: libxml2's serialiser would
    percent-encode a non-ASCII ``src`` (``../images/2018-01-29_%E5%A4%A7…``)."""
    raw = read(WECHAT / path)
    page = (WECHAT / path).read_text(encoding="utf-8")
    blocks, from_tree, _ = parse_body(raw.body_tree)
    assert from_tree and all(f'src="{image.original}"' in page for image in from_tree)
    assert any(not image.original.isascii() for image in from_tree)
    # the serialised markup gives the same body, but with the references percent-encoded
    from_markup, images, _ = parse_body(raw.body_markup)
    assert from_markup == blocks
    assert [unquote(i.original) for i in images] == [i.original for i in from_tree]
    assert images != from_tree


def test_image_share_pictures_are_the_list_items_not_their_nested_objects():
    """``picture_page_info_list`` items carry a ``cdn_url``; so do nested watermark objects
    and strings may hold brackets: only the items' own URLs count (a synthetic fragment
    of the script data of tests/fixtures/wechat/html/…图片分享-05.html)."""
    from archiver.readers.wechat_html import _picture_urls

    script = (b"picture_page_info_list: [{cdn_url: 'https://a/1\\'x', watermark: "
              b"{cdn_url: \"https://w/1\"}, title: \"[not] {a} list\"}, "
              b"{cdn_url: JsDecode(\"https://a/2\\x26y\")}], cdn_url: 'https://after'")
    assert _picture_urls(script) == ["https://a/1'x", "https://a/2&y"]
    assert _picture_urls(b"no list here") == []
