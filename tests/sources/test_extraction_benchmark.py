"""Quality gate: on pages of the article-extraction benchmark (../shared, never copied here),
Marsad's body is at least as good as trafilatura's alone (word 4-gram F1, as the benchmark
defines it). The whole set runs in benchmarks/bench_html.py; a slice runs here."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter

import trafilatura

from marsad.sources.html import layout_html
from tests.conftest import shared_path

SLICE = 15
_WORD = re.compile(r"\w+")


def f1(system: str, gold: str) -> float:
    def grams(text: str) -> Counter[tuple[str, ...]]:
        w = _WORD.findall(text.lower())
        return Counter(tuple(w[i : i + 4]) for i in range(max(0, len(w) - 3)))

    s, g = grams(system), grams(gold)
    if not s and not g:
        return 1.0
    tp = sum((s & g).values())
    if not tp:
        return 0.0
    p, r = tp / sum(s.values()), tp / sum(g.values())
    return 2 * p * r / (p + r)


def test_body_f1_not_below_trafilatura() -> None:
    bench = shared_path("data", "article-extraction-benchmark")
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    ours: list[float] = []
    theirs: list[float] = []
    for page_id in sorted(truth)[:SLICE]:
        html = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        gold, url = truth[page_id]["articleBody"], truth[page_id].get("url")
        lay = layout_html(html, url)
        body = "\n\n".join(lay.text[s.start : s.end] for s in lay.paragraphs)
        ours.append(f1(body, gold))
        theirs.append(f1(trafilatura.extract(html, url=url) or "", gold))
    mine, base = sum(ours) / len(ours), sum(theirs) / len(theirs)
    assert mine >= base - 0.005, f"Marsad body F1 {mine:.3f} < trafilatura {base:.3f}"
