"""Training and scoring the NER model on CoNLL-format files (``TOKEN TAG`` lines).

``marsad train-ner --data DIR`` trains on the train split found in ``DIR`` (ANERcorp's
``*train*.txt``) and writes the model that :class:`marsad.entities.ner.NerModel` loads;
``marsad eval-ner FILE`` scores a model on any CoNLL file with :func:`score`, an exact-span,
micro-averaged scorer that reads chunks the way conlleval and seqeval do (an ``I-X`` after
``O`` or after another type starts a new chunk).

>>> spans_of_tags(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "I-LOC"])
[(0, 2, 'PERS'), (3, 4, 'LOC'), (4, 5, 'ORG'), (5, 6, 'LOC')]
>>> score([["B-LOC", "O"]], [["B-LOC", "B-PERS"]])["overall"]
{'p': 0.5, 'r': 1.0, 'f1': 0.6667, 'support': 1}
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pycrfsuite  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from marsad.entities.ner import NerModel

from marsad.entities.features import NameTable, sentence_features, unit_of_text, units_of_words

__all__ = [
    "JACKKNIFE_FOLDS",
    "TRAIN_PARAMS",
    "Sentence",
    "names_of",
    "names_path",
    "read_conll",
    "score",
    "spans_of_tags",
    "tag_conll",
    "to_bilou",
    "to_bio",
    "train_model",
]

# Chosen on a held-out tenth of the train split (the test split is only for reporting).
TRAIN_PARAMS: dict[str, float | int | bool] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}
JACKKNIFE_FOLDS = 10
# CoNLL files mark no documents: this many consecutive sentences are tagged as one.
DOCUMENT_SENTENCES = 20
# Share of name tokens whose own words are hidden in the masked copy of the training data.
MASK_RATE = 0.5
# A one-word name enters the table only when the word is a name at least this often.
MIN_NAME_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL file: ``TOKEN TAG`` per line (the tag is the last field)."""
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if words:
                    sentences.append(Sentence(tuple(words), tuple(tags)))
                    words, tags = [], []
                continue
            word, _, tag = line.rstrip().rpartition(" ")
            if not word:  # a line with one field: a token without tag
                word, tag = tag, "O"
            words.append(word.strip() or word)
            tags.append(tag)
    if words:
        sentences.append(Sentence(tuple(words), tuple(tags)))
    return sentences


def spans_of_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Chunks ``(start, end, type)`` of a BIO tag sequence, conlleval-style."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        inside = prefix == "I" and typ == kind and start >= 0
        if start >= 0 and not inside:
            spans.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and not inside:
            start, kind = i, typ
    return spans


def to_bilou(tags: Sequence[str]) -> list[str]:
    """BIO chunks re-encoded as BILOU (the CRF learns name ends and one-word names apart).

    >>> to_bilou(["B-LOC", "O", "B-PERS", "I-PERS", "I-PERS"])
    ['U-LOC', 'O', 'B-PERS', 'I-PERS', 'L-PERS']
    """
    out = ["O"] * len(tags)
    for a, b, typ in spans_of_tags(tags):
        if b - a == 1:
            out[a] = "U-" + typ
        else:
            out[a] = "B-" + typ
            out[a + 1 : b - 1] = ["I-" + typ] * (b - a - 2)
            out[b - 1] = "L-" + typ
    return out


def to_bio(tags: Sequence[str]) -> list[str]:
    """BILOU (or BIO) tags as BIO.

    >>> to_bio(["U-LOC", "O", "B-PERS", "L-PERS"])
    ['B-LOC', 'O', 'B-PERS', 'I-PERS']
    """
    return ["B" + t[1:] if t[:2] == "U-" else "I" + t[1:] if t[:2] == "L-" else t for t in tags]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": n_gold}


def score(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]
) -> dict[str, dict[str, float | int]]:
    """Per-type and overall (micro) precision, recall and F1 of exact chunk matches."""
    tp: dict[str, int] = {}
    n_pred: dict[str, int] = {}
    n_gold: dict[str, int] = {}
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g_spans = set(spans_of_tags(g_tags))
        p_spans = set(spans_of_tags(p_tags))
        for s in g_spans:
            n_gold[s[2]] = n_gold.get(s[2], 0) + 1
        for s in p_spans:
            n_pred[s[2]] = n_pred.get(s[2], 0) + 1
        for s in g_spans & p_spans:
            tp[s[2]] = tp.get(s[2], 0) + 1
    out = {"overall": _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))}
    for typ in sorted(set(n_gold) | set(n_pred)):
        out[typ] = _prf(tp.get(typ, 0), n_pred.get(typ, 0), n_gold.get(typ, 0))
    return out


