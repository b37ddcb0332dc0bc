"""Train the neural NER tagger (:mod:`marsad.entities.neural`) and write its NumPy archive.

Needs the optional extra ``neural-training`` (PyTorch for the network, gensim for the word
vectors); running the tagger does not. ``marsad train-ner --neural`` calls :func:`train_neural`.

What it learns from:

* word vectors: skip-gram word2vec over clitic-split stems of unlabeled text — the NER
  training sentences themselves (their words, not their tags) and any unlabeled news given
  (``--unlabeled``, JSON lines with a ``text`` field);
* the tagged sentences: the CRF's own features of each token (jackknifed name table, as the
  CRF trains), the stem's vector and the letters of the word.

A person's or place's own word is hidden from the network at random while it trains (its stem
becomes unknown and its lexical features are dropped), so that it learns to find names it has
never seen from their letters, gazetteer hits and context, as the CRF's masked copy does.
"""

from __future__ import annotations

import json
import random
import time
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from marsad.entities.features import unit_of_text, units_of_words
from marsad.entities.neural import FORMAT, MAX_CHARS, PAD, TAGS, UNKNOWN
from marsad.entities.train import _LEXICAL, JACKKNIFE_FOLDS, Sentence, _xy
from marsad.text import tokenize

__all__ = ["CRF_WEIGHT", "NEURAL_PARAMS", "check_tags", "train_neural", "word_vectors"]

# Chosen by 5-fold cross-validation on ANERcorp's train split (models/README.md).
CRF_WEIGHT = 0.6
NEURAL_PARAMS: dict[str, Any] = {
    "epochs": 35,
    "hidden": 96,
    "stem_dim": 64,
    "char_dim": 24,
    "char_filters": 48,
    "feature_dim": 48,
    "feature_min_count": 20,  # rarer CRF features stay with the CRF
    "dropout": 0.5,
    "word_dropout": 0.1,
    "name_dropout": 0.3,
    "batch": 32,
    "lr": 2e-3,
    "seed": 1,
}


def _require() -> tuple[Any, Any]:
    try:
        import torch
        from gensim.models import Word2Vec
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "training the neural tagger needs PyTorch and gensim: pip install 'marsad[neural-training]'"
        ) from exc
    return torch, Word2Vec


def unlabeled_sentences(paths: Sequence[Path]) -> Iterator[list[str]]:
    """Stems of each paragraph of JSON-lines files with a ``text`` field."""
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    text = json.loads(line).get("text") or ""
                except (json.JSONDecodeError, AttributeError):
                    continue
                for para in text.split("\n"):
                    stems = [unit_of_text(para[t.start : t.end]).stem for t in tokenize(para)]
                    if len(stems) > 2:
                        yield stems


def word_vectors(sentences: Sequence[Sentence], unlabeled: Sequence[Path], dim: int, seed: int) -> Any:
    """Skip-gram vectors of stems (gensim ``KeyedVectors``)."""
    _, word2vec = _require()
    corpus = [[unit_of_text(w).stem for w in s.words] for s in sentences]
    corpus += list(unlabeled_sentences(unlabeled))
    model = word2vec(
        corpus, vector_size=dim, window=5, min_count=2, workers=1, epochs=10, sg=1, seed=seed, hashfxn=_stable_hash
    )
    return model.wv


def _stable_hash(text: str) -> int:
    """gensim seeds each word's vector from a hash of it; Python's own changes run to run."""
    return zlib.crc32(text.encode("utf-8"))


def check_tags(sentences: Sequence[Sentence]) -> None:
    """Raise ValueError when the data has a tag the network has no output for, RuntimeError
    when PyTorch or gensim is missing (both before any training starts)."""
    _require()
    unknown = sorted({t for s in sentences for t in s.tags} - set(TAGS))
    if unknown:
        raise ValueError(f"the neural tagger learns the tags {', '.join(TAGS)}; the data also has {', '.join(unknown)}")


