"""Locate the data shipped with the package: schemas, stylesheets, profiles."""
from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

from .errors import ConfigError


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``schemas``, ``xslt``, ``profiles``).

    The installed copy inside the package comes first, then the checkout's
    top-level folder.
    """
    installed = files("tei_corpus") / name
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[1] / name


def schema_path(name: str) -> Path:
    """Return the path of a shipped schema file."""
    return data_dir("schemas") / name


def xslt_path(name: str) -> Path:
    """Return the path of a shipped stylesheet."""
    return data_dir("xslt") / name


def read_toml(path: Path, what: str = "profile") -> dict:
    """Read a TOML file (a profile, a language pack, settings); one ConfigError line if it cannot be."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not a valid TOML {what}: {exc}") from None
