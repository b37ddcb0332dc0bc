"""Throughput of the entity stage alone (gazetteer, rules, model, coreference, linking).

    .venv/bin/python benchmarks/bench_entities.py [--corpus DIR] [--min-articles 1000] [--no-model]

The stages before it (structure, sentences, tokens) run once per article outside the timing;
the entity stage then runs over the dev corpus (read from ../shared, never copied here)
repeated to at least ``--min-articles`` articles on one core. Prints articles and tokens per
second, and the one-time cost of loading the KB gazetteer and the model.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from marsad.entities.gazetteer import Gazetteer
from marsad.entities.stage import EntitiesStage, _default_ner
from marsad.pipeline import Pipeline, default_stages

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
    parser.add_argument("--corpus", type=Path, default=shared / "corpus" / "dev")
    parser.add_argument("--min-articles", type=int, default=1000)
    parser.add_argument("--no-model", action="store_true", help="rules and gazetteer only")
    args = parser.parse_args()

    t0 = time.perf_counter()
    gaz = Gazetteer.builtin()
    t_gaz = time.perf_counter() - t0
    t0 = time.perf_counter()
    model = None if args.no_model else _default_ner()
    t_model = time.perf_counter() - t0

    stages = default_stages()
    cut = next(i for i, s in enumerate(stages) if isinstance(s, EntitiesStage))
    before = Pipeline(stages[:cut])
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
    articles = [before(t) for t in texts]
    stage = EntitiesStage(use_model=not args.no_model)
    runs = max(1, -(-args.min_articles // len(articles)))
    n = tokens = 0
    start = time.perf_counter()
    for _ in range(runs):
        for article in articles:
            stage(article)
            n += 1
            tokens += len(article.cache["tokens"])
    elapsed = time.perf_counter() - start
    print(f"gazetteer: {gaz.size} keys, built in {t_gaz * 1000:.0f} ms; "
          f"model: {'none' if model is None else 'loaded'} in {t_model * 1000:.0f} ms")
    print(f"entity stage: {n} articles in {elapsed:.2f} s = {n / elapsed:.0f} articles/s, "
          f"{tokens / elapsed:.0f} tokens/s (avg {tokens // n} tokens/article)")


if __name__ == "__main__":
    main()
