"""The one list of diagnostic codes (``schemas/codes.toml``): groups, selection, help.

Every finding carries a stable code; each code belongs to one group. ``tei
validate --select`` and ``--ignore`` name codes or groups; the help text of a
code (for SARIF rules) is its row in ``schemas/RULES.md``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import ConfigError
from .resources import read_toml, schema_path

#: Groups whose findings mean that a file was not checked: never ignored.
UNCHECKED_GROUPS = frozenset({"parse", "input", "run"})


@dataclass(frozen=True)
class CodeList:
    """The codes and groups of ``schemas/codes.toml``."""

    groups: dict        # group -> description
    codes: dict         # code -> group

    def members(self, group: str) -> frozenset:
        """Return the codes of ``group``."""
        return frozenset(c for c, g in self.codes.items() if g == group)


@lru_cache(maxsize=1)
def code_list() -> CodeList:
    """Return the shipped list of codes (read once).

    Raises:
        ConfigError: the list is unreadable or names a group it does not define.
    """
    path = schema_path("codes.toml")
    data = read_toml(path, "code list")
    groups, codes = dict(data.get("groups", {})), dict(data.get("codes", {}))
    unknown = sorted(set(codes.values()) - set(groups))
    if unknown:
        raise ConfigError(f"{path}: groups used but not defined: {', '.join(unknown)}")
    return CodeList(groups, codes)


def split_selectors(values) -> list[str]:
    """Return the codes and groups of repeated, comma-separated option values."""
    return [part.strip() for value in values or () for part in str(value).split(",")
            if part.strip()]


def resolve_selectors(names, what: str = "--select") -> frozenset:
    """Return the codes named by ``names`` (codes, groups, or ``ALL``).

    Raises:
        ConfigError: a name is neither a code nor a group.
    """
    known = code_list()
    out: set = set()
    for name in names:
        if name == "ALL":
            out |= set(known.codes)
        elif name in known.groups:
            out |= known.members(name)
        elif name in known.codes:
            out.add(name)
        else:
            raise ConfigError(f"{what}: {name!r} is neither a code nor a group "
                              f"(groups: {', '.join(sorted(known.groups))})")
    return frozenset(out)


def selected_codes(select=(), ignore=()) -> frozenset | None:
    """Return the codes to report, or None for all of them.

    ``select`` (default: all) is narrowed by ``ignore``: ignore wins. The
    codes of the groups that mean a file was not checked are always kept.
    """
    select, ignore = split_selectors(select), split_selectors(ignore)
    if not select and not ignore:
        return None
    known = code_list()
    chosen = resolve_selectors(select, "--select") if select else frozenset(known.codes)
    chosen -= resolve_selectors(ignore, "--ignore")
    always = frozenset().union(*(known.members(g) for g in UNCHECKED_GROUPS))
    return frozenset(chosen | always)


_ROW = re.compile(r"^\|\s*(?P<codes>`[^|]+)\|\s*`(?P<group>[\w-]+)`\s*\|(?P<rest>.*)\|\s*$")


@lru_cache(maxsize=1)
def documented_codes() -> dict:
    """Return ``{code: (group, help text)}`` from the tables of ``schemas/RULES.md``.

    A row is ``| `code` [/ `code`] | `group` | [severity |] meaning |``; the
    help text is the last cell, without Markdown code marks.
    """
    text = schema_path("RULES.md").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        m = _ROW.match(line)
        if not m:
            continue
        meaning = m.group("rest").split("|")[-1].strip().replace("`", "")
        for code in re.findall(r"`([\w-]+)`", m.group("codes")):
            out[code] = (m.group("group"), meaning)
    return out


def help_text(code: str) -> str:
    """Return what ``code`` means (from ``schemas/RULES.md``), or an empty string."""
    return documented_codes().get(code, ("", ""))[1]
