"""Specification: Markdown saved by tools other than the corpus's exporters reads as the post.

Each fixture is written here as the tool named in its test writes a clipped WeChat post, from
the real corpus post 大都市与小城镇——从东京的人口说起 (太阳照常升起, 2018-01-29; its Markdown and
images under tests/fixtures/wechat/html-with-assets/). What a person reads in the file (title,
account, author, date, address, tags, summary, every image) is what the record says.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from archiver.config import load_config
from archiver.errors import MalformedInput
from archiver.pipeline import prepare_all

from conftest import WECHAT

POST = WECHAT / "html-with-assets" / "mufeng__2018-01-29_大都市与小城镇——从东京的人口说起"
TITLE = "大都市与小城镇——从东京的人口说起"
URL = ("http://mp.weixin.qq.com/s?__biz=MzI0ODE5NDU5Mw==&mid=2649548840&idx=1"
       "&sn=e909cb2ab2cb582074c2d1a8cf7a7906")
HTTPS_URL = URL.replace("http://", "https://", 1)  # as the record keeps a WeChat address
IMAGES = sorted((POST / "images").glob("*/*.jpg"))
PARAGRAPH = "这是今年的首篇。"


@pytest.fixture
def config(tmp_path: Path):
    return load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)


def record_of(path: Path, config) -> dict:
    prepared = prepare_all(path, config)
    assert len(prepared) == 1, prepared
    return prepared[0].record


def test_an_obsidian_web_clip_names_its_author_published_date_and_description(tmp_path,
                                                                              config):
    """Obsidian Web Clipper's default template: ``author`` a list of links to notes
    (``"[[name]]"``), the publish date as ``published`` (``created`` is the clipping's day),
    the page's description as ``description``. The brackets are no part of the name."""
    post = tmp_path / "clip.md"
    post.write_text(f'---\ntitle: "{TITLE}"\nsource: "{URL}"\nauthor:\n  - "[[太阳照常升起]]"\n'
                    f'published: 2018-01-29\ncreated: 2024-05-02\ndescription: "{PARAGRAPH}"\n'
                    f'tags:\n  - "clippings"\n---\n\n{PARAGRAPH}\n', encoding="utf-8")
    record = record_of(post, config)
    assert record["account"]["name"] == "太阳照常升起"
    assert record["author"] == "太阳照常升起"
    assert record["published"] == "2018-01-29"
    assert record["summary"] == PARAGRAPH
    assert record["tags"] == ["clippings"]


def test_a_link_to_a_note_with_a_shown_name_is_that_name(tmp_path, config):
    post = tmp_path / "clip.md"
    post.write_text(f'---\ntitle: "{TITLE}"\nsource: "{URL}"\nauthor:\n'
                    '  - "[[People/Mufeng|木风]]"\n  - "[[太阳照常升起]]"\n---\n\n'
                    f"{PARAGRAPH}\n", encoding="utf-8")
    assert record_of(post, config)["credits"] == {"作者": ["木风", "太阳照常升起"]}


def obsidian_note(folder: Path, embeds: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    note = folder / f"{TITLE}.md"
    body = "\n\n".join([PARAGRAPH, *embeds])
    note.write_text(f'---\ntitle: "{TITLE}"\nsource: "{URL}"\n---\n\n{body}\n', encoding="utf-8")
    return note


def test_obsidian_image_embeds_are_the_images_in_the_vaults_attachment_folder(tmp_path,
                                                                              config):
    """Obsidian embeds a downloaded image by its name, ``![[img 0 东京.png]]`` (a width after
    ``|``), wherever the vault keeps attachments: here a folder under the note's, and one at
    the vault's top beside the note's folder. Every such image was lost."""
    vault = tmp_path / "vault"
    (vault / "Clippings" / "attachments").mkdir(parents=True)
    (vault / "Attachments").mkdir()
    shutil.copy(IMAGES[0], vault / "Clippings" / "attachments" / "img 0 东京.png")
    shutil.copy(IMAGES[1], vault / "Attachments" / "Pasted image 20240502101112.png")
    note = obsidian_note(vault / "Clippings", [
        "![[img 0 东京.png]]", "![[Pasted image 20240502101112.png|300]]",
        "![[Attachments/Pasted image 20240502101112.png|城市人口]]"])
    images = record_of(note, config)["images"]
    assert [(i["status"], i["original"]) for i in images] == [
        ("stored", "attachments/img 0 东京.png"),
        ("stored", "../Attachments/Pasted image 20240502101112.png"),
        ("stored", "../Attachments/Pasted image 20240502101112.png")]  # a vault path
    assert len({i["sha256"] for i in images}) == 2


def test_an_embed_finds_an_attachment_whose_name_a_mac_stored_decomposed(tmp_path, config):
    """A vault copied from a Mac (HFS+ kept names decomposed, NFD) to a disk that keeps names
    as they are: the note embeds ``東京 データ.png`` composed, the disk holds it decomposed."""
    vault = tmp_path / "vault"
    (vault / "Attachments").mkdir(parents=True)
    on_disk = unicodedata.normalize("NFD", "東京 データ.png")
    assert on_disk != "東京 データ.png"
    shutil.copy(IMAGES[0], vault / "Attachments" / on_disk)
    note = obsidian_note(vault / "Clippings", ["![[東京 データ.png]]"])
    [image] = record_of(note, config)["images"]
    assert (image["status"], image["original"]) == ("stored", f"../Attachments/{on_disk}")


def test_an_embed_names_the_file_spelt_as_it_is_before_one_that_only_composes_alike(
        tmp_path, config):
    """Two files a disk that keeps names as they are may hold side by side: ``café.png``
    composed and decomposed. The embed's own spelling is the file it names."""
    vault = tmp_path / "vault"
    (vault / "Attachments").mkdir(parents=True)
    shutil.copy(IMAGES[0], vault / "Attachments" / unicodedata.normalize("NFD", "café.png"))
    shutil.copy(IMAGES[1], vault / "Attachments" / "café.png")
    note = obsidian_note(vault / "Clippings", ["![[café.png]]"])
    [image] = record_of(note, config)["images"]
    assert image["original"] == "../Attachments/café.png"
    assert image["sha256"] == hashlib.sha256(IMAGES[1].read_bytes()).hexdigest()


def test_an_embed_names_a_file_whose_name_holds_a_percent_sign_as_it_is(tmp_path, config):
    """An embed names a file, not a URL: ``photo%201.png`` is that file (it was looked for
    as ``photo 1.png``, decoded as an <img src> is), written as a reference that says so."""
    vault = tmp_path / "vault"
    (vault / "Clippings" / "attachments").mkdir(parents=True)
    shutil.copy(IMAGES[0], vault / "Clippings" / "attachments" / "photo%201.png")
    shutil.copy(IMAGES[1], vault / "Clippings" / "attachments" / "photo 1.png")
    note = obsidian_note(vault / "Clippings", ["![[photo%201.png]]"])
    [image] = record_of(note, config)["images"]
    assert (image["status"], image["original"]) == ("stored", "attachments/photo%25201.png")
    assert image["sha256"] == hashlib.sha256(IMAGES[0].read_bytes()).hexdigest()


def test_an_embed_of_a_name_with_a_percent_sign_starting_no_escape_is_recorded_as_before(
        tmp_path, config):
    """``100%.png`` holds no escape a URL's reader would decode: its reference is the name,
    as written, as records made before keep it (no new version for an unchanged note)."""
    vault = tmp_path / "vault"
    (vault / "Clippings").mkdir(parents=True)
    shutil.copy(IMAGES[0], vault / "Clippings" / "100%.png")
    note = obsidian_note(vault / "Clippings", ["![[100%.png]]"])
    [image] = record_of(note, config)["images"]
    assert (image["status"], image["original"]) == ("stored", "100%.png")


def test_an_embed_whose_file_is_not_there_is_an_image_missing(tmp_path, config):
    note = obsidian_note(tmp_path / "vault" / "Clippings", ["![[gone.png]]"])
    [image] = record_of(note, config)["images"]
    assert (image["status"], image["original"]) == ("missing", "gone.png")


def test_an_embedded_note_or_an_embed_quoted_as_code_is_no_image(tmp_path, config):
    note = obsidian_note(tmp_path / "vault" / "Clippings",
                         ["![[Another note]]", "`![[img.png]]`"])
    record = record_of(note, config)
    assert record["images"] == []
    assert "![[Another note]]" in record["text"] and "![[img.png]]" in record["text"]


def test_an_image_after_an_unfinished_opener_on_its_line_is_still_the_image(tmp_path, config):
    """Where an embed or a spaced path ends is looked for once a line, not from each opener
    again: an image written after an opener that never closes, and one in a later paragraph,
    are each still found; an embed broken over two lines is no image. The opener's text stays
    text (``![注 ![图片](东京 图 0.jpg)`` made ``注 ![图片`` the image's text: brackets in it
    are balanced, as CommonMark has a link's)."""
    folder = tmp_path / "vault" / "Clippings"
    folder.mkdir(parents=True)
    shutil.copy(IMAGES[0], folder / "东京 图 0.jpg")
    shutil.copy(IMAGES[1], folder / "img.png")
    note = obsidian_note(folder, ["![[ 见 ![[img.png]] 与 ![注 ![图片](东京 图 0.jpg)",
                                  "![图片](东京 图 0.jpg) ![[img.png|图]]",
                                  "![[img.png\n]]"])
    record = record_of(note, config)
    assert [(i["status"], i["original"]) for i in record["images"]] == [
        ("stored", "img.png"), ("stored", "东京 图 0.jpg"),
        ("stored", "东京 图 0.jpg"), ("stored", "img.png")]
    assert "![[ 见" in record["text"] and "![注" in record["text"]
    assert record["text"].endswith("![[img.png ]]")  # (a line break in a paragraph: a space)


NOTION_PAGE = f"{TITLE} 3f2a9c0e1b7d4e5f8a6b2c1d0e9f8a7b"


def notion_export(tmp_path: Path, properties: str) -> Path:
    """Notion's "Markdown & CSV" export of a clipped page: the title as ``# heading``, the
    page's properties as ``Key: value`` lines, its images in a folder named as the page
    (title and id) with the links percent-encoded."""
    (tmp_path / NOTION_PAGE).mkdir()
    shutil.copy(IMAGES[0], tmp_path / NOTION_PAGE / "Untitled 1.png")
    page = tmp_path / f"{NOTION_PAGE}.md"
    page.write_text(f"# {TITLE}\n\n{properties}\n{PARAGRAPH}\n\n"
                    f"![Untitled]({quote(NOTION_PAGE)}/Untitled%201.png)\n", encoding="utf-8")
    return page


def test_a_notion_export_gives_its_properties_as_the_posts_fields(tmp_path, config):
    """The property lines were the post's first paragraph ("Author: 太阳照常升起 Created: …"),
    and its address, author and tags were lost."""
    page = notion_export(tmp_path, f"Author: 太阳照常升起\nCreated: May 2, 2024 10:11 AM\n"
                                   f"Tags: 城市化, 人口\nURL: {URL}\n")
    record = record_of(page, config)
    assert record["title"] == TITLE
    assert record["url"] == URL.replace("http:", "https:")
    assert record["author"] == "太阳照常升起"
    assert record["tags"] == ["城市化", "人口"]
    assert record["published"] is None  # Created is when the page was clipped
    assert record["text"].startswith(PARAGRAPH)
    assert [i["status"] for i in record["images"]] == ["stored"]


def test_a_notion_date_property_is_the_publish_date(tmp_path, config):
    page = notion_export(tmp_path, f"Published: January 29, 2018 8:30 AM\nURL: {URL}\n")
    assert record_of(page, config)["published"] == "2018-01-29T08:30:00+08:00"


def test_a_first_line_written_as_key_and_value_is_still_the_body(tmp_path, config):
    page = notion_export(tmp_path, f"注意: 本文转载自{URL}\n")
    record = record_of(page, config)
    assert record["text"].startswith("注意: 本文转载自")
    assert record["tags"] == [] and record["author"] is None


SIMPREAD = (f"> 本文由 [简悦 SimpRead](http://ksria.com/simpread/) 转码， 原文地址 "
            f"[mp.weixin.qq.com]({URL})\n\n")


@pytest.mark.parametrize("written", [SIMPREAD + f"# {TITLE}\n\n", f"# {TITLE}\n\n" + SIMPREAD],
                         ids=["line-first", "title-first"])
def test_simpreads_line_gives_the_posts_address_and_is_no_body(tmp_path, config, written):
    """SimpRead (简悦) writes where it read the page in a quoted line at the top; the address
    was lost and the line was the post's first paragraph."""
    post = tmp_path / "post.md"
    post.write_text(f"{written}{PARAGRAPH}\n", encoding="utf-8")
    record = record_of(post, config)
    assert record["url"] == URL.replace("http:", "https:")
    assert record["title"] == TITLE
    assert record["text"] == PARAGRAPH


def test_markdownloads_excerpt_is_the_summary_not_the_body(tmp_path, config):
    """MarkDownload's default template: front matter ``created`` (when the page was clipped,
    with the browser's UTC offset), ``tags``, ``source``, ``author``; the title as a heading,
    then the page's description quoted under ``## Excerpt`` and a rule. The excerpt was the
    post's first block, its first paragraph said twice."""
    post = tmp_path / f"{TITLE}.md"
    post.write_text(f"---\ncreated: 2024-05-02T10:11:12 (UTC +02:00)\ntags: []\nsource: {URL}\n"
                    f"author: 太阳照常升起\n---\n\n# {TITLE}\n\n> ## Excerpt\n> {PARAGRAPH}\n\n"
                    f"---\n\n{PARAGRAPH}\n", encoding="utf-8")
    prepared = prepare_all(post, config)[0]
    assert prepared.record["title"] == TITLE
    assert prepared.record["summary"] == PARAGRAPH
    assert prepared.record["text"] == PARAGRAPH
    assert prepared.record["published"] is None  # created is the clipping's time
    provenance = json.loads(prepared.files["provenance.json"])
    assert provenance["fetched"] == "2024-05-02T10:11:12+02:00"


def test_hugos_json_front_matter_reads_as_its_yaml(tmp_path, config):
    """Hugo takes front matter written as a JSON object opening the file; such a post was
    refused as no saved post at all."""
    (tmp_path / "img").mkdir()
    shutil.copy(IMAGES[0], tmp_path / "img" / "0.jpg")
    post = tmp_path / "post.md"
    post.write_text('{\n  "title": "' + TITLE + '",\n  "date": "2018-01-29T08:30:00+08:00",\n'
                    '  "tags": ["城市化", "人口"],\n  "author": "太阳照常升起",\n'
                    f'  "url": "{URL}"\n}}\n\n{PARAGRAPH}\n\n![图片](img/0.jpg)\n',
                    encoding="utf-8")
    record = record_of(post, config)
    assert (record["title"], record["published"], record["tags"], record["author"]) == (
        TITLE, "2018-01-29T08:30:00+08:00", ["城市化", "人口"], "太阳照常升起")
    assert record["text"] == PARAGRAPH
    assert [i["status"] for i in record["images"]] == ["stored"]


@pytest.mark.parametrize(("written", "said"), [
    ('{\n  "title": "' + TITLE + '",\n  "date": 2018-01-29\n}\n', "not valid JSON"),
    ('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "nests too deep")],
    ids=["a-yaml-date-in-json", "nested-deep"])
def test_json_front_matter_that_cannot_be_read_is_refused_saying_why(tmp_path, config,
                                                                    written, said):
    post = tmp_path / "post.md"
    post.write_text(written + PARAGRAPH + "\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match=said):
        prepare_all(post, config)


def test_a_notes_own_keys_of_another_shape_refuse_no_post(tmp_path, config):
    """``created`` and ``description`` only add to a post: an Obsidian note whose
    ``created`` links a daily note (``[[2024-05-02]]``, a list to YAML) is still read."""
    post = tmp_path / "clip.md"
    post.write_text(f'---\ntitle: "{TITLE}"\nsource: "{URL}"\ncreated: [[2024-05-02]]\n'
                    f"description:\n  - a\n---\n\n{PARAGRAPH}\n", encoding="utf-8")
    record = record_of(post, config)
    assert (record["title"], record["summary"]) == (TITLE, None)


@pytest.mark.parametrize("flag", ["true", "false"])
def test_jekylls_published_flag_is_no_date(tmp_path, config, flag):
    post = tmp_path / "2018-01-29-tokyo.md"
    post.write_text(f'---\ntitle: "{TITLE}"\npublished: {flag}\nurl: {URL}\n---\n\n'
                    f"{PARAGRAPH}\n", encoding="utf-8")
    record = record_of(post, config)
    assert (record["title"], record["published"]) == (TITLE, "2018-01-29")  # from its name


def test_a_title_underlined_is_the_title_as_a_hash_heading_is(tmp_path, config):
    """turndown, behind many web clippers, writes a heading underlined (setext) by default;
    with it the title and the ``> 来源:`` header under it were body text."""
    post = tmp_path / "post.md"
    post.write_text(f"{TITLE}\n==========\n\n> 来源: 太阳照常升起\n\n{PARAGRAPH}\n\n"
                    f"[原文链接]({URL})\n", encoding="utf-8")
    record = record_of(post, config)
    assert (record["title"], record["account"]["name"]) == (TITLE, "太阳照常升起")
    assert record["text"] == PARAGRAPH


@pytest.mark.parametrize("heading", [f"# {TITLE}", f"{TITLE}\n==="], ids=["hash", "underlined"])
def test_the_title_written_again_as_the_first_heading_is_said_once(tmp_path, config, heading):
    """Front matter ``title`` and the same title as the body's first heading (MarkDownload
    with a title in its template, Hugo posts): the page shows the title once, above the
    body; the heading was the body's first block."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: {TITLE}\ndate: 2018-01-29\n---\n\n{heading}\n\n{PARAGRAPH}\n\n"
                    f"# 从东京的人口说起\n", encoding="utf-8")
    record = record_of(post, config)
    assert record["title"] == TITLE
    assert record["text"] == f"{PARAGRAPH}\n\n从东京的人口说起"


def test_an_image_path_with_spaces_written_as_is_is_the_image(tmp_path, config):
    """Typora (its URL-escaping option off), Bear and other editors write a path with spaces
    as it is and show the image; CommonMark reads none, so the image was lost and its
    Markdown was left in the text. Text in brackets and parentheses that names no image file
    stays text."""
    (tmp_path / "images").mkdir()
    shutil.copy(IMAGES[0], tmp_path / "images" / "东京 图 0.jpg")
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: {TITLE}\n---\n\n{PARAGRAPH}\n\n![图片](images/东京 图 0.jpg)\n\n"
                    "![注意](见 下文)\n", encoding="utf-8")
    record = record_of(post, config)
    assert [(i["status"], i["original"]) for i in record["images"]] == [
        ("stored", "images/东京 图 0.jpg")]
    assert record["text"] == f"{PARAGRAPH}\n\n![注意](见 下文)"


@pytest.mark.parametrize("title", ['"东京"', "'东京'", "(东京)"])
def test_an_image_path_with_spaces_and_a_title_is_the_image(tmp_path, config, title):
    """A title after a path with spaces, in any of CommonMark's three forms, was read as part
    of the path: the image was lost and its Markdown left in the text. A name that holds a
    pair of parentheses of its own is still the whole name."""
    (tmp_path / "images").mkdir()
    shutil.copy(IMAGES[0], tmp_path / "images" / "东京 图 0.jpg")
    shutil.copy(IMAGES[1], tmp_path / "images" / "东京 图 (1).jpg")
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: {TITLE}\n---\n\n{PARAGRAPH}\n\n"
                    f"![图片](images/东京 图 0.jpg {title})\n\n"
                    f"![图片](images/东京 图 (1).jpg  {title} )\n", encoding="utf-8")
    record = record_of(post, config)
    assert [(i["status"], i["original"]) for i in record["images"]] == [
        ("stored", "images/东京 图 0.jpg"), ("stored", "images/东京 图 (1).jpg")]
    assert record["text"] == PARAGRAPH


def test_typoras_root_url_is_where_site_absolute_images_are(tmp_path, config):
    """Typora's front matter ``typora-root-url`` names the folder (relative to the file)
    its ``/images/1.jpg`` paths start from, in Markdown images and in the ``<img>`` tag it
    writes for a resized image; those images were looked for beside the post and missing."""
    (tmp_path / "static" / "images").mkdir(parents=True)
    (tmp_path / "posts").mkdir()
    shutil.copy(IMAGES[1], tmp_path / "static" / "images" / "1.jpg")
    post = tmp_path / "posts" / "post.md"
    post.write_text(f"---\ntitle: {TITLE}\ntypora-root-url: ../static\n---\n\n{PARAGRAPH}\n\n"
                    '![](/images/1.jpg)\n\n<img src="/images/1.jpg" style="zoom:50%;" />\n',
                    encoding="utf-8")
    images = record_of(post, config)["images"]
    assert [(i["status"], i["original"]) for i in images] == [
        ("stored", "../static/images/1.jpg")] * 2


def test_front_matter_keys_are_read_whatever_their_case(tmp_path, config):
    """Hugo reads front matter keys in any case; exporters that write a database's
    property names write ``Title``, ``Date``, ``URL``. Every such field was lost. A key
    written in lower case wins over the same key otherwise written."""
    post = tmp_path / "post.md"
    post.write_text(f"---\nTitle: {TITLE}\nDate: 2018-01-29\nAuthor: 太阳照常升起\n"
                    f"Tags: [城市化, 1.10]\nURL: {URL}\ntags: [人口, 1.10]\n---\n\n{PARAGRAPH}\n",
                    encoding="utf-8")
    record = record_of(post, config)
    assert (record["title"], record["published"], record["author"]) == (
        TITLE, "2018-01-29", "太阳照常升起")
    assert record["url"] == URL.replace("http:", "https:")
    assert record["tags"] == ["人口", "1.10"]


@pytest.mark.parametrize(("written", "author", "credits"), [
    ("authors:\n  - 太阳照常升起", "太阳照常升起", {}),
    ("authors: [木风, 太阳照常升起]", None, {"作者": ["木风", "太阳照常升起"]})],
    ids=["one", "several"])
def test_hugos_authors_taxonomy_names_the_author(tmp_path, config, written, author, credits):
    """Many Hugo themes name a post's people in ``authors``, not ``author``: they were
    lost. One name is read as ``author`` is (the account, when no other is given), several
    as the post's authors."""
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: {TITLE}\n{written}\ndate: 2018-01-29\n---\n\n{PARAGRAPH}\n",
                    encoding="utf-8")
    record = record_of(post, config)
    assert (record["author"], record["credits"]) == (author, credits)


def test_an_image_path_with_spaces_and_a_copys_number_is_the_image(tmp_path, config):
    """A copy's name holds a number in parentheses, ``图 (1).jpg``; written as it is, with its
    spaces (Typora), the image was lost."""
    (tmp_path / "images").mkdir()
    shutil.copy(IMAGES[0], tmp_path / "images" / "图 (1).jpg")
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: {TITLE}\n---\n\n{PARAGRAPH}\n\n![](images/图 (1).jpg)\n",
                    encoding="utf-8")
    record = record_of(post, config)
    assert [(i["status"], i["original"]) for i in record["images"]] == [
        ("stored", "images/图 (1).jpg")]
    assert record["text"] == PARAGRAPH


def test_an_image_there_but_outside_the_allowed_folders_is_said_so_with_the_way_to_read_it(
        tmp_path, config):
    """Joplin's export keeps every note's images in one ``_resources/`` at its top; a note
    two notebooks down links ``../../_resources/…``, which is outside the folders a post's
    images may come from. It was reported "file not found" though the file is there; it is
    read once its folder is an asset root."""
    export = tmp_path / "export"
    (export / "_resources").mkdir(parents=True)
    shutil.copy(IMAGES[0], export / "_resources" / "0a1b2c3d4e5f60718293a4b5c6d7e8f9.jpg")
    (export / "笔记本" / "公众号").mkdir(parents=True)
    note = export / "笔记本" / "公众号" / f"{TITLE}.md"
    note.write_text(f"---\ntitle: {TITLE}\nsource: {URL}\n---\n\n{PARAGRAPH}\n\n"
                    "![img_000.jpg](../../_resources/0a1b2c3d4e5f60718293a4b5c6d7e8f9.jpg)\n",
                    encoding="utf-8")
    [image] = record_of(note, config)["images"]
    assert image["status"] == "missing"
    assert not image["reason"].startswith("file not found")
    assert "outside the post's folder, its parent and the asset roots" in image["reason"]
    assert "--asset-root" in image["reason"]
    [image] = record_of(note, config.with_overrides(asset_roots=(export,)))["images"]
    assert image["status"] == "stored"


def test_a_jekyll_posts_name_gives_its_date_when_its_front_matter_does_not(tmp_path, config):
    """Jekyll names a post YEAR-MONTH-DAY-title.md and takes its date from the name; such a
    post had no date. A date in the front matter wins; a name with a day that does not exist
    gives none."""
    for name, date, published in [("2018-01-29-tokyo.md", "", "2018-01-29"),
                                  ("2018-01-29-tokyo-2.md", "date: 2018-01-29 08:30\n",
                                   "2018-01-29T08:30:00+08:00"),
                                  ("2018-02-30-tokyo.md", "", None)]:
        post = tmp_path / name
        post.write_text(f"---\ntitle: {TITLE}\n{date}---\n\n{PARAGRAPH}\n", encoding="utf-8")
        assert record_of(post, config)["published"] == published, name


def test_an_outline_nested_ten_levels_deep_loses_nothing_after_it(tmp_path, config):
    """An outline pasted at the top of a post, ten levels deep: markdown-it's own limit (the
    commonmark preset's 20, a list of 10 levels) stopped reading there, in silence, and the
    post's text, its credits and images were lost."""
    outline = "".join("  " * level + f"- 第{level + 1}级要点\n" for level in range(10))
    post = tmp_path / "outline.md"
    post.write_text(f"---\ntitle: {TITLE}\nsource: {URL}\n---\n\n{outline}\n{PARAGRAPH}\n\n"
                    "![](images/a.jpg)\n\n作者：张三\n", encoding="utf-8")
    record = record_of(post, config)
    assert "第10级要点" in record["text"] and PARAGRAPH in record["text"]
    assert len(record["images"]) == 1 and record["credits"] == {"作者": ["张三"]}


@pytest.mark.parametrize("nested", [
    "".join("  " * level + f"- {level}\n" for level in range(300)),  # a list
    ">" * 2000 + " 深\n",  # quotes, deeper than markdown-it can recurse
])
def test_markdown_nested_deeper_than_the_body_is_read_is_refused_not_cut(tmp_path, config,
                                                                        nested):
    post = tmp_path / "deep.md"
    post.write_text(f"---\ntitle: {TITLE}\n---\n\n{nested}\n{PARAGRAPH}\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="nested more than 255"):
        prepare_all(post, config)


def test_front_matter_may_name_the_account_apart_from_the_author(tmp_path, config):
    """``account:`` (or ``公众号:``) is the account, and ``author`` then the post's writer: the
    account is not taken from the author, as it is when no account is named."""
    for key in ("account", "公众号"):
        post = tmp_path / f"{key}.md"
        post.write_text(f"---\ntitle: {TITLE}\n{key}: 国政学人\nauthor: 吴天麟\n---\n\n"
                        f"{PARAGRAPH}\n", encoding="utf-8")
        record = record_of(post, config)
        assert (record["account"]["name"], record["author"]) == ("国政学人", "吴天麟")


def test_chinese_names_in_one_line_are_several_authors_and_an_empty_tag_is_none(tmp_path,
                                                                                config):
    post = tmp_path / "names.md"
    post.write_text(f"---\ntitle: {TITLE}\nauthor: 张三, 李四、王五\ntags:\n  - 外交\n  -\n---\n\n"
                    f"{PARAGRAPH}\n", encoding="utf-8")
    record = record_of(post, config)
    assert record["credits"] == {"作者": ["张三", "李四", "王五"]}
    assert record["tags"] == ["外交"]
    assert not record["account"]  # several people: none of them is the account


def test_a_quoted_header_naming_the_account_and_a_bare_link_line_are_read(tmp_path, config):
    """A post copied by hand: the title, a quoted header (公众号, 作者, 发布日期, 原文链接)
    and, at the end, the address again on a line of text. None of it is body."""
    post = tmp_path / "copied.md"
    post.write_text(f"# {TITLE}\n\n> 公众号：太阳照常升起\n> 作者：木风\n> 发布日期：2018-01-29\n"
                    f"> 原文链接：{URL}\n\n{PARAGRAPH}\n\n原文链接：{URL}\n", encoding="utf-8")
    record = record_of(post, config)
    assert (record["account"]["name"], record["author"]) == ("太阳照常升起", "木风")
    assert (record["published"], record["url"]) == ("2018-01-29", HTTPS_URL)
    assert record["text"] == PARAGRAPH


def test_a_bare_link_line_alone_gives_the_address(tmp_path, config):
    record = record_of(_titled(tmp_path, f"{PARAGRAPH}\n\n原文链接：{URL}\n"), config)
    assert (record["url"], record["text"]) == (HTTPS_URL, PARAGRAPH)


def _titled(folder: Path, body: str, front: str = "") -> Path:
    """A post with front matter giving its title (and ``front``), then ``body``."""
    post = folder / "post.md"
    post.write_text(f"---\ntitle: {TITLE}\n{front}---\n\n{body}", encoding="utf-8")
    return post


def test_footnotes_are_a_numbered_list_of_notes_and_each_reference_is_read(tmp_path, config):
    """Footnotes as Pandoc, Typora, Obsidian and Joplin write them: the mark stays where it is
    as [1], each note is an item of its own (not two run into one paragraph), and a note that
    is a reference is read whole, so that verify compares its fields, not its DOI alone."""
    post = tmp_path / "notes.md"
    post.write_text(
        f"---\ntitle: {TITLE}\n---\n\n经济利益[^1]，与大国的关系[^2]。\n\n"
        "[^1]: Vanderhill R, Joireman S F, Tulepbayeva R. Between the bear and the dragon: "
        "multivectorism in Kazakhstan as a model strategy for secondary powers[J]. International "
        "Affairs, 2020, 96(4): 975-993. https://doi.org/10.1093/ia/iiaa061\n"
        "[^2]: Ralser M. Triose phosphate isomerase deficiency. J Biol. 2007;6(4):10. "
        "doi:10.1186/jbiol61\n", encoding="utf-8")
    record = record_of(post, config)
    assert record["text"].splitlines()[0] == "经济利益[1]，与大国的关系[2]。"
    assert "[^" not in record["text"] and "↩" not in record["text"]
    [notes] = [b for b in record["blocks"] if b["type"] == "list"]
    assert notes["ordered"] and len(notes["items"]) == 2
    cited = {c["doi"]: c.get("raw") or "" for c in record["citations"]}
    assert cited["10.1093/ia/iiaa061"].startswith("Vanderhill R")
    assert cited["10.1186/jbiol61"].startswith("Ralser M")


def test_a_last_link_line_to_a_paper_is_the_posts_citation_not_its_address(tmp_path, config):
    """A post about a paper ends with 原文链接 to the paper: its DOI stays a citation, and
    the post's address is not taken from it."""
    record = record_of(_titled(tmp_path, f"{PARAGRAPH}\n\n"
                                         "原文链接：https://doi.org/10.1093/ia/iiaa061\n"), config)
    assert record["url"] is None and "原文链接" in record["text"]
    assert [c["doi"] for c in record["citations"]] == ["10.1093/ia/iiaa061"]


@pytest.mark.parametrize("author", ["村上 春樹", "张三 编译", "机器之心 编辑部"])
def test_a_name_written_with_a_space_is_one_name(tmp_path, config, author):
    post = _titled(tmp_path, f"{PARAGRAPH}\n", front=f"author: {author}\n")
    assert record_of(post, config)["author"] == author


def test_an_account_key_that_is_no_text_is_passed_over_not_refused(tmp_path, config):
    post = tmp_path / "mapping.md"
    post.write_text(f"---\ntitle: {TITLE}\naccount:\n  name: x\n  id: y\nauthor: 吴天麟\n---\n\n"
                    f"{PARAGRAPH}\n", encoding="utf-8")
    assert record_of(post, config)["author"] == "吴天麟"


def test_a_caret_and_bracket_is_text_and_a_note_referred_twice_is_one_number(tmp_path, config):
    """Pandoc's inline notes (^[…]) are not read: "^[a-z]+$" in a post about regular
    expressions is text. A note referred to twice is [1] both times."""
    post = tmp_path / "regex.md"
    post.write_text(f"---\ntitle: {TITLE}\n---\n\n正则 ^[a-z]+$ 与 2^[n]，见[^1]，再见[^1]。\n\n"
                    "[^1]: 一条注释。\n", encoding="utf-8")
    first = record_of(post, config)["text"].splitlines()[0]
    assert first == "正则 ^[a-z]+$ 与 2^[n]，见[1]，再见[1]。"


def test_a_fenced_code_blocks_language_and_a_tables_header_row_are_in_the_record(tmp_path,
                                                                                  config):
    """A Markdown export's fence names its language (```` ```r ````) and a GFM table's first
    row is its header: both are in the record, not only the code's and the cells' text."""
    post = tmp_path / "code.md"
    post.write_text(f'---\ntitle: "{TITLE}"\nurl: "{URL}"\n---\n\n{PARAGRAPH}\n\n'
                    "```r\nlibrary(TwoSampleMR)\n```\n\n| 方法 | 成本 |\n| --- | --- |\n"
                    "| Smart-seq2 | $10.59 |\n", encoding="utf-8")
    blocks = record_of(post, config)["blocks"]
    assert {"type": "code", "text": "library(TwoSampleMR)", "language": "r"} in blocks
    assert [b for b in blocks if b["type"] == "table"] == [
        {"type": "table", "text": "方法\t成本", "row": 0, "header": True},
        {"type": "table", "text": "Smart-seq2\t$10.59", "row": 1}]


def test_an_item_holding_only_its_nested_list_keeps_its_place_and_number(tmp_path, config):
    """The empty item (its number shown, its content its nested list) is no markup residue
    to clean away: without it the nested list had no item above it and the next item was
    numbered as the first."""
    post = tmp_path / "steps.md"
    post.write_text(f'---\ntitle: "{TITLE}"\nurl: "{URL}"\n---\n\n步骤：\n\n1. \n   - 淘米\n'
                    "2. 煮饭\n3. 盛饭\n", encoding="utf-8")
    blocks = record_of(post, config)["blocks"]
    assert blocks[1:] == [
        {"type": "list", "ordered": True, "items": [""], "text": ""},
        {"type": "list", "items": ["淘米"], "text": "淘米", "depth": 1},
        {"type": "list", "ordered": True, "start": 2, "items": ["煮饭", "盛饭"],
         "text": "煮饭\n盛饭"}]


def test_wechatdownloads_header_and_readers_comments_are_no_body(tmp_path, config):
    """wechatDownload (its "save meta" and comments options): the line under the title names
    the author, account and publish time, ``原文地址：[title](url)`` the address; the
    readers' comments after a rule and ``精选留言`` are none of the post's text."""
    post = tmp_path / f"{TITLE}.md"
    post.write_text(f"{TITLE}\n=====\n\n原创 作者:某甲 公号:太阳照常升起 发布时间:2018-01-29 08:30 "
                    f"发表于上海 \n\n原文地址：[{TITLE}]({URL}#rd)\n\n{PARAGRAPH}\n\n---\n\n"
                    "精选留言\n\n- **读者**（来自福建）\n  写得好\n", encoding="utf-8")
    record = record_of(post, config)
    assert record["title"] == TITLE and record["account"]["name"] == "太阳照常升起"
    assert record["author"] == "某甲"
    assert record["published"] == "2018-01-29T08:30:00+08:00"
    assert record["url"] == HTTPS_URL
    assert record["text"] == PARAGRAPH


def test_wechat_article_exporters_cover_and_byline_are_no_body(tmp_path, config):
    """wechat-article-exporter writes the page's ``#js_article`` through turndown: the cover
    image above the title, WeChat's byline (``原创 <author> [<account>](javascript:…)``)
    under it. The title is the title, the byline the author and the account."""
    post = tmp_path / "export.md"
    post.write_text("![cover\\_image](https://mmbiz.qpic.cn/cover/0?wx_fmt=jpeg)\n\n"
                    f"{TITLE}\n==============\n\n"
                    "原创 某甲 [太阳照常升起](javascript:void\\(0\\);)\n\n"
                    f"{PARAGRAPH}\n", encoding="utf-8")
    record = record_of(post, config)
    assert record["title"] == TITLE
    assert record["account"]["name"] == "太阳照常升起" and record["author"] == "某甲"
    assert record["text"] == PARAGRAPH and record["images"] == []


def test_bold_runs_an_exporter_wrote_side_by_side_leave_no_stars(tmp_path, config):
    """turndown writes two bold runs side by side as ``**甲。****乙**``, which CommonMark
    reads as one run holding four stars; between digits they may be the post's own."""
    post = _titled(tmp_path, "**年仅20岁。****这个年龄。**\n\n**电话138****1234**\n")
    assert record_of(post, config)["text"] == "年仅20岁。这个年龄。\n\n电话138****1234"


def test_a_lazy_loading_placeholder_written_with_spaces_is_an_image_not_text(tmp_path,
                                                                            config):
    """An image the page had not loaded, clipped as WeChat's placeholder SVG written as it
    is (spaces and quotes in its data: URI, which CommonMark reads as no image)."""
    placeholder = ("data:image/svg+xml,%3C%3Fxml version='1.0' encoding='UTF-8'%3F%3E%3Csvg "
                   "width='1px' height='1px' viewBox='0 0 1 1' xmlns='http://www.w3.org/2000/"
                   "svg'%3E%3Cg transform='translate(-249.000000, -126.000000)'%3E%3C/g%3E"
                   "%3C/svg%3E")
    post = _titled(tmp_path, f"{PARAGRAPH}\n\n![图片]({placeholder})\n")
    record = record_of(post, config)
    assert record["text"] == PARAGRAPH
    assert [i["media_type"] for i in record["images"]] == ["image/svg+xml"]


def test_a_link_to_a_note_reads_as_the_text_it_shows(tmp_path, config):
    post = _titled(tmp_path, "见[[东京]]与[[城市#人口|人口一节]]。[[1]](https://example.org/1)\n")
    assert record_of(post, config)["text"] == "见东京与人口一节。[1]"


def test_a_logseq_pages_properties_are_the_posts_fields(tmp_path, config):
    """Logseq writes a page's properties as ``key:: value`` lines opening it (a journal's
    date and tags as links to pages, ``[[Oct 2nd, 2020]]``): the title, address, author,
    date and tags, and no part of the body."""
    post = tmp_path / "page.md"
    post.write_text(f"title:: {TITLE}\nurl:: {URL}\nauthor:: 太阳照常升起\n"
                    "published:: [[Jan 29th, 2018]]\ntags:: [[公众号]], 城市\n\n"
                    f"- {PARAGRAPH}\n", encoding="utf-8")
    record = record_of(post, config)
    assert (record["title"], record["url"], record["account"]["name"], record["published"],
            record["tags"]) == (TITLE, HTTPS_URL, "太阳照常升起", "2018-01-29", ["公众号", "城市"])
    assert record["text"] == PARAGRAPH


def test_a_note_apps_date_that_is_no_date_is_said_not_dropped(tmp_path, config):
    """A Logseq ``published::`` (or Notion ``Created:``) whose value reads as no date: the
    post is archived without it, and its warnings and provenance say which value and why."""
    post = tmp_path / "page.md"
    post.write_text(f"title:: {TITLE}\nurl:: {URL}\npublished:: 2018-02-30\n\n"
                    f"- {PARAGRAPH}\n", encoding="utf-8")
    [prepared] = prepare_all(post, config)
    assert prepared.record["published"] is None and prepared.record["text"] == PARAGRAPH
    [said] = [w for w in prepared.warnings if "Logseq page property published" in w]
    assert "'2018-02-30' is no date (no such day" in said and "archived without it" in said
    assert said in json.loads(prepared.files["provenance.json"])["notes"]
    journal = tmp_path / "journal.md"  # Logseq's own form of a date, of a day none has
    journal.write_text(f"title:: {TITLE}\nurl:: {URL}\npublished:: [[Feb 30th, 2020]]\n\n"
                       f"- {PARAGRAPH}\n", encoding="utf-8")
    assert any("'Feb 30th, 2020' is no date (no such day)" in w
               for w in prepare_all(journal, config)[0].warnings)


def test_lines_only_like_an_exporters_are_the_posts_text(tmp_path, config):
    """An editor's note naming 作者 and 公号 in a sentence, a 原文地址 to a paper a translation
    is from, a 精选留言 section the post itself has, ``std::vector`` opening a post: the
    post's text, no fields, as before the exporters' shapes were read."""
    note = "编者按：本文作者：张三（北京大学教授），原载于公号：经济观察，经授权转载。"
    post = tmp_path / "post.md"
    post.write_text(f"---\naccount: 某号\n---\n\n# {TITLE}\n\n{note}\n\n"
                    "原文地址：https://arxiv.org/abs/2401.00001\n\n"
                    f"{PARAGRAPH}\n\n---\n\n**精选留言**\n\n上期读者甲：说得好。\n\n---\n\n"
                    "## 本周推荐\n\n推荐阅读某书。\n", encoding="utf-8")
    record = record_of(post, config)
    assert record["author"] is None and record["url"] is None
    assert record["text"].startswith(note) and record["text"].endswith("推荐阅读某书。")
    assert "精选留言" in record["text"] and "arxiv.org" in record["text"]
    code = tmp_path / "code.md"
    code.write_text("---\ntitle: 扩容\n---\n\nstd::vector 的扩容策略。\n", encoding="utf-8")
    assert record_of(code, config)["text"] == "std::vector 的扩容策略。"
    logseq_like = _titled(tmp_path, "Note:: 本文为转载。\n")
    assert record_of(logseq_like, config)["text"] == "Note:: 本文为转载。"


def test_stars_masking_words_in_bold_and_numbered_double_brackets_stay(tmp_path, config):
    post = _titled(tmp_path, "**密码：****，请勿外传。**\n\n研究表明[[1]]，有效。\n")
    assert record_of(post, config)["text"] == "密码：****，请勿外传。\n\n研究表明[[1]]，有效。"
