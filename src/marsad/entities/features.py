"""Features of the NER sequence labeller, computed from Marsad's own text layer.

A sentence is a list of :class:`Unit`: one per token of running text
(:func:`units_of_tokens`) or one per pre-tokenized word of a CoNLL file
(:func:`units_of_words`), built the same way from :func:`marsad.text.tokenize`, so that the
model sees the same features at training and at run time. Each unit carries its normalized
form, its clitic-split stem and its clitics; :func:`sentence_features` turns a sentence into
one list of ``name=value`` strings per unit: the word and its stem, affixes, shape,
frequency in plain news text, Brown-cluster paths, gazetteer hits (given and family names,
places, knowledge-base names, single words and multi-word phrases; the curated ``ner_*.tsv``
lists and the broad ``names_*.tsv`` ones, each with flags of its own), cue words (titles,
organization heads, reporting verbs, name particles) and the same for the neighbours within
two positions (cue words within three, and the cue just before joined with the word's
frequency); for unseen names, whether the stem is rare in plain news and how many long-vowel
letters it has (transliterated foreign names).

>>> feats = sentence_features(units_of_words(["وقال", "الرئيس", "جو", "بايدن"]))
>>> "s=قال" in feats[0], "-1:cue=title" in feats[2], "given" in feats[2]
(True, True, True)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from marsad.lexicons import read_rows
from marsad.text import Token, normalize_str, tokenize
from marsad.text.clitics import word_count

__all__ = [
    "Gazetteers",
    "NameTable",
    "Unit",
    "build_gazetteers",
    "cache_path",
    "gazetteers",
    "is_function_word",
    "sentence_features",
    "unit_of_text",
    "units_of_tokens",
    "units_of_words",
]

_MAX_PHRASE = 6
# Words whose normalized form is also a name (على → علي, إلى → الي) lose the name flags.
_FUNCTION_WORDS = frozenset({"على", "وعلى", "فعلى", "إلى", "الى", "وإلى", "حتى", "لدى", "سوى"})
_STRIP_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARTICLE = "ال"
_CUE = "cue="
_LONG_VOWELS = frozenset("اوي")
# Stems seen fewer times than this in plain news (alone or with the article) count as rare.
_RARE = 3
# ... and this often, a common word (a broad list's one-word name this common is left out).
_COMMON_WORD = 20
# Which knowledge-base type names count as which gazetteer class.
_KB_TYPES = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
    "LOC": "LOC", "GPE": "LOC", "PLACE": "LOC", "COUNTRY": "LOC", "CITY": "LOC",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """What the features see of one token: forms, clitics and token kind.

    >>> unit_of_text("وبالعراق")
    Unit(surface='وبالعراق', norm='وبالعراق', stem='عراق', pre='وبال', enc='', kind='word')
    """

    surface: str
    norm: str
    stem: str
    pre: str
    enc: str
    kind: str


def is_function_word(unit: Unit) -> bool:
    """على, إلى, حتى … as written: normalized they read as names (على → علي, Ali)."""
    return _STRIP_MARKS.sub("", unit.surface) in _FUNCTION_WORDS


@lru_cache(maxsize=1 << 16)
def _plain_unit(surface: str) -> Unit:
    tokens = tokenize(surface)
    if not tokens:
        return Unit(surface, normalize_str(surface), normalize_str(surface), "", "", "empty")
    main = next((t for t in tokens if t.kind in ("word", "latin", "number")), tokens[0])
    pre = "".join(s.norm for s in main.segments if s.kind == "proclitic")
    enc = "".join(s.norm for s in main.segments if s.kind == "enclitic")
    kind = main.kind if len(tokens) == 1 else main.kind + "+"
    return Unit(surface, normalize_str(surface), main.stem_norm, pre, enc, kind)


# Proclitics tried on a word the clitic splitter left whole, longest first.
_NAME_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ب", "ل", "ف", "ك")
_NAME_FLAGS = frozenset({"given", "family", "place", "org", "kb=PER", "kb=ORG", "kb=LOC"})
# A broad list's name counts for the cut only when it is longer: وشيك is not و + شيك.
_BROAD_NAME_FLAGS = frozenset({"G:given", "G:family", "G:place", "G:org"})
_BROAD_MIN_REST = 4


@lru_cache(maxsize=1 << 16)
def unit_of_text(surface: str) -> Unit:
    """The unit of one token's (or one pre-tokenized word's) text.

    A CoNLL word may hold several of our tokens (``أ)``); its unit is made from the first
    word, Latin word or number among them, else from the first token. The general clitic
    splitter only cuts when the rest is a known word, which names rarely are; here a word it
    left whole is cut when the rest is a name of the gazetteers and the word itself is not
    (``لسولانا`` stays whole for it, but ``ولاريجاني`` → و + لاريجاني here).
    """
    unit = _plain_unit(surface)
    if unit.pre or unit.enc or unit.kind != "word" or unit.stem != unit.norm:
        return unit
    words = gazetteers().words
    if words.get(unit.stem, frozenset()) & (_NAME_FLAGS | _BROAD_NAME_FLAGS):
        return unit
    for pre in _NAME_PROCLITICS:
        rest = unit.stem[len(pre):]
        if not unit.stem.startswith(pre) or len(rest) < 3:
            continue
        flags = words.get(rest, frozenset())
        if flags & _NAME_FLAGS or (len(rest) >= _BROAD_MIN_REST and flags & _BROAD_NAME_FLAGS):
            return Unit(unit.surface, unit.norm, rest, pre, "", "word")
    return unit


def units_of_words(words: Iterable[str]) -> list[Unit]:
    """Units of pre-tokenized words (one CoNLL sentence)."""
    return [unit_of_text(w) for w in words]


def units_of_tokens(tokens: Iterable[Token], text: str) -> list[Unit]:
    """Units of Marsad tokens of ``text``."""
    return [unit_of_text(text[t.start : t.end]) for t in tokens]


def _shape(surface: str) -> str:
    out: list[str] = []
    for ch in surface:
        if "\u0600" <= ch <= "\u06ff":
            c = "a"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "L" if ch.isupper() else "l"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


def _bucket(n: int) -> str:
    if n == 0:
        return "0"
    if n < 3:
        return "1"
    if n < 10:
        return "2"
    if n < 100:
        return "3"
    return "4"


def _key(text: str) -> tuple[str, ...]:
    """A gazetteer key: the stems of the words of ``text``, without the article."""
    return tuple(stem for word in text.split() for stem in _word_key(word))


@lru_cache(maxsize=1 << 17)
def _word_key(word: str) -> tuple[str, ...]:
    # Tokens never cross whitespace, so a name's key is its words' keys in a row; names share
    # many words (عبد، الله، نادي), and the lists hold tens of thousands of names.
    return tuple(_plain_unit(word[t.start : t.end]).stem for t in tokenize(word) if t.kind != "punct")


@dataclass(frozen=True)
class Gazetteers:
    """Word lists the features look up, all keyed on normalized stems."""

    words: dict[str, frozenset[str]]
    """stem -> flags (``given``, ``family``, ``cue=title`` …)."""
    phrases: dict[tuple[str, ...], frozenset[str]]
    """stem tuple -> classes (``LOC``, ``PER``, ``ORG``) of names of two words or more."""
    first: frozenset[str]
    clusters: dict[str, tuple[str, ...]]
    """stem -> Brown cluster ids, finest first."""


def _cells(row: tuple[str, ...]) -> list[str]:
    return [part.strip() for cell in row for part in cell.split("|") if part.strip()]


def _kb_rows() -> list[tuple[str, list[str]]]:
    """(class, Arabic names) from the knowledge-base files ``kb_*.tsv`` when they exist.

    The reader is deliberately lenient: a row counts when one cell is a known type name;
    its cells that contain Arabic letters are names.
    """
    out: list[tuple[str, list[str]]] = []
    try:
        data = files("marsad.lexicons.data")
        names = sorted(p.name for p in data.iterdir() if p.name.startswith("kb_") and p.name.endswith(".tsv"))
    except (OSError, TypeError):  # pragma: no cover - resources always readable when installed
        return out
    for name in names:
        try:
            rows = read_rows(name)
        except (OSError, UnicodeDecodeError):  # pragma: no cover
            continue
        for row in rows:
            cls = next((_KB_TYPES[c.upper()] for c in row if c.upper() in _KB_TYPES), None)
            if cls is None:
                continue
            cells = _cells(row)
            arabic = [c for c in cells if "=" not in c and any("\u0621" <= ch <= "\u064a" for ch in c)]
            out.append((cls, arabic))
            # nationality adjectives (nisba=قطري): a feature of their own, never a name
            for cell in cells:
                for attr in cell.split(";"):
                    key, _, value = attr.partition("=")
                    if key.strip() == "nisba" and value.strip():
                        out.append(("nisba", [value.strip(), value.strip() + "ة"]))
    return out


def _clusters() -> dict[str, tuple[str, ...]]:
    path = files("marsad.entities").joinpath("models", "clusters.tsv")
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, *ids = line.split("\t")
            out[word] = tuple(ids)
    return out


# Broad-coverage lists (feature-only): file, flag of a one-word name, class of a longer one.
_BROAD_LISTS = (
    ("names_given.tsv", "G:given", "PER"),
    ("names_given_foreign.tsv", "G:given", "PER"),
    ("names_family.tsv", "G:family", "PER"),
    ("names_family_more.tsv", "G:family", "PER"),
    ("names_people.tsv", "G:given", "PER"),
    ("names_people_more.tsv", "G:given", "PER"),
    ("names_places.tsv", "G:place", "LOC"),
    ("names_geo.tsv", "G:geo", "LOC"),
    ("names_orgs.tsv", "G:org", "ORG"),
    ("names_orgs_more.tsv", "G:org", "ORG"),
    ("names_groups.tsv", "G:group", "GROUP"),
    ("names_misc.tsv", "G:misc", "MISC"),
    ("names_misc_more.tsv", "G:misc", "MISC"),
)


def _common(stem: str) -> bool:
    """Seen often enough in plain news, alone or with the article, to be a common word."""
    return word_count(stem) + word_count(_ARTICLE + stem) >= _COMMON_WORD


@cache
def gazetteers() -> Gazetteers:
    """The lexicons of ``lexicons/data/``, the KB names and the word clusters (cached).

    Building them means cutting the clitics of ~100,000 names (about a second), so the result
    is also kept on disk (:func:`cache_path`) and rebuilt whenever a lexicon or the text
    layer's code changes.
    """
    path = cache_path()
    if path is not None:
        try:
            return _from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # absent, unreadable or from an older layout: build it again
    built = build_gazetteers()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(_to_json(built), ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)  # atomic: a reader never sees half a file
            for old in path.parent.glob("gazetteers-*.json"):
                if old != path:
                    old.unlink(missing_ok=True)  # built from lexicons that have changed since
        except OSError:
            pass  # a read-only home is no reason to fail
    return built


def cache_path() -> Path | None:
    """Where the built gazetteers are kept: ``$MARSAD_CACHE_DIR`` (empty: no cache), else
    ``$XDG_CACHE_HOME/marsad`` or ``~/.cache/marsad``; the file name is a digest of the inputs."""
    root = os.environ.get("MARSAD_CACHE_DIR")
    if root == "":
        return None
    if root is None:
        root = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "marsad")
    return Path(root) / f"gazetteers-{_inputs_digest()}.json"


def _inputs_digest() -> str:
    """A digest of everything the gazetteers are made from: the data files and the code that
    cuts names into stems."""
    digest = hashlib.sha1()
    for package in ("marsad.lexicons.data", "marsad.text", "marsad.entities.models"):
        for entry in sorted(files(package).iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".tsv", ".py")):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _to_json(g: Gazetteers) -> dict[str, object]:
    return {
        "words": {k: sorted(v) for k, v in g.words.items()},
        "phrases": [[list(k), sorted(v)] for k, v in g.phrases.items()],
        "clusters": {k: list(v) for k, v in g.clusters.items()},
    }


def _from_json(data: dict[str, Any]) -> Gazetteers:
    phrases = {tuple(k): frozenset(v) for k, v in data["phrases"]}
    return Gazetteers(
        words={k: frozenset(v) for k, v in data["words"].items()},
        phrases=phrases,
        first=frozenset(k[0] for k in phrases),
        clusters={k: tuple(v) for k, v in data["clusters"].items()},
    )


def build_gazetteers() -> Gazetteers:
    """The gazetteers built from the data files (what :func:`gazetteers` caches)."""
    words: dict[str, set[str]] = {}
    phrases: dict[tuple[str, ...], set[str]] = {}

    def add(text: str, flag: str, cls: str | None, key: tuple[str, ...] | None = None) -> None:
        key = _key(text) if key is None else key
        if not key:
            return
        if len(key) == 1:
            words.setdefault(key[0], set()).add(flag)
        elif len(key) <= _MAX_PHRASE and cls is not None:
            phrases.setdefault(key, set()).add(cls)

    for (name, *_rest) in read_rows("ner_given_names.tsv"):
        add(name, "given", "PER")
    for (name, *_rest) in read_rows("ner_family_names.tsv"):
        add(name, "family", "PER")
    for name, *_rest in read_rows("ner_places.tsv"):
        add(name, "place", "LOC")
    for name, *_rest in read_rows("ner_orgs.tsv"):
        add(name, "org", "ORG")
    for name, *_rest in read_rows("ner_misc.tsv"):
        add(name, "misc", "MISC")
    for word, cue, *_rest in read_rows("ner_cues.tsv"):
        add(word, "cue=" + cue, None)
    # The broad lists get flags of their own: they hold names that are also common words,
    # and the model learns how far each list can be trusted apart from the curated ones.
    curated = {k for k, v in words.items() if any(not f.startswith(_CUE) for f in v)}
    for file, flag, cls in _BROAD_LISTS:
        for name, *_rest in read_rows(file):
            key = _key(name)
            if len(key) == 1 and key[0] not in curated and (len(key[0]) < 3 or _common(key[0])):
                continue  # ان، لا، كان، امام، صن: a broad list's word that is mostly not a name
            add(name, flag, cls, key)
    for word, cue, *_rest in read_rows("names_cues.tsv"):
        add(word, "cue=" + cue.strip(), None)
    for cls, names in _kb_rows():
        for name in names:
            if cls == "nisba":
                add(name, "nisba", None)
            else:
                add(name, "kb=" + cls, cls)
    return Gazetteers(
        words={k: frozenset(v) for k, v in words.items()},
        phrases={k: frozenset(v) for k, v in phrases.items()},
        first=frozenset(k[0] for k in phrases),
        clusters=_clusters(),
    )


@lru_cache(maxsize=1 << 16)
def _own(unit: Unit) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(features of the unit itself, the subset also shown to its neighbours)."""
    g = gazetteers()
    stem = unit.stem
    flags = sorted(g.words.get(stem, ()))
    if is_function_word(unit):
        flags = []
    raw = _STRIP_MARKS.sub("", unit.surface)
    near = [
        "w=" + unit.norm,
        "s=" + stem,
        "k=" + unit.kind,
        *(f"c{i}={c}" for i, c in enumerate(g.clusters.get(stem, ()))),
        *flags,
    ]
    own = [
        *near,
        "raw=" + raw,
        "pre=" + unit.pre,
        "enc=" + unit.enc,
        "al=" + str(unit.pre.endswith(_ARTICLE)),
        "p2=" + stem[:2],
        "p3=" + stem[:3],
        "x1=" + stem[-1:],
        "x2=" + stem[-2:],
        "x3=" + stem[-3:],
        "art=" + _bucket(word_count(_ARTICLE + stem)),
        "sh=" + _shape(unit.surface),
        "len=" + str(min(len(stem), 9)),
        "f=" + _bucket(word_count(unit.norm)),
        "fs=" + _bucket(word_count(stem) + word_count(_ARTICLE + stem)),
        "p4=" + stem[:4],
        "x4=" + stem[-4:],
        # long-vowel letters inside the stem: dense in transliterated foreign names
        "vd=" + str(min(3, sum(ch in _LONG_VOWELS for ch in stem[1:]))),
        # rare in plain news, and whether a gazetteer knows it: unseen names look like this
        "rare=" + str(word_count(stem) + word_count(_ARTICLE + stem) < _RARE) + "|" + str(bool(flags)),
    ]
    return tuple(own), tuple(near)


