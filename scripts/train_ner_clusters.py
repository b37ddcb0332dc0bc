"""Train the Brown word clusters that the NER model uses as features.

Corpus: the unlabeled Arabic news openings (``../shared/data/unlabeled-news/articles.jsonl``,
see its README: usable for training word representations, never to be copied) plus the words
of ANERcorp's train split (never its test split). Each word is reduced to its normalized,
clitic-split stem (:func:`marsad.entities.features.unit_of_text`), numbers to ``<num>``.
Only the word -> bit-string table is written (no text):

    pip install -e '.[ner-train]'
    python scripts/train_ner_clusters.py [--clusters 256] [--min-count 3]

writes ``src/marsad/entities/models/clusters.tsv``. Retrain the model afterwards
(``marsad train-ner --data ../shared/data/anercorp``), since its features change.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from brown_clustering import BigramCorpus, BrownClustering

from marsad.entities.features import unit_of_text
from marsad.entities.train import find_train_file, read_conll
from marsad.text import split_sentences, tokenize

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "marsad" / "entities" / "models" / "clusters.tsv"


def _word(surface: str) -> str:
    unit = unit_of_text(surface)
    if unit.kind.startswith("number"):
        return "<num>"
    return unit.stem


def corpus() -> list[list[str]]:
    sentences: list[list[str]] = []
    with open(SHARED / "unlabeled-news" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            for start, end in split_sentences(text):
                words = [_word(text[t.start : t.end]) for t in tokenize(text, start, end) if t.kind != "punct"]
                if len(words) > 1:
                    sentences.append(words)
    for sent in read_conll(find_train_file(SHARED / "anercorp")):
        words = [_word(w) for w in sent.words if unit_of_text(w).kind != "punct"]
        if len(words) > 1:
            sentences.append(words)
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, nargs="+", default=[256, 64])
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    began = time.perf_counter()
    sentences = corpus()
    bigrams = BigramCorpus(sentences, alpha=0.5, min_count=args.min_count)
    # The package's bit paths above its m window clusters come from merging those clusters
    # one by one (a chain, not a balanced tree), so their prefixes carry little; each word's
    # flat cluster among the m is what the features use, at several granularities.
    ids: dict[str, list[str]] = {}
    for m in args.clusters:
        flat = BrownClustering(bigrams, m).train()
        for index, cluster in enumerate(flat):
            for word in cluster:
                ids.setdefault(word, []).append(str(index))
    sizes = "/".join(str(m) for m in args.clusters)
    lines = [
        "# Brown clusters of normalized, clitic-split stems: word <TAB> cluster id per granularity.",
        "# Trained by scripts/train_ner_clusters.py on the unlabeled Arabic news openings",
        "# (shared/data/unlabeled-news) and the words of ANERcorp's train split (CC BY-SA 4.0);",
        f"# {sizes} clusters, words seen at least {args.min_count} times. No text is kept.",
    ]
    lines += [f"{w}\t" + "\t".join(ids[w]) for w in sorted(ids) if len(ids[w]) == len(args.clusters)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(sentences)} sentences, {len(ids)} words, {time.perf_counter() - began:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
