"""Specification: inputs whose flaws once stopped a whole run with an internal error (exit 70)
are read, or refused as bad input (exit 4) naming the file, and the inputs after them are
still ingested. Each is a real corpus post with one flaw put in; the flaws are those an
adversarial trial of the tool found.

A flaw no rule foresees still fails its own file only: the bug is said, naming the file, the
other inputs are archived, and the run ends with exit 70 (:class:`ReadingBug`).
"""

from __future__ import annotations

import gzip
import json

import pytest

from archiver.errors import ExitCode, MalformedInput, ReadingBug, worst
from archiver.export.works import beijing_date
from archiver.pipeline import ingest_paths
from archiver.readers import read, read_all
from archiver.readers._text import parse_date, unix_to_iso
from archiver.store import Archive
from archiver.urls import joined_url, split_url

from conftest import FIXTURES, WECHAT

SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"
PAGE = WECHAT / "html" / "wechat-article-exporter__普通图文-04.html"


def flawed_seed(tmp_path, old: str, new: str, name: str = "post.md"):
    """The seed post (Markdown export) with ``old`` replaced by ``new``."""
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def flawed_page(tmp_path, old: bytes, new: bytes, name: str = "post.html"):
    data = PAGE.read_bytes()
    assert old in data
    path = tmp_path / name
    path.write_bytes(data.replace(old, new, 1))
    return path


# -- dates and times out of any calendar ----------------------------------------------------

@pytest.mark.parametrize("seconds", ["99999999999999999999", "253402300800"])
def test_a_unix_time_past_the_year_9999_is_no_time(tmp_path, seconds):
    assert unix_to_iso(seconds) is None
    page = flawed_page(tmp_path, b'var ct = "1762243169"', f'var ct = "{seconds}"'.encode())
    post = read(page)
    assert post.fields.get("title") is not None  # read, without that time


