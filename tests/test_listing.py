"""Which posts ``archiver list`` shows: the filters over the list index's entries, usable
from the library, and the command's options that give them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.errors import ExitCode, UsageError
from archiver.index import INDEX_NAME
from archiver.listing import PostFilter, citations_shown, date_bound

from conftest import WECHAT

SEED = WECHAT / "markdown" / "guozhengxueren-464-kazakhstan.md"  # 国政学人, 2020-08-04
HTML = WECHAT / "html"

# entries as the list index keeps them (archiver.index.index_entry)
LATE_EVENING = {"account": "漳州市律师协会", "kind": "article", "citations": None,
                "published": "2020-10-02T22:08:36+08:00"}
UTC_BEFORE_MIDNIGHT = {"account": "Ａｃｃｏｕｎｔ", "kind": "article", "citations": None,
                       "published": "2020-12-31T20:00:00+00:00"}  # 2021-01-01 in Beijing
UNDATED = {"account": None, "kind": "deleted", "citations": None, "published": None}
CHECKED = {"account": "国政学人", "kind": "article", "published": "2020-08-04",
           "citations": {"verified": 2, "mismatch": 1, "not_found": 0, "unresolved": 0,
                         "ambiguous": 0, "total": 3}}


def test_no_filter_lets_every_post_through():
    assert all(PostFilter().matches(e) for e in (LATE_EVENING, UNDATED, CHECKED))


def test_the_account_is_matched_as_part_of_its_name_whatever_the_case_and_width():
    assert PostFilter(account="律师").matches(LATE_EVENING)
    assert PostFilter(account="account").matches(UTC_BEFORE_MIDNIGHT)
    assert not PostFilter(account="律师").matches(CHECKED)
    assert not PostFilter(account="律师").matches(UNDATED)  # no account: no match


def test_date_bounds_are_inclusive_and_read_as_a_year_a_month_or_a_day():
    assert PostFilter(since="2020-10-02", until="2020-10-02").matches(LATE_EVENING)
    assert PostFilter(until="2020").matches(LATE_EVENING)  # the whole of 2020
    assert PostFilter(since="2020-10").matches(LATE_EVENING)
    assert not PostFilter(since="2020-10-03").matches(LATE_EVENING)
    assert not PostFilter(until="2020-09").matches(LATE_EVENING)


def test_a_post_is_dated_by_its_day_in_beijing_as_list_shows_it():
    assert PostFilter(since="2021").matches(UTC_BEFORE_MIDNIGHT)
    assert not PostFilter(until="2020").matches(UTC_BEFORE_MIDNIGHT)


def test_a_post_dated_by_its_month_alone_passes_a_bound_within_that_month():
    month = {**LATE_EVENING, "published": "2020-10"}
    assert PostFilter(since="2020-10-02", until="2020-10-31").matches(month)
    assert PostFilter(since="2020-10-01", until="2020-10-01").matches(month)
    assert not PostFilter(since="2020-11-01").matches(month)
    assert not PostFilter(until="2020-09-30").matches(month)


def test_a_post_without_a_publish_date_passes_no_date_bound():
    assert not PostFilter(since="1900").matches(UNDATED)
    assert not PostFilter(until="2100").matches(UNDATED)


def test_citations_pick_the_posts_whose_verification_gives_some_citation_that_status():
    assert PostFilter(citations="mismatch").matches(CHECKED)
    assert not PostFilter(citations="not_found").matches(CHECKED)
    assert not PostFilter(citations="mismatch").matches(LATE_EVENING)  # never verified
    assert PostFilter(citations="none").matches(LATE_EVENING)
    assert not PostFilter(citations="none").matches(CHECKED)


def test_filters_combine_every_one_must_hold():
    assert PostFilter(kind="article", account="国政", citations="verified").matches(CHECKED)
    assert not PostFilter(kind="deleted", account="国政").matches(CHECKED)


@pytest.mark.parametrize("bad", ["2020-13", "2020-02-30", "20", "2020/10", "October", ""])
def test_a_date_bound_that_is_no_date_is_a_usage_error_naming_the_option(bad):
    with pytest.raises(UsageError, match=f"--since {bad!r} is not a date"):
        date_bound(bad, "--since")


def test_bounds_the_wrong_way_round_are_a_usage_error():
    with pytest.raises(UsageError, match="--since 2021 is after --until 2020"):
        PostFilter(since="2021", until="2020")
    PostFilter(since="2020-10", until="2020")  # within the year: fine


def test_the_citations_column_says_how_the_verification_came_out():
    assert citations_shown(None) == "-"
    assert citations_shown(CHECKED["citations"]) == "2 verified, 1 mismatch"
    assert citations_shown({"verified": 0, "total": 0}) == "0 citations"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def listed(archive, *options):
    result = run("list", "--archive", archive, "--json", *options)
    assert result.exit_code == ExitCode.OK, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_list_options_filter_the_listing(tmp_path):
    archive = tmp_path / "archive"
    assert run("ingest", SEED, HTML, "--archive", archive, "--no-fetch", "-q").exit_code in (
        ExitCode.OK, ExitCode.BAD_INPUT)
    every = listed(archive)
    assert len(every) > 5
    assert [e["account"] for e in listed(archive, "--account", "国政")] == ["国政学人"]
    october = listed(archive, "--since", "2020-10-01", "--until", "2020-10-31")
    assert october and all(e["date"].startswith("2020-10") for e in october)
    assert {e["kind"] for e in listed(archive, "--kind", "deleted")} == {"deleted"}
    assert listed(archive, "--citations", "none") == every  # none of them verified yet
    assert listed(archive, "--citations", "mismatch") == []
    text = run("list", "--archive", archive, "--account", "国政").stdout
    assert text.count("\n") == 1 and "国政学人  -  【中亚研究】" in text


def test_list_refuses_an_empty_account_which_would_match_every_post(tmp_path):
    result = run("list", "--archive", tmp_path / "none-here", "--account", " ")
    assert result.exit_code == ExitCode.USAGE and "--account is empty" in result.stderr


def test_list_refuses_a_bad_date_before_reading_the_archive(tmp_path):
    result = run("list", "--archive", tmp_path / "none-here", "--since", "2020-13")
    assert result.exit_code == ExitCode.USAGE
    assert "--since '2020-13' is not a date" in result.stderr
    assert not (tmp_path / "none-here").exists()


def test_a_list_index_written_without_verification_summaries_is_rebuilt_and_kept(tmp_path):
    """An index an older archiver wrote (its lines have no "citations") is not trusted: list
    rebuilds it, and the next ingest writes the rebuilt one back."""
    archive = tmp_path / "archive"
    run("ingest", SEED, "--archive", archive, "--no-fetch", "-q")
    path = archive / "extensions" / "archiver-index" / INDEX_NAME
    old = {object_id: {k: v for k, v in entry.items() if k != "citations"}
           for object_id, entry in json.loads(path.read_text()).items()}
    path.write_text(json.dumps(old))
    assert [e["citations"] for e in listed(archive)] == [None]
    assert run("ingest", SEED, "--archive", archive, "--no-fetch", "-q").exit_code == 0
    assert all("citations" in entry for entry in json.loads(path.read_text()).values())


def test_objects_a_writer_adds_during_a_rebuild_are_not_counted_unreadable(tmp_path,
                                                                             monkeypatch):
    """`list` run while an ingest goes on rebuilds the index from the objects it walks; the
    objects the ingest adds after that walk are not there yet, not damaged (a second walk
    counting the folders took them for unreadable inventories)."""
    from archiver.index import rebuild_index
    from archiver.store import Archive

    archive_dir = tmp_path / "archive"
    assert run("ingest", SEED, "--archive", archive_dir, "--no-fetch", "-q").exit_code == 0
    archive = Archive.open(archive_dir)
    walk = Archive.object_ids

    def walk_then_a_writer_adds_a_post(self, *args, **kwargs):
        ids = walk(self, *args, **kwargs)
        assert run("ingest", HTML, "--archive", archive_dir, "--no-fetch", "-q").exit_code in (
            ExitCode.OK, ExitCode.BAD_INPUT)
        return ids

    monkeypatch.setattr(Archive, "object_ids", walk_then_a_writer_adds_a_post)
    unreadable: list[str] = []
    index = rebuild_index(archive, unreadable)
    assert len(index) == 1 and unreadable == []
    assert archive.object_count() > 1  # the writer did add objects meanwhile