class NameTable:
    """Names of known type keyed on stem tuples, matched longest-first in a sentence.

    Used for the names seen in training data (:meth:`from_spans`); during training each
    fold sees only the names of the other folds (jackknife), so that the model learns how
    far such a list can be trusted on text it has not seen.

    >>> table = NameTable.from_spans([(("جو", "بايدن"), "PERS")])
    >>> table.hits(units_of_words(["قال", "جو", "بايدن"]), "t")
    [[], ['t=PERS-B'], ['t=PERS-I']]
    """

    def __init__(self, entries: dict[tuple[str, ...], frozenset[str]], min_length: int = 1) -> None:
        self.entries = entries
        self.first = frozenset(k[0] for k in entries)
        self.min_length = min_length

    @classmethod
    def from_spans(cls, spans: Iterable[tuple[Sequence[str], str]]) -> NameTable:
        """A table from ``(words, type)`` pairs (words as written; stems are the keys)."""
        entries: dict[tuple[str, ...], set[str]] = {}
        for words, typ in spans:
            key = tuple(unit_of_text(w).stem for w in words)
            if key and len(key) <= _MAX_PHRASE:
                entries.setdefault(key, set()).add(typ)
        return cls({k: frozenset(v) for k, v in entries.items()})

    def rows(self) -> list[str]:
        """TSV lines ``stem stem …<TAB>TYPE|TYPE``, sorted."""
        return sorted(" ".join(k) + "\t" + "|".join(sorted(v)) for k, v in self.entries.items())

    @classmethod
    def from_rows(cls, lines: Iterable[str]) -> NameTable:
        entries: dict[tuple[str, ...], frozenset[str]] = {}
        for line in lines:
            if line and not line.startswith("#"):
                key, _, types = line.partition("\t")
                entries[tuple(key.split(" "))] = frozenset(types.split("|"))
        return cls(entries)

    def hits(self, units: Sequence[Unit], name: str) -> list[list[str]]:
        """``name=CLS-B`` / ``name=CLS-I`` for the longest entries found in the sentence."""
        hits: list[list[str]] = [[] for _ in units]
        stems = [u.stem for u in units]
        n = len(units)
        i = 0
        while i < n:
            if stems[i] not in self.first:
                i += 1
                continue
            for length in range(min(_MAX_PHRASE, n - i), self.min_length - 1, -1):
                classes = self.entries.get(tuple(stems[i : i + length]))
                if classes:
                    for cls in sorted(classes):
                        hits[i].append(f"{name}={cls}-B")
                        for j in range(i + 1, i + length):
                            hits[j].append(f"{name}={cls}-I")
                    i += length
                    break
            else:
                i += 1
        return hits


