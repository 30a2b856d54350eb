"""OCFL conformance (design §5): ``archiver fsck`` tells the OCFL 1.1 fixtures apart.

The official fixtures (tests/fixtures/ocfl/1.1, CC BY 4.0, see its README) are good objects,
warn objects (valid, with warnings) and bad objects (named after the error they carry). Each
is placed alone in a fresh storage root, at the path layout extension 0003 gives its id (an
object with no readable id: at the path of its folder name, as an object an archive could be
left with), and ``archiver fsck`` — the command line — runs on that root:

- every good and every warn object passes (exit 0): an object archiver did not write is
  checked as an OCFL object, not rejected for not being a post;
- a bad object is reported (exit 5, never a crash), and at least 90 % of them are; today all.

ocfl-py, an independent validator, judges the copies as their folders say (tests/test_store.py
does it for good and bad objects; the warn objects are checked here).
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from ocfl.validator import Validator

from archiver.store import Archive, object_root_for

from conftest import FIXTURES
from stress_support import cli

OCFL = FIXTURES / "ocfl" / "1.1"
CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "ocfl" / "1.1"
TOO_BIG = {"good-objects/updates_all_actions", "warn-objects/W001_W004_W005_zero_padded_versions"}


def objects(kind: str) -> list[Path]:
    return sorted(p for p in (OCFL / kind).iterdir() if p.is_dir())


def fsck_alone(obj: Path, tmp: Path) -> tuple[int, list[dict], str]:
    """``archiver fsck --json`` on a storage root holding only ``obj``."""
    try:
        object_id = json.loads((obj / "inventory.json").read_bytes())["id"]
        assert isinstance(object_id, str)
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        object_id = f"fixture:{obj.name}"
    root = tmp / obj.parent.name / obj.name
    Archive.open(root, create=True)
    shutil.copytree(obj, root / object_root_for(object_id))
    result = cli("fsck", "--archive", root, "--json")
    try:
        problems = json.loads(result.stdout)["problems"]
    except ValueError:
        problems = []
    return result.exit_code, problems, result.stderr


def test_every_ocfl_1_1_object_of_the_corpus_is_copied():
    """All of the corpus's OCFL 1.1 objects are here, but the two over 1 MB (README)."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not beside this clone")
    wanted = {f"{p.parent.name}/{p.name}" for p in CORPUS.glob("*/*") if p.is_dir()}
    copied = {f"{p.parent.name}/{p.name}" for p in OCFL.glob("*/*") if p.is_dir()}
    assert copied == wanted - TOO_BIG


def test_fsck_passes_every_good_object_and_reports_the_bad_ones(tmp_path, figure):
    valid = objects("good-objects") + objects("warn-objects")
    bad = objects("bad-objects")
    assert len(valid) >= 20 and len(bad) >= 50
    rejected_valid, missed, crashed = [], [], []
    for obj in valid:
        code, problems, stderr = fsck_alone(obj, tmp_path)
        if code != 0:
            rejected_valid.append(f"{obj.parent.name}/{obj.name}: exit {code} {problems[:2]}")
    for obj in bad:
        code, problems, stderr = fsck_alone(obj, tmp_path)
        if code == 70 or "Traceback" in stderr:
            crashed.append(f"{obj.name}: {stderr[-200:]}")
        elif code != 5 or not problems:
            missed.append(f"{obj.name}: exit {code}")
    reported = len(bad) - len(missed) - len(crashed)
    figure("ocfl", f"{len(valid) - len(rejected_valid)}/{len(valid)} valid objects pass "
                   f"({len(objects('good-objects'))} good, {len(objects('warn-objects'))} with "
                   f"warnings), {reported}/{len(bad)} bad objects reported "
                   f"({100 * reported // len(bad)} %), {len(crashed)} crashes")
    assert not rejected_valid, rejected_valid
    assert not crashed, crashed
    assert reported / len(bad) >= 0.9, missed


@pytest.mark.parametrize("name", [p.name for p in objects("bad-objects")])
def test_a_bad_object_is_reported_inside_the_object(name, tmp_path):
    """The problems fsck names lie in the object (or its place in the hierarchy), and its
    exit code is 5, never 70."""
    code, problems, _ = fsck_alone(OCFL / "bad-objects" / name, tmp_path)
    assert code == 5 and problems
    assert all(not p["path"].startswith(("/", "..")) for p in problems), problems


def test_ocfl_py_accepts_every_warn_object():
    logging.getLogger().setLevel(logging.WARNING)
    for obj in objects("warn-objects"):
        assert Validator(log_warnings=False).validate_object(str(obj)), obj.name
