"""The NER word lists (``lexicons/data/ner_*.tsv`` and ``names_*.tsv``): well-formed, and no common
word as a name."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from marsad.entities import features
from marsad.entities.features import _BROAD_LISTS, gazetteers, unit_of_text
from marsad.entities.train import read_conll
from marsad.lexicons import read_rows
from marsad.text import normalize_str
from marsad.text.clitics import word_count

LISTS = ["ner_given_names.tsv", "ner_family_names.tsv", "ner_places.tsv", "ner_orgs.tsv", "ner_misc.tsv"]
# Names that are also frequent words, kept on purpose (the model weighs the flag with context).
ALLOWED = {"علي", "محمد", "أحمد", "السعودية", "مصر", "قطر", "السودان", "ليبيا", "إيران", "داعش", "الله", "دولار"}


@pytest.mark.parametrize("name", LISTS)
def test_one_name_a_row_without_duplicates(name: str) -> None:
    rows = read_rows(name)
    assert rows
    entries = [row[0] for row in rows]
    assert all(len(row) == 1 and row[0] for row in rows)
    assert len(entries) == len(set(entries))
    assert all("_" not in e for e in entries)


@pytest.mark.parametrize("name", LISTS)
def test_no_frequent_word_is_a_name(name: str) -> None:
    frequent = [
        e for (e, *_rest) in read_rows(name)
        if " " not in e and e not in ALLOWED and word_count(normalize_str(e)) > 150
    ]
    assert frequent == []


def test_cues_have_known_kinds() -> None:
    kinds = {row[1] for row in read_rows("ner_cues.tsv")}
    assert kinds <= {"title", "org", "loc", "verb", "particle", "nat"}


# The broad, feature-only lists (``names_*.tsv``): written for coverage, so they may hold
# names that are also words; the feature code leaves their most common words out.
BROAD = [file for file, _flag, _cls in _BROAD_LISTS]
# Arabic letters (and the Persian ones some foreign names keep), digits, "-" and "+" (كوفيد-19،
# أوبك+), words separated by one space.
_WORD = "[\u0621-\u063a\u0641-\u064a\u0660-\u0669\u067e\u0686\u0698\u06a4\u06af\u06cc0-9+-]+"
_ARABIC_NAME = re.compile(f"^{_WORD}( {_WORD})*$")


@pytest.mark.parametrize("name", BROAD)
def test_broad_lists_hold_arabic_names_once(name: str) -> None:
    text = files("marsad.lexicons.data").joinpath(name).read_text(encoding="utf-8")
    assert text.startswith("# "), "every list says where it comes from in its header"
    entries = [row[0] for row in read_rows(name)]
    assert len(entries) > 500
    assert len(entries) == len(set(entries))
    bad = [e for e in entries if not _ARABIC_NAME.match(e)]
    assert bad == []


def test_cue_list_has_known_kinds() -> None:
    kinds = {row[1] for row in read_rows("names_cues.tsv")}
    assert kinds <= {"title", "org", "loc", "verb", "particle"}


@pytest.mark.parametrize("word", ["ان", "كان", "امام", "التي", "لا"])
def test_broad_lists_do_not_flag_common_words(word: str) -> None:
    flags = gazetteers().words.get(word, frozenset())
    assert not any(f.startswith("G:") for f in flags)


@pytest.mark.parametrize(("word", "flag"), [("غوتيريش", "G:family"), ("فولوديمير", "G:given"), ("الناظور", "G:place")])
def test_broad_lists_flag_names(word: str, flag: str) -> None:
    assert flag in gazetteers().words.get(unit_of_text(word).stem, frozenset())


def test_gazetteers_are_kept_on_disk_and_rebuilt_when_the_cache_is_bad(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    features.gazetteers.cache_clear()
    try:
        built = features.gazetteers()
        path = features.cache_path()
        assert path is not None and path.is_file() and path.parent == tmp_path
        features.gazetteers.cache_clear()
        assert features.gazetteers() == built  # read back from the file
        path.write_text("{not json", encoding="utf-8")
        features.gazetteers.cache_clear()
        assert features.gazetteers() == built  # a broken file is rebuilt, not an error
        monkeypatch.setenv("MARSAD_CACHE_DIR", "")
        assert features.cache_path() is None
    finally:
        features.gazetteers.cache_clear()


OWN_SENTENCES = sorted((Path(__file__).resolve().parents[2] / "training" / "ner").glob("**/*.conll"))
TAGS = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PERS", "LOC", "ORG", "MISC")}


@pytest.mark.parametrize("path", OWN_SENTENCES, ids=lambda p: p.name)
def test_our_training_sentences_are_well_formed(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert all(len(line.split(" ")) == 2 for line in lines if line), "one TOKEN TAG pair a line"
    sentences = read_conll(path)
    assert len(sentences) > 100
    for s in sentences:
        assert set(s.tags) <= TAGS
        assert s.words[-1] == ".", " ".join(s.words)
        for prev, tag in zip(("O", *s.tags[:-1]), s.tags, strict=True):
            # an I- continues a name of its own type: never after O or another type
            assert not tag.startswith("I-") or prev[2:] == tag[2:], " ".join(s.words)
        assert "و" not in s.words, "the conjunction is written onto the next word"
