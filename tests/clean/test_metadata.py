"""Specification of metadata resolution (archiver/clean/metadata.py).

- ``canonical_url``: a WeChat post URL in one canonical ``https://mp.weixin.qq.com`` form —
  ``/s/<token>``, or ``/s?__biz=…&mid=…&idx=…&sn=…`` without tracking parameters (chksm, scene,
  #rd) — whatever scheme, HTML escaping or protocol-relative form it was found in; other hosts
  unchanged; text that is not a URL gives None.
- ``url_identity``: the biz/mid/idx or the /s/ token such a URL carries.
- ``resolve_metadata``: fills in what the reader left open. A Markdown export's front-matter
  ``author`` names the account when nothing else does (not so for HTML pages, where ``author`` is
  a person); biz/mid/idx come from the URL when the page did not state them; an embedded
  profile card gives the biz only when it is the card of the post's own account.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from archiver.clean import clean
from archiver.clean.metadata import canonical_url, own_profile_biz, resolve_metadata, url_identity
from archiver.model import RawPost, Sourced
from archiver.readers import read
from archiver.record import identity_of

from conftest import WECHAT

# msg_link of the 女律师札记 2020 page, as the page writes it
LINK_2020 = ("http://mp.weixin.qq.com/s?__biz=MzIyMTY3MjMwOQ==&mid=2247509609&idx=1"
             "&sn=5d3ea037dacd4993b656ed1e4bb8f0d0&chksm=e83bc073df4c4965bf7c4bc5183bac2ecc7b9a031d"
             "2f8e9c8cdcad5bc74c866d65b5a24a2ae5#rd")
CANONICAL_2020 = ("https://mp.weixin.qq.com/s?__biz=MzIyMTY3MjMwOQ==&mid=2247509609&idx=1"
                  "&sn=5d3ea037dacd4993b656ed1e4bb8f0d0")
TOKEN_2025 = "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"
RAS = WECHAT / "markdown" / "mp_duty__RAS通路评分预测肺癌化疗效果发Nature_Communications.md"
PROFILE_CARD = re.search(r"<mp-common-profile[^>]*>", RAS.read_text(encoding="utf-8")).group(0)


# --- canonical_url ----------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    LINK_2020,
    LINK_2020.replace("&", "&amp;"),  # as written in an HTML attribute
    LINK_2020.replace("http://", "https://"),
    LINK_2020.replace("http:", ""),  # protocol-relative
    LINK_2020.replace("http://", ""),  # scheme missing
    LINK_2020.replace("#rd", "&scene=21#wechat_redirect"),
    "  " + LINK_2020 + "\n",
])
def test_a_biz_mid_idx_url_has_one_canonical_form_without_tracking_parameters(url):
    assert canonical_url(url) == CANONICAL_2020


@pytest.mark.parametrize("url", [
    TOKEN_2025,
    "http://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw",
    "https://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw?scene=21#wechat_redirect",
    "//mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw",
    "mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw",
])
def test_a_token_url_has_one_canonical_form(url):
    assert canonical_url(url) == TOKEN_2025


def test_canonical_parameters_keep_their_fixed_order():
    shuffled = ("https://mp.weixin.qq.com/s?sn=5d3ea037dacd4993b656ed1e4bb8f0d0&idx=1"
                "&mid=2247509609&__biz=MzIyMTY3MjMwOQ==")
    assert canonical_url(shuffled) == CANONICAL_2020


def test_an_encoded_biz_is_decoded():
    # the share card of 起点人文plus links the original with __biz=…%3D%3D
    url = ("http://mp.weixin.qq.com/s?__biz=MzI3NDY1NTQyNA%3D%3D&mid=2247499395&idx=1"
           "&sn=4f4e67ed539b")
    assert canonical_url(url) == ("https://mp.weixin.qq.com/s?__biz=MzI3NDY1NTQyNA==&mid="
                                  "2247499395&idx=1&sn=4f4e67ed539b")


def test_a_canonical_url_is_a_url_whatever_the_saved_post_wrote():
    # a front matter's URL with an encoded space: decoded, it was stored with a space in it
    url = ("https://mp.weixin.qq.com/s?__biz=MzA=&mid=1&idx=1&sn=abc%20def_ghi&chksm=x"
           "#wechat_redirect")
    assert canonical_url(url) == "https://mp.weixin.qq.com/s?__biz=MzA=&mid=1&idx=1&sn=abc%20def_ghi"
    assert canonical_url("https://mp.weixin.qq.com/s?__biz=MzA=&mid=1&sn=a%26b") == \
        "https://mp.weixin.qq.com/s?__biz=MzA=&mid=1&sn=a%26b"
    assert canonical_url('https://example.org/a b"><script>x</script>') == \
        "https://example.org/a%20b%22%3E%3Cscript%3Ex%3C/script%3E"
    assert canonical_url("https://例子.中国/路径?q=中") == "https://例子.中国/路径?q=中"


def test_canonical_url_is_idempotent():
    for url in (LINK_2020, TOKEN_2025, "https://www.thepaper.cn/newsDetail_forward_9494016"):
        once = canonical_url(url)
        assert canonical_url(once) == once


def test_other_hosts_are_returned_unchanged():
    url = "https://www.thepaper.cn/newsDetail_forward_9494016"  # msg_source_url of 澎湃新闻
    assert canonical_url(url) == url


def test_a_wechat_url_without_post_identity_is_returned_as_it_is():
    url = "https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzIyMTY3MjMwOQ=="
    assert canonical_url(url) == url


@pytest.mark.parametrize("text", ["", "原文链接", "javascript:;", "/images/1935/2.jpeg",
                                  "ftp://mp.weixin.qq.com/s/NJgNozEXo47KCvmRL4hDiw"])
def test_text_that_is_not_a_web_url_gives_none(text):
    assert canonical_url(text) is None


# --- url_identity -----------------------------------------------------------------------------

def test_url_identity_of_a_biz_mid_idx_url():
    assert url_identity(canonical_url(LINK_2020)) == {
        "biz": "MzIyMTY3MjMwOQ==", "mid": "2247509609", "idx": "1"}


def test_url_identity_of_a_token_url():
    assert url_identity(TOKEN_2025) == {"token": "NJgNozEXo47KCvmRL4hDiw"}


@pytest.mark.parametrize("url", [None, "", "https://www.thepaper.cn/newsDetail_forward_9494016",
                                 "https://mp.weixin.qq.com/s/short"])
def test_url_identity_is_empty_for_other_urls(url):
    assert url_identity(url) == {}


# --- resolve_metadata -------------------------------------------------------------------------

def raw(fmt: str, fields: dict[str, object], body: str | None = "<p>正文</p>") -> RawPost:
    return RawPost(path=Path("post"), format=fmt, kind="article", data=b"", body_html=body,
                   fields={k: Sourced(v, f"test {k}") for k, v in fields.items()},
                   base_dir=Path("."))


def test_a_markdown_exports_front_matter_author_is_the_account_when_none_is_given():
    meta = resolve_metadata(read(WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"), [])
    assert meta["account"].value == "国政学人"
    assert "front matter author" in meta["account"].source
    assert meta["author"].value == "国政学人"


def test_an_html_pages_author_is_a_person_not_the_account():
    meta = resolve_metadata(raw("wechat-html", {"author": "元霸"}), [])
    assert "account" not in meta
    assert meta["author"].value == "元霸"


def test_a_stated_account_is_not_replaced_by_the_author():
    meta = resolve_metadata(raw("markdown", {"author": "BioTalker", "account": "奇点肿瘤探秘"}), [])
    assert meta["account"].value == "奇点肿瘤探秘"


def test_the_url_is_made_canonical_and_its_identity_filled_in_with_its_source():
    meta = resolve_metadata(raw("markdown", {"url": LINK_2020.replace("&", "&amp;")}), [])
    assert meta["url"].value == CANONICAL_2020
    assert meta["url"].source == "test url"
    assert {k: meta[k].value for k in ("biz", "mid", "idx")} == {
        "biz": "MzIyMTY3MjMwOQ==", "mid": "2247509609", "idx": "1"}
    assert meta["mid"].source == "url"
    assert "token" not in meta


def test_identity_the_page_states_wins_over_the_url():
    meta = resolve_metadata(raw("wechat-html", {"url": LINK_2020, "idx": "2"}), [])
    assert meta["idx"].value == "2"
    assert meta["idx"].source == "test idx"


def test_a_url_that_is_not_a_url_is_dropped():
    assert "url" not in resolve_metadata(raw("markdown", {"url": "原文链接"}), [])


def test_a_mid_or_idx_that_is_not_a_number_is_dropped():
    meta = resolve_metadata(raw("wechat-html", {"mid": "mmbizwap:Monitor", "idx": "1"}), [])
    assert "mid" not in meta
    assert meta["idx"].value == "1"


@pytest.mark.parametrize("name", ["title", "author"])
def test_a_one_line_field_is_one_line_of_printable_text(name):
    # a title "第一行⏎第二行" (YAML "\\n", a page's escaped variable) would break every
    # one-line-per-post listing; a terminal escape in it would recolour the user's terminal
    meta = resolve_metadata(raw("wechat-html", {name: " 第一行\n\t第二行\x1b[31m\x00 \u2028尾 "}),
                            [])
    assert meta[name].value == "第一行 第二行[31m 尾"
    assert meta[name].source == f"test {name}"


def test_the_account_stays_as_read_so_that_a_post_keeps_its_object_id():
    # a post without WeChat ids is named by account, date and title: an account made one line
    # would move a post archived before to a new object
    for given in ("account", "author"):  # a Markdown export's author is its account
        post = raw("markdown", {given: "国政学人 \t公众号", "title": "标题",
                                "published": "2020-08-04"})
        meta = resolve_metadata(post, [])
        assert meta["account"].value == "国政学人 \t公众号"
        assert identity_of(clean(post), post).object_id == "wx:t/" + hashlib.sha256(
            "国政学人 \t公众号\n2020-08-04\n标题".encode()).hexdigest()[:24]


@pytest.mark.parametrize("fields", [
    {"author": "澎湃新闻"},  # no date
    {"author": "澎湃新闻", "published": "2020-05"},  # a month only
    {"published": "2020-05-04"},  # no account
])
def test_a_title_without_an_account_and_a_full_day_names_no_post(fields):
    """Two different posts titled 每日早报 are two objects, not versions of one; the same
    post saved twice is still one."""
    ids = []
    for body in ("周一的早报内容。", "周二的早报，完全不同的内容。", "周一的早报内容。"):
        post = raw("markdown", {**fields, "title": "每日早报"}, f"<p>{body}</p>")
        ids.append(identity_of(clean(post), post))
    assert ids[0].basis == "content" and ids[0] != ids[1] and ids[0] == ids[2]


def test_a_one_line_field_of_control_characters_alone_is_no_value():
    assert "title" not in resolve_metadata(raw("wechat-html", {"title": "\x1b\x07\n"}), [])


def test_resolve_metadata_does_not_change_the_readers_fields():
    post = raw("markdown", {"author": "国政学人", "url": LINK_2020})
    before = dict(post.fields)
    resolve_metadata(post, [])
    assert post.fields == before


# --- own_profile_biz --------------------------------------------------------------------------

def test_the_profile_card_of_the_posts_own_account_gives_its_biz():
    meta = resolve_metadata(raw("markdown", {"account": "生信宝库"}, body=PROFILE_CARD), [])
    assert meta["biz"].value == "MzI4MjY5ODI1Nw=="
    assert "own account" in meta["biz"].source


def test_the_profile_card_of_another_account_gives_nothing():
    meta = resolve_metadata(raw("markdown", {"account": "ProteintechGroup"}, body=PROFILE_CARD), [])
    assert "biz" not in meta


def test_a_card_is_not_used_when_the_biz_is_known():
    meta = resolve_metadata(raw("markdown", {"account": "生信宝库", "biz": "MjM5MzI5NTU3MQ=="},
                                body=PROFILE_CARD), [])
    assert meta["biz"].value == "MjM5MzI5NTU3MQ=="


def test_a_card_is_not_used_when_no_account_is_known():
    assert "biz" not in resolve_metadata(raw("markdown", {}, body=PROFILE_CARD), [])


def test_own_profile_biz_picks_the_matching_card_among_several():
    other = PROFILE_CARD.replace('data-id="MzI4MjY5ODI1Nw=="', 'data-id="MzI0MzA1OTQ5NQ=="') \
        .replace('data-nickname="生信宝库"', 'data-nickname="ProteintechGroup"')
    body = other + "<p>正文</p>" + PROFILE_CARD
    assert own_profile_biz(body, "生信宝库") == "MzI4MjY5ODI1Nw=="
    assert own_profile_biz(body, "ProteintechGroup") == "MzI0MzA1OTQ5NQ=="
    assert own_profile_biz(body, "国政学人") is None


def test_a_card_whose_id_is_not_a_biz_is_ignored():
    card = PROFILE_CARD.replace('data-id="MzI4MjY5ODI1Nw=="', 'data-id="x"')
    assert own_profile_biz(card, "生信宝库") is None


@pytest.mark.parametrize("path", [
    "markdown/mp_duty__RAS通路评分预测肺癌化疗效果发Nature_Communications.md",
    "markdown/mp_duty__临床预测模型经典文献合集.md",
    "markdown/mp_duty__上皮间充质转化_EMT_的调控通路及关键靶点_你都清楚了吗_.md",
])
def test_markdown_exports_with_their_own_card_get_the_labelled_biz(path):
    from conftest import labels
    label = next(x for x in labels() if x["path"] == path)
    meta = resolve_metadata(read(WECHAT / path), [])
    assert meta["biz"].value == label["account_id"]
