"""A second NER learner: a small BiLSTM tagger run in NumPy, combined with the CRF.

The CRF sees sparse features (words, affixes, gazetteer hits, a ±2 window); this tagger sees
the same token's features as a learned bag, plus word vectors trained on unlabeled news and
the word's letters through a character CNN, and reads the whole sentence both ways. The two
err differently: in cross-validation on ANERcorp's train split, a weighted geometric mean of
the CRF's marginals and this tagger's probabilities, decoded under BIO constraints, beat
either alone (figures in ``models/README.md``).

It is trained in PyTorch (:mod:`marsad.entities.train_neural`, an optional extra) and shipped
as a NumPy archive (``ner.neural.npz``), so running it needs NumPy only. The archive holds
the vocabularies as string arrays (no pickles) and the weights in float16; the two largest
tables (word vectors, feature bag) are int8 with one scale per row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from marsad.entities.features import Unit

__all__ = ["BATCH_TOKENS", "FORMAT", "MAX_CHARS", "TAGS", "NeuralTagger", "batches", "combine", "decode", "neural_path"]

FORMAT = "marsad.ner.neural/1"
# The tag order of the network's output layer and of :func:`combine`.
TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_CHARS = 20  # letters of a word seen by the character CNN
# Tokens run together (an article of ~1,000 words in one batch; a 5 MB input in many). The
# recurrent products are tiny, so BLAS threads cost more than they save: one thread each.
BATCH_TOKENS = 2048
PAD, UNKNOWN = 0, 1  # ids shared by the stem and character vocabularies


def neural_path(model: str | Path) -> Path:
    """Where the neural tagger of the CRF model at ``model`` is kept (beside it)."""
    path = Path(model)
    return path.with_name(path.stem + ".neural.npz")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)  # overflow-free


class NeuralTagger:
    """Per-token tag probabilities for sentences of :class:`Unit` with their CRF features."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        if str(arrays["format"]) != FORMAT:
            raise ValueError(f"not a {FORMAT} archive: {arrays['format']}")
        if tuple(str(t) for t in arrays["tags"]) != TAGS:
            raise ValueError("the archive's tag set differs from this version's")
        self.crf_weight = float(arrays["crf_weight"])
        self._stems = {str(s): i + 2 for i, s in enumerate(arrays["stems"])}
        self._chars = {str(c): i + 2 for i, c in enumerate(arrays["chars"])}
        self._features = {str(f): i + 1 for i, f in enumerate(arrays["features"])}
        self._stem_vectors = _dequantize(arrays, "stem_vectors")
        self._feature_vectors = _dequantize(arrays, "feature_vectors")
        w = {k: np.asarray(v, dtype=np.float32) for k, v in arrays.items() if v.dtype == np.float16}
        self._char_vectors = w["char_vectors"]
        out_ch, in_ch, width = w["conv_w"].shape
        # A window of `width` letter vectors, concatenated, times this matrix is the convolution.
        self._conv = w["conv_w"].transpose(2, 1, 0).reshape(width * in_ch, out_ch)
        self._conv_b = w["conv_b"]
        self._conv_width = width
        # forward and backward stacked: (2, input, 4 × hidden), (2, hidden, 4 × hidden), (2, 1, 1, 4 × hidden)
        self._w_ih = np.stack([w[f"w_ih{d}"].T for d in ("", "_rev")])
        self._w_hh = np.stack([w[f"w_hh{d}"].T for d in ("", "_rev")])
        self._bias = np.stack([w[f"b_ih{d}"] + w[f"b_hh{d}"] for d in ("", "_rev")])[:, None, None, :]
        self._out_w, self._out_b = w["out_w"].T.copy(), w["out_b"]

    @classmethod
    def load(cls, path: str | Path) -> NeuralTagger:
        with np.load(path, allow_pickle=False) as z:
            return cls({k: z[k] for k in z.files})

    # -- inference ---------------------------------------------------------------------
    def probabilities(
        self, sequences: Sequence[Sequence[Unit]], features: Sequence[Sequence[Sequence[str]]]
    ) -> list[np.ndarray]:
        """One ``(len(units), len(TAGS))`` array of probabilities per sequence.

        ``features`` are the CRF's features of the same sequences
        (:func:`marsad.entities.features.sentence_features`). Sequences run in batches of
        similar lengths (an article's sentences usually in one), so memory stays bounded
        whatever the input's size.
        """
        out = [np.zeros((len(units), len(TAGS)), dtype=np.float32) for units in sequences]
        lengths = [len(units) for units in sequences]
        todo = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
        with _blas().limit(limits=1, user_api="blas"):
            for batch in batches(todo, lengths):
                results = self._batch([sequences[i] for i in batch], [features[i] for i in batch])
                for i, p in zip(batch, results, strict=True):
                    out[i] = p
        return out

    def _batch(
        self, sequences: Sequence[Sequence[Unit]], features: Sequence[Sequence[Sequence[str]]]
    ) -> list[np.ndarray]:
        lengths = [len(u) for u in sequences]
        flat = [u for units in sequences for u in units]
        x = np.concatenate(
            [
                self._stem_vectors[[self._stems.get(u.stem, UNKNOWN) for u in flat]],
                self._letters([u.surface for u in flat]),
                self._bags([f for fs in features for f in fs]),
            ],
            axis=1,
        )
        batch = np.zeros((len(sequences), max(lengths), x.shape[1]), dtype=np.float32)
        offset = 0
        for b, n in enumerate(lengths):
            batch[b, :n] = x[offset : offset + n]
            offset += n
        logits = self._lstm_both_ways(batch, lengths) @ self._out_w + self._out_b
        logits -= logits.max(axis=2, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=2, keepdims=True)
        return [p[b, :n] for b, n in enumerate(lengths)]

    def _letters(self, words: Sequence[str]) -> np.ndarray:
        width = max(1, min(MAX_CHARS, max(len(w) for w in words)))
        ids = np.zeros((len(words), width), dtype=np.int64)
        for i, word in enumerate(words):
            letters = [self._chars.get(ch, UNKNOWN) for ch in word[:MAX_CHARS]] or [UNKNOWN]
            ids[i, : len(letters)] = letters
        emb = self._char_vectors[ids]  # padding row is zero
        half = self._conv_width // 2
        padded = np.pad(emb, ((0, 0), (half, half), (0, 0)))
        windows = np.concatenate([padded[:, k : k + width] for k in range(self._conv_width)], axis=2)
        conv = np.maximum(windows @ self._conv + self._conv_b, 0.0)
        conv *= (ids > PAD)[:, :, None]  # padding never wins the max (as in training)
        pooled: np.ndarray = conv.max(axis=1)
        return pooled

    def _bags(self, feats: Sequence[Sequence[str]]) -> np.ndarray:
        """Sum of the vectors of each token's known features (row 0, for unknown ones, is zero)."""
        flat = [f for fs in feats for f in fs]
        ids = np.fromiter(map(self._features.get, flat, repeat(PAD)), dtype=np.int64, count=len(flat))
        lengths = np.fromiter(map(len, feats), dtype=np.int64, count=len(feats))
        sums = np.zeros((len(feats), self._feature_vectors.shape[1]), dtype=np.float32)
        some = lengths > 0  # reduceat would give a token without features its neighbour's first
        if some.any():
            starts = np.cumsum(lengths) - lengths
            sums[some] = np.add.reduceat(self._feature_vectors[ids], starts[some], axis=0)
        return sums

    def _lstm_both_ways(self, batch: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """The BiLSTM over a right-padded batch (PyTorch's gate order i, f, g, o).

        Both directions step together, the backward one over each sequence reversed within
        its own length, so that every step is one batched product and a few array operations.
        """
        rows = np.arange(len(lengths))[:, None]
        steps = batch.shape[1]
        backward = np.tile(np.arange(steps), (len(lengths), 1))
        for b, n in enumerate(lengths):
            backward[b, :n] = np.arange(n)[::-1]
        gates_x = np.stack([batch @ self._w_ih[0], batch[rows, backward] @ self._w_ih[1]]) + self._bias
        size = self._w_hh.shape[1]
        h = np.zeros((2, len(lengths), size), dtype=np.float32)
        c = np.zeros_like(h)
        out = np.empty((2, len(lengths), steps, size), dtype=np.float32)
        for t in range(steps):
            g = gates_x[:, :, t] + h @ self._w_hh
            gates = _sigmoid(g)  # i, f and o; the cell input's tanh below
            c = gates[..., size : 2 * size] * c + gates[..., :size] * np.tanh(g[..., 2 * size : 3 * size])
            h = gates[..., 3 * size :] * np.tanh(c)
            out[:, :, t] = h
        result = np.empty((len(lengths), steps, 2 * size), dtype=np.float32)
        result[:, :, :size] = out[0]
        result[rows, backward, size:] = out[1]
        return result


def batches(order: list[int], lengths: Sequence[int]) -> Iterator[list[int]]:
    """Runs of ``order`` of at most :data:`BATCH_TOKENS` tokens (a longer sequence alone)."""
    batch: list[int] = []
    tokens = 0
    for i in order:
        if batch and tokens + lengths[i] > BATCH_TOKENS:
            yield batch
            batch, tokens = [], 0
        batch.append(i)
        tokens += lengths[i]
    if batch:
        yield batch


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _dequantize(arrays: dict[str, np.ndarray], name: str) -> np.ndarray:
    return arrays[name].astype(np.float32) * arrays[name + "_scale"].astype(np.float32)[:, None]


def combine(crf: np.ndarray, neural: np.ndarray, crf_weight: float) -> np.ndarray:
    """Log-scores of a weighted geometric mean of two ``(n, len(TAGS))`` probability arrays."""
    return crf_weight * np.log(crf + 1e-9) + (1.0 - crf_weight) * np.log(neural + 1e-9)


def _allowed() -> tuple[np.ndarray, np.ndarray]:
    """BIO constraints: I-X only after B-X or I-X, never first."""
    n = len(TAGS)
    penalty = np.zeros((n, n), dtype=np.float64)
    first = np.zeros(n, dtype=np.float64)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            first[j] = -np.inf
            for i, prev in enumerate(TAGS):
                if prev[2:] != tag[2:] or prev == "O":
                    penalty[i, j] = -np.inf
    return penalty, first


_TRANSITION, _FIRST = _allowed()


def decode(scores: np.ndarray) -> list[str]:
    """The best BIO-valid tag sequence for per-token log-scores (Viterbi)."""
    if len(scores) == 0:
        return []
    best = scores[0] + _FIRST
    back = []
    for t in range(1, len(scores)):
        total = best[:, None] + _TRANSITION
        back.append(total.argmax(axis=0))
        best = total.max(axis=0) + scores[t]
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [TAGS[j] for j in reversed(path)]
