"""Time of the quotes and events stages per article (target: both together ≤ 1 ms).

    .venv/bin/python benchmarks/bench_quotes_events.py [--corpus DIR] [--rounds 30]

The dev corpus (read from ../shared, never copied here) goes once through the whole default
pipeline; then only the two stages are re-run ``--rounds`` times over the prepared articles,
so the figure is theirs alone (entities, dates and quantities already in place).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from marsad.events.stage import EventsStage
from marsad.pipeline import Pipeline
from marsad.quotes.stage import QuotesStage

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    shared = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=shared / "corpus" / "dev")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    nlp = Pipeline()
    articles = [nlp(p.read_text(encoding="utf-8")) for p in sorted(args.corpus.glob("*.txt"))]
    if not articles:
        raise SystemExit(f"no .txt articles in {args.corpus}")
    quotes, events = QuotesStage(), EventsStage()
    timings = {}
    for name, stage in (("quotes", quotes), ("events", events)):
        start = time.perf_counter()
        for _ in range(args.rounds):
            for article in articles:
                stage(article)
        timings[name] = (time.perf_counter() - start) * 1000 / (args.rounds * len(articles))
    chars = sum(len(a.text) for a in articles) / len(articles)
    print(f"{len(articles)} articles, {chars:.0f} characters on average, {args.rounds} rounds")
    for name, ms in timings.items():
        print(f"  {name:7s} {ms:.3f} ms/article")
    print(f"  both    {sum(timings.values()):.3f} ms/article")


if __name__ == "__main__":
    main()
