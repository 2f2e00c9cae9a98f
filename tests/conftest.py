"""Shared test fixtures: paths anchored on this file, the shared references."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES_RAW = SHARED / "samples" / "raw"
GOLD_JSON = SHARED / "samples" / "gold.json"
REFERENCE = SHARED / "reference"
TEI_ALL_RNG = REFERENCE / "schemas" / "tei_all" / "tei_all.rng"
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser):
    parser.addoption("--regen", action="store_true",
                     help="Rewrite golden files instead of comparing with them.")


@pytest.fixture
def regen(request) -> bool:
    return request.config.getoption("--regen")


def need_shared(path: Path = SHARED) -> Path:
    """Skip the calling test when ../shared (or a part of it) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared reference material is not here "
                    "(it is in CI and in the development workspace)")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return need_shared()


# The samples in text formats (plain text, Markdown, HTML pages); the others
# (JSON, CSV, subtitles, PDF) need the format readers.
TEXT_SUFFIXES = (".txt", ".md", ".html")


def text_samples() -> list[Path]:
    """The shared raw samples in text formats, sorted (empty where ../shared is absent)."""
    if not SAMPLES_RAW.exists():
        return []
    return sorted(p for p in SAMPLES_RAW.iterdir() if p.suffix in TEXT_SUFFIXES)


def all_samples() -> list[Path]:
    """Every shared raw sample, in every format (empty where ../shared is absent)."""
    if not SAMPLES_RAW.exists():
        return []
    return sorted(p for p in SAMPLES_RAW.iterdir() if p.is_file() and not p.name.startswith("."))


def sample_text(path: Path) -> str:
    """The text of a sample as its reader sees it: an HTML page's rendered text, the
    text of a structured format's cues, segments, rows or lines (page furniture included),
    with the speaker the format names once per run of its blocks (as the TEI's label)."""
    from tei_corpus.convert.read import decode, html_to_text, render_markdown_html
    from tei_corpus.convert.readers import read_blocks, speaker_turns

    data = path.read_bytes()
    blocks = read_blocks(data, str(path))
    if blocks is not None:
        runs = [(spk or "") + "\n" + "\n".join(b.text for b in bs) for spk, bs in speaker_turns(blocks)]
        furniture = [b.text for b in blocks if "furniture" in b.style]
        return "\n".join(runs + furniture)
    if path.suffix == ".html":        # in the charset the page declares (windows-1252 ...)
        return _with_given_speakers(html_to_text(decode(data, str(path)).text))
    text = data.decode("utf-8-sig")
    if path.suffix == ".md" and (page := render_markdown_html(text)) is not None:
        text = _with_given_speakers(page)
    return text


def _with_given_speakers(page) -> str:
    """A page's text with the speakers its layout names (a table's speaker column, a
    paragraph's leading run in italics) put back before their lines, once per run."""
    lines, last = page.text.split("\n"), None
    for i, line in enumerate(lines):
        speaker = page.given.get(i)
        if speaker is not None and speaker != last:
            lines[i] = f"{speaker}\n{line}"
        last = speaker if speaker is not None else last
    return "\n".join(lines)


@pytest.fixture(scope="session")
def raw_samples() -> list[Path]:
    need_shared(SAMPLES_RAW)
    files = text_samples()
    assert files, "no raw samples found"
    return files


@pytest.fixture(scope="session")
def gold() -> dict:
    need_shared(GOLD_JSON)
    return json.loads(GOLD_JSON.read_text(encoding="utf-8"))


_TEI_ALL = {}


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all RELAX NG schema, compiled once per session (slow)."""
    need_shared(TEI_ALL_RNG)
    if "rng" not in _TEI_ALL:
        from lxml import etree
        _TEI_ALL["rng"] = etree.RelaxNG(etree.parse(str(TEI_ALL_RNG)))
    return _TEI_ALL["rng"]
