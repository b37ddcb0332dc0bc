"""Knowledge-base speed: ingest throughput, search latency, stories, peak memory.

    .venv/bin/python benchmarks/bench_store.py [--articles 10000] [--pg postgresql://…|auto|none]

The dev corpus (read from ../shared, never copied here) is extracted once, then replicated to
``--articles`` contract objects with varied ids, URLs and publication dates (and a varied
sentence, so replicas are not byte-identical), written to a JSON Lines file and ingested with
``marsad.store.ingest`` into a fresh SQLite file and, unless ``--pg none``, a PostgreSQL
database (``auto`` starts a throwaway server as tests/store/conftest.py does). Then a fixed
set of queries is run ``--rounds`` times for p50/p95 latency, and story clustering is timed
once. Peak resident memory of this process is printed at the end. Wall-clock figures depend on
what else the machine is doing; ``ingest_client_cpu_ms_per_article`` (this process's CPU time)
much less so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.pipeline import Pipeline
from marsad.store import Store, ingest, open_store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["غزة", "المفاوضات", "وزير الخارجية", "اتصال هاتفي", "ارتفاع حصيلة القتلى", "الأسرى", "إيجابية",
           "طرابلس", "الولايات المتحدة", "قمة عربية", "تبادل الأسرى", "الحوثي"]
FILLERS = ["وتابع المراسل تطورات الحدث من موقعه.", "وأفادت مصادر محلية بمزيد من التفاصيل.",
           "ولم يصدر تعليق رسمي حتى الآن.", "وتستمر المتابعة على مدار الساعة."]


def replicate(dev: Path, n: int, out: Path) -> int:
    nlp = Pipeline()
    base = [nlp(p.read_text(encoding="utf-8"), id=p.stem).to_dict() for p in sorted(dev.glob("*.txt"))]
    rng = random.Random(7)
    with out.open("w", encoding="utf-8") as handle:
        for i in range(n):
            doc = dict(base[i % len(base)])
            filler = FILLERS[rng.randrange(len(FILLERS))] + f" ({i})"
            doc["text"] = doc["text"] + "\n\n" + filler
            doc["body"] = (doc["body"] + "\n\n" + filler) if doc["body"] else filler
            start = len(doc["text"]) - len(filler)
            doc["paragraphs"] = [*doc["paragraphs"], {"start": start, "end": len(doc["text"]), "kind": "paragraph"}]
            doc["id"] = f"{doc['id']}-{i}"
            doc["url"] = f"https://bench.example/{i}"
            doc["published"] = f"20{rng.randrange(15, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return len(base)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run(label: str, url: str, data: Path, n: int, rounds: int) -> dict[str, Any]:
    store: Store = open_store(url)
    t0, c0 = time.perf_counter(), time.process_time()
    summary = ingest(store, [data], batch_size=200)
    ingest_s, ingest_cpu = time.perf_counter() - t0, time.process_time() - c0
    assert summary.new == n and not summary.failed, summary.to_dict()
    t0 = time.perf_counter()
    again = ingest(store, [data], batch_size=200)
    reingest_s = time.perf_counter() - t0
    assert again.unchanged == n
    lat: list[float] = []
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            store.search(q, limit=20)
            lat.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    filtered = [store.search("غزة", date_from="2020-01-01", date_to="2020-12-31") for _ in range(10)]
    filtered_ms = (time.perf_counter() - t) * 100
    t = time.perf_counter()
    stories = store.stories()
    stories_s = time.perf_counter() - t
    store.close()
    result = {
        "store": label, "articles": n, "ingest_s": round(ingest_s, 2),
        "ingest_articles_per_s": round(n / ingest_s, 1), "ingest_client_cpu_ms_per_article": round(
            ingest_cpu * 1000 / n, 2), "reingest_articles_per_s": round(n / reingest_s, 1),
        "search_p50_ms": round(statistics.median(lat), 2), "search_p95_ms": round(_pct(lat, 0.95), 2),
        "search_filtered_ms": round(filtered_ms, 2), "filtered_hits": len(filtered[0]),
        "stories_s": round(stories_s, 2), "stories": len(stories),
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return result


def _auto_pg() -> Iterator[str]:
    from glob import glob

    found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        sys.exit("no PostgreSQL binaries: pass --pg URL or --pg none")
    bindir = Path(found[-1]).parent
    datadir = tempfile.mkdtemp(prefix="marsad-bench-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = 55400 + os.getpid() % 500
    user = "postgres" if as_user else os.environ.get("USER", "postgres")
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", datadir, "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust",
                    "-U", user, "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", datadir, "-o",
                    f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1", "-l", f"{datadir}/log", "-w", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", datadir, "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(datadir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
    parser.add_argument("--corpus", type=Path, default=shared / "corpus" / "dev")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--pg", default="auto", help="postgresql://… URL, 'auto' (start one) or 'none'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bench.jsonl"
        distinct = replicate(args.corpus, args.articles, data)
        print(f"{args.articles} articles from {distinct} distinct ({data.stat().st_size / 1e6:.1f} MB JSONL)",
              flush=True)
        run("sqlite", str(Path(tmp) / "bench.db"), data, args.articles, args.rounds)
        if args.pg == "auto":
            gen = _auto_pg()
            url = next(gen)
            try:
                run("postgres", url, data, args.articles, args.rounds)
            finally:
                next(gen, None)
        elif args.pg != "none":
            run("postgres", args.pg, data, args.articles, args.rounds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_rss_mb": round(peak, 1)}))


if __name__ == "__main__":
    main()
