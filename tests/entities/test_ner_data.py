"""The NER word lists (``lexicons/data/ner_*.tsv``): well-formed, and no common word as a name."""

from __future__ import annotations

import pytest

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