def names_of(sentences: Sequence[Sentence]) -> NameTable:
    """The names tagged in ``sentences`` (one-word names only when mostly tagged as names)."""
    total: dict[str, int] = {}
    as_name: dict[str, int] = {}
    spans: list[tuple[tuple[str, ...], str]] = []
    for s in sentences:
        for w in s.words:
            stem = unit_of_text(w).stem
            total[stem] = total.get(stem, 0) + 1
        for a, b, typ in spans_of_tags(s.tags):
            words = s.words[a:b]
            if b - a == 1:
                stem = unit_of_text(words[0]).stem
                as_name[stem] = as_name.get(stem, 0) + 1
            spans.append((words, typ))
    keep = [
        (words, typ) for words, typ in spans
        if len(words) > 1 or as_name[unit_of_text(words[0]).stem] >= MIN_NAME_RATIO * total[unit_of_text(words[0]).stem]
    ]
    return NameTable.from_spans(keep)


# Lexical features: what a name never seen in training lacks.
_LEXICAL = ("w=", "s=", "raw=", "ww=", "wn=", "p2=", "p3=", "x2=", "x3=", "p4=", "x4=")


def _masked(feats: list[list[str]], tags: Sequence[str], rng: random.Random, rate: float) -> list[list[str]]:
    """A copy where each name token loses its own lexical features with probability ``rate``.

    Seen names are memorized by their words; unseen ones (most of a new text's) must be
    found from context, affixes and gazetteers. The copy teaches the model to use those.
    (Hiding the token's words from its neighbours' window features as well scored lower.)
    """
    out = []
    for f, tag in zip(feats, tags, strict=True):
        if tag != "O" and rng.random() < rate:
            f = [x for x in f if not x.startswith(_LEXICAL)]
        out.append(f)
    return out


def _xy(
    sentences: Sequence[Sentence], folds: int, mask_rate: float = 0.0
) -> Iterator[tuple[list[list[str]], list[str]]]:
    """Features and tags; with ``folds``, each fold's name table comes from the other folds.

    With ``mask_rate`` > 0 every sentence with a name comes a second time, masked (:func:`_masked`).
    """
    rng = random.Random(17)
    size = -(-len(sentences) // max(folds, 1))
    for k in range(max(folds, 1)):
        lo, hi = k * size, min((k + 1) * size, len(sentences))
        table = names_of([*sentences[:lo], *sentences[hi:]]) if folds >= 2 else None
        for s in sentences[lo:hi]:
            feats = sentence_features(units_of_words(s.words), table)
            yield feats, list(s.tags)
            if mask_rate > 0 and any(t != "O" for t in s.tags):
                yield _masked(feats, s.tags, rng, mask_rate), list(s.tags)


def names_path(model: str | Path) -> Path:
    """Where the name table of the model at ``model`` is kept (beside it)."""
    path = Path(model)
    return path.with_name(path.stem + ".names.tsv")


def train_model(
    sentences: Sequence[Sentence],
    out: str | Path,
    params: dict[str, float | int | bool] | None = None,
    *,
    folds: int = JACKKNIFE_FOLDS,
    mask_rate: float = MASK_RATE,
    verbose: bool = False,
) -> float:
    """Train a CRF on ``sentences`` and write it to ``out``; returns the seconds it took.

    With ``folds`` ≥ 2 the model also uses the names of the training data (a jackknifed
    table during training; the table of all of them, written beside the model, at run time).
    """
    began = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for xseq, yseq in _xy(sentences, folds, mask_rate):
        trainer.append(xseq, yseq)
    trainer.set_params(dict(TRAIN_PARAMS if params is None else params))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    names = names_path(out)
    if folds >= 2:
        header = "# Names tagged in the NER training data (ANERcorp train split, CC BY-SA 4.0), as stems.\n"
        names.write_text(header + "\n".join(names_of(sentences).rows()) + "\n", encoding="utf-8")
    elif names.exists():
        names.unlink()
    return time.perf_counter() - began


def tag_conll(model: NerModel, sentences: Sequence[Sentence], document: int = DOCUMENT_SENTENCES) -> list[list[str]]:
    """The model's raw tags for CoNLL sentences, ``document`` sentences at a time."""
    out: list[list[str]] = []
    size = max(1, document)
    for lo in range(0, len(sentences), size):
        block = [units_of_words(s.words) for s in sentences[lo : lo + size]]
        out.extend(model.tag_document(block, propagate=size > 1))
    return out


def find_train_file(data: str | Path) -> Path:
    """The train split in ``data``: the file itself, or the one ``*train*`` file in the folder."""
    path = Path(data)
    if path.is_file():
        return path
    found = sorted(p for p in path.glob("*train*.txt"))
    if not found:
        raise FileNotFoundError(f"no *train*.txt file in {path}")
    return found[0]


def split_heldout(sentences: Sequence[Sentence], fraction: float = 0.15) -> tuple[list[Sentence], list[Sentence]]:
    """(train, held-out): the last ``fraction`` of the sentences is held out.

    A contiguous tail, not a random sample, so that held-out stories are unseen in training,
    as the test split's are (a random sample of sentences scores far higher than the test).
    """
    cut = len(sentences) - int(len(sentences) * fraction)
    return list(sentences[:cut]), list(sentences[cut:])
