"""Shared fixtures: real corpus posts copied into tests/fixtures, and throwaway archives."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archiver.config import Config, load_config
from archiver.store import Archive

FIXTURES = Path(__file__).parent / "fixtures"
WECHAT = FIXTURES / "wechat"


def labels() -> list[dict]:
    """Hand-checked labels for every corpus post (see fixtures/wechat/LABELS.md)."""
    return json.loads((WECHAT / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _image_servers_start_unheard(monkeypatch) -> None:
    """Each test begins with no image server remembered as silent (a run's memory, kept by
    the process: the tests' servers listen on 127.0.0.1, some on one port for a module)."""
    import archiver.assets.download
    monkeypatch.setattr(archiver.assets.download, "_silent_servers", {})


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Offline configuration writing to a fresh archive in a temporary folder."""
    return load_config({}, tmp_path).with_overrides(
        archive=tmp_path / "archive", fetch=False, cache_dir=tmp_path / "cache")


# -- figures of the stress tests (tests/stress/), printed at the end of the run ----------------

_FIGURES: dict[str, str] = {}


@pytest.fixture
def figure():
    """Record a stress test's figure, one line per promise (``crash: 20/20 recovered, …``);
    ``make stress`` runs the full versions (ARCHIVER_STRESS=1) and prints them."""
    def record(name: str, text: str) -> None:
        _FIGURES[name] = f"{name}: {text}"
    return record


def pytest_terminal_summary(terminalreporter) -> None:
    if _FIGURES:
        full = os.environ.get("ARCHIVER_STRESS") == "1"
        terminalreporter.section("archive stress figures" + (
            "" if full else " (fast versions; `make stress` runs the full ones)"))
        for name in sorted(_FIGURES):
            terminalreporter.write_line(_FIGURES[name])


@pytest.fixture
def inventory_parses(monkeypatch) -> list[Path]:
    """The object folders whose root inventory an Archive parses (and checks) from here on,
    one entry each time (the inventory lists every version: parsed once per version, a long
    history is quadratic)."""
    from archiver.store import Archive
    parsed: list[Path] = []
    reading = Archive._read_inventory

    def counted(self, object_dir):
        parsed.append(object_dir)
        return reading(self, object_dir)

    monkeypatch.setattr(Archive, "_read_inventory", counted)
    return parsed


@pytest.fixture
def another_writer() -> Iterator[Callable[[Path], tuple[threading.Event, threading.Thread]]]:
    """``another_writer(root)``: another writer (a thread, as another process's ingest would
    be) holding the archive's lock until the event it gives is set (or 30 s have passed);
    any still holding it when the test ends is released then."""
    started: list[tuple[threading.Event, threading.Thread]] = []

    def start(root: Path) -> tuple[threading.Event, threading.Thread]:
        holding, release = threading.Event(), threading.Event()

        def hold() -> None:
            with Archive.open(root).writer():
                holding.set()
                release.wait(30)

        holder = threading.Thread(target=hold, daemon=True)
        holder.start()
        started.append((release, holder))
        assert holding.wait(30)
        return release, holder

    yield start
    for release, holder in started:
        release.set()
        holder.join(30)
