"""Train the word clusters that the NER model uses as features.

Corpus: the unlabeled Arabic news openings (``../shared/data/unlabeled-news/articles.jsonl``,
see its README: usable for training word representations, never to be copied) plus the words
of ANERcorp's train split (never its test split). Each word is reduced to its normalized,
clitic-split stem (:func:`marsad.entities.features.unit_of_text`), numbers to ``<num>``.
Only the word -> bit-string table is written (no text):

    pip install -e '.[ner-train]'           # numpy
    python scripts/train_ner_clusters.py [--clusters 256 64] [--min-count 5]

Method: each word's left and right neighbours (two each side, among the most frequent words) are counted,
weighted by positive PMI, reduced to 100 dimensions by a randomized SVD and normalized; k-means
then groups the words at each granularity (``--clusters``). Brown clustering was tried first
(the ``brown-clustering`` package): it put three quarters of the words in one cluster.

writes ``src/marsad/entities/models/clusters.tsv``. Retrain the model afterwards
(``marsad train-ner --data ../shared/data/anercorp``), since its features change.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

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


def vectors(sentences: list[list[str]], min_count: int, contexts: int, dims: int) -> tuple[list[str], np.ndarray]:
    counts: dict[str, int] = {}
    for sent in sentences:
        for w in sent:
            counts[w] = counts.get(w, 0) + 1
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:contexts])}
    m = np.zeros((len(vocab), 2 * contexts), dtype=np.float32)
    for sent in sentences:
        padded = ["<s>", "<s>", *sent, "</s>", "</s>"]
        for k in range(2, len(padded) - 2):
            row = index.get(padded[k])
            if row is None:
                continue
            for offset, base in ((-1, 0), (-2, 0), (1, contexts), (2, contexts)):
                col = ctx.get(padded[k + offset])
                if col is not None:
                    m[row, base + col] += 1.0 if abs(offset) == 1 else 0.5
    # positive PMI with the context distribution smoothed (Levy et al. 2015: power 0.75)
    col_p = m.sum(axis=0) ** 0.75
    col_p /= max(float(col_p.sum()), 1e-9)
    row_p = m.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (m / np.maximum(row_p, 1e-9)) / np.maximum(col_p, 1e-12)
        ppmi = np.maximum(np.log(np.where(m > 0, ratio, 1.0)), 0.0).astype(np.float32)
    rng = np.random.default_rng(7)
    q, _ = np.linalg.qr(ppmi @ rng.standard_normal((ppmi.shape[1], dims + 20)).astype(np.float32))
    u, sing, _vt = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    emb = (q @ u[:, :dims]) * np.sqrt(sing[:dims])
    emb /= np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
    return vocab, emb.astype(np.float32)


def kmeans(x: np.ndarray, k: int, iterations: int = 30, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(x @ centres.T, axis=1)  # rows are unit vectors: cosine
        for c in range(k):
            members = x[labels == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(float(np.linalg.norm(centre)), 1e-9)
            else:
                centres[c] = x[rng.integers(len(x))]
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, nargs="+", default=[256, 64])
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--contexts", type=int, default=2000)
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    began = time.perf_counter()
    sentences = corpus()
    vocab, emb = vectors(sentences, args.min_count, args.contexts, args.dims)
    ids: dict[str, list[str]] = {w: [] for w in vocab}
    for k in args.clusters:
        for word, label in zip(vocab, kmeans(emb, k), strict=True):
            ids[word].append(str(int(label)))
    sizes = "/".join(str(m) for m in args.clusters)
    lines = [
        "# Word clusters (PPMI + SVD + k-means) of normalized, clitic-split stems:",
        "# word <TAB> cluster id per granularity.",
        "# Trained by scripts/train_ner_clusters.py on the unlabeled Arabic news openings",
        "# (shared/data/unlabeled-news) and the words of ANERcorp's train split (CC BY-SA 4.0);",
        f"# {sizes} clusters, words seen at least {args.min_count} times. No text is kept.",
    ]
    lines += [f"{w}\t" + "\t".join(ids[w]) for w in sorted(ids) if len(ids[w]) == len(args.clusters)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(sentences)} sentences, {len(ids)} words, {time.perf_counter() - began:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
