"""The run's configuration, resolved once and passed down explicitly.

Precedence: built-in defaults < config file (``archiver.toml`` in the working directory or the
file named by ``ARCHIVER_CONFIG``) < ``ARCHIVER_*`` environment variables < command-line flags.
Nothing is read at import time: :func:`load_config` is called by the CLI (or by a library user)
and the result is an immutable :class:`Config`.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
import unicodedata
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from archiver.errors import UsageError
from archiver.textfiles import is_utf8

DEFAULT_CROSSREF_URL = "https://api.crossref.org"


@dataclass(frozen=True)
class Config:
    """The settings of one run.

    Built by :func:`load_config` and changed with :meth:`with_overrides`, which both check
    every value they are given (a ``Config(...)`` built by hand is taken as it is).
    """

    archive: Path = Path("archive")
    crossref_url: str = DEFAULT_CROSSREF_URL
    mailto: str | None = None
    cache_dir: Path | None = None
    fetch: bool = True  # fetch remote images over HTTP
    # where site-absolute image paths (/images/...) are looked up
    asset_roots: tuple[Path, ...] = ()
    allow_private_hosts: tuple[str, ...] = ()  # hosts or addresses image fetching may reach anyway
    http_timeout: float = 10.0
    max_image_bytes: int = 20 * 1024 * 1024
    max_image_pixels: int = 80_000_000
    user_agent: str = "archiver (+https://github.com/)"
    # who adds the versions a run writes (OCFL's version ``user``): the login name when unset;
    # the address a mailto: or http(s) URI (an ORCID iD), which OCFL asks for (W008)
    user_name: str | None = None
    user_address: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # a folder given by hand as a string is that folder (the paths are Paths from here on)
        for name in ("archive", "cache_dir"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, Path(value))

    def with_overrides(self, *, sources: Mapping[str, str] | None = None,
                       **overrides: Any) -> Config:
        """Return a copy with the given non-None values replaced (flags over everything).

        Each value is checked as :func:`load_config` checks the file's and the environment's,
        so that a bad flag is refused before anything runs. ``sources`` names where a value
        came from (``{"crossref_url": "--crossref-url"}``), for the error message.
        """
        clean = {k: v for k, v in overrides.items() if v is not None}
        named = sources or {}
        unknown = sorted(set(clean) - {f.name for f in fields(self)})
        if unknown:
            raise UsageError(f"no such setting: {', '.join(unknown)}", hint="the settings are "
                             + ", ".join(f.name for f in fields(self) if f.name != "extra"))
        for key, value in clean.items():
            if key not in _CHECKS:  # a setting no user gives (extra): taken as it is
                continue
            where = _Source("option", named[key]) if key in named else _Source("argument", key)
            clean[key] = check_setting(key, value, where, Path.cwd())
        return replace(self, **clean)

    def version_user(self) -> dict[str, str] | None:
        """The ``user`` of the versions this run writes, as far as it is configured (the
        archive supplies the login name when none is); None when nothing is."""
        user = {"name": self.user_name, "address": self.user_address}
        return {key: value for key, value in user.items() if value is not None} or None


# Each variable's setting (its value is checked and converted as the file's is).
_ENV = {
    "ARCHIVER_ARCHIVE": "archive",
    "ARCHIVER_CROSSREF_URL": "crossref_url",
    "ARCHIVER_MAILTO": "mailto",
    "ARCHIVER_CACHE_DIR": "cache_dir",
    "ARCHIVER_ASSET_ROOTS": "asset_roots",  # paths separated by os.pathsep
    "ARCHIVER_USER_NAME": "user_name",
    "ARCHIVER_USER_ADDRESS": "user_address",
}

# The variables that name a place, which set to nothing are a mistake, and what unsetting
# them gives instead.
_NOT_EMPTY = {
    "ARCHIVER_ARCHIVE": "./archive (or the configuration file's)",
    "ARCHIVER_CACHE_DIR": "the default cache folder (or the configuration file's)",
    "ARCHIVER_CROSSREF_URL": "https://api.crossref.org (or the configuration file's)",
}

# What the hint of a bad value adds to where to correct it.
ABOUT: dict[str, str] = {
    "archive": "the archive is a folder (ingest creates it when it is missing)",
    "crossref_url": f"e.g. {DEFAULT_CROSSREF_URL} (the default)",
    "mailto": "e.g. archivist@example.org",
    "cache_dir": "the cache is a folder (created when it is missing)",
    "fetch": "true or false",
    "asset_roots": "give the folders that site-absolute image paths such as /images/1.jpg "
                   f"start from (in ARCHIVER_ASSET_ROOTS separated by {os.pathsep!r})",
    "allow_private_hosts": 'e.g. ["127.0.0.1", "localhost"]',
    "http_timeout": "e.g. 10 (the default)",
    "max_image_bytes": "e.g. 20971520 (20 MiB, the default)",
    "max_image_pixels": "e.g. 80000000 (the default)",
    "user_agent": "e.g. archiver (+https://example.org/contact)",
    "extra": "e.g. {}",
    "user_name": 'e.g. "Li Hua" (who adds the versions; the login name by default)',
    "user_address": "e.g. mailto:archivist@example.org or https://orcid.org/0000-0002-1825-0097",
}

# The settings an archiver.toml may hold.
FILE_SETTINGS = frozenset({"archive", "crossref_url", "mailto", "cache_dir", "asset_roots",
                           "fetch", "http_timeout", "max_image_bytes", "allow_private_hosts",
                           "user_name", "user_address"})


@dataclass(frozen=True)
class _Source:
    """Where a value came from: ``file`` (name: its path), ``env`` (the variable), ``option``
    (the command-line option) or ``argument`` (a library caller's keyword)."""

    kind: str
    name: str

    def where(self) -> str | None:
        return {"file": self.name, "env": f"environment variable {self.name}",
                "option": f"option {self.name}"}.get(self.kind)

    def fix(self, key: str) -> str:
        return {"file": f"correct or remove '{key}' in {self.name}",
                "env": f"correct or unset {self.name}",
                "option": f"correct the value of {self.name}"}.get(
            self.kind, f"correct the value given for '{key}'")


class _Bad(ValueError):
    """What is wrong with one value, said after ``setting 'key'``."""


def check_setting(key: str, value: Any, source: _Source, base: Path) -> Any:
    """``value`` for setting ``key`` as :class:`Config` holds it, or a :class:`UsageError`
    naming the setting, the value and ``source``.

    Checked when the configuration is loaded rather than when a value is used: a negative
    size limit or a mistyped asset root otherwise shows up only as every image of a run
    recorded missing, with exit 0. Relative paths are checked against ``base`` (the working
    directory, which they are relative to)."""
    try:
        return _CHECKS[key](value, base)
    except _Bad as bad:
        raise UsageError(f"setting '{key}' {bad}", path=source.where(),
                         hint=f"{source.fix(key)}; {ABOUT[key]}") from None


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    return isinstance(value, kind) and (not isinstance(value, bool) or kind is bool)


def _must(value: Any, what: str) -> _Bad:
    return _Bad(f"is {_shown(value)}: it must be {what}")


def _shown(value: Any) -> str:
    """A value as a message shows it: a text in quotes as it is (the command line makes what
    cannot be printed visible, once), a truth value as TOML, where it was written, spells it
    (``true``, not Python's ``True``), anything else as Python writes it."""
    if isinstance(value, str | Path):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _path(value: Any, _base: Path) -> Path:
    """The archive: a file named as one is the store's to refuse (an archive problem, exit
    5, as an archive folder that cannot be read is). ``~`` and ``~user`` are home folders, as
    in a shell: the configuration file is read by no shell, and a folder named ``~`` in the
    working directory is a trap (``rm -rf ~`` to remove it)."""
    if not _is(value, (str, Path)) or not str(value).strip():
        raise _must(value, "a folder path")
    try:
        return Path(value).expanduser()
    except RuntimeError:  # ~user with no such user, or no home folder at all
        raise _Bad(f"names {str(value)!r}, whose home folder cannot be found") from None


def _folder_path(value: Any, base: Path, *, exists: bool = False) -> Path:
    path = _path(value, base)
    found = base / path
    if found.exists() and not found.is_dir():
        raise _Bad(f"names {str(value)!r}, which is a file, not a folder")
    if exists and not found.is_dir():
        raise _Bad(f"names {str(value)!r}: no such folder"
                   + (f" (relative to {base})" if not path.is_absolute() else ""))
    return path


def _asset_roots(value: Any, base: Path) -> tuple[Path, ...]:
    if isinstance(value, str):  # the environment's form: folders separated by os.pathsep
        value = [p for p in value.split(os.pathsep) if p]
    if not isinstance(value, list | tuple) or not all(_is(v, (str, Path)) for v in value):
        raise _must(value, "a list of folder paths")
    roots = tuple(_folder_path(v, base, exists=True) for v in value)
    for root in roots:  # (the settings' fingerprint, kept in the receipts, names them)
        if not is_utf8(os.fspath(root)):
            raise _Bad(f"is {_shown(os.fspath(root))}: a folder whose name is not "
                       "valid UTF-8 (rename it in UTF-8)")
    return roots


def _url(value: Any, _base: Path) -> str:
    if not isinstance(value, str):
        raise _must(value, "a URL")
    try:
        url = urllib.parse.urlsplit(value)
        url.port  # noqa: B018 - raises ValueError for a port that is no number or out of range
    except ValueError:
        raise _must(value, "a URL with a valid port") from None
    if url.username is not None or url.password is not None:  # (the secret is not repeated)
        raise _Bad(f"holds a user name or password (host {url.hostname}): it would be "
                   "printed, cached and kept in every verification's evidence, in the archive "
                   "for good; Crossref's API needs no credentials")
    if url.scheme not in ("http", "https") or not url.hostname or any(c.isspace() for c in value):
        raise _must(value, "an http or https URL with a host name")
    if url.query or url.fragment:  # the API's paths would follow them: /?mailto=x/works/…
        raise _Bad(f"is {_shown(value)}: it has a query or a fragment (?… or #…), and the "
                   "API's paths would be sent to the server's root, every DOI found missing; "
                   "give the API's address alone (the e-mail for Crossref's polite pool goes "
                   "in mailto)")
    # (the scheme and host in small letters, as they are compared: "HTTP://Host" is the
    # server "http://host" is, whose cached answers it finds)
    return urllib.parse.urlunsplit((url.scheme.lower(), url.netloc.lower(), url.path, "", ""))


_EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+")


def _mailto(value: Any, _base: Path) -> str:
    """An e-mail address, sent to Crossref with every request: printable (bytes of another
    encoding in the environment, read as surrogates, would fail each request)."""
    if not isinstance(value, str) or not value.isprintable() or not _EMAIL.fullmatch(value):
        raise _must(value, "an e-mail address")
    return value


def _user_address(value: Any, _base: Path) -> str:
    """A URI naming the user, as OCFL asks: ``mailto:`` an e-mail address (a bare address is
    given that scheme), or an http(s) URL of a personal identifier such as an ORCID iD. Kept
    in every version a run writes, for good: no control or invisible character, and no
    password."""
    good = isinstance(value, str) and value.isprintable() and " " not in value
    if good:
        scheme, colon, rest = value.partition(":")
        if not colon and _EMAIL.fullmatch(value):
            return f"mailto:{value}"
        if scheme.lower() == "mailto":
            good = bool(_EMAIL.fullmatch(rest))
        else:
            try:
                url = urllib.parse.urlsplit(value)
                url.port  # noqa: B018 - raises ValueError for a port that is no number or out of range
            except ValueError:
                raise _must(value, "a URL with a valid port") from None
            if url.username is not None or url.password is not None:
                raise _Bad(f"holds a user name or password (host {url.hostname}): it would "
                           "be kept in every version this run writes, in the archive for good")
            good = url.scheme.lower() in ("http", "https") and bool(url.hostname)
    if not good:
        raise _must(value, "an e-mail address, a mailto: URI or an http(s) URL")
    return value


# what no name holds: controls, invisible formatting characters, halves of a character,
# line and paragraph separators (a name's spaces, U+3000 as Japanese names are typed, are
# kept)
_NOT_IN_A_NAME = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# ... but the joiners Persian (علی‌رضا) and the Indic scripts spell names with
_JOINERS = frozenset({"\u200c", "\u200d"})


def _person(value: Any, _base: Path) -> str:
    """A person's name: one line, whatever its script and spaces, without spaces around it."""
    name = value.strip() if isinstance(value, str) else ""
    bad = next((c for c in name if unicodedata.category(c) in _NOT_IN_A_NAME
                and c not in _JOINERS), None)
    if bad is not None:
        raise _Bad(f"is {_shown(value)}: it holds U+{ord(bad):04X}, which no name holds")
    if not name:
        raise _must(value, "a name")
    return name


def _flag(value: Any, _base: Path) -> bool:
    if not isinstance(value, bool):
        raise _must(value, "true or false")
    return value


_HOST = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*\.?")


def _hosts(value: Any, _base: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise _must(value, "a list of host names or addresses")
    hosts = []
    for host in value:
        if "/" in host:  # matched against one host or address: a network would never match
            raise _Bad(f"has {host!r}: networks are not supported, list each address")
        try:  # kept as they are compared: an address in its compressed form, names lower case
            hosts.append(str(ipaddress.ip_address(host.strip("[]"))))
        except ValueError:
            if not _HOST.fullmatch(host):
                raise _Bad(f"has {host!r}, which is no host name or IP address") from None
            hosts.append(host.lower().rstrip("."))
    return tuple(hosts)


MAX_SECONDS = 3600.0  # an hour: more is no timeout, and past the system's clocks, an error


def _seconds(value: Any, _base: Path) -> float:
    try:
        good = _is(value, (int, float)) and 0 < float(value) <= MAX_SECONDS
    except OverflowError:  # an integer too large to be a float
        good = False
    if not good:
        raise _must(value, f"a number of seconds greater than 0, at most {MAX_SECONDS:g}")
    return value


def _positive_int(what: str) -> Any:
    def check(value: Any, _base: Path) -> int:
        if not _is(value, int) or value <= 0:
            raise _must(value, f"a whole number of {what} greater than 0")
        return value
    return check


def _line(value: Any, _base: Path) -> str:
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise _must(value, "one line of printable text")
    return value


def _mapping(value: Any, _base: Path) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _must(value, "a mapping")
    return value


_CHECKS: dict[str, Any] = {
    "archive": _path, "crossref_url": _url, "mailto": _mailto,
    "cache_dir": _folder_path, "fetch": _flag, "asset_roots": _asset_roots,
    "allow_private_hosts": _hosts, "http_timeout": _seconds,
    "max_image_bytes": _positive_int("bytes"), "max_image_pixels": _positive_int("pixels"),
    "user_agent": _line, "extra": _mapping, "user_name": _person,
    "user_address": _user_address,
}


def _from_file(path: Path, base: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read configuration: {exc}", path=path) from exc
    unknown = sorted(set(data) - FILE_SETTINGS)
    if unknown:
        raise UsageError(f"unknown setting(s): {', '.join(unknown)}", path=path,
                         hint=f"known settings: {', '.join(sorted(FILE_SETTINGS))}")
    source = _Source("file", str(path))
    return {key: check_setting(key, value, source, base) for key, value in data.items()}


def load_config(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Config:
    """Resolve defaults < config file < environment. Flags are applied by the caller.

    Every value is checked here (see :func:`check_setting`): a bad one is a
    :class:`UsageError` naming the setting, the value and the file or variable it came from,
    raised before the caller has done anything; so is an ``ARCHIVER_ARCHIVE``, an
    ``ARCHIVER_CACHE_DIR`` or an ``ARCHIVER_CROSSREF_URL`` set to nothing (pass ``environ``
    without it to choose otherwise)."""
    env = os.environ if environ is None else environ
    cwd = Path(cwd) if cwd is not None else Path.cwd()
    values: dict[str, Any] = {}
    cfg_path = Path(env["ARCHIVER_CONFIG"]) if env.get("ARCHIVER_CONFIG") else cwd / "archiver.toml"
    if cfg_path.is_dir():  # not passed over in silence: its settings would go unapplied
        raise UsageError("is a folder, not a configuration file", path=cfg_path,
                         hint="the configuration is a TOML file (README, Configuration); "
                              "rename or move the folder")
    if cfg_path.is_file():
        values.update(_from_file(cfg_path, cwd))
    elif env.get("ARCHIVER_CONFIG"):
        raise UsageError("configuration file not found", path=cfg_path,
                         hint="ARCHIVER_CONFIG names it: correct the path, or unset it to read "
                              "./archiver.toml when there is one")
    for name, unset in _NOT_EMPTY.items():
        if name in env and not env[name].strip():
            # set, but to nothing: a script's unset variable ("ARCHIVER_ARCHIVE=$DIR"), never
            # a wish for the default, where the posts (or the cache's files, or the
            # questions) would otherwise quietly go
            raise UsageError(f"{name} is set but empty",
                             hint=f"set it, or unset it to use {unset}")
    for name, key in _ENV.items():
        if env.get(name):
            values[key] = check_setting(key, env[name], _Source("env", name), cwd)
    if environ is not None and "cache_dir" not in values:
        # the cache's default from the environment given, not the process's
        values["cache_dir"] = default_cache_dir(Config(), environ)
    return Config(**values)


def default_cache_dir(config: Config, environ: Mapping[str, str] | None = None) -> Path:
    """The Crossref cache folder: ARCHIVER_CACHE_DIR, else $XDG_CACHE_HOME/archiver, else
    ~/.cache/archiver (from ``environ`` when given: :func:`load_config` passes its own)."""
    if config.cache_dir is not None:
        return config.cache_dir
    env = os.environ if environ is None else environ
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    xdg = Path(env.get("XDG_CACHE_HOME") or "")
    # (a relative XDG_CACHE_HOME is invalid, the XDG specification says, and ignored)
    return (xdg if xdg.is_absolute() else home / ".cache") / "archiver"


def post_folders(base_dir: Path) -> list[Path]:
    """The folders, resolved, a post's own local files (its images) may come from: the
    post's folder and its parent (a browser's ``images/`` beside ``html/``). The parent is no
    such folder when it is the whole file system or the home folder (a post saved in /tmp or
    ~/Downloads): a post from elsewhere could reach any file there (``../Pictures/…``). The
    asset roots the configuration names come on top (:mod:`archiver.assets`)."""
    here = base_dir.resolve()
    parent = here.parent
    home = _home()
    if parent != here and parent.parent != parent and home not in (parent, here):
        return [here, parent]
    return [here]


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):  # no home folder known
        return None
