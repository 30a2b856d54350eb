"""What a record says about the DOIs of its post: where each one is cited."""

from __future__ import annotations

from pathlib import Path

from archiver.pipeline import prepare


def test_each_doi_points_at_the_first_block_that_cites_it(config, tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Citing\ndate: 2024-05-01\n---\n\n"
        "An opening paragraph without any DOI.\n\n"
        "![figure](images/missing.png)\n\n"
        "First cited as DOI:10.1000/ABC.1 (upper case in the text).\n\n"
        "Cited again: 10.1000/abc.1 and 10.1000/other.2\n\n"
        "A reference list broken the way PDFs break it: https://doi.org/10.1000/\n\n"
        "split.3\n\n"
        "[a link only](https://doi.org/10.1000/linked.4)\n", encoding="utf-8")
    record = prepare(post, config).record
    blocks = record["blocks"]
    where = {c["doi"]: c["location"] for c in record["citations"]}
    assert where == {"10.1000/abc.1": "blocks/2", "10.1000/other.2": "blocks/3",
                     "10.1000/split.3": "blocks/4", "10.1000/linked.4": "link"}
    assert "10.1000/ABC.1" in blocks[2]["text"] and blocks[1]["type"] == "image"
    assert blocks[4]["text"].endswith("10.1000/") and blocks[5]["text"] == "split.3"
