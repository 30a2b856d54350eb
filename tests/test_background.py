"""A large page's decoding check and sha512 run on a second core while libxml2 parses it
(``archiver.background``). Moving them there must change nothing a reader answers: the same
digest, the same error for bytes that do not decode, naming the file."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from concurrent.futures import Future

import pytest

from archiver import background
from archiver.errors import MalformedInput
from archiver.readers import read, read_all

from conftest import FIXTURES, WECHAT

CONTAINERS = FIXTURES / "containers"  # converted from real pages (see the README there)
LARGE_PAGE = WECHAT / "html" / ("wechat-article-exporter__普通图文-04.html")


def test_small_work_is_done_at_once_in_the_calling_thread() -> None:
    done = background.beside(10, threading.current_thread)
    assert done.done() and done.result() is threading.current_thread()


def test_large_work_is_done_on_another_thread() -> None:
    done = background.beside(background.WORTH_A_THREAD, threading.current_thread)
    assert done.result() is not threading.current_thread()


def test_a_forked_process_runs_large_work_on_a_worker_of_its_own() -> None:
    background.beside(background.WORTH_A_THREAD, int).result()  # this process has a worker
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            signal.alarm(20)  # work queued for the parent's (absent) worker would never run
            worker = background.beside(background.WORTH_A_THREAD, threading.current_thread)
            code = 0 if worker.result() is not threading.current_thread() else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


@pytest.mark.parametrize("size", [10, background.WORTH_A_THREAD])
def test_an_error_in_the_work_is_raised_where_the_result_is_asked_for(size: int) -> None:
    def fails() -> None:
        raise MalformedInput("bad bytes", path="page.html")

    done = background.beside(size, fails)
    with pytest.raises(MalformedInput, match="bad bytes"):
        done.result()


def test_a_large_saved_page_is_hashed_beside_its_reading_and_the_digest_is_its_own() -> None:
    data = LARGE_PAGE.read_bytes()
    assert len(data) >= background.WORTH_A_THREAD
    raw = read(LARGE_PAGE)
    assert isinstance(raw.sha512, Future)  # left running: only storing the post waits for it
    assert raw.data_sha512 == hashlib.sha512(data).hexdigest()


@pytest.mark.parametrize("name", ["converted-wechatscope-raiHy80cW6.mhtml",
                                  "converted-multi-wechatscope-2650512939-idx1+idx3.warc.gz",
                                  "converted-wechatscope-raiHy80cW6.wacz"])
def test_every_post_of_a_container_carries_the_digest_of_the_whole_file(name: str) -> None:
    path = CONTAINERS / name
    expected = hashlib.sha512(path.read_bytes()).hexdigest()
    posts = read_all(path)
    assert posts and all(raw.data_sha512 == expected for raw in posts)


def test_a_large_page_that_does_not_decode_is_malformed_and_names_the_file(tmp_path) -> None:
    data = LARGE_PAGE.read_bytes()
    middle = len(data) // 2
    page = tmp_path / "page.html"
    page.write_bytes(data[:middle] + b"\xff\xfe" + data[middle:])
    with pytest.raises(MalformedInput, match="not valid utf-8") as info:
        read(page)
    assert info.value.path == str(page)


_STARTED_BY = """
import multiprocessing, os, sys, threading
from archiver import background
if __name__ == "__main__":
    if sys.argv[1] == "with-a-thread":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    with background.processes(1, ["archiver.background"]) as pool:
        assert pool.submit(os.getpid).result() != os.getpid()
        print(type(multiprocessing.active_children()[0]).__name__)
"""


@pytest.mark.parametrize(("state", "kind"), [("alone", "ForkProcess"),
                                             ("with-a-thread", "ForkServerProcess")])
def test_worker_processes_are_forked_only_from_a_process_running_no_other_thread(
        tmp_path, state: str, kind: str) -> None:
    """Forking a process while another of its threads runs may copy a lock that thread holds
    into the child, locked for ever: workers are then started from a fork server."""
    import subprocess
    import sys
    script = tmp_path / "start.py"
    script.write_text(_STARTED_BY, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), state], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip() == kind
