"""What gives tokens their lemma (and, with spaCy, their part of speech and features).

Two analysers behind one interface: :class:`Simplemma` (the default; offline,
its dictionaries ship in its package) and :class:`Spacy` (a pipeline the
user has installed, ``--nlp spacy:MODEL``). An analyser is called once per
sentence with the sentence's tokens and sets ``lemma`` and ``msd`` on them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError
from .tokenise import is_punctuation, primary


@dataclass(frozen=True)
class Application:
    """A tool recorded in ``encodingDesc/appInfo``."""

    ident: str
    version: str
    desc: str


class Simplemma:
    """Lemmas from simplemma's dictionaries, for the languages it has (others: no ``@lemma``)."""

    def __init__(self) -> None:
        try:
            import simplemma
            from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES
        except ImportError:
            raise ConfigError("simplemma is not installed: pip install 'tei-corpus[nlp]'") from None
        self._lemmatize = simplemma.lemmatize
        self._languages = frozenset(SUPPORTED_LANGUAGES)
        self.application = Application(
            "simplemma", _version(simplemma),
            "Lemmas of words from simplemma's dictionaries (no part of speech).")

    def supports(self, lang: str) -> bool:
        """Return True when simplemma has a dictionary for ``lang``."""
        return primary(lang) in self._languages

    def __call__(self, tokens: list) -> None:
        for token in tokens:
            if is_punctuation(token.form):
                continue
            code = primary(token.lang)
            if code in self._languages:
                token.lemma = self._lemmatize(token.form, lang=code)


class Spacy:
    """Lemma, UD part of speech and features from a spaCy pipeline, over our tokens."""

    def __init__(self, model: str) -> None:
        try:
            import spacy
        except ImportError:
            raise ConfigError(f"--nlp spacy:{model}: spaCy is not installed "
                              "(pip install spacy, then the model)") from None
        try:
            self._nlp = spacy.load(model)
        except (OSError, ImportError) as exc:
            raise ConfigError(f"--nlp spacy:{model}: cannot load the pipeline: {exc}") from None
        from spacy.tokens import Doc
        self._doc = Doc
        self.application = Application(
            "spaCy", _version(spacy),
            f"Lemmas, parts of speech and features by the spaCy pipeline {model} "
            f"{self._nlp.meta.get('version', '')}".rstrip() + ".")

    def __call__(self, tokens: list) -> None:
        if not tokens:
            return
        doc = self._doc(self._nlp.vocab, words=[t.form for t in tokens],
                        spaces=[not t.join for t in tokens])
        for _name, proc in self._nlp.pipeline:
            doc = proc(doc)
        for token, tok in zip(tokens, doc):
            if tok.lemma_:
                token.lemma = tok.lemma_
            feats = str(tok.morph)
            if tok.pos_:
                token.msd = f"UPosTag={tok.pos_}" + (f"|{feats}" if feats else "")


def load_analyser(nlp: str):
    """Return the analyser ``nlp`` names: ``simplemma`` or ``spacy:MODEL``.

    Raises:
        ConfigError: an unknown analyser, or its library or model is missing.
    """
    if nlp == "simplemma":
        return Simplemma()
    if nlp.startswith("spacy:") and nlp[6:]:
        return Spacy(nlp[6:])
    raise ConfigError(f"--nlp {nlp}: choose simplemma or spacy:MODEL (an installed pipeline)")


def _version(module) -> str:
    """A version TEI accepts (``1``, ``1.2`` or ``1.2.3``), from the module's own."""
    import re

    m = re.match(r"\d+(?:\.\d+){0,2}", getattr(module, "__version__", "") or "")
    return m.group(0) if m else "0"
