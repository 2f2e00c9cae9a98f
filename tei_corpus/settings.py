"""Settings files: ``tei-corpus.toml``, or ``[tool.tei-corpus]`` in ``pyproject.toml``.

A settings file is found by walking up from a file's folder (from the
working folder for standard input): in each folder ``tei-corpus.toml``
first, then a ``pyproject.toml`` that has a ``[tool.tei-corpus]`` table; the
first found is used. Keys are the long option names of ``tei validate``
(see :data:`KEYS`); relative schema paths are read from the settings
file's folder. Options given on the command line win over the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .resources import read_toml
from .validate.rules import RULE_SETS

FILE_NAME = "tei-corpus.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tei-corpus"

#: key -> (kind, what the value must be)
KEYS = {
    "schema": ("paths", "a schema file or a list of them"),
    "rules": ("choice", "one of project, generic, none"),
    "select": ("names", "a code or group, or a list of them"),
    "ignore": ("names", "a code or group, or a list of them"),
    "jobs": ("int1", "a whole number, 1 or more"),
    "max-errors": ("int0", "a whole number, 0 or more"),
    "timeout": ("number", "a number of seconds, 0 or more"),
}


@dataclass(frozen=True)
class Settings:
    """The settings a run uses: where they come from, and the values by key."""

    path: Path | None = None
    values: dict = field(default_factory=dict)

    def get(self, key: str, default=None):
        """Return the value of ``key`` (a key of :data:`KEYS`), else ``default``."""
        return self.values.get(key, default)


def find_settings(start: str | Path) -> Path | None:
    """Return the settings file that applies to ``start`` (a file or a folder), else None."""
    here = Path(start).absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        own = folder / FILE_NAME
        if own.is_file():
            return own
        project = folder / PYPROJECT
        if project.is_file() and TABLE in read_toml(project, "pyproject.toml").get("tool", {}):
            return project
    return None


def load_settings(path: str | Path) -> Settings:
    """Read and check one settings file.

    Raises:
        ConfigError: the file is unreadable, not TOML, or holds an unknown
            key or a value of the wrong kind (one line naming the file and key).
    """
    path = Path(path)
    data = read_toml(path, "settings file")
    where = str(path)
    if path.name == PYPROJECT or (path.name != FILE_NAME and TABLE in data.get("tool", {})):
        data = data.get("tool", {}).get(TABLE, {})
        where = f"{path}: [tool.{TABLE}]"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: not a table")
    values = {}
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(KEYS)})")
        values[key] = _checked(key, value, where, path.parent)
    return Settings(path, values)


def _checked(key: str, value, where: str, base: Path):
    kind, what = KEYS[key]
    items = value if isinstance(value, list) else [value]
    ok = {
        "paths": all(isinstance(v, str) and v for v in items),
        "names": all(isinstance(v, str) for v in items),
        "choice": value in RULE_SETS,
        "int1": isinstance(value, int) and not isinstance(value, bool) and value >= 1,
        "int0": isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "number": isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0,
    }[kind]
    if not ok:
        raise ConfigError(f"{where}: {key} must be {what}, not {value!r}")
    if kind == "paths":
        return tuple(base / v for v in items)
    if kind == "names":
        return tuple(items)
    return value


def settings_for(paths, *, config: str | Path | None = None,
                 use_files: bool = True) -> Settings:
    """Return the settings of a run over ``paths`` (``-`` or a name for standard input).

    Args:
        paths: what the run reads: files and folders (standard input: its
            name, whose folder is searched, or ``-`` for the working folder).
        config: a settings file to use instead of searching.
        use_files: False (``--no-config``) to use none.

    Raises:
        ConfigError: a settings file cannot be used, or the paths fall under
            different settings files.
    """
    if not use_files:
        return Settings()
    if config is not None:
        return load_settings(config)
    found = {}
    for p in paths:
        start = Path.cwd() if str(p) == "-" else Path(p)
        found.setdefault(find_settings(start), []).append(str(p))
    if len(found) > 1:
        names = ", ".join(f"{f or 'none'} ({found[f][0]})" for f in found)
        raise ConfigError(f"the paths fall under different settings files: {names}; "
                          "check them in separate runs, or name one with --config")
    path = next(iter(found), None)
    return load_settings(path) if path is not None else Settings()
