"""Coreference cases and English names."""

from __future__ import annotations

import pytest

from marsad.entities.coref import Mention, group
from marsad.entities.kb import load_kb
from marsad.entities.link import org_english, transliterate


def m(etype: str, words: str, kb: str | None = None, start: int = 0) -> Mention:
    ws = tuple(words.split())
    return Mention(start, start + len(words), etype, ws, kb)


def groups(ms: list[Mention]) -> list[list[int]]:
    return [sorted(g) for g in group(ms)]


@pytest.mark.parametrize(("mentions", "expected"), [
    # a family name joins the full name
    ([m("PER", "جو بايدن"), m("PER", "بايدن", start=20)], [[0, 1]]),
    # an ambiguous short form (two people named سليمان) joins neither
    ([m("PER", "قاسم سليمان"), m("PER", "سعد سليمان", start=20), m("PER", "سليمان", start=40)],
     [[0], [1], [2]]),
    # the same KB entry is one entity, however written
    ([m("LOC", "قطاع غزه", "loc:gaza-strip"), m("LOC", "غزه", "loc:gaza-strip", 30)], [[0, 1]]),
    # two KB entries never merge, even when one name contains the other
    ([m("ORG", "مجلس الامن", "org:un-security-council"),
      m("ORG", "مجلس الامن القومي الامريكي", "org:us-nsc", 30)], [[0], [1]]),
    # an organization's short form: its start, or words inside it
    ([m("ORG", "قوه الردع الخاصه"), m("ORG", "قوه الردع", start=30)], [[0, 1]]),
    ([m("ORG", "جمعيه الهلال الاحمر الليبيه"), m("ORG", "الهلال الاحمر", start=40)], [[0, 1]]),
    ([m("ORG", "السلطه المستقله للانتخابات"), m("ORG", "سلطه الانتخابات", start=40)], [[0, 1]]),
    # types must agree
    ([m("LOC", "قطر"), m("PER", "قطر", start=10)], [[0], [1]]),
    # a first name alone, for the one person of that first name
    ([m("PER", "مشعل الاحمد الجابر الصباح"), m("PER", "مشعل", start=40)], [[0, 1]]),
])
def test_grouping(mentions: list[Mention], expected: list[list[int]]) -> None:
    assert groups(mentions) == expected


def test_alias_in_parentheses_joins() -> None:
    full = m("ORG", "جهاز المخابرات الاسرايلي")
    alias = m("ORG", "الموساد", start=30)
    alias.alias_of = full
    assert groups([full, alias]) == [[0, 1]]


@pytest.mark.parametrize(("arabic", "english"), [
    ("محمود حمزة", "Mahmoud Hamza"),
    ("عبد الله بن زايد", "Abdullah bin Zayed"),
    ("سحار", "Sahar"),
    ("الكسرة", "al-Kasra"),
    ("", ""),
])
def test_transliteration(arabic: str, english: str) -> None:
    assert transliterate(arabic) == english


@pytest.mark.parametrize(("head", "words", "english"), [
    ("Ministry", ["الداخليه", "العراقيه"], "Ministry of Interior (Iraq)"),
    ("Center", ["طب", "الطواري", "والدعم", "الليبي"], "Center of Medicine Emergency and Support (Libya)"),
    ("Brigade", ["444"], "Brigade of 444"),
])
def test_organization_english(head: str, words: list[str], english: str) -> None:
    nisba = {"العراقيه": "loc:iraq", "الليبي": "loc:libya"}
    assert org_english(head, words, load_kb(), nisba) == english
