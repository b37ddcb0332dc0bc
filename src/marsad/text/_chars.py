"""Character classes shared by the tokenizer and the sentence splitter (``re`` syntax).

Each constant is the inside of a ``[...]`` class, so classes can be combined by
concatenation. They follow :mod:`marsad.text.normalize`: what it deletes inside a word
(diacritics, tatweel, invisible controls) is part of the word here.
"""

from __future__ import annotations

__all__ = [
    "ACRONYM", "ACRONYM_AR", "ACRONYM_LATIN", "AR_LETTER", "AR_MARK", "IGNORABLE", "LATIN",
    "LATIN_MARK", "TATWEEL",
]

AR_LETTER = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c8"
    # presentation forms (letters and ligatures; not the ornate parentheses or signs)
    "\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb\ufe80-\ufefc"
)
# The diacritics normalize deletes, plus the extended marks and the isolated/medial harakat
# forms (U+FE70…), which sit on a letter the same way.
AR_MARK = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08c9-\u08e1\u08e3-\u08ff"
    "\ufe70-\ufe74\ufe76-\ufe7f"
)
TATWEEL = "\u0640"
# Zero-width and bidi controls and the soft hyphen: inside a word they are part of it,
# elsewhere they are skipped like spaces.
IGNORABLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad"
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
LATIN_MARK = "\u0300-\u036f"

_AR_PART = f"[{AR_LETTER}][{AR_MARK}]*"
_LAT_PART = f"[{LATIN}][{LATIN_MARK}]*"
# Dotted acronyms: سي.آي.إيه، أ.ف.ب، U.S, e.g. Parts of one to three letters; two parts
# only when both are short (يو.إس), so that a missing space after a full stop between two
# short words ("من.في") is the only kind of mistake and a rare one.
ACRONYM_AR = (
    f"(?<![{AR_LETTER}{AR_MARK}{TATWEEL}])"
    f"(?:(?:{_AR_PART}){{1,3}}(?:\\.(?:{_AR_PART}){{1,3}}){{2,}}"
    f"|(?:{_AR_PART}){{1,2}}\\.(?:{_AR_PART}){{1,2}}"
    f")(?![{AR_LETTER}{AR_MARK}{TATWEEL}{IGNORABLE}])"
)
ACRONYM_LATIN = (
    f"(?<![{LATIN}{LATIN_MARK}])"
    f"(?:{_LAT_PART}){{1,3}}(?:\\.(?:{_LAT_PART}){{1,3}})+(?![{LATIN}{LATIN_MARK}0-9'\u2019])"
)
ACRONYM = f"{ACRONYM_AR}|{ACRONYM_LATIN}"
