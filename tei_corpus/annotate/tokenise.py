"""Split text into tokens and sentences, by rules a language's data file refines.

The tokeniser is deliberately small: a word is a run of letters and digits
(with inner hyphens and apostrophes), a number keeps its inner separators
(``3.48``, ``1,000``, ``2:05``), every other visible character is a
punctuation token (``...`` and ``--`` stay whole). What a language adds, its
abbreviations and whether it elides (``l'``, ``qu'``), is in ``tokens.toml``
beside this module. Sentences end after ``.``, ``!``, ``?``, ``…`` (and the
full-width ``。！？``) and the closing quotes or brackets right after them,
unless the next word starts in lower case.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import read_toml

_DATA = Path(__file__).with_name("tokens.toml")

#: Punctuation that ends a sentence, and what may close it right after.
_TERMINAL = re.compile(r"^(?:[.!?…。！？]+|\.{2,})$")
_CLOSING = frozenset("\"'”’»)]}」』")

_NUMBER = r"\d+(?:[.,:]\d+)*(?!\w)"
_DOTTED = r"(?<![\w.])(?:\w+-)*(?:[^\W\d_]\.){2,}"
_INITIAL = r"(?<!\w)[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ]\.(?=[ \t]*[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ])"
_WORD = r"\w+(?:[-'’]\w+)*"
_PUNCT = r"\.{2,}|-{2,}|[^\w\s]"


@dataclass(frozen=True)
class Rules:
    """How one language's text is cut into tokens."""

    pattern: re.Pattern
    keep: frozenset


@lru_cache(maxsize=None)
def _data() -> dict:
    return read_toml(_DATA, "token rules")


@lru_cache(maxsize=None)
def rules_for(lang: str) -> Rules:
    """Return the tokenising rules of ``lang`` (a BCP 47 tag; its primary subtag counts)."""
    entry = _data().get(primary(lang), {})
    parts = []
    abbreviations = sorted(entry.get("abbreviations", ()), key=len, reverse=True)
    if abbreviations:
        parts.append(r"(?<!\w)(?:%s)\." % "|".join(map(re.escape, abbreviations)))
    parts += [_DOTTED, _INITIAL, _NUMBER]
    keep = frozenset(w.casefold() for w in entry.get("keep", ()))
    if entry.get("elision"):
        parts.append(r"\w+['’](?=\w)")
    parts += [_WORD, _PUNCT]
    return Rules(re.compile(r"(\s+)|(%s)" % "|".join(parts)), keep)


def primary(lang: str) -> str:
    """Return the primary subtag of a language tag, lower case (``pt-BR`` -> ``pt``)."""
    return lang.split("-")[0].lower()


def iter_pieces(text: str, lang: str):
    """Yield ``(whitespace, token)`` pairs, one of them empty, covering ``text`` exactly."""
    rules = rules_for(lang)
    pos = 0
    while pos < len(text):
        kept = _kept_word(text, pos, rules.keep)
        if kept:
            yield "", kept
            pos += len(kept)
            continue
        m = rules.pattern.match(text, pos)
        if m is None:                   # a lone character no rule takes (a combining mark)
            yield "", text[pos]
            pos += 1
            continue
        yield (m.group(1) or "", m.group(2) or "")
        pos = m.end()


def _kept_word(text: str, pos: int, keep: frozenset) -> str:
    for word in keep:
        end = pos + len(word)
        if text[pos:end].casefold() == word and (end == len(text) or not text[end].isalnum()) \
                and (pos == 0 or not text[pos - 1].isalnum()):
            return text[pos:end]
    return ""


def is_punctuation(form: str) -> bool:
    """Return True when ``form`` has no letter or digit (a ``pc`` token)."""
    return not any(ch.isalnum() for ch in form)


def punctuation_class(form: str) -> str:
    """Return the UD part of speech of a punctuation token: ``PUNCT`` or ``SYM``."""
    return "SYM" if all(unicodedata.category(ch).startswith("S") for ch in form) else "PUNCT"


def is_terminal(form: str) -> bool:
    """Return True when ``form`` ends a sentence."""
    return bool(_TERMINAL.match(form))


def is_closing(form: str) -> bool:
    """Return True when ``form`` closes a quotation or bracket (it stays with the sentence)."""
    return len(form) == 1 and form in _CLOSING


def starts_lower(form: str) -> bool:
    """Return True when the first letter of ``form`` is lower case."""
    return form[:1].islower()
