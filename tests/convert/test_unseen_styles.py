"""House styles the shared samples do not have: each held-out transcript converts with
the labels and turns read by hand, and loses no word.

The excerpts sit in tests/data/convert/unseen with their SOURCE.md and the hand counts
(expected.toml). Labels are compared as the shared samples' gold is: the printed labels
in order of first appearance, exactly. The table printed by test_summary_table (run
with -rA or -s) gives each file's label F1 (over distinct labels) and turns.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import sample_text
from convert_helpers import counts, source_tokens, tei_tokens
from tei_corpus.convert import convert_file

DATA = Path(__file__).resolve().parents[1] / "data" / "convert" / "unseen"
# The folder and its subfolders (one per batch of excerpts), each with its expected.toml
# and SOURCE.md; a file is named by its path below DATA.
FOLDERS = sorted(p.parent for p in DATA.rglob("expected.toml"))
EXPECTED = {(f.relative_to(DATA) / name).as_posix(): want for f in FOLDERS
            for name, want in tomllib.loads((f / "expected.toml").read_text(encoding="utf-8")).items()}
_CACHE: dict = {}


def converted(name: str):
    if name not in _CACHE:
        _CACHE[name] = convert_file(DATA / name)
    return _CACHE[name]


def label_f1(found: list, want: list) -> float:
    """F1 of the distinct labels found against the distinct labels expected (1.0 where a
    text has no labels and none is found)."""
    if not found and not want:
        return 1.0
    hit = len(set(found) & set(want))
    if not hit:
        return 0.0
    precision, recall = hit / len(set(found)), hit / len(set(want))
    return 2 * precision * recall / (precision + recall)


def _params():
    """One case a file, its id the file's path below DATA however long (pytest would
    shorten a long one to 'nameNNN', which `-k <batch>` then misses)."""
    return [pytest.param(n, id=n, marks=[pytest.mark.xfail(reason=e["gap"], strict=True)]
                         if "gap" in e else []) for n, e in sorted(EXPECTED.items())]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.relative_to(DATA).as_posix() or ".")
def test_every_excerpt_has_its_source_described_and_its_counts(folder):
    described = (folder / "SOURCE.md").read_text(encoding="utf-8")
    here = sorted(p.name for p in folder.iterdir()
                  if p.is_file() and p.name not in ("SOURCE.md", "expected.toml"))
    expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    assert here and here == sorted(expected)
    assert all(f"## {name}" in described for name in expected)


@pytest.mark.parametrize("name", _params())
def test_labels_and_turns(name):
    want, c = EXPECTED[name], counts(converted(name).tree)
    assert c["labels"] == want["labels"]
    assert c["turns"] == want["turns"]


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_no_word_is_lost(name):
    src = source_tokens(sample_text(DATA / name))
    out = tei_tokens(converted(name).tree)
    assert not src - out, f"missing from the TEI: {list((src - out).items())[:20]}"
    assert not out - src, f"not in the source: {list((out - src).items())[:20]}"


def test_summary_table():
    rows = []
    for name, want in sorted(EXPECTED.items()):
        c = counts(converted(name).tree)
        rows.append((name, label_f1(c["labels"], want["labels"]), want["turns"], c["turns"]))
    width = max(len(r[0]) for r in rows)
    print(f"\n{'file':<{width}}  label F1  turns expected/found")
    for name, f1, want, found in rows:
        print(f"{name:<{width}}  {f1:8.2f}  {want:>5}/{found:<5}")
    exact = sum(w == f for _, _, w, f in rows)
    ratio = sum(min(w, f) / max(w, f) if max(w, f) else 1.0 for _, _, w, f in rows) / len(rows)
    print(f"mean label F1 {sum(r[1] for r in rows) / len(rows):.3f}; "
          f"turn accuracy {exact}/{len(rows)} files exact ({exact / len(rows):.3f}); "
          f"mean turns found/expected (smaller over larger) {ratio:.3f}")
    assert len(rows) == len(EXPECTED)
