"""Benchmark the converter: MB of raw text per second per core, and its ratio to
lxml parsing the TEI it writes, at growing sizes (time should grow linearly).

The input is the shared text-format samples (plain text, Markdown, HTML)
concatenated, copy after copy, to each size; every copy's lines carry the copy's
number so that no line repeats (caches that key on a line's text are not
flattered). One process, one core.

    python benchmarks/bench_convert.py [--sizes 1,5,20,50] [--samples DIR] [--stages]

With ``--stages``, each size is converted a second time with the pipeline's
named steps wrapped in CPU timers (here, not in the library): the CPU seconds
and MB/s of each stage, the segmenter's (reading the text, choosing the label
grammar and segmenting it into turns) among them.

Figures vary with the machine and its load: compare the ratios of one run; the
CPU seconds (this process only) are the steadier figure on a shared machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tei_corpus.convert as convert_api  # noqa: E402
from tei_corpus.convert import convert_bytes, pipeline  # noqa: E402

# The named steps of a conversion, by stage: (module, function name) pairs.
# The segmenter is the first three: the text read, its language, its label
# grammar chosen and the text segmented into turns with it.
STAGES = {
    "read text": [(pipeline, "read_source")],
    "language": [(pipeline, "detect_language")],
    "grammar + segment": [(pipeline, "choose_profile")],
    "inline items": [(pipeline, "make_turns")],
    "times": [(pipeline, "place_times"), (pipeline, "anchor_inner_times")],
    "speakers": [(pipeline, "attribute_turns"), (pipeline, "_mark_interruptions")],
    "write TEI": [(convert_api, "encode"), (convert_api, "serialize")],
    "check TEI": [(convert_api, "check_own_output")],
}
SEGMENTER = ("read text", "language", "grammar + segment")

DEFAULT_SAMPLES = ROOT.parent / "shared" / "samples" / "raw"


def corpus_text(samples: Path, size: int) -> bytes:
    """The samples joined and repeated to ``size`` bytes, each copy's lines numbered."""
    texts = [p.read_bytes().decode("utf-8-sig", "replace") for p in sorted(samples.iterdir())
             if p.suffix in (".txt", ".md")]
    out, total, copy = [], 0, 0
    while total < size:
        copy += 1
        for text in texts:
            chunk = "\n".join(f"{line} ~{copy}" if line.strip() else line
                              for line in text.split("\n")) + "\n\n"
            out.append(chunk)
            total += len(chunk.encode())
            if total >= size:
                break
    return "".join(out).encode()


def stage_times(data: bytes) -> tuple[dict, float]:
    """Convert ``data`` with each stage's steps timed; return ({stage: CPU s}, total CPU s)."""
    spent = {stage: 0.0 for stage in STAGES}
    saved = []

    def timed(stage, fn):
        def wrapper(*args, **kwargs):
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[stage] += time.process_time() - c0
        return wrapper

    for stage, steps in STAGES.items():
        for module, name in steps:
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, timed(stage, getattr(module, name)))
    try:
        c0 = time.process_time()
        convert_bytes(data, "bench.txt")
        total = time.process_time() - c0
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)
    return spent, total


def print_stages(size: float, spent: dict, total: float) -> None:
    seg = sum(spent[s] for s in SEGMENTER)
    rows = list(spent.items()) + [("other", total - sum(spent.values())),
                                  ("segmenter (first three)", seg), ("whole conversion", total)]
    print(f"  stages at {size:.1f} MB: {'CPU s':>7} {'share':>6} {'MB/CPU-s':>9}")
    for stage, cpu in rows:
        rate = f"{size / cpu:9.2f}" if cpu > 0.005 else f"{'-':>9}"
        print(f"  {stage:>26} {cpu:7.2f} {cpu / total:6.0%} {rate}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,5,20,50", help="sizes in MB, comma-separated")
    ap.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    ap.add_argument("--stages", action="store_true",
                    help="also time each stage (a second conversion of each size)")
    args = ap.parse_args()
    warm = b"SMITH: We are warming up the language model and the schema now.\n\nJONES: Ready.\n"
    convert_bytes(warm, "warm.txt")      # load the language model and the schema once
    print(f"{'MB':>6} {'convert s':>10} {'CPU s':>7} {'MB/s':>7} {'MB/CPU-s':>9} "
          f"{'parse TEI s':>12} {'ratio':>7} {'s per MB':>9}")
    for mb in (float(x) for x in args.sizes.split(",")):
        data = corpus_text(args.samples, int(mb * 1_000_000))
        t0, c0 = time.perf_counter(), time.process_time()
        conv = convert_bytes(data, "bench.txt")
        t_conv, c_conv = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        etree.fromstring(conv.xml, etree.XMLParser(resolve_entities=False, no_network=True,
                                                   huge_tree=True))
        t_parse = time.perf_counter() - t0
        size = len(data) / 1e6
        print(f"{size:6.1f} {t_conv:10.2f} {c_conv:7.2f} {size / t_conv:7.2f} "
              f"{size / c_conv:9.2f} {t_parse:12.3f} {t_conv / t_parse:7.0f} {t_conv / size:9.2f}")
        if args.stages:
            print_stages(size, *stage_times(data))


if __name__ == "__main__":
    main()
