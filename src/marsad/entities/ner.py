"""The statistical NER model: a CRF (python-crfsuite) over features of Marsad's text layer,
combined with a small neural tagger (:mod:`marsad.entities.neural`) when one is saved beside it.

The model shipped in ``marsad/entities/models/`` (``ner.crfsuite``, ``ner.neural.npz``) was
trained on ANERcorp's train split (see ``models/README.md``). It tags PER, ORG, LOC and MISC;
the entity stage decides what to keep.

>>> from marsad.text import tokenize
>>> text = "وقال الرئيس الأمريكي جو بايدن في واشنطن"
>>> [(text[s:e], t) for s, e, t in NerModel.load().entities(text, tokenize(text))]
[('جو بايدن', 'PER'), ('واشنطن', 'LOC')]
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

import numpy as np
import pycrfsuite  # type: ignore[import-untyped]

from marsad.entities.features import (
    NameTable,
    Unit,
    gazetteers,
    is_function_word,
    sentence_features,
    unit_of_text,
    units_of_tokens,
    units_of_words,
)
from marsad.entities.neural import TAGS, NeuralTagger, batches, combine, decode, neural_path
from marsad.entities.train import names_path, spans_of_tags, to_bio
from marsad.text import Token, normalize_str
from marsad.text.clitics import word_count

__all__ = ["DEFAULT_MODEL", "NerModel"]

DEFAULT_MODEL = "ner.crfsuite"
# The training data says PERS; Marsad's contract says PER.
_TYPE_NAMES = {"PERS": "PER"}
_MAX_SEQUENCE = 200
_SENTENCE_END = frozenset({".", "!", "?", "؟", "…", "..."})
_PROCLITIC_KEEP = "ال"
_PERSON = "PERS"
_CUE_FLAGS = frozenset({"cue=title", "cue=particle", "cue=org", "cue=loc", "cue=verb"})
# A word seen this often with the article in plain news is a common noun, not a surname.
_COMMON_WITH_ARTICLE = 5


def _public(tag: str) -> str:
    prefix, sep, typ = tag.partition("-")
    return f"{prefix}-{_TYPE_NAMES.get(typ, typ)}" if sep else tag


class NerModel:
    """A loaded CRF tagger, with the neural tagger beside it when there is one.

    Load once (:meth:`load` caches the shipped model) and share it.
    """

    def __init__(
        self, tagger: pycrfsuite.Tagger, path: str, names: NameTable | None = None,
        neural: NeuralTagger | None = None,
    ) -> None:
        self._tagger = tagger
        self._labels = frozenset(tagger.labels())
        self.path = path
        self.names = names
        self.neural = neural
        self._lock = threading.Lock()  # a crfsuite Tagger is not safe to share across threads

    @classmethod
    def load(cls, path: str | Path | None = None, *, neural: bool = True) -> NerModel:
        """The model at ``path``, or the one shipped in the package (cached) when ``None``.

        The neural tagger saved beside the CRF (``ner.neural.npz`` for ``ner.crfsuite``) is
        loaded too, unless ``neural`` is false (the CRF alone, as before it existed).
        """
        if path is None:
            return _shipped(neural)
        return _load(str(path), neural)

    # -- tagging -----------------------------------------------------------------------
    def tag_units(self, units: Sequence[Unit]) -> list[str]:
        """Raw model tags (training type names, e.g. ``B-PERS``) for one sequence of units."""
        return self.tag_document([units], propagate=False)[0]

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """Raw model tags for one pre-tokenized sentence (a CoNLL sentence)."""
        return self.tag_units(units_of_words(words))

    def tag_document(self, sequences: Sequence[Sequence[Unit]], *, propagate: bool = True) -> list[list[str]]:
        """Raw model tags for the sentences of one document.

        With ``propagate``, a surname the model found in a person's name elsewhere in the
        document is tagged as a person where the model left it out (``تروتنيف`` after
        ``يوري تروتنيف``): one tagger pass, then the document's own names.
        """
        tagged: list[list[str]] = []
        # a few thousand tokens at a time: features of a whole 5 MB input would not fit in memory
        for group in batches(list(range(len(sequences))), [len(units) for units in sequences]):
            units_of = [sequences[i] for i in group]
            features = [sentence_features(units, self.names) if units else [] for units in units_of]
            if self.neural is None:
                tagged.extend(self._viterbi(xseq) for xseq in features)
                continue
            weight = self.neural.crf_weight
            probabilities = self.neural.probabilities(units_of, features)
            tagged.extend(
                decode(combine(self._marginals(xseq), p, weight)) if xseq else []
                for xseq, p in zip(features, probabilities, strict=True)
            )
        if propagate:
            _propagate(sequences, tagged)
        return tagged

    def _viterbi(self, xseq: list[list[str]]) -> list[str]:
        if not xseq:
            return []
        with self._lock:
            tags = self._tagger.tag(xseq)
        return to_bio(tags)

    def _marginals(self, xseq: list[list[str]]) -> np.ndarray:
        """The CRF's probability of each tag at each position, columns in :data:`TAGS` order."""
        with self._lock:
            self._tagger.set(xseq)
            return np.array([
                [self._tagger.marginal(tag, i) if tag in self._labels else 0.0 for tag in TAGS]
                for i in range(len(xseq))
            ])

    def tag_tokens(self, tokens: Sequence[Token], text: str) -> list[str]:
        """BIO tags (``B-PER``, ``I-ORG``, ``O`` …) for ``tokens`` of ``text``, one per token.

        Tokens are cut into sequences at sentence-final punctuation and at line breaks, so
        any run of tokens (a sentence, a paragraph, a whole article) can be passed; the run
        is treated as one document (see :meth:`tag_document`).
        """
        try:
            units = units_of_tokens(tokens, text)
            tagged = self.tag_document([units[a:b] for a, b in _chunks(tokens, text)])
            return [_public(t) for seq in tagged for t in seq]
        except Exception:  # a stage degrades, it never raises on odd input
            return ["O"] * len(tokens)

    def entities(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
        """Merged entity spans ``(start, end, type)`` in offsets of ``text``.

        A span starts at the first token's stem (or at its article ال), so conjunctions and
        prepositions written onto the name (``وبايدن``, ``لواشنطن``) are left out.
        """
        tags = self.tag_tokens(tokens, text)
        out: list[tuple[int, int, str]] = []
        for a, b, typ in spans_of_tags(tags):
            start = _name_start(tokens[a], text)
            end = tokens[b - 1].end
            if start < end:
                out.append((start, end, typ))
        return out


def _propagate(sequences: Sequence[Sequence[Unit]], tagged: list[list[str]]) -> None:
    surnames: set[str] = set()
    names: dict[tuple[str, ...], str] = {}
    for units, tags in zip(sequences, tagged, strict=True):
        for a, b, typ in spans_of_tags(tags):
            if typ == _PERSON:
                surnames.add(units[b - 1].stem)
            key = tuple(u.stem for u in units[a:b])
            if len(key) > 1 or _may_propagate(key[0]):
                names.setdefault(key, typ)
    surnames = {s for s in surnames if _may_propagate(s)}
    longest = max((len(k) for k in names), default=0)
    for units, tags in zip(sequences, tagged, strict=True):
        stems = [u.stem for u in units]
        i = 0
        while i < len(units):
            for length in range(min(longest, len(units) - i), 0, -1):
                if length == 1 and _never_spread_to(units[i]):
                    continue
                found = names.get(tuple(stems[i : i + length]))
                if found and all(t == "O" for t in tags[i : i + length]):
                    tags[i : i + length] = ["B-" + found] + ["I-" + found] * (length - 1)
                    i += length - 1
                    break
            i += 1
        for i, unit in enumerate(units):
            if tags[i] == "O" and unit.stem in surnames and not _never_spread_to(unit):
                tags[i] = "I-" + _PERSON if i and tags[i - 1].endswith("-" + _PERSON) else "B-" + _PERSON


def _never_spread_to(unit: Unit) -> bool:
    """على and عليه share the stem of علي (Ali); names (nearly) never carry a pronoun suffix."""
    return is_function_word(unit) or bool(unit.enc)


def _may_propagate(stem: str) -> bool:
    """A name's last word that is not also a common word or a cue (الرئيس, عبد …)."""
    if len(stem) < 3 or not stem.isalpha():
        return False
    if gazetteers().words.get(stem, frozenset()) & _CUE_FLAGS:
        return False
    return word_count(_PROCLITIC_KEEP + stem) <= _COMMON_WITH_ARTICLE


def _name_start(token: Token, text: str) -> int:
    for seg in token.segments:
        if seg.kind == "stem":
            return seg.start if seg.start > token.start else _unit_start(token, text)
        if seg.norm == _PROCLITIC_KEEP and seg.end - seg.start == 2:
            return seg.start
    return token.start


def _unit_start(token: Token, text: str) -> int:
    """Where the name starts in a token whose proclitic only the NER units cut (ولاريجاني)."""
    pre = unit_of_text(text[token.start : token.end]).pre
    if not pre or _PROCLITIC_KEEP in pre:
        return token.start
    i, seen = token.start, 0
    while i < token.end and seen < len(pre):
        if normalize_str(text[i]):
            seen += 1
        i += 1
    while i < token.end and not normalize_str(text[i]):  # diacritics on the proclitic
        i += 1
    return i if i < token.end else token.start


def _chunks(tokens: Sequence[Token], text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for i, tok in enumerate(tokens):
        cut_before = i > start and "\n" in text[tokens[i - 1].end : tok.start]
        if cut_before:
            out.append((start, i))
            start = i
        if text[tok.start : tok.end] in _SENTENCE_END or i + 1 - start >= _MAX_SEQUENCE:
            out.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return out


@cache
def _load(path: str, neural: bool = True) -> NerModel:
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    table = names_path(path)
    names = NameTable.from_rows(table.read_text(encoding="utf-8").splitlines()) if table.is_file() else None
    archive = neural_path(path)
    second = NeuralTagger.load(archive) if neural and archive.is_file() else None
    return NerModel(tagger, path, names, second)


@cache
def _shipped(neural: bool) -> NerModel:
    resource = files("marsad.entities").joinpath("models", DEFAULT_MODEL)
    with as_file(resource) as path:
        return _load(str(path), neural)
