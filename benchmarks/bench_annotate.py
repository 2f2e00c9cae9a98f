"""Measure `tei annotate`: tokens per CPU-second per core, against the lemmatiser alone.

    python3 benchmarks/bench_annotate.py [CORPUS_DIR] [--limit N] [--nlp simplemma|spacy:MODEL]

CORPUS_DIR defaults to the ParlaMint bench corpus (``../shared/reference/bench-corpus/
parlamint-es-ga``), the largest the project measures on. In one process, one core, per
file: lxml parsing it (the parse floor), the whole linguistic layer (``annotate_tree``:
sentences, tokens, punctuation with ``@join``, lemmas, ids), and writing the annotated
tree out. Then the lemmatiser alone on the same tokens (each token's text and its
sentence's language handed straight to the analyser, no TEI), so the ratio says what
the TEI layer costs over the lemmatiser. CPU seconds (``time.process_time``), so the
figures hold on a loaded machine. Nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_corpus.annotate import annotate_tree, load_analyser  # noqa: E402
from tei_corpus.xmlio import parse_file  # noqa: E402

BENCH = ROOT.parent / "shared" / "reference" / "bench-corpus" / "parlamint-es-ga"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def tokens_of(tree) -> list:
    """The annotated tree's tokens as the analyser takes them: (text, language) pairs."""
    out = []
    for s in tree.getroot().iter(TEI + "s"):
        lang = next((a.get(XML_LANG) for a in s.iterancestors() if a.get(XML_LANG)), "und")
        out.extend((t.text or "", lang) for t in s.iter(TEI + "w", TEI + "pc"))
    return out


def lemmatiser_alone(pairs: list, nlp: str) -> float:
    """CPU seconds the lemmatiser takes on the tokens without any TEI around them."""
    if not nlp.startswith("simplemma"):
        return float("nan")
    import simplemma
    t = time.process_time()
    for text, lang in pairs:
        code = lang.split("-")[0]
        try:
            simplemma.lemmatize(text, lang=code)
        except ValueError:               # a language simplemma does not have: left as is
            pass
    return time.process_time() - t


def measure(path: Path, analyser, nlp: str) -> dict:
    tree, parse_s = cpu(parse_file, path)
    _, annotate_s = cpu(annotate_tree, tree, analyser)
    data, write_s = cpu(etree.tostring, tree)
    pairs = tokens_of(tree)
    return {"mb": path.stat().st_size / 1e6, "tokens": len(pairs), "parse": parse_s,
            "annotate": annotate_s, "write": write_s, "alone": lemmatiser_alone(pairs, nlp)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=BENCH)
    ap.add_argument("--limit", type=int, default=0, help="files to take (0: all)")
    ap.add_argument("--nlp", default="simplemma")
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.xml"))[: args.limit or None]
    if not files:
        sys.exit(f"no TEI files in {args.corpus}")
    analyser = load_analyser(args.nlp)
    rows = [measure(f, analyser, args.nlp) for f in files]
    total = {k: sum(r[k] for r in rows) for k in rows[0]}
    print(f"{len(rows)} files, {total['mb']:.1f} MB of TEI, {total['tokens']:,} tokens, "
          f"analyser {args.nlp}, one core, CPU seconds")
    print(f"parse floor (lxml):      {total['parse']:7.2f} s  {total['mb'] / total['parse']:7.1f} MB/s")
    print(f"tei annotate layer:      {total['annotate']:7.2f} s  "
          f"{total['tokens'] / total['annotate']:9,.0f} tokens/s  x{total['annotate'] / total['parse']:.1f} parse")
    print(f"write annotated tree:    {total['write']:7.2f} s")
    if total["alone"] == total["alone"]:
        print(f"lemmatiser alone:        {total['alone']:7.2f} s  "
              f"{total['tokens'] / total['alone']:9,.0f} tokens/s  "
              f"(the layer costs x{total['annotate'] / total['alone']:.2f} the lemmatiser)")


if __name__ == "__main__":
    main()
