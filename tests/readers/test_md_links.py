"""The Markdown reader's quicker link helpers give markdown-it's own answers, for any
destination (the quick path is taken only for destinations that need no work)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it import helpers as md_helpers
from markdown_it.common.normalize_url import normalizeLink

from archiver.readers import _md_links

URL_PIECES = ["http://", "https://", "HTTP://", "mmbiz.qpic.cn", "/", "//", "?", "&", "=",
              "wx_fmt=jpeg", "%2F", "%", "%zz", "#", ":", ":80", "@", "user@", "a", "B", ".",
              "..", "-", "_", "~", "!", "*", "'", "(", ")", "+", "$", ",", ";", "mailto:",
              "x.Y", "[::1]", "xn--", "images/", "1.jpeg", "中文", " ", "\\", "<", ">", "\x7f"]
URLS = st.one_of(st.lists(st.sampled_from(URL_PIECES), max_size=10).map("".join),
                 st.text(max_size=30), st.from_regex(_md_links.UNCHANGED, fullmatch=True))


@settings(max_examples=3000, deadline=None)
@given(url=URLS)
def test_a_link_is_normalised_as_markdown_it_normalises_it(url: str) -> None:
    assert _md_links.normalize_link(url) == normalizeLink(url)


DESTINATION_PIECES = ["http://a/b?c=d", "(", ")", "\\", "\\)", "\\ ", " ", "\n", "\t", "<",
                      ">", "x", "\x7f", "\x01", "中", "&amp;", "&", '"t"', "'", "]", "["]


@settings(max_examples=3000, deadline=None)
@given(text=st.one_of(st.lists(st.sampled_from(DESTINATION_PIECES), max_size=10).map("".join),
                      st.text(max_size=30)),
       data=st.data())
def test_a_destination_is_read_as_markdown_it_reads_it(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    maximum = data.draw(st.integers(pos, len(text)))
    ours = _md_links.parse_link_destination(text, pos, maximum)
    theirs = md_helpers.parseLinkDestination(text, pos, maximum)
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


def test_the_helpers_are_installed_on_one_instance_only() -> None:
    md = _md_links.install(MarkdownIt("commonmark"))
    other = MarkdownIt("commonmark")
    assert md.helpers.parseLinkDestination is _md_links.parse_link_destination
    assert other.helpers.parseLinkDestination is md_helpers.parseLinkDestination
    source = "[a](http://x/中?q=1 'T') ![i](<b c.png>) [r](/p(1)) [e](a\\)b)"
    assert md.render(source) == other.render(source)
