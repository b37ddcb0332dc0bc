"""The NER model alone: load time, size, tokens/s and articles/s of tagging.

    .venv/bin/python benchmarks/bench_ner.py [--articles 300] [--rounds 3]

Reads ANERcorp's official test split (pre-tokenized words, tokens/s) and the unlabeled news
openings (running text: our tokenizer + ``NerModel.entities``, articles/s) from ../shared;
nothing is copied. One process, one core; the best of ``--rounds`` runs is reported.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pycrfsuite  # type: ignore[import-untyped]

from marsad.entities.features import gazetteers
from marsad.entities.ner import NerModel
from marsad.entities.neural import NeuralTagger, neural_path
from marsad.entities.train import read_conll, tag_conll
from marsad.text import tokenize

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    began = time.perf_counter()
    model = NerModel.load()
    gazetteers()
    load = time.perf_counter() - began
    began = time.perf_counter()
    pycrfsuite.Tagger().open(model.path)
    crf_only = time.perf_counter() - began
    began = time.perf_counter()
    archive = neural_path(model.path)
    if archive.is_file():
        NeuralTagger.load(archive)
    neural_load = time.perf_counter() - began
    size = Path(model.path).stat().st_size
    names = Path(model.path).with_name(Path(model.path).stem + ".names.tsv")
    extra = sum(p.stat().st_size for p in (names, archive) if p.exists())

    sentences = read_conll(SHARED / "anercorp" / "ANERCorp_CamelLab_test.txt")
    n_words = sum(len(s.words) for s in sentences)
    texts = []
    with open(SHARED / "unlabeled-news" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.articles:
                break
    n_tokens = sum(len(tokenize(t)) for t in texts)

    print(f"model load (CRF + neural tagger + lexicons, first call): {load * 1000:.0f} ms; "
          f"CRF file alone {crf_only * 1000:.0f} ms, neural archive alone {neural_load * 1000:.0f} ms")
    print(f"model size: {size / 1e6:.2f} MB CRF + {extra / 1e6:.2f} MB name table and neural tagger")
    for label, tagger in (("CRF + neural", model), ("CRF alone", NerModel.load(neural=False))):
        word_rates, art_rates, tok_rates = [], [], []
        for _ in range(args.rounds):
            t = time.perf_counter()
            tag_conll(tagger, sentences)
            word_rates.append(n_words / (time.perf_counter() - t))
            t = time.perf_counter()
            for text in texts:
                tagger.entities(text, tokenize(text))
            seconds = time.perf_counter() - t
            art_rates.append(len(texts) / seconds)
            tok_rates.append(n_tokens / seconds)
        print(f"{label}: ANERcorp test ({n_words} words, features + taggers + document pass): "
              f"{max(word_rates):,.0f} words/s; news text ({len(texts)} articles, {n_tokens} tokens, "
              f"tokenize + entities): {max(art_rates):,.1f} articles/s, {max(tok_rates):,.0f} tokens/s")


if __name__ == "__main__":
    main()
