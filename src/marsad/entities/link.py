"""Linking entities to the KB, and English names for those the KB does not know.

``name_en`` comes from the KB entry when an entity is linked. Otherwise:

* organizations and places opened by a head noun are translated word by word with
  ``entity_org_words.tsv`` ("وزارة الداخلية العراقية" → "Ministry of Interior (Iraq)",
  a nationality adjective giving the country in parentheses);
* names are transliterated: words in ``entity_translit.tsv`` take their usual English
  spelling (محمد → Mohammed), the article becomes ``al-``, other words are romanized
  letter by letter with a short vowel after a first consonant (حمزة → Hamza). This is a
  readable approximation, not a standard romanization (not ALA-LC or DIN 31635).

>>> transliterate("محمود حمزة")
'Mahmoud Hamza'
>>> transliterate("العصايد")
'al-Asayd'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from marsad.entities.kb import KB
from marsad.lexicons import read_rows
from marsad.text.normalize import normalize_str

__all__ = ["org_english", "transliterate"]

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "گ": "g", "پ": "p", "چ": "ch",
    "ڤ": "v",
}
_VOWELS = {"ا": "a", "و": "ou", "ي": "i"}


@cache
def _table(name: str) -> dict[str, str]:
    return {normalize_str(r[0]): r[1] for r in read_rows(name) if len(r) >= 2}


def _romanize(word: str) -> str:
    """Letter-by-letter romanization of one normalized word."""
    if not word:
        return ""
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        if ch == "ه" and i == n - 1 and n > 2:
            out.append("a")  # the feminine ending (ة was normalized to ه)
            continue
        if ch in _VOWELS and i > 0:
            prev_vowel = word[i - 1] in _VOWELS
            nxt = word[i + 1] if i + 1 < n else ""
            if not prev_vowel and (nxt == "" or nxt not in _VOWELS):
                out.append(_VOWELS[ch] if ch != "ي" or nxt else "i")
                continue
        out.append(_LETTERS.get(ch, ch if ch.isascii() else ""))
        if i == 0 and n > 2 and word[1] not in _VOWELS and ch not in _VOWELS and ch in _LETTERS:
            out.append("a")
    text = "".join(out)
    return text[:1].upper() + text[1:]


def _word_en(words: Sequence[str], i: int) -> tuple[str, int]:
    table = _table("entity_translit.tsv")
    if i + 1 < len(words):
        pair = f"{words[i]} {words[i + 1]}"
        if pair in table:
            return table[pair], 2
    w = words[i]
    if w in table:
        return table[w], 1
    if w.startswith("ال") and len(w) > 3:
        return "al-" + _romanize(w[2:]), 1
    return _romanize(w), 1


def transliterate(name: str) -> str:
    """An English rendering of an Arabic name (see the module docstring)."""
    words = [w for w in normalize_str(name).split() if w]
    out: list[str] = []
    i = 0
    while i < len(words):
        text, used = _word_en(words, i)
        if text:
            out.append(text)
        i += used
    return " ".join(out)


def org_english(head_en: str, words: Sequence[str], kb: KB, nisba_of: dict[str, str]) -> str:
    """``Head of Complements (Country)`` for an organization named by a head noun.

    ``words`` are the normalized words after the head; ``nisba_of`` maps normalized
    nationality adjectives to KB ids (their English name goes in parentheses).
    """
    table = _table("entity_org_words.tsv")
    parts: list[str] = []
    country = ""
    for w in words:
        if w in nisba_of and not country:
            entry = kb.find(nisba_of[w])
            country = entry.name_en if entry else ""
            continue
        if w in table:
            parts.append(table[w])
        elif w[:1] in "وف" and w[1:] in table:
            parts.append("and " + table[w[1:]])
        elif w.isdigit():
            parts.append(w)
        elif w.startswith("ال") and w[2:] and ("ال" + w[2:]) in table:
            parts.append(table["ال" + w[2:]])
        else:
            parts.append(transliterate(w))
    name = head_en[:1].upper() + head_en[1:]
    if parts:
        name = f"{name} of {' '.join(p for p in parts if p)}"
    if country:
        name = f"{name} ({country})"
    return name
