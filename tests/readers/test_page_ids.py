"""The page reader finds elements by id through libxml2's id index (a whole-tree XPath search
for each id cost a tenth of a large page's parse). Whatever the page, it must find what
``getElementById`` finds: the first element in document order whose ``id`` is exactly that
value, or nothing."""

from __future__ import annotations

import html

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.readers import wechat_html

IDS = ["js_content", "img-content", "js_share_source", "x", " js_content", "js_content "]


def by_the_tree(doc: lxml.html.HtmlElement, ident: str) -> object:
    found = [el for el in doc.iter() if isinstance(el.tag, str) and el.get("id") == ident]
    return found[0] if found else None


def page(elements: list[tuple[str, str, str, int]]) -> str:
    """Nested or sibling elements, each ``(tag, attribute, value, depth change)``."""
    out, open_tags = ["<html><body>"], []
    for tag, attribute, value, nest in elements:
        out.append(f'<{tag} {attribute}="{html.escape(value)}">t')
        open_tags.append(tag)
        if not nest:
            out.append(f"</{open_tags.pop()}>")
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out) + "</body></html>"


element = st.tuples(st.sampled_from(["div", "p", "a", "section", "span", "img"]),
                    st.sampled_from(["id", "name", "class", "ID"]), st.sampled_from(IDS),
                    st.integers(0, 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(element, max_size=12), st.sampled_from(IDS))
def test_an_element_is_found_by_id_as_get_element_by_id_finds_it(elements, ident) -> None:
    doc = lxml.html.document_fromstring(page(elements))
    assert wechat_html._by_id(doc, ident) is by_the_tree(doc, ident)


@pytest.mark.parametrize("markup, expected", [
    ('<a name="js_content">a</a><div id="js_content">b</div>', "b"),  # <a name> is no id
    ('<a name="js_content">a</a>', None),
    ('<div id="js_content">b</div><p id="js_content">c</p>', "b"),  # the first of two
    ('<div id=" js_content">b</div>', None),  # an id is matched exactly
    ('<p>nothing</p>', None),
])
def test_the_cases_the_id_index_gets_differently_from_the_attribute(markup, expected) -> None:
    doc = lxml.html.document_fromstring(f"<html><body>{markup}</body></html>")
    found = wechat_html._by_id(doc, "js_content")
    assert (found.text if found is not None else None) == expected


def test_this_libxml2_indexes_ids_so_the_index_is_what_the_tests_above_check() -> None:
    assert wechat_html._IDS_INDEXED