def train_neural(
    sentences: Sequence[Sentence],
    out: str | Path,
    unlabeled: Sequence[Path] = (),
    params: dict[str, Any] | None = None,
    *,
    log: Any = None,
) -> float:
    """Train the tagger on ``sentences`` and write the archive to ``out``; returns seconds."""
    torch, _ = _require()
    check_tags(sentences)
    p = {**NEURAL_PARAMS, **(params or {})}
    began = time.perf_counter()
    random.seed(p["seed"])
    np.random.seed(p["seed"])
    torch.manual_seed(p["seed"])
    torch.set_num_threads(1)  # small matrices: one thread is as fast, and leaves a core free

    vectors = word_vectors(sentences, unlabeled, p["stem_dim"], p["seed"])
    feats = [f for f, _ in _xy(sentences, JACKKNIFE_FOLDS, 0.0)]
    counts = Counter(x for fs in feats for f in fs for x in f)
    features = sorted(x for x, c in counts.items() if c >= p["feature_min_count"])
    feature_ids = {x: i + 1 for i, x in enumerate(features)}
    stem_ids = {w: i + 2 for i, w in enumerate(vectors.index_to_key)}
    letters = Counter(ch for s in sentences for w in s.words for ch in w[:MAX_CHARS])
    chars = sorted(ch for ch, c in letters.items() if c >= 2)
    char_ids = {ch: i + 2 for i, ch in enumerate(chars)}
    tag_ids = {t: i for i, t in enumerate(TAGS)}

    examples = []
    for s, fs in zip(sentences, feats, strict=True):
        units = units_of_words(s.words)
        examples.append((
            np.array([stem_ids.get(u.stem, UNKNOWN) for u in units]),
            [[char_ids.get(ch, UNKNOWN) for ch in w[:MAX_CHARS]] or [UNKNOWN] for w in s.words],
            [[feature_ids[x] for x in f if x in feature_ids] or [PAD] for f in fs],
            [[feature_ids[x] for x in f if x in feature_ids and not x.startswith(_LEXICAL)] or [PAD] for f in fs],
            np.array([tag_ids[t] for t in s.tags]),
        ))
    net = _network(torch, p, vectors, len(char_ids) + 2, len(feature_ids) + 1)
    optimizer = torch.optim.Adam(net.parameters(), lr=p["lr"])
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=-1)
    order = list(range(len(examples)))
    for epoch in range(p["epochs"]):
        net.train()
        order.sort(key=lambda i: len(examples[i][0]) + random.random() * 8)  # similar lengths together
        batches = [order[i : i + p["batch"]] for i in range(0, len(order), p["batch"])]
        random.shuffle(batches)
        total = 0.0
        for batch in batches:
            stems, chars_, bag, gold = _tensors(torch, [examples[i] for i in batch], p)
            loss = loss_of(net(stems, chars_, bag).reshape(-1, len(TAGS)), gold.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimizer.step()
            total += loss.item()
        if log:
            seconds = time.perf_counter() - began
            log(f"epoch {epoch + 1}/{p['epochs']}: loss {total / len(batches):.4f}, {seconds:.0f} s")
    _export(net, out, stems=list(vectors.index_to_key), chars=chars, features=features)
    return time.perf_counter() - began


def _network(torch: Any, p: dict[str, Any], vectors: Any, n_chars: int, n_features: int) -> Any:
    nn = torch.nn

    class Tagger(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            init = torch.randn(len(vectors.index_to_key) + 2, p["stem_dim"]) * 0.1
            init[PAD] = 0
            init[2:] = torch.from_numpy(vectors.vectors.copy())
            self.stems = nn.Embedding.from_pretrained(init, freeze=False, padding_idx=PAD)
            self.chars = nn.Embedding(n_chars, p["char_dim"], padding_idx=PAD)
            self.conv = nn.Conv1d(p["char_dim"], p["char_filters"], 3, padding=1)
            self.bag = nn.Embedding(n_features, p["feature_dim"], padding_idx=PAD)
            self.drop = nn.Dropout(p["dropout"])
            width = p["stem_dim"] + p["char_filters"] + p["feature_dim"]
            self.lstm = nn.LSTM(width, p["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * p["hidden"], len(TAGS))

        def forward(self, stems: Any, chars: Any, bag: Any) -> Any:
            b, n, c = chars.shape
            letters = self.chars(chars.view(b * n, c)).transpose(1, 2)
            conv = torch.relu(self.conv(letters)) * (chars.view(b * n, 1, c) > PAD)
            x = torch.cat([self.stems(stems), conv.max(2).values.view(b, n, -1), self.bag(bag).sum(2)], -1)
            hidden, _ = self.lstm(self.drop(x))
            return self.out(self.drop(hidden))

    return Tagger()


def _tensors(torch: Any, batch: list[tuple[Any, ...]], p: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
    """Padded tensors for a batch, with word and name dropout applied."""
    size = len(batch)
    steps = max(len(e[0]) for e in batch)
    width = max(len(c) for e in batch for c in e[1])
    bag_width = max(len(f) for e in batch for f in e[2])
    stems = torch.zeros(size, steps, dtype=torch.long)
    chars = torch.zeros(size, steps, width, dtype=torch.long)
    bag = torch.zeros(size, steps, bag_width, dtype=torch.long)
    gold = torch.full((size, steps), -1, dtype=torch.long)
    for b, (ids, letters, full, plain, tags) in enumerate(batch):
        hide = (tags != 0) & (np.random.rand(len(tags)) < p["name_dropout"])
        drop = hide | ((np.random.rand(len(tags)) < p["word_dropout"]) & (ids > UNKNOWN))
        stems[b, : len(ids)] = torch.from_numpy(np.where(drop, UNKNOWN, ids))
        for t, row in enumerate(letters):
            chars[b, t, : len(row)] = torch.tensor(row)
        for t in range(len(full)):
            row = plain[t] if hide[t] else full[t]
            bag[b, t, : len(row)] = torch.tensor(row)
        gold[b, : len(tags)] = torch.from_numpy(tags)
    return stems, chars, bag, gold


def _quantized(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with one float16 scale each."""
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(matrix / scale[:, None]).astype(np.int8), scale.astype(np.float16)


def _export(net: Any, out: str | Path, *, stems: list[str], chars: list[str], features: list[str]) -> None:
    state = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    stem_q, stem_s = _quantized(state["stems.weight"])
    feat_q, feat_s = _quantized(state["bag.weight"])
    half = np.float16
    arrays = {
        "format": np.array(FORMAT),
        "tags": np.array(TAGS),
        "crf_weight": np.array(CRF_WEIGHT),
        "stems": np.array(stems),
        "chars": np.array(chars),
        "features": np.array(features),
        "stem_vectors": stem_q, "stem_vectors_scale": stem_s,
        "feature_vectors": feat_q, "feature_vectors_scale": feat_s,
        "char_vectors": state["chars.weight"].astype(half),
        "conv_w": state["conv.weight"].astype(half), "conv_b": state["conv.bias"].astype(half),
        "out_w": state["out.weight"].astype(half), "out_b": state["out.bias"].astype(half),
    }
    for direction in ("", "_reverse"):
        name = "_rev" if direction else ""
        for part in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            short = part.replace("weight", "w").replace("bias", "b")
            arrays[f"{short}{name}"] = state[f"lstm.{part}_l0{direction}"].astype(half)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        np.savez_compressed(fh, **arrays)
