"""The Markdown reader's quicker destination reader gives markdown-it's own answers, for any
destination (the quick path is taken only for destinations that need no work); and a
destination is kept as written, not percent-encoded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it import helpers as md_helpers

from archiver.readers import _md_links

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
    assert md.render(source) == other.render(source).replace("%E4%B8%AD", "中").replace(
        "b%20c.png", "b c.png")


def test_a_destination_is_kept_as_written_after_its_escapes_are_read() -> None:
    md = _md_links.install(MarkdownIt("commonmark"))
    html = md.render("![a](../images/送别/1.jpg) ![b](<c d.png>) ![c](e%20f.png) "
                     "![d](g\\(h\\).png) ![e](i&amp;j.png) [f](javascript:alert(1))")
    assert ('src="../images/送别/1.jpg"' in html and 'src="c d.png"' in html
            and 'src="e%20f.png"' in html and 'src="g(h).png"' in html
            and 'src="i&amp;j.png"' in html)  # the renderer escapes & in the attribute
    assert "javascript" not in html.split("[f]")[0] and "href" not in html
