"""Throughput and peak memory of ``marsad extract``.

    .venv/bin/python benchmarks/bench_extract.py [--corpus DIR] [--min-articles 1000]
        [--stages structure,sentences,tokens] [--profile]

Runs the default pipeline (or only the named stages, in their default order) over the dev
corpus (read from ../shared, never copied here) repeated until at least ``--min-articles``
articles, in one process (one core), and prints articles per second, peak resident memory
and, with ``--profile``, the hottest functions (cProfile dump in benchmarks/results/).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path

import marsad
from marsad.pipeline import Pipeline, default_stages

ROOT = Path(__file__).resolve().parent.parent


def load_texts(folder: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt articles in {folder}")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
    parser.add_argument("--corpus", type=Path, default=shared / "corpus" / "dev")
    parser.add_argument("--min-articles", type=int, default=1000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--stages", help="comma-separated stage names to run (default: all)")
    args = parser.parse_args()

    base = load_texts(args.corpus)
    texts = (base * (args.min_articles // len(base) + 1))[: max(args.min_articles, len(base))]
    stages = default_stages()
    if args.stages:
        wanted = set(args.stages.split(","))
        stages = [s for s in stages if s.name in wanted]
    pipeline = Pipeline(stages)
    pipeline(base[0]).to_dict()  # warm lexicon caches outside the timing

    profiler = cProfile.Profile() if args.profile else None
    start_cpu, start = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    chars = 0
    for text in texts:
        article = pipeline(text)
        chars += len(json.dumps(article.to_dict(), ensure_ascii=False))
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(texts)
    print(f"marsad {marsad.__version__}  stages: {', '.join(pipeline.stage_names)}")
    print(f"articles: {n} ({len(base)} distinct, {sum(map(len, texts)) / n:.0f} chars on average)")
    print(f"wall {wall:.2f} s, cpu {cpu:.2f} s")
    print(f"throughput: {n / cpu:.0f} articles/s per core ({n / wall:.0f} wall)")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    if profiler:
        out = ROOT / "benchmarks" / "results"
        out.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(out / "extract.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