@cache
def _gazetteer_table() -> NameTable:
    g = gazetteers()
    return NameTable(g.phrases, min_length=2)


def sentence_features(units: Sequence[Unit], names: NameTable | None = None) -> list[list[str]]:
    """One feature list per unit (``name=value`` strings, for python-crfsuite).

    ``names``: names seen in training data (see :class:`NameTable`), when the model uses them.
    """
    owns = [_own(u) for u in units]
    phrases = _gazetteer_table().hits(units, "g")
    if names is not None:
        for mine, seen in zip(phrases, names.hits(units, "t"), strict=True):
            mine.extend(seen)
    n = len(units)
    out: list[list[str]] = []
    for i in range(n):
        own, _ = owns[i]
        feats = ["b", *own, *phrases[i]]
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                prefix = f"{off}:"
                feats.extend(prefix + f for f in owns[j][1])
                feats.extend(prefix + f for f in phrases[j])
            elif off in (-1, 1):
                feats.append("BOS" if off < 0 else "EOS")
        # cue words (titles, organization heads, place words …) up to three positions away
        for off in (-3, 3):
            j = i + off
            if 0 <= j < n:
                feats.extend(f"{off}:{f}" for f in owns[j][1] if f.startswith(_CUE))
        for j in range(max(0, i - 3), i):
            feats.extend("L3:" + f for f in owns[j][1] if f.startswith(_CUE))
        if i > 0:
            # the cue just before, joined with how common this word is
            freq = _bucket(word_count(units[i].stem) + word_count(_ARTICLE + units[i].stem))
            feats.extend("pc:" + f + "|" + freq for f in owns[i - 1][1] if f.startswith(_CUE))
            feats.append("ww=" + units[i - 1].stem + "|" + units[i].stem)
        if i + 1 < n:
            feats.append("wn=" + units[i].stem + "|" + units[i + 1].stem)
        out.append(feats)
    return out
