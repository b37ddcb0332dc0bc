"""HTML → article: speed, and body quality next to trafilatura alone on the same pages.

    .venv/bin/python benchmarks/bench_html.py [--limit N] [--json OUT]

Quality: the Zyte/Scrapinghub article-extraction-benchmark (181 pages with gold bodies, read
from ../shared/data/article-extraction-benchmark, never copied here). As in that benchmark,
precision/recall/F1 are computed over word 4-gram shingles (multisets) of the extracted body
against the gold body, words being ``\\w+`` runs of the lower-cased text, averaged over pages
(a page where both are empty scores 1). Marsad's body is ``extract_html(...).body``;
trafilatura runs once with its defaults and once with the settings Marsad uses.

Speed: pages per second on one core for the whole HTML → article path (trafilatura + Marsad's
own parsing + every pipeline stage), for the HTML → structure part alone (``layout_html``),
and for trafilatura alone; over the benchmark pages and ../shared/corpus/html.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import trafilatura

from marsad.pipeline import Pipeline
from marsad.sources.html import extract_html, layout_html

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
BENCH = SHARED / "data" / "article-extraction-benchmark"
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1)))


def prf(system: str, gold: str) -> tuple[float, float, float]:
    s, g = shingles(system), shingles(gold)
    if not s and not g:
        return 1.0, 1.0, 1.0
    tp = sum((s & g).values())
    p = tp / sum(s.values()) if s else 0.0
    r = tp / sum(g.values()) if g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    if not BENCH.exists():
        print(f"{BENCH} not found", file=sys.stderr)
        return 2
    truth: dict[str, Any] = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit]
    pages = {i: gzip.decompress((BENCH / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace")
             for i in ids}
    pipeline = Pipeline()
    scores: dict[str, list[tuple[float, float, float]]] = {"marsad": [], "trafilatura_default": [],
                                                           "trafilatura_same_settings": []}
    t_marsad = t_traf = 0.0
    for i in ids:
        html, gold, url = pages[i], truth[i]["articleBody"], truth[i].get("url")
        t0 = time.perf_counter()
        try:
            body = extract_html(html, url=url, id=i, pipeline=pipeline).body
        except Exception as exc:  # an empty page is a zero, not a crash of the benchmark
            print(f"{i}: {type(exc).__name__}: {exc}", file=sys.stderr)
            body = ""
        t_marsad += time.perf_counter() - t0
        t0 = time.perf_counter()
        default = trafilatura.extract(html, url=url) or ""
        t_traf += time.perf_counter() - t0
        same = trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""
        scores["marsad"].append(prf(body, gold))
        scores["trafilatura_default"].append(prf(default, gold))
        scores["trafilatura_same_settings"].append(prf(same, gold))
    t0 = time.perf_counter()
    for i in ids:
        layout_html(pages[i], truth[i].get("url"))
    t_layout = time.perf_counter() - t0
    arabic = sorted((SHARED / "corpus" / "html").glob("*.html")) if (SHARED / "corpus" / "html").exists() else []
    ar_pages = [p.read_text(encoding="utf-8", errors="replace") for p in arabic]
    t0 = time.perf_counter()
    rounds = 10
    for _ in range(rounds):
        for h in ar_pages:
            extract_html(h, pipeline=pipeline)
    t_ar = time.perf_counter() - t0
    report: dict[str, Any] = {"pages": len(ids)}
    for name, rows in scores.items():
        report[name] = {k: round(mean([r[j] for r in rows]), 4) for j, k in enumerate(("precision", "recall", "f1"))}
    report["marsad_pages_per_s"] = round(len(ids) / t_marsad, 1)  # HTML → full article (all stages)
    report["marsad_layout_pages_per_s"] = round(len(ids) / t_layout, 1)  # HTML → structure only
    report["trafilatura_default_pages_per_s"] = round(len(ids) / t_traf, 1)
    if ar_pages:
        report["marsad_arabic_pages_per_s"] = round(rounds * len(ar_pages) / t_ar, 1)
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
