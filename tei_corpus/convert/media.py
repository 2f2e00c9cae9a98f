"""The recording a transcript's times refer to: given, or found next to the source.

``--media`` names it: a URL (kept as given), a local file, or a template with
``{stem}`` (the source's file name without suffix) and ``{path}`` (its path
below the source folder, without suffix) for many sources at once. Without it,
a media file with the source's stem in the source's folder is taken (the
suffixes of ``profiles/_media.toml``, in their order). A local file is linked
relative to the folder of the TEI file written, so that the link works from it.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

from ..errors import ConfigError
from .model import Recording
from .profile import profiles_dir, read_toml

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_SAFE = "/:@!$&'()*+,;=-._~"


@lru_cache(maxsize=1)
def media_types() -> dict[str, str]:
    """Return the shipped table of media suffixes (without the dot) and their MIME types."""
    table = read_toml(profiles_dir() / "_media.toml", "media table").get("types", {})
    return {str(k).lower(): str(v) for k, v in table.items()}


def recording_for(name: str) -> Recording:
    """Return the kind and MIME type of the media file or URL ``name`` (url left empty).

    Raises:
        ConfigError: its suffix is not one of the known media types.
    """
    path = urlsplit(name).path if _URL.match(name) else name
    suffix = PurePosixPath(path.replace("\\", "/")).suffix.lower().lstrip(".")
    mime = media_types().get(suffix)
    if mime is None:
        known = ", ".join("." + s for s in media_types())
        raise ConfigError(f"--media {name}: cannot tell the media type from its name "
                          f"(known suffixes: {known})")
    return Recording("video" if mime.startswith("video/") else "audio", "", mime)


def check_media(value: str | None) -> None:
    """Raise ConfigError unless ``value`` is empty or names a media file of a known type."""
    if value:
        recording_for(value.replace("{stem}", "x").replace("{path}", "x"))


def find_media(source: str | os.PathLike, given: str | None = None,
               target: str | os.PathLike | None = None, rel: str | None = None
               ) -> tuple[Recording | None, str]:
    """Return the recording of ``source`` and a warning ("" if none).

    Args:
        source: the raw transcript.
        given: the ``--media`` value (a URL, a file, or a template), or None to
            look for a media file next to the source.
        target: the TEI file to be written (local files are linked relative to
            its folder); None for standard output (linked as found).
        rel: the source's path below the source folder (for ``{path}``).

    Raises:
        ConfigError: the media's type cannot be told from its name.
    """
    source = Path(source)
    if not given:
        found = _sibling(source)
        return (None, "") if found is None else (_local(found, target), "")
    stem_path = PurePosixPath(rel).with_suffix("").as_posix() if rel else source.stem
    value = given.replace("{stem}", source.stem).replace("{path}", stem_path)
    if _URL.match(value):
        return _with_url(recording_for(value), value.replace(" ", "%20")), ""
    rec = _local(Path(value), target)
    warning = "" if Path(value).is_file() else f"the media file {value} does not exist (linked anyway)"
    return rec, warning


def _sibling(source: Path) -> Path | None:
    """The first media file with the source's stem in its folder (suffix in either case)."""
    for suffix in media_types():
        for candidate in (suffix, suffix.upper()):
            path = source.with_name(f"{source.stem}.{candidate}")
            if path.is_file():
                return path
    return None


def _local(path: Path, target) -> Recording:
    """A local media file, linked relative to the TEI file's folder (or as given)."""
    rec = recording_for(path.name)
    if target is not None:
        link = os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(target)))
    else:
        link = str(path)
    return _with_url(rec, quote(link.replace(os.sep, "/"), safe=_SAFE))


def _with_url(rec: Recording, url: str) -> Recording:
    return Recording(rec.kind, url, rec.mime_type)
