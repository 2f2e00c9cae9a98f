"""A language without a pack, judged against a corpus others encoded: ParlaMint-ES-GA.

The Galician Parliament's sittings in ParlaMint (``../shared/reference/bench-corpus``)
were segmented by the ParlaMint team: every speech a ``u`` after its printed label
(``note[@type="speaker"]``: "A señora PRESIDENTA:", "O señor BEIRAS TORRADO:").
Each sitting is rendered with our plain-text edition (the transcript as printed:
labels, speech, the notes between speeches, one paragraph a line) and that text is
converted again. Galician has no language pack: its forms of address ("A señora",
"O señor") must be learned from the document, and its own words must not be read as
Spanish. The converter should find ParlaMint's labels, in order, and its speeches.
"""
from __future__ import annotations

import difflib

import pytest

from conftest import REFERENCE
from convert_helpers import NS
from tei_corpus.convert import convert_bytes
from tei_corpus.editions.render import render_text
from tei_corpus.xmlio import parse_file

CORPUS = REFERENCE / "bench-corpus" / "parlamint-es-ga"
# Every third sitting (38 of 115; about 15 MB of text): spread over the years.
STEP = 3


def _sittings() -> list:
    if not CORPUS.is_dir():
        return []
    files = sorted(p for p in CORPUS.glob("ParlaMint-ES-GA_*.xml") if not p.name.endswith("-ana.xml"))
    return files[::STEP]


def _labels(tree) -> list[str]:
    """The printed labels in order, spacing folded, without their colon."""
    return [" ".join("".join(n.itertext()).split()).rstrip(":") for n in
            tree.getroot().iterfind(".//t:body//t:note[@type='speaker']", NS)]


def _speeches(tree) -> int:
    return sum("#unlabelled" not in (u.get("ana") or "")
               for u in tree.getroot().iterfind(".//t:body//t:u", NS))


@pytest.fixture(scope="module")
def round_trips() -> list:
    files = _sittings()
    if not files:
        pytest.skip(f"the ParlaMint-ES-GA bench corpus is not in {CORPUS} (../shared/reference)")
    out = []
    for path in files:
        gold = parse_file(path)
        text = render_text(gold, path=str(path))
        back = convert_bytes(text.encode("utf-8"), path.with_suffix(".txt").name).tree
        out.append((path.name, _labels(gold), _labels(back), _speeches(gold), _speeches(back), back))
    return out


def test_labels_and_speeches_match_parlamint(round_trips):
    exact, hit, found, want = 0, 0, 0, 0
    rows = []
    for name, gold, back, n_gold, n_back, _ in round_trips:
        matcher = difflib.SequenceMatcher(a=gold, b=back, autojunk=False)
        same = sum(b.size for b in matcher.get_matching_blocks())
        hit, found, want = hit + same, found + len(back), want + len(gold)
        exact += gold == back and n_gold == n_back
        rows.append(f"{name}  labels {len(gold)}/{len(back)}  speeches {n_gold}/{n_back}")
    print("\n" + "\n".join(rows))
    precision, recall = hit / found, hit / want
    f1 = 2 * precision * recall / (precision + recall)
    print(f"label occurrences F1 {f1:.3f}; {exact}/{len(round_trips)} sittings exact")
    assert f1 >= 0.99
    assert exact >= 0.9 * len(round_trips)


def test_galician_is_the_language_and_is_not_read_as_spanish(round_trips):
    for name, *_, back in round_trips:
        root = back.getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "gl", name
        # Galician shares words with Spanish ("que", "con", "por favor", "señor"):
        # without Galician function words nothing tells a Spanish sentence from its own.
        spanish = root.xpath(".//t:foreign[@xml:lang='es']", namespaces=NS)
        assert not spanish, (name, [f.text for f in spanish][:5])


def test_a_roll_call_read_by_the_secretary_is_her_turn():
    # The Permanent Deputation of 23 July 2015 opens with the quorum check: the secretary
    # reads each member's name and "Si.", a line each ("Yolanda Díaz Pérez: Si."). Those
    # names printed once, line after line, are her reading, not eleven speakers.
    path = CORPUS / "ParlaMint-ES-GA_2015-07-23-DSPGDP008.xml"
    if not path.exists():
        pytest.skip(f"{path.name} is not in {CORPUS} (../shared/reference)")
    gold = parse_file(path)
    back = convert_bytes(render_text(gold, path=str(path)).encode("utf-8"), "DSPGDP008.txt").tree
    assert _labels(back) == _labels(gold)
    assert _speeches(back) == _speeches(gold)
