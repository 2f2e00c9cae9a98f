"""Raw transcripts to TEI P5: read, segment, mark up, attribute, encode.

The per-file functions are pure (bytes in, bytes out) so that a batch can be
mapped over processes or a cluster.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..xmlio import read_bytes
from .encode import encode, serialize
from .media import find_media
from .model import Recording
from .pipeline import ConvertOptions, build_transcript, doc_id_from_name
from .profile import Profile, list_profiles, load_profile
from .report import Report
from .registry import load_registry
from .times import parse_offset

__all__ = ["Conversion", "ConvertOptions", "Recording", "check_own_output", "convert_bytes", "convert_file",
           "find_media", "list_profiles", "load_profile", "load_registry", "parse_offset", "Report",
           "doc_id_from_name"]

#: Raw transcripts larger than this are refused (bytes).
MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024


@dataclass
class Conversion:
    """The outcome of converting one transcript."""

    xml: bytes
    tree: etree._ElementTree
    doc_id: str
    report: Report


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a transcript is converted.

    Conversion makes millions of short-lived objects and almost no cycles; the
    collector's passes over a large document's live objects cost a seventh of
    the time at 5 MB, more as it grows. Reference counting still frees
    everything; the collector runs again afterwards, as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_collector_paused()
def convert_bytes(data: bytes, name: str = "<stdin>", *, profile: str | Profile = "auto",
                  people: list | None = None, date: str = "", lang: str = "auto",
                  doc_id: str = "", encoding: str | None = None, time_offset: float = 0.0,
                  recording: Recording | None = None, rel_path: str = "",
                  word_times: bool = False, lang_packs: tuple = ()) -> Conversion:
    """Convert a raw transcript's bytes to TEI.

    Args:
        data: the raw transcript.
        name: its file name (used for the document id and in messages).
        profile: a shipped profile name, a TOML path, a Profile, or "auto".
        people: a speaker registry (see :func:`load_registry`).
        date: the event's date (ISO) when the source does not give it.
        lang: the transcript's main language (BCP 47), or "auto" to detect it.
        doc_id: the document id; by default derived from ``name``.
        encoding: the source's encoding; by default detected.
        time_offset: seconds added to every time (see :func:`parse_offset`).
        recording: the media file the times refer to (see :func:`find_media`);
            a timed document without one gets a recording of type audio.
        rel_path: the source's path below the folder named, which the
            registry's ``files`` globs are matched against (and its last
            part); by default the name of ``name``.
        word_times: put a point on the timeline before every word the format
            times (WhisperX and Whisper ``words``), not only at the start and
            end of each segment of a turn.
        lang_packs: the user's language packs (TOML files, see
            ``tei_corpus/languages/README.md``): each extends the shipped pack of its
            ``code``, or gives a language without one its vocabulary.

    Returns:
        A :class:`Conversion`.

    Raises:
        InputError: the input is empty, binary or undecodable, or (a converter
            bug) the TEI made from it fails the project schema and rules.
            Two registry rows scoped to this file give one of its labels
            (``registry-conflict``).
        ConfigError: the profile or registry cannot be used.
    """
    opts = ConvertOptions(profile=profile, registry=people, date=date, lang=lang, doc_id=doc_id,
                          encoding=encoding, time_offset=time_offset, recording=recording,
                          rel_path=rel_path, word_times=word_times, packs=tuple(lang_packs))
    tr, rep = build_transcript(data, name, opts)
    wanted = tr.doc_id
    tree = encode(tr)
    if tr.doc_id != wanted:
        rep.guessed.append(f"document id {tr.doc_id!r}: {wanted!r} is the id of a participant, "
                           f"a category or a turn inside it")
    rep.doc_id = tr.doc_id
    check_own_output(tree, name)
    return Conversion(serialize(tree), tree, tr.doc_id, rep)


def check_own_output(tree: etree._ElementTree, name: str) -> None:
    """Check what the converter made against the project schema and rules.

    Raises:
        InputError: the TEI is invalid (a converter bug: nothing is written).
    """
    from ..validate.check import check_tree

    errors = [d for d in check_tree(tree, name) if d.severity == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(name, f"the TEI made from this file fails the project's own check, "
                         f"so it was not written: {first.message} [{first.code}]{more}; "
                         f"please report this converter bug", code="invalid-output")


def convert_file(path: str | Path, **options) -> Conversion:
    """Convert the raw transcript at ``path`` (see :func:`convert_bytes`)."""
    data = read_bytes(path, MAX_TRANSCRIPT_BYTES)
    return convert_bytes(data, str(path), **options)
