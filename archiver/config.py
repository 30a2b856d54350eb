"""The run's configuration, resolved once and passed down explicitly.

Precedence: built-in defaults < config file (``archiver.toml`` in the working directory or the
file named by ``ARCHIVER_CONFIG``) < ``ARCHIVER_*`` environment variables < command-line flags.
Nothing is read at import time: :func:`load_config` is called by the CLI (or by a library user)
and the result is an immutable :class:`Config`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from archiver.errors import UsageError

DEFAULT_CROSSREF_URL = "https://api.crossref.org"


@dataclass(frozen=True)
class Config:
    archive: Path = Path("archive")
    crossref_url: str = DEFAULT_CROSSREF_URL
    mailto: str | None = None
    cache_dir: Path | None = None
    fetch: bool = True  # fetch remote images over HTTP
    # where site-absolute image paths (/images/...) are looked up
    asset_roots: tuple[Path, ...] = ()
    allow_private_hosts: tuple[str, ...] = ()  # hosts/networks image fetching may reach anyway
    http_timeout: float = 10.0
    max_image_bytes: int = 20 * 1024 * 1024
    max_image_pixels: int = 80_000_000
    user_agent: str = "archiver (+https://github.com/)"
    extra: Mapping[str, Any] = field(default_factory=dict)

    def with_overrides(self, **overrides: Any) -> Config:
        """Return a copy with the given non-None values replaced (flags over everything)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **clean)


_ENV = {
    "ARCHIVER_ARCHIVE": ("archive", Path),
    "ARCHIVER_CROSSREF_URL": ("crossref_url", str),
    "ARCHIVER_MAILTO": ("mailto", str),
    "ARCHIVER_CACHE_DIR": ("cache_dir", Path),
}


def _paths(value: Any, where: str) -> tuple[Path, ...]:
    if isinstance(value, str):
        value = [p for p in value.split(os.pathsep) if p]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError("'asset_roots' must be a list of folder paths", path=where)
    return tuple(Path(v) for v in value)


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read configuration: {exc}", path=path) from exc
    known = {"archive", "crossref_url", "mailto", "cache_dir", "asset_roots", "fetch",
             "http_timeout", "max_image_bytes", "allow_private_hosts"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise UsageError(f"unknown setting(s): {', '.join(unknown)}", path=path,
                         hint=f"known settings: {', '.join(sorted(known))}")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("archive", "cache_dir"):
            out[key] = Path(_typed(key, value, str, "a path", path))
        elif key == "asset_roots":
            out[key] = _paths(value, str(path))
        elif key == "allow_private_hosts":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError("'allow_private_hosts' must be a list of host names or "
                                 "addresses", path=path)
            out[key] = tuple(value)
        else:
            out[key] = _typed(key, value, *_TYPES[key], path)
    return out


_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "crossref_url": (str, "a URL"), "mailto": (str, "an e-mail address"),
    "fetch": (bool, "true or false"), "http_timeout": ((int, float), "a number of seconds"),
    "max_image_bytes": (int, "a whole number of bytes"),
}


def _typed(key: str, value: Any, kind: type | tuple[type, ...], what: str, path: Path) -> Any:
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise UsageError(f"setting '{key}' must be {what}, not {value!r}", path=path)
    return value


def load_config(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Config:
    """Resolve defaults < config file < environment. Flags are applied by the caller."""
    env = os.environ if environ is None else environ
    cwd = cwd or Path.cwd()
    values: dict[str, Any] = {}
    cfg_path = Path(env["ARCHIVER_CONFIG"]) if env.get("ARCHIVER_CONFIG") else cwd / "archiver.toml"
    if cfg_path.is_file():
        values.update(_from_file(cfg_path))
    elif env.get("ARCHIVER_CONFIG"):
        raise UsageError("configuration file not found", path=cfg_path)
    for name, (key, conv) in _ENV.items():
        if env.get(name):
            values[key] = conv(env[name])
    if env.get("ARCHIVER_ASSET_ROOTS"):
        values["asset_roots"] = _paths(env["ARCHIVER_ASSET_ROOTS"], "ARCHIVER_ASSET_ROOTS")
    return Config(**values)


def default_cache_dir(config: Config, environ: Mapping[str, str] | None = None) -> Path:
    """The Crossref cache folder: ARCHIVER_CACHE_DIR, else $XDG_CACHE_HOME/archiver."""
    if config.cache_dir is not None:
        return config.cache_dir
    env = os.environ if environ is None else environ
    base = Path(env["XDG_CACHE_HOME"]) if env.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "archiver"
