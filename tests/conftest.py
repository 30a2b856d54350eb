"""Shared fixtures: real corpus posts copied into tests/fixtures, and throwaway archives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.config import Config, load_config

FIXTURES = Path(__file__).parent / "fixtures"
WECHAT = FIXTURES / "wechat"


def labels() -> list[dict]:
    """Hand-checked labels for every corpus post (see fixtures/wechat/LABELS.md)."""
    return json.loads((WECHAT / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Offline configuration writing to a fresh archive in a temporary folder."""
    return load_config({}, tmp_path).with_overrides(
        archive=tmp_path / "archive", fetch=False, cache_dir=tmp_path / "cache")
