"""Specification of configuration (archiver/config.py).

Precedence: built-in defaults < config file (``archiver.toml`` in the working directory, or the
file ``ARCHIVER_CONFIG`` names) < ``ARCHIVER_*`` environment variables < flags (applied with
``Config.with_overrides``, where a flag not given — None — changes nothing). The result is a
frozen ``Config``; nothing is read at import time, and only the environment passed in counts.
A config file with an unknown setting, or that cannot be read, and an ``ARCHIVER_CONFIG``
naming no file, are usage errors naming the file. The Crossref cache lives in
``ARCHIVER_CACHE_DIR``, else ``$XDG_CACHE_HOME/archiver``, else ``~/.cache/archiver``.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from archiver.config import DEFAULT_CROSSREF_URL, Config, default_cache_dir, load_config
from archiver.errors import ExitCode, UsageError


def write_toml(folder: Path, text: str, name: str = "archiver.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- defaults and precedence ------------------------------------------------------------------

def test_defaults_without_file_or_environment(tmp_path):
    config = load_config({}, tmp_path)
    assert config == Config()
    assert config.archive == Path("archive")
    assert config.crossref_url == DEFAULT_CROSSREF_URL == "https://api.crossref.org"
    assert config.mailto is None and config.cache_dir is None
    assert config.fetch is True
    assert config.allow_private_hosts == ()  # loopback and private networks refused
    assert config.asset_roots == ()


def test_the_config_file_overrides_defaults(tmp_path):
    write_toml(tmp_path, 'archive = "store"\nmailto = "archivist@example.org"\nfetch = false\n'
                         'http_timeout = 2.5\nmax_image_bytes = 1000\n'
                         'asset_roots = ["site", "more"]\nallow_private_hosts = ["127.0.0.1"]\n')
    config = load_config({}, tmp_path)
    assert config.archive == Path("store")
    assert config.mailto == "archivist@example.org"
    assert config.fetch is False
    assert config.http_timeout == 2.5
    assert config.max_image_bytes == 1000
    assert config.asset_roots == (Path("site"), Path("more"))
    assert config.allow_private_hosts == ("127.0.0.1",)
    assert config.crossref_url == DEFAULT_CROSSREF_URL  # not set in the file: default


def test_the_environment_overrides_the_config_file(tmp_path):
    write_toml(tmp_path, 'archive = "from-file"\nmailto = "file@example.org"\n'
                         'crossref_url = "http://file.example"\n')
    env = {"ARCHIVER_ARCHIVE": "from-env", "ARCHIVER_CROSSREF_URL": "http://127.0.0.1:8080"}
    config = load_config(env, tmp_path)
    assert config.archive == Path("from-env")
    assert config.crossref_url == "http://127.0.0.1:8080"
    assert config.mailto == "file@example.org"  # not in the environment: the file's


def test_flags_override_the_environment(tmp_path):
    write_toml(tmp_path, 'archive = "from-file"\n')
    config = load_config({"ARCHIVER_ARCHIVE": "from-env", "ARCHIVER_MAILTO": "env@example.org"},
                         tmp_path)
    flagged = config.with_overrides(archive=Path("from-flag"), mailto=None, fetch=False)
    assert flagged.archive == Path("from-flag")
    assert flagged.mailto == "env@example.org"  # flag not given: unchanged
    assert flagged.fetch is False
    assert config.archive == Path("from-env")  # the original is untouched


def test_with_overrides_keeps_false_and_zero(tmp_path):
    config = Config().with_overrides(fetch=False, max_image_bytes=0, asset_roots=())
    assert (config.fetch, config.max_image_bytes, config.asset_roots) == (False, 0, ())


def test_every_environment_variable_is_read():
    env = {"ARCHIVER_ARCHIVE": "a", "ARCHIVER_CROSSREF_URL": "http://c", "ARCHIVER_MAILTO": "m@x",
           "ARCHIVER_CACHE_DIR": "cache", "ARCHIVER_ASSET_ROOTS": os.pathsep.join(["r1", "r2"])}
    config = load_config(env, Path("/nonexistent-cwd"))
    assert (config.archive, config.crossref_url, config.mailto, config.cache_dir) == (
        Path("a"), "http://c", "m@x", Path("cache"))
    assert config.asset_roots == (Path("r1"), Path("r2"))


def test_an_empty_environment_variable_is_ignored(tmp_path):
    write_toml(tmp_path, 'archive = "from-file"\n')
    assert load_config({"ARCHIVER_ARCHIVE": ""}, tmp_path).archive == Path("from-file")


def test_only_the_given_environment_counts(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVER_ARCHIVE", "from-process-env")
    assert load_config({}, tmp_path).archive == Path("archive")
    assert load_config(None, tmp_path).archive == Path("from-process-env")


def test_the_config_file_is_looked_for_in_the_given_working_directory(tmp_path, monkeypatch):
    here, elsewhere = tmp_path / "here", tmp_path / "elsewhere"
    here.mkdir()
    elsewhere.mkdir()
    write_toml(here, 'archive = "here"\n')
    monkeypatch.chdir(elsewhere)
    assert load_config({}, here).archive == Path("here")
    assert load_config({}).archive == Path("archive")  # cwd: elsewhere, no file


def test_config_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().archive = Path("x")  # type: ignore[misc]


# --- ARCHIVER_CONFIG --------------------------------------------------------------------------

def test_archiver_config_names_the_file_to_read_instead_of_the_working_directorys(tmp_path):
    write_toml(tmp_path, 'archive = "cwd-file"\n')
    other = write_toml(tmp_path, 'archive = "named-file"\n', name="other.toml")
    assert load_config({"ARCHIVER_CONFIG": str(other)}, tmp_path).archive == Path("named-file")


def test_archiver_config_naming_a_missing_file_is_a_usage_error(tmp_path):
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(UsageError) as info:
        load_config({"ARCHIVER_CONFIG": str(missing)}, tmp_path)
    assert info.value.path == str(missing)
    assert info.value.message == "configuration file not found"
    assert info.value.exit_code == ExitCode.USAGE


# --- bad files --------------------------------------------------------------------------------

def test_an_unknown_setting_is_a_usage_error_naming_the_file_and_the_setting(tmp_path):
    path = write_toml(tmp_path, 'archive = "x"\narchve = "typo"\nzzz = 1\n')
    with pytest.raises(UsageError) as info:
        load_config({}, tmp_path)
    assert info.value.path == str(path)
    assert info.value.message == "unknown setting(s): archve, zzz"
    assert "archive" in info.value.hint
    assert str(info.value).startswith(f"{path}: ")


def test_a_file_that_is_not_toml_is_a_usage_error_naming_it(tmp_path):
    path = write_toml(tmp_path, "archive = [unclosed\n")
    with pytest.raises(UsageError, match="cannot read configuration") as info:
        load_config({}, tmp_path)
    assert info.value.path == str(path)


def test_a_file_that_is_not_utf8_is_a_usage_error_naming_it(tmp_path):
    path = tmp_path / "archiver.toml"
    path.write_bytes('mailto = "国政学人"\n'.encode("gbk"))
    with pytest.raises(UsageError, match="cannot read configuration") as info:
        load_config({}, tmp_path)
    assert info.value.path == str(path)


def test_asset_roots_that_are_not_paths_are_a_usage_error(tmp_path):
    write_toml(tmp_path, "asset_roots = [1, 2]\n")
    with pytest.raises(UsageError, match="asset_roots"):
        load_config({}, tmp_path)


@pytest.mark.parametrize("setting", ['archive = 5', 'fetch = "no"', 'max_image_bytes = "big"',
                                     'http_timeout = "10"', 'allow_private_hosts = [1]'])
def test_a_setting_of_the_wrong_type_is_a_usage_error_naming_the_file(tmp_path, setting):
    path = write_toml(tmp_path, setting + "\n")
    with pytest.raises(UsageError) as info:
        load_config({}, tmp_path)
    assert info.value.path == str(path)


def test_a_single_allowed_host_written_as_a_string_is_one_host(tmp_path):
    write_toml(tmp_path, 'allow_private_hosts = "127.0.0.1"\n')
    assert load_config({}, tmp_path).allow_private_hosts == ("127.0.0.1",)


# --- cache folder -----------------------------------------------------------------------------

def test_cache_dir_from_archiver_cache_dir(tmp_path):
    env = {"ARCHIVER_CACHE_DIR": str(tmp_path / "c"), "XDG_CACHE_HOME": str(tmp_path / "x")}
    config = load_config(env, tmp_path)
    assert default_cache_dir(config, env) == tmp_path / "c"


def test_cache_dir_under_xdg_cache_home(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "x")}
    assert default_cache_dir(load_config(env, tmp_path), env) == tmp_path / "x" / "archiver"


def test_cache_dir_defaults_to_the_home_cache(tmp_path):
    assert default_cache_dir(load_config({}, tmp_path), {}) == Path.home() / ".cache" / "archiver"


def test_cache_dir_from_the_config_file_and_flags(tmp_path):
    write_toml(tmp_path, f'cache_dir = "{tmp_path / "file-cache"}"\n')
    env = {"XDG_CACHE_HOME": str(tmp_path / "x")}
    config = load_config(env, tmp_path)
    assert default_cache_dir(config, env) == tmp_path / "file-cache"
    flagged = config.with_overrides(cache_dir=tmp_path / "flag-cache")
    assert default_cache_dir(flagged, env) == tmp_path / "flag-cache"


def test_archiver_cache_dir_beats_the_config_file(tmp_path):
    write_toml(tmp_path, 'cache_dir = "file-cache"\n')
    env = {"ARCHIVER_CACHE_DIR": "env-cache"}
    assert default_cache_dir(load_config(env, tmp_path), env) == Path("env-cache")
