"""Specification of configuration (archiver/config.py).

Precedence: built-in defaults < config file (``archiver.toml`` in the working directory, or the
file ``ARCHIVER_CONFIG`` names) < ``ARCHIVER_*`` environment variables < flags (applied with
``Config.with_overrides``, where a flag not given — None — changes nothing). The result is a
frozen ``Config``; nothing is read at import time, and only the environment passed in counts.
A config file with an unknown setting, or that cannot be read, and an ``ARCHIVER_CONFIG``
naming no file, are usage errors naming the file. Every value, from the file, the environment
or a flag, is checked when it is loaded (types; sizes and timeouts above 0; asset roots existing
folders; the cache not a file; URLs http(s) with a host; an e-mail address; host
names or addresses): a bad one is a usage error naming the setting, the value and where it came
from, with a hint saying where to correct it. The Crossref cache lives in
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
    # the cache's folder is the default the given environment makes (no process's variable)
    assert config == Config(cache_dir=Path.home() / ".cache" / "archiver")
    assert config.archive == Path("archive")
    assert config.crossref_url == DEFAULT_CROSSREF_URL == "https://api.crossref.org"
    assert config.mailto is None and Config().cache_dir is None
    assert config.fetch is True
    assert config.allow_private_hosts == ()  # loopback and private networks refused
    assert config.asset_roots == ()


def test_the_config_file_overrides_defaults(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "more").mkdir()
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


def test_with_overrides_keeps_false_and_empty_and_checks_zero(tmp_path):
    config = Config().with_overrides(fetch=False, asset_roots=())
    assert (config.fetch, config.asset_roots) == (False, ())
    with pytest.raises(UsageError, match="max_image_bytes"):  # given, so checked: not ignored
        Config().with_overrides(max_image_bytes=0)


def test_every_environment_variable_is_read(tmp_path):
    (tmp_path / "r1").mkdir()
    (tmp_path / "r2").mkdir()
    env = {"ARCHIVER_ARCHIVE": "a", "ARCHIVER_CROSSREF_URL": "http://c", "ARCHIVER_MAILTO": "m@x",
           "ARCHIVER_CACHE_DIR": "cache", "ARCHIVER_ASSET_ROOTS": os.pathsep.join(["r1", "r2"])}
    config = load_config(env, tmp_path)  # relative asset roots: found in the working directory
    assert (config.archive, config.crossref_url, config.mailto, config.cache_dir) == (
        Path("a"), "http://c", "m@x", Path("cache"))
    assert config.asset_roots == (Path("r1"), Path("r2"))


def test_an_empty_environment_variable_is_ignored(tmp_path):
    write_toml(tmp_path, 'mailto = "from-file@example.org"\n')
    assert load_config({"ARCHIVER_MAILTO": ""}, tmp_path).mailto == "from-file@example.org"


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_archive_variable_is_refused_by_the_library_as_by_the_command(tmp_path, value):
    """``ARCHIVER_ARCHIVE=$DIR`` with DIR unset, in a script that calls the library: the posts
    must not quietly go to ./archive (or the file's archive) any more than the command's."""
    write_toml(tmp_path, 'archive = "from-file"\n')
    with pytest.raises(UsageError, match="ARCHIVER_ARCHIVE is set but empty"):
        load_config({"ARCHIVER_ARCHIVE": value}, tmp_path)


@pytest.mark.parametrize("name", ["ARCHIVER_CACHE_DIR", "ARCHIVER_CROSSREF_URL"])
def test_an_empty_cache_or_crossref_variable_is_refused_as_the_archive_one_is(tmp_path, name):
    """A CI variable left unset (``ARCHIVER_CACHE_DIR=$CACHE``) fell back to the user's home
    cache, or to api.crossref.org, in silence; it is the same usage error as the archive's."""
    with pytest.raises(UsageError, match=f"{name} is set but empty") as refused:
        load_config({name: " "}, tmp_path)
    assert refused.value.hint.startswith("set it, or unset it to use ")
    assert load_config({}, tmp_path).crossref_url == "https://api.crossref.org"  # (unset: fine)


def test_the_crossref_urls_scheme_and_host_are_kept_in_small_letters(tmp_path):
    """``HTTP://Host`` names the server ``http://host`` names: kept as it is compared, its
    cached answers are found (``--offline`` said the cache held another server's)."""
    assert load_config({"ARCHIVER_CROSSREF_URL": "HTTP://API.Crossref.ORG:8080/Path/v1"},
                       tmp_path).crossref_url == "http://api.crossref.org:8080/Path/v1"


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
    assert info.value.hint.startswith("ARCHIVER_CONFIG names it")
    assert info.value.exit_code == ExitCode.USAGE


@pytest.mark.parametrize("named", [False, True])
def test_a_folder_where_the_configuration_file_goes_is_a_usage_error(tmp_path, named):
    """A folder named archiver.toml in the working directory was passed over in silence (its
    settings, wherever they were meant to be, unapplied); named by ARCHIVER_CONFIG it was
    "not found"."""
    folder = tmp_path / "archiver.toml"
    folder.mkdir()
    with pytest.raises(UsageError) as info:
        load_config({"ARCHIVER_CONFIG": str(folder)} if named else {}, tmp_path)
    assert info.value.path == str(folder)
    assert info.value.message == "is a folder, not a configuration file"
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


def test_allowed_hosts_are_kept_as_they_are_compared_with_what_a_url_names(tmp_path):
    """Host names from URLs come lower case and addresses compressed: an entry written
    otherwise would never match, and its host's images would go missing in silence."""
    from archiver.assets.guard import public_address
    write_toml(tmp_path, 'allow_private_hosts = ["LocalHost.", "0:0:0:0:0:0:0:1", "[::1]"]\n')
    config = load_config({}, tmp_path)
    assert config.allow_private_hosts == ("localhost", "::1", "::1")
    assert public_address("localhost", 80, config) is None
    assert public_address("::1", 80, config) is None


# --- every value is checked where it comes from --------------------------------------------

BAD_FILE_VALUES = [
    ("max_image_bytes = -1", "max_image_bytes", "-1"),
    ("max_image_bytes = 0", "max_image_bytes", "0"),
    ("http_timeout = -5", "http_timeout", "-5"),
    ("http_timeout = 0", "http_timeout", "0"),
    ("http_timeout = inf", "http_timeout", "inf"),
    ("http_timeout = nan", "http_timeout", "nan"),
    ("http_timeout = true", "http_timeout", "true"),  # (as TOML spells it, not Python)
    ("max_image_bytes = false", "max_image_bytes", "false"),
    ("http_timeout = 1e300", "http_timeout", "1e+300"),  # past the system's clocks
    ("http_timeout = 1" + "0" * 400, "http_timeout", "1000"),  # too large to be a float
    ('asset_roots = ["/nonexistent"]', "asset_roots", "'/nonexistent'"),
    ('asset_roots = ["archiver.toml"]', "asset_roots", "'archiver.toml'"),
    ('archive = ""', "archive", "''"),
    ('cache_dir = "archiver.toml"', "cache_dir", "'archiver.toml'"),
    ('crossref_url = "api.crossref.org"', "crossref_url", "'api.crossref.org'"),
    ('crossref_url = "ftp://api.crossref.org"', "crossref_url", "'ftp://api.crossref.org'"),
    ('crossref_url = "http://127.0.0.1:99999"', "crossref_url", "'http://127.0.0.1:99999'"),
    ('mailto = "archivist at example.org"', "mailto", "'archivist at example.org'"),
    ('allow_private_hosts = ["10.0.0.0/8"]', "allow_private_hosts", "'10.0.0.0/8'"),
    ('allow_private_hosts = ["http://127.0.0.1"]', "allow_private_hosts", "'http://127.0.0.1'"),
    ('user_name = ""', "user_name", "''"),
    ('user_name = "Li\\nHua"', "user_name", "it holds U+000A"),
    ('user_name = "Li\\u200bHua"', "user_name", "it holds U+200B"),  # invisible
    ('user_address = "mailto:a@b\\u001b[31m"', "user_address", "mailto:a@b"),
    ('user_address = "https://me:secret@orcid.org/0000-0002-1825-0097"', "user_address",
     "holds a user name or password (host orcid.org)"),
    ('user_address = "https://orcid.org:99999/x"', "user_address", "a valid port"),
    ('user_address = "orcid 0000-0002-1825-0097"', "user_address", "'orcid 0000-0002-1825-0097'"),
    ('user_address = "mailto:nobody"', "user_address", "'mailto:nobody'"),
    ('user_address = "ftp://example.org/me"', "user_address", "'ftp://example.org/me'"),
    ('user_address = "https:///me"', "user_address", "'https:///me'"),
]


@pytest.mark.parametrize(("line", "setting", "shown"), BAD_FILE_VALUES)
def test_a_bad_value_in_the_file_names_the_setting_the_value_and_the_file(tmp_path, line,
                                                                          setting, shown):
    path = write_toml(tmp_path, line + "\n")
    with pytest.raises(UsageError) as info:
        load_config({}, tmp_path)
    assert info.value.exit_code == ExitCode.USAGE
    assert info.value.path == str(path)
    assert info.value.message.startswith(f"setting '{setting}' ")
    assert shown in info.value.message
    assert info.value.hint.startswith(f"correct or remove '{setting}' in {path}")


def test_the_trial_values_are_refused_with_messages_that_say_what_is_wrong(tmp_path):
    write_toml(tmp_path, "max_image_bytes = -1\n")
    with pytest.raises(UsageError) as info:
        load_config({}, tmp_path)
    assert info.value.message == ("setting 'max_image_bytes' is -1: it must be a whole number "
                                  "of bytes greater than 0")
    assert "20971520" in info.value.hint  # the default, as an example
    write_toml(tmp_path, 'asset_roots = ["site"]\n')
    with pytest.raises(UsageError) as info:
        load_config({}, tmp_path)
    assert info.value.message == (f"setting 'asset_roots' names 'site': no such folder "
                                  f"(relative to {tmp_path})")


@pytest.mark.parametrize(("variable", "value", "setting"), [
    ("ARCHIVER_ASSET_ROOTS", "/nonexistent", "asset_roots"),
    ("ARCHIVER_CROSSREF_URL", "not a url", "crossref_url"),
    ("ARCHIVER_MAILTO", "nobody", "mailto"),
    ("ARCHIVER_CACHE_DIR", "archiver.toml", "cache_dir"),
    ("ARCHIVER_USER_ADDRESS", "Li Hua", "user_address"),
])
def test_a_bad_value_in_the_environment_names_the_variable(tmp_path, variable, value, setting):
    write_toml(tmp_path, "")  # a file, for the paths that must be folders
    with pytest.raises(UsageError) as info:
        load_config({variable: value}, tmp_path)
    assert info.value.path == f"environment variable {variable}"
    assert info.value.message.startswith(f"setting '{setting}' ")
    assert repr(value) in info.value.message
    assert info.value.hint.startswith(f"correct or unset {variable}")


def test_one_missing_folder_among_the_environments_asset_roots_is_named(tmp_path):
    (tmp_path / "here").mkdir()
    env = {"ARCHIVER_ASSET_ROOTS": os.pathsep.join([str(tmp_path / "here"), "gone"])}
    with pytest.raises(UsageError, match="names 'gone': no such folder"):
        load_config(env, tmp_path)


def test_the_environment_is_checked_even_where_it_overrides_a_good_file(tmp_path):
    write_toml(tmp_path, "mailto = \"archivist@example.org\"\n")
    with pytest.raises(UsageError) as info:
        load_config({"ARCHIVER_MAILTO": "x"}, tmp_path)
    assert info.value.path == "environment variable ARCHIVER_MAILTO"


@pytest.mark.parametrize("overrides", [
    {"max_image_bytes": -1}, {"max_image_pixels": 0}, {"http_timeout": -5.0},
    {"http_timeout": "10"}, {"asset_roots": (Path("/nonexistent"),)}, {"fetch": "no"},
    {"crossref_url": "localhost:8080"}, {"mailto": "@"}, {"user_agent": "a\r\nX-Evil: 1"},
    {"allow_private_hosts": ("127.0.0.1/8",)},
])
def test_with_overrides_checks_every_value_it_is_given(overrides):
    [setting] = overrides
    with pytest.raises(UsageError, match=f"setting '{setting}' ") as info:
        Config().with_overrides(**overrides)
    assert info.value.path is None  # a library caller's value: no file or variable to name


def test_with_overrides_names_the_option_a_value_came_from():
    with pytest.raises(UsageError) as info:
        Config().with_overrides(crossref_url="ftp://x", sources={"crossref_url": "--crossref-url"})
    assert info.value.path == "option --crossref-url"
    assert info.value.hint.startswith("correct the value of --crossref-url")


def test_good_values_pass_unchanged(tmp_path):
    config = Config().with_overrides(
        http_timeout=0.5, max_image_bytes=1, max_image_pixels=1, asset_roots=(tmp_path,),
        crossref_url="http://127.0.0.1:8080/", mailto="a.b+c@example.org",
        allow_private_hosts=("127.0.0.1", "::1", "localhost", "files.local"),
        archive=tmp_path / "not-yet", cache_dir=tmp_path / "cache", user_agent="me/1.0")
    assert config.http_timeout == 0.5 and config.asset_roots == (tmp_path,)
    assert config.allow_private_hosts == ("127.0.0.1", "::1", "localhost", "files.local")


# --- who adds the versions ---------------------------------------------------------------------

def test_no_user_is_configured_by_default_so_the_archive_names_the_login():
    assert Config().version_user() is None


def test_the_user_of_the_versions_comes_from_the_file_and_the_environment(tmp_path):
    """OCFL's version ``user``: a name and, as OCFL asks (W008), an address that is a URI;
    a bare e-mail address is given the mailto: scheme, an ORCID iD is kept as it is."""
    write_toml(tmp_path, 'user_name = "李华"\nuser_address = "lihua@example.org"\n')
    assert load_config({}, tmp_path).version_user() == {
        "name": "李华", "address": "mailto:lihua@example.org"}
    orcid = "https://orcid.org/0000-0002-1825-0097"
    assert load_config({"ARCHIVER_USER_ADDRESS": orcid}, tmp_path).version_user() == {
        "name": "李华", "address": orcid}
    assert load_config({"ARCHIVER_USER_NAME": "Li Hua"}, tmp_path).user_name == "Li Hua"
    assert Config().with_overrides(user_address="mailto:a@b.org").version_user() == {
        "address": "mailto:a@b.org"}


def test_a_name_is_kept_with_its_own_spaces_and_without_those_around_it(tmp_path):
    """A Japanese name typed with the ideographic space (U+3000) is a name; the spaces
    around a name are no part of it."""
    write_toml(tmp_path, 'user_name = " 立田\u3000ルミ "\n')
    assert load_config({}, tmp_path).user_name == "立田\u3000ルミ"


def test_a_name_may_hold_the_joiners_persian_and_indic_scripts_spell_with(tmp_path):
    assert Config().with_overrides(user_name="علی\u200cرضا").user_name == "علی\u200cرضا"


def test_an_address_in_another_encoding_is_refused_before_anything_is_written(tmp_path):
    """An environment variable holding bytes that are not UTF-8 (read as surrogates) is a
    usage error, not a crash when the inventory is written."""
    with pytest.raises(UsageError, match="setting 'user_address'"):
        load_config({"ARCHIVER_USER_ADDRESS": "li\udcff@example.org"}, tmp_path)
    with pytest.raises(UsageError, match="setting 'mailto'"):
        load_config({"ARCHIVER_MAILTO": "li\udcff@example.org"}, tmp_path)


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


def test_a_tilde_in_a_path_setting_is_the_home_folder(tmp_path, monkeypatch):
    """Read by no shell, the file's "~/archive" must still be the home folder's archive, not
    a folder named "~" in the working directory."""
    home = tmp_path / "home"
    (home / "images").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    write_toml(tmp_path, 'archive = "~/archive"\ncache_dir = "~/cache"\n'
                         'asset_roots = ["~/images"]\n')
    config = load_config({}, tmp_path)
    assert (config.archive, config.cache_dir, config.asset_roots) == (
        home / "archive", home / "cache", (home / "images",))


def test_a_tilde_naming_no_user_is_a_usage_error(tmp_path):
    write_toml(tmp_path, 'archive = "~no-such-user-here/archive"\n')
    with pytest.raises(UsageError, match="whose home folder cannot be found"):
        load_config({}, tmp_path)