@pytest.mark.parametrize("written", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00"])
def test_a_date_at_the_calendars_edge_is_kept_as_written_in_a_key_and_beijing_date(written):
    """Beijing's day of 9999-12-31 23:59 UTC is in the year 10000: no date Python holds."""
    assert beijing_date(written) == written[:10]


@pytest.mark.parametrize("written", ["2020-08-04 18:00:00 +99:00",
                                     "Tue, 04 Aug 2020 18:00:00 +9999"])
def test_an_offset_of_a_day_or_more_is_no_date(written):
    assert parse_date(written)[0] is None


def test_a_front_matter_date_at_the_calendars_edge_is_ingested(tmp_path, config):
    post = flawed_seed(tmp_path, "date: 2020-08-04 18:00:00", "date: 9999-12-31T23:59:59Z")
    [result] = ingest_paths([post], config)
    assert result.status == "added", result.error


# -- addresses no one can follow --------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://[::1", "https://[mp.weixin.qq.com]/s/abc"])
def test_an_address_urllib_refuses_is_no_address(url):
    assert split_url(url) is None
    assert joined_url(url, "images/1.jpg") == "images/1.jpg"


@pytest.mark.parametrize(("base", "reference", "joined"), [
    ("https://mp.weixin.qq.com/s/abc", "..\\images\\1.jpg", "https://mp.weixin.qq.com/images/1.jpg"),
    ("https://a.example/x/y.html", "img\\1.jpg?q=a\\b#c\\d",
     "https://a.example/x/img/1.jpg?q=a\\b#c\\d"),  # a query and a fragment as they are
    ("https://a.example/x/y.html", "https://c.example\\e\\f.jpg", "https://c.example/e/f.jpg"),
    ("https://a.example/x/y.html", "data:image/png,\\", "data:image/png,\\"),
    ("cid:frame-1@mhtml.blink", "a\\b.png", "a\\b.png"),  # no web address: as written
])
def test_a_backslash_in_a_web_address_is_a_slash_as_a_browser_reads_it(base, reference,
                                                                       joined):
    """A page made on Windows may write ``..\\images\\1.jpg``; a browser reads the path of
    an http(s) (or file) address with its backslashes as slashes, and a save keeps the
    image under that address."""
    assert joined_url(base, reference) == joined


@pytest.mark.parametrize("url", ["https://[::1", "https://[mp.weixin.qq.com]/s/abc"])
def test_a_post_whose_address_is_broken_is_ingested_without_it(tmp_path, config, url):
    post = flawed_seed(tmp_path, "date: 2020-08-04 18:00:00",
                       f'date: 2020-08-04 18:00:00\nurl: "{url}"')
    [result] = ingest_paths([post], config)
    assert result.status == "added", result.error
    [unflawed] = ingest_paths([SEED], config)  # no address: its record is the unflawed one's
    assert (unflawed.object_id, unflawed.status) == (result.object_id, "unchanged")


# -- numbers and lengths no reader can take ---------------------------------------------------

def test_a_number_of_thousands_of_digits_in_json_front_matter_is_bad_input(tmp_path):
    path = tmp_path / "post.md"
    path.write_text('{"title": "T", "n": ' + "9" * 5000 + "}\n\n正文。\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="a number too long to read"):
        read(path)


def test_a_number_of_thousands_of_digits_in_toml_front_matter_is_bad_input(tmp_path):
    path = tmp_path / "post.md"
    path.write_text('+++\ntitle = "T"\nn = ' + "9" * 5000 + "\n+++\n\n正文。\n",
                    encoding="utf-8")
    with pytest.raises(MalformedInput, match="a number too long to read"):
        read(path)


def test_a_warc_record_whose_length_no_read_can_take_is_bad_input(tmp_path):
    """Converted from a real page (tests/fixtures/containers), its Content-Length made one
    of twenty digits."""
    warc = next(p for p in sorted((FIXTURES / "containers").glob("*.warc")))
    data = warc.read_bytes()
    at = data.index(b"Content-Length: ", data.index(b"WARC-Type: response"))
    end = data.index(b"\r\n", at)
    path = tmp_path / "post.warc"
    path.write_bytes(data[:at] + b"Content-Length: 99999999999999999999" + data[end:])
    with pytest.raises(MalformedInput, match="not a readable WARC"):
        read_all(path)
    gz = tmp_path / "post.warc.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    with pytest.raises(MalformedInput):
        read_all(gz)


def test_a_singlefile_comment_with_a_byte_that_is_no_utf8_is_not_a_crash(tmp_path):
    comment = (b"<!--\n Page saved with SingleFile \n url: https://mp.weixin.qq.com/s/ab\xcf1 \n"
               b" saved date: Tue Aug 04 2020 18:00:00 GMT+0800 (China Standard Time)\n-->")
    path = tmp_path / "post.html"
    path.write_bytes(comment + PAGE.read_bytes())
    try:
        read(path)
    except MalformedInput as exc:  # the page is no UTF-8 as a whole: said so
        assert "utf-8" in exc.message


# -- a bug met reading one input fails that input alone ---------------------------------------

def test_a_bug_met_reading_one_file_fails_it_alone_and_the_run_goes_on(tmp_path, config,
                                                                       monkeypatch):
    """Another input, read after it, is archived; the bug is said naming the file, and its
    exit code is 70 (a bug), not 4 (the input is not known to be at fault)."""
    from archiver.readers import wechat_html

    def a_bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(wechat_html, "read_page", a_bug)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.html").write_bytes(PAGE.read_bytes())
    (folder / "b.md").write_bytes(SEED.read_bytes())
    results = ingest_paths([folder], config)
    assert [r.status for r in results] == ["failed", "added"]
    error = results[0].error
    assert isinstance(error, ReadingBug) and error.path.endswith("a.html")
    assert "an internal error while reading it (ZeroDivisionError: a bug)" in error.message
    assert isinstance(error.__cause__, ZeroDivisionError)
    assert worst([r.error.exit_code for r in results if r.error]) == ExitCode.INTERNAL


def test_the_cli_says_the_bug_with_its_traceback_when_asked(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from archiver.cli import app
    from archiver.readers import wechat_html

    def a_bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(wechat_html, "read_page", a_bug)
    page = tmp_path / "a.html"
    page.write_bytes(PAGE.read_bytes())
    args = ["ingest", str(page), str(SEED), "--archive", str(tmp_path / "archive"),
            "--no-fetch", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == ExitCode.INTERNAL
    assert [json.loads(line)["status"] for line in result.stdout.splitlines()] == [
        "failed", "added"]
    assert "a.html: an internal error while reading it" in result.stderr
    assert "Traceback" not in result.stderr
    traced = CliRunner().invoke(app, [*args, "--traceback"])
    assert "ZeroDivisionError: a bug" in traced.stderr and "Traceback" in traced.stderr


@pytest.mark.parametrize("query", ["__biz=a%0Ab&mid=1&idx=1", "__biz=a%00b&mid=1&idx=1",
                                   "__biz=../../../../etc&mid=1&idx=1",
                                   "__biz=MzI=&mid=1%0A2&idx=1"])
def test_an_address_whose_ids_are_none_wechat_writes_names_no_post(query):
    """A line break, a NUL or "../.." in __biz made an object id that `list` printed as it
    is (faking lines of its output); a __biz is base64, mid and idx are numbers."""
    from archiver.clean.metadata import named_by
    assert named_by(f"https://mp.weixin.qq.com/s?{query}") is None
    assert named_by("https://mp.weixin.qq.com/s?__biz=MzI0ODE5NDU5Mw==&mid=2649548840&idx=1"
                    ) == "wx:MzI0ODE5NDU5Mw==/2649548840/1"


def test_an_os_error_met_preparing_a_post_is_no_bug_of_that_input(tmp_path, config,
                                                                   monkeypatch):
    """A permission error or a full disk met while a post is prepared (reading the archive's
    object it goes in) is the archive's, said as such, never blamed on the input as a bug."""
    import archiver.pipeline as pipeline

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "archive" / "813"))

    monkeypatch.setattr(pipeline, "prepare_all", denied)
    with pytest.raises(PermissionError):
        ingest_paths([SEED], config)


def test_a_markdown_export_cut_inside_an_html_tag_is_refused_as_cut_short(tmp_path):
    """mp_duty's export (REAL) holds the page's HTML; a copy cut short stops inside a tag,
    its footer with the post's address lost (it became a second object of the post)."""
    whole = (WECHAT / "markdown" / "mp_duty__白话孟德尔随机化.md").read_bytes()
    cut = tmp_path / "cut.md"
    cut.write_bytes(whole[:9000])
    assert cut.read_bytes().rstrip().endswith(b"<li><section><p")
    with pytest.raises(MalformedInput, match=r"stops inside an HTML tag \('<p' at its end\): "
                                             r"it was cut short"):
        read(cut)
    for end in (whole.index(b"</p>", len(whole) // 2) + len(b"</p>"),  # between two tags
                whole.rindex(b"</div>") + len(b"</div>")):  # after the page, before the footer
        between = tmp_path / "between.md"
        between.write_bytes(whole[:end])
        with pytest.raises(MalformedInput, match="an mp_duty export .* without the 原文链接 "
                                                 "footer its template always writes at the "
                                                 r"end: cut short\?"):
            read(between)
    # the words 原文链接 in the post's own text are no footer
    cited = whole.replace(b"<div>", "<div><p>原文链接：https://www.nature.com/x</p>".encode(), 1)
    between.write_bytes(cited[:cited.index(b"</p>", len(cited) // 2) + len(b"</p>")])
    with pytest.raises(MalformedInput, match="without the 原文链接 footer"):
        read(between)
    # its footer taken out on purpose, the address given in the front matter: read
    given = tmp_path / "given.md"
    given.write_bytes(whole[:whole.rindex(b"<hr>")].replace(
        b"\ntitle:", b"\nurl: https://mp.weixin.qq.com/s/6XaFlt7gZ8Q_Fce9fIjlew\ntitle:", 1))
    assert read(given).fields["url"].value.endswith("6XaFlt7gZ8Q_Fce9fIjlew")
    attribute = tmp_path / "attribute.md"  # cut inside a tag, before an attribute's value:
    attribute.write_bytes(whole[:whole.index(b"<mp-style-type data-value")  # (a name then
                                + len(b"<mp-style-type data-value")])   # is words, too)
    with pytest.raises(MalformedInput, match="without the 原文链接 footer"):
        read(attribute)
    attribute.write_bytes(whole[:whole.index(b'<mp-style-type data-value="') + 30])
    with pytest.raises(MalformedInput, match="stops inside an HTML tag"):
        read(attribute)
    inlined = tmp_path / "inlined.md"  # cut inside an inlined image's long attribute
    inlined.write_bytes(whole[:9000] + b'>\n\n<p><img src="data:image/png;base64,'
                        + b"iVBORw0KGgo" * 1000)
    with pytest.raises(MalformedInput, match="stops inside an HTML tag"):
        read(inlined)


@pytest.mark.parametrize("end", [
    "结论：当 a <b 时取 a，否则取 b。",  # words that only look like a tag's start
    "泛型写作 List<String 写法。",
    "按 <Enter 键继续。\n\n下一段。",
    "```python\nwhile x <y or done:\n    step()\n```",  # a code block is no HTML
    "```html\n<p>你好</p>\n<p\n```",
    "见 <https://example.org/a>",
    "`<section>` 是微信排版用的标签。",  # an element named in code is none opened
    "结论：当 x <a 时，y = 1。",  # an '=' later in a sentence is no attribute
    "若 0 <i 且 i = n 则停止",
    "    if x <b and y == 1",
    "In the proof we have a <b and b <c, so a <b holds",  # a name, then words: no tag
    "there is <em class",
])
def test_markdown_with_html_blocks_ending_in_words_or_code_is_read(tmp_path, end):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 比较\nurl: https://mp.weixin.qq.com/s/AbcdefGhij12\n---\n\n"
                    f'<p align="center">导语</p>\n\n{end}\n', encoding="utf-8")
    assert read(post).fields["title"].value == "比较"


def test_a_version_much_shorter_than_the_head_is_said(tmp_path):
    """A Markdown copy cut between paragraphs (the REAL export's first 6,000 bytes) is read,
    and makes a version; the warning says how much shorter it is than the head."""
    from archiver.config import load_config

    export = next((WECHAT / "html-with-assets").glob("mufeng__2018-01-29_*/md/*.md"))
    cut = tmp_path / "cut.md"
    cut.write_bytes(export.read_bytes()[:6000])
    config = load_config({}, tmp_path).with_overrides(archive=tmp_path / "archive", fetch=False)
    [first] = ingest_paths([export], config)
    [again] = ingest_paths([cut], config)
    assert (first.status, again.status) == ("added", "updated")
    [said] = [w for w in again.warnings if "as long as v1's" in w]
    assert said.startswith("its text is 53% as long as v1's (2004 characters against 3717)")
    assert not any("as long as" in w for w in first.warnings)
    [back] = ingest_paths([export], config)  # the whole copy again: v1 holds it
    assert (back.status, back.version) == ("unchanged", "v1")
    [head] = ingest_paths([export], config, as_head=True)  # made the head again, as said
    assert (head.status, head.version) == ("updated", "v3")
    archive = Archive.open(config.archive)
    assert archive.read_json(first.object_id, "record.json") == \
        archive.read_json(first.object_id, "record.json", "v1")
    [again] = ingest_paths([export], config, as_head=True)  # the head already: nothing added
    assert (again.status, again.version) == ("unchanged", "v3")


@pytest.mark.parametrize("last", [
    "where <b x = 1 y = 2" + " k = v" * 40 + " .",  # (each attribute read once: these
    "<p" + " a  =  b" * 60 + " >",                  # backtracked exponentially)
    '<i a="' * 20000 + '"!',
])
def test_a_long_last_line_that_only_looks_like_a_tag_is_read_at_once(tmp_path, last):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: 长行\nurl: https://mp.weixin.qq.com/s/AbcdefGhij12\n---\n\n"
                    "<p>导语</p>\n\n" + "```x\n" * 8000 + "\n" + last + "\n", encoding="utf-8")
    assert read(post).fields["title"].value == "长行"
