"""Mangled input never crashes the converter, and what it writes is always
valid against the project schema and rules (seeded, so failures reproduce)."""
from __future__ import annotations

import random

import pytest

from conftest import SAMPLES_RAW, need_shared
from tei_corpus.convert import convert_bytes
from tei_corpus.errors import InputError
from tei_corpus.validate.check import check_tree
from tei_corpus.xmlio import parse_bytes

PIECES = ["Q ", "A:  ", "**X:** ", "MR. X: ", "(Laughter.)", "[inaudible]", "—", "...", "…\n", "\n\n",
          "\n", "(Via interpreter) ", "---\n", "title: x\n", "<html>", "\x00", "\ufeff", "\r\n", "(", ")",
          "[", "]", "Señor ", "2\n", "http://x.y/z ", "Mr. Y (A, B):\n", "--", "-", ">> ", "[00:01] ",
          "INTERPRETER: ", "C'est une question très importante pour nous. ", "\u202e", "\ud7ff", "&amp;<"]


def mangled(seed: int) -> bytes:
    rnd = random.Random(seed)
    texts = sorted(SAMPLES_RAW.glob("*.txt"))
    text = rnd.choice(texts).read_text(encoding="utf-8")
    start = rnd.randrange(len(text))
    frag = text[start:start + rnd.randrange(50, 2500)]
    frag = "".join(rnd.choice(PIECES) if rnd.random() < 0.03 else c for c in frag)
    return frag.encode("utf-16" if seed % 10 == 0 else "utf-8")


@pytest.mark.parametrize("seed", range(120))
def test_mangled_input_converts_to_valid_tei_or_a_clean_error(seed):
    need_shared(SAMPLES_RAW)
    data = mangled(seed)
    try:
        conv = convert_bytes(data, f"mangled-{seed}.txt")
    except InputError as exc:          # empty or binary: a one-line error, nothing else
        assert "\n" not in str(exc) and str(exc).startswith(f"mangled-{seed}.txt:")
        return
    tree = parse_bytes(conv.xml, f"mangled-{seed}.xml")
    errors = [d for d in check_tree(tree, f"mangled-{seed}.xml") if d.severity == "error"]
    assert errors == [], "\n".join(map(str, errors))
