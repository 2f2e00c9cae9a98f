"""Benchmark the converter: MB of raw text per second per core, and its ratio to
lxml parsing the TEI it writes, at growing sizes (time should grow linearly).

The input is the shared text-format samples (plain text, Markdown, HTML)
concatenated, copy after copy, to each size; every copy's lines carry the copy's
number so that no line repeats (caches that key on a line's text are not
flattered). One process, one core.

    python benchmarks/bench_convert.py [--sizes 1,5,20,50] [--samples DIR]

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

from tei_corpus.convert import convert_bytes  # noqa: E402

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,5,20,50", help="sizes in MB, comma-separated")
    ap.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
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


if __name__ == "__main__":
    main()
