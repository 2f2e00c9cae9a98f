"""Raw transcript -> TEI -> diplomatic text gives back every word of the source, in order.

Tokens are whitespace-separated words. One normalisation applies to both sides:
markdown emphasis asterisks are removed and a backslash escaping punctuation is
dropped (``**Q:**`` -> ``Q:``, ``\\[laughs\\]`` -> ``[laughs]``); tokens left empty
are skipped; text in scripts written without spaces (Han, Kana, Hangul) is
compared character by character. On the source side, C1 control characters are read as the cp1252
punctuation they stand for (U+0096 -> en dash), as the converter documents.
Nothing else is normalised.
"""
from __future__ import annotations

import difflib
import re

import pytest

from tei_corpus.editions import render_text

from conftest import sample_text

try:
    from tei_corpus.convert import convert_file
except ImportError:  # the converter is not part of this checkout
    convert_file = None

_MARKUP = re.compile(r"\*+|\\(?=[^\w\s])")


# Scripts written without spaces between words are compared character by character.
_UNSPACED = re.compile(r"([\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])")


def words(text: str) -> list[str]:
    out = []
    for token in text.split():
        token = _MARKUP.sub("", token)
        out.extend(t for t in _UNSPACED.split(token) if t)
    return out


def c1_as_cp1252(text: str) -> str:
    return re.sub("[\x80-\x9f]", lambda m: bytes([ord(m.group())]).decode("cp1252", "replace")
                  .replace("\ufffd", " "), text)


def first_differences(a: list[str], b: list[str], n: int = 5) -> str:
    ops = [op for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    return "\n".join(f"{tag} at source word {i1}: {' '.join(a[max(0, i1 - 3):i2 + 3])!r} "
                     f"-> {' '.join(b[max(0, j1 - 3):j2 + 3])!r}" for tag, i1, i2, j1, j2 in ops[:n])


def test_normalisation_rule():
    assert words("**Jerod Santo:** \\[laughs\\] ** x") == ["Jerod", "Santo:", "[laughs]", "x"]


def test_diplomatic_text_gives_back_every_word_of_every_sample(raw_samples):
    if convert_file is None:
        pytest.skip("tei_corpus.convert.convert_file is not available in this checkout")
    failures = []
    for path in raw_samples:
        source = words(c1_as_cp1252(sample_text(path)))
        tree = convert_file(path).tree
        edition = words(render_text(tree, "diplomatic", boilerplate=True))
        assert source, path
        if edition != source:
            failures.append(f"{path.name}: {len(source)} source words, {len(edition)} in the edition\n"
                            + first_differences(source, edition))
    assert not failures, "\n".join(failures)
