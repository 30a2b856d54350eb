"""Ctrl-C and SIGTERM wait for a commit and its bookkeeping, then end the run as before."""

from __future__ import annotations

import json
import signal
from types import FrameType

import pytest

from archiver import interrupts
from archiver.index import RECEIPTS_NAME
from archiver.pipeline import ingest_paths
from archiver.store import Archive

from conftest import WECHAT


@pytest.fixture(autouse=True)
def pythons_own_ctrl_c():
    """Ctrl-C handled as Python handles it. A test run started in the background by a shell
    (a CI runner's) inherits SIGINT ignored, and Python then leaves it ignored: a held
    signal is then rightly dropped, which is not what these tests are about."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_ctrl_c_inside_the_block_is_raised_when_the_block_ends_not_before() -> None:
    done: list[str] = []
    with pytest.raises(KeyboardInterrupt), interrupts.held():
        signal.raise_signal(signal.SIGINT)
        done.append("the rest of the block")
    assert done == ["the rest of the block"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # given back


def test_sigterm_held_reaches_the_handler_that_was_in_place() -> None:
    reached: list[int] = []

    def own(signum: int, _frame: FrameType | None) -> None:
        reached.append(signum)
    before = signal.signal(signal.SIGTERM, own)
    try:
        with interrupts.held():
            signal.raise_signal(signal.SIGTERM)
            assert reached == []
        assert reached == [signal.SIGTERM]
        assert signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, before)


def test_a_block_without_a_signal_ends_quietly() -> None:
    with interrupts.held():
        pass
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_ctrl_c_the_process_ignores_is_dropped_after_the_block_too() -> None:
    """Started in the background by a shell, the process ignores SIGINT: a held one is not
    turned into an interruption the process would never have had."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    done: list[str] = []
    with interrupts.held():
        signal.raise_signal(signal.SIGINT)
        done.append("the block")
    done.append("after it")
    assert done == ["the block", "after it"]
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_an_ingest_interrupted_as_a_group_commit_ends_keeps_the_receipts_of_its_posts(
        config, monkeypatch) -> None:
    """The signal comes the moment the group's versions are on disk (as it did, now and then,
    when a SIGTERM met an ``ingest --jobs 2``): the run is still interrupted, and the receipts
    of every post it archived are kept, so that the next run need not read them again. The
    posts were kept and their receipts lost."""
    real = Archive.commit_all

    def then_ctrl_c(self: Archive, changes: list) -> list:
        committed = real(self, changes)
        signal.raise_signal(signal.SIGINT)  # a test's fault: the user's Ctrl-C, just then
        return committed
    monkeypatch.setattr(Archive, "commit_all", then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([WECHAT / "markdown"], config)
    monkeypatch.undo()
    archive = Archive.open(config.archive)
    committed = archive.object_ids()
    assert committed
    receipts = archive.root / "extensions" / "archiver-index" / RECEIPTS_NAME
    kept = json.loads(receipts.read_text(encoding="utf-8"))
    assert sum(len(r[0]["posts"]) for r in kept.values()) == len(committed)
    again = ingest_paths([WECHAT / "markdown"], config)
    assert {r.object_id for r in again if r.status == "unchanged"} == set(committed)


def test_a_second_ctrl_c_while_the_run_writes_its_indexes_waits_for_the_receipts(
        config, monkeypatch) -> None:
    """The run writes its list index, then its receipts: a Ctrl-C between the two (the
    impatient user's second one, say) had left the receipts of the whole run unwritten."""
    real = Archive.write_extension_file

    def then_ctrl_c(self: Archive, name: str, data: bytes) -> None:
        real(self, name, data)
        if name != RECEIPTS_NAME:
            signal.raise_signal(signal.SIGINT)  # a test's fault: the user's Ctrl-C, just then
    monkeypatch.setattr(Archive, "write_extension_file", then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([WECHAT / "markdown"], config)
    monkeypatch.undo()
    archive = Archive.open(config.archive)
    receipts = archive.root / "extensions" / "archiver-index" / RECEIPTS_NAME
    kept = json.loads(receipts.read_text(encoding="utf-8"))
    assert sum(len(r[0]["posts"]) for r in kept.values()) == len(archive.object_ids())


def test_a_second_ctrl_c_is_not_held() -> None:
    """Whoever presses Ctrl-C twice will not wait (a commit on a disk that hangs): the
    second ends the block at once, and the first is not delivered again after it."""
    done: list[str] = []
    with pytest.raises(KeyboardInterrupt), interrupts.held():
        signal.raise_signal(signal.SIGINT)
        done.append("after the first")
        signal.raise_signal(signal.SIGINT)
        done.append("after the second")
    assert done == ["after the first"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_block_that_fails_says_its_own_error_not_the_held_ctrl_c() -> None:
    """A commit that fails (a full disk) while a Ctrl-C waits: the failure, with what to do,
    is what the run ends with; the Ctrl-C had replaced it, and the user was told only that
    the run was interrupted."""
    with pytest.raises(OSError, match="No space left"), interrupts.held():
        signal.raise_signal(signal.SIGINT)
        raise OSError(28, "No space left on device (a test's fault)")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
