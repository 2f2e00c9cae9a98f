"""The document's main language, detected from its speech.

Detection uses py3langid, whose model ships inside the package (nothing is
downloaded). It reads the speech only (labels, boilerplate and front matter
left out) and at most :data:`SAMPLE_CHARS` characters of it, spread over the
whole text. Too little text, or a guess that is not confident, leaves the
language to the caller's fallback, and the report says so. A language the source
declares (a CHAT ``@Languages`` header, a Transcriber ``xml:lang``, front matter's
``lang``) is taken before any detection, the user's ``--lang`` before that.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

SAMPLE_CHARS = 20_000
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.8
# A second language the detector gives at least this probability is spoken in the
# document too (a bilingual record: Dutch and French in the Belgian Chamber): its
# vocabulary is read with the main one's.
SECOND_LANGUAGE = 0.05


@dataclass(frozen=True)
class LanguageGuess:
    """What detection found: the language tag, its probability, and how it was decided."""

    lang: str
    probability: float
    how: str            # "given" | "declared" | "detected" | "assumed"
    also: tuple = ()    # other languages detected in the document, with a pack

    @property
    def vocabulary(self) -> str:
        """The languages whose vocabulary reads the document's labels: "nl+fr"."""
        return "+".join((self.lang,) + self.also)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def _sample(texts: list[str]) -> str:
    """Take up to SAMPLE_CHARS characters, in slices spread over the texts."""
    whole = "\n".join(texts)
    if len(whole) <= SAMPLE_CHARS:
        return whole
    step = len(whole) // 10
    width = SAMPLE_CHARS // 10
    return "\n".join(whole[i:i + width] for i in range(0, len(whole), step))


def detect_language(texts: list[str], given: str = "", fallback: str = "en",
                    declared: str = "") -> LanguageGuess:
    """Return the main language of ``texts`` (the speech of a transcript).

    Args:
        given: the user's ``--lang`` (``""`` or ``"auto"`` to detect).
        declared: the language the source declares, as written (``jpn``, ``fr-CA``).
        fallback: the language assumed when detection cannot decide.
    """
    if given and given != "auto":
        return LanguageGuess(given, 1.0, "given")
    if declared and (tag := declared_tag(declared)):
        return LanguageGuess(tag, 1.0, "declared")
    sample = _sample(texts)
    # Fewer than MIN_LETTERS letters (counted no further than that).
    if next(islice(filter(str.isalpha, sample), MIN_LETTERS - 1, None), None) is None:
        return LanguageGuess(fallback, 0.0, "assumed")
    ranked = [(str(code), float(p)) for code, p in _identifier().rank(_own_letters(sample))[:10]]
    lang, prob = ranked[0]
    if prob < MIN_CONFIDENCE:
        lang, prob = _macrolanguage_guess(ranked, lang, prob)
    if prob < MIN_CONFIDENCE:
        return LanguageGuess(fallback, prob, "assumed")
    main = _as_packed(lang)
    return LanguageGuess(main, prob, "detected", _second_language(ranked, main))


def _own_letters(sample: str) -> str:
    """The sample in the letters of the language its own marks show it to be written in
    (:func:`~tei_corpus.convert.languages.spelling_folds`: Persian with the Arabic yeh)."""
    from .languages import spelling_folds

    for _, marks, least, table in spelling_folds():
        if len(marks.findall(sample)) >= least:
            sample = sample.translate(table)
    return sample


# A language tag as a format writes it: a two- or three-letter code, perhaps subtags.
_DECLARED = re.compile(r"([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{1,8})*)")


def declared_tag(code: str) -> str:
    """The BCP 47 tag of a declared language: three letters as two where the language has
    them (``languages/groups/iso639.toml``: ``jpn`` -> ``ja``), a macrolanguage's member
    without a pack as the macrolanguage (``yue`` -> ``zh``); "" for no language code
    (``English``, ``und``)."""
    from .languages import iso639_1

    m = _DECLARED.fullmatch(code.strip())
    if m is None or m.group(1).lower() in ("und", "mul", "zxx", "mis"):
        return ""
    primary = m.group(1).lower()
    primary = _as_packed(iso639_1().get(primary, primary))
    return primary + m.group(2).replace("_", "-")


def _second_language(ranked: list, main: str) -> tuple:
    """The language ranked next after ``main`` with :data:`SECOND_LANGUAGE` probability or
    more, where a pack ships for it (as a 1-tuple), or ()."""
    from .languages import macrolanguages, shipped_codes

    group = macrolanguages().get(main, main)
    for code, p in ranked[:3]:
        code = _as_packed(code)
        if code != main and macrolanguages().get(code, code) != group:
            return (code,) if p >= SECOND_LANGUAGE and code in shipped_codes() else ()
    return ()


def _as_packed(lang: str) -> str:
    """A member of a macrolanguage that has no pack, where its macrolanguage has one, as
    the macrolanguage: the detector's Cantonese for Chinese in traditional characters
    is Chinese (``zh``), the language its pack reads."""
    from .languages import macrolanguages, shipped_codes

    shipped = shipped_codes()
    group = macrolanguages().get(lang, lang)
    return group if lang not in shipped and group in shipped else lang


# The best guess keeps its own code where it has at least this share and its group the rest.
MEMBER_MAJORITY = 0.5


def _macrolanguage_guess(ranked: list, best: str, best_p: float = 0.0) -> tuple[str, float]:
    """(language, the summed probability of its group's members) of the best guess's group,
    from the detector's ranking: Serbian 0.49, Croatian 0.27 and Bosnian 0.24 are
    Serbo-Croatian 1.0; Indonesian 0.74 and Malay 0.26 are Indonesian (the best guess
    holding a majority), whose pack, or else its macrolanguage's, reads it."""
    from .languages import macrolanguages

    groups = macrolanguages()
    group = groups.get(best)
    if group is None:
        return best, 0.0
    summed = sum(p for code, p in ranked if groups.get(code) == group)
    return (best if best_p >= MEMBER_MAJORITY else group), summed
