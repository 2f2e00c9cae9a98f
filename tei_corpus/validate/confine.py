"""Where schemas may be read from: one rule for every include, reference and ``<?xml-model?>``.

A reference (``href``) is followed only when it names a local file inside one
of the allowed folders (for an include: the folder of the schema the user
named; for ``<?xml-model?>``: the document's folder and ``--schema-path``
folders). Symbolic links are resolved first, so a link cannot lead out.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit


class OutsideError(ValueError):
    """A reference that may not be followed; the message says why, in one line."""


def confined_path(href: str, base: Path, folders: Sequence[Path],
                  where: str = "the schema's folder") -> Path:
    """Return the file ``href`` names, relative to the folder ``base``, if it is allowed.

    Args:
        href: the reference as written (a relative or absolute path, or a
            ``file:`` URI; a ``#fragment`` is ignored).
        base: the folder relative references start from.
        folders: the folders the file must be inside.
        where: how the messages name those folders.

    Raises:
        OutsideError: the reference is remote, or leads outside every folder.
    """
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if len(scheme) == 1:          # a Windows drive letter, not a scheme
        scheme, raw = "", href
    elif scheme in ("", "file"):
        raw = unquote(parts.path)
    else:
        raise OutsideError(f"refers to {href!r}: only files in {where} may be read "
                           "(nothing is fetched)")
    target = (base / raw).resolve()
    allowed = [Path(f).resolve() for f in folders]
    if not any(target.is_relative_to(f) for f in allowed):
        shown = " or ".join(str(f) for f in allowed)
        raise OutsideError(f"refers to {href!r} outside {where} ({shown}): not read")
    return target
