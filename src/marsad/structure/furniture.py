"""Page furniture: what a scraper picks up around an article and the article is not.

Each check is a small named function over one :class:`~marsad.structure.lines.Line`; the
phrases live in ``lexicons/data/boilerplate.tsv``, ``source_cues.tsv`` and ``sections.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from marsad.lexicons import read_rows
from marsad.structure.lines import Line
from marsad.text.normalize import normalize_str

__all__ = [
    "Furniture",
    "has_short_link",
    "is_junk",
    "is_section_label",
    "is_social_icons",
    "match_boilerplate",
    "match_cue",
    "split_tags",
    "strip_section_suffix",
    "tweet_signature",
]


@dataclass(frozen=True, slots=True)
class Furniture:
    reason: str
    effect: str  # line | next | tail | bullets


_TRAILING = regex.compile(r"[\s\p{P}]+$")


def _bare(norm: str) -> str:
    """Normalized text without trailing punctuation, lower-cased Latin."""
    return _TRAILING.sub("", norm).lower()


@cache
def _boilerplate_table() -> tuple[dict[str, Furniture], list[tuple[str, Furniture]], list[tuple[str, Furniture]]]:
    exact: dict[str, Furniture] = {}
    prefix: list[tuple[str, Furniture]] = []
    contains: list[tuple[str, Furniture]] = []
    for pattern, match, reason, effect in read_rows("boilerplate.tsv"):
        key = _bare(normalize_str(pattern))
        entry = Furniture(reason, effect)
        if match == "exact":
            exact[key] = entry
        elif match == "prefix":
            prefix.append((key, entry))
        else:
            contains.append((key, entry))
    prefix.sort(key=lambda kv: -len(kv[0]))
    return exact, prefix, contains


def match_boilerplate(line: Line) -> Furniture | None:
    """The boilerplate entry this line matches, if any.

    A prefix entry only matches a short line (a link or a label), so that a sentence that
    happens to start with "شارك" stays body.
    """
    exact, prefix, contains = _boilerplate_table()
    bare = _bare(line.norm)
    if bare in exact:
        return exact[bare]
    if line.words <= 20:
        for key, entry in prefix:
            if bare.startswith(key) and (len(bare) == len(key) or not bare[len(key)].isalnum()):
                return entry
    if line.words <= 40:
        for key, entry in contains:
            if key in bare:
                return entry
    return None


# "الجزيرة + وكالات": the outlet is the first name; "وكالات" only says agencies helped.
_AGENCIES_SUFFIX = regex.compile(r"\s*[+/،,-]\s*(وكالات|وكالات الأنباء|مواقع)\s*$")


@cache
def _cue_table() -> list[tuple[str, str]]:
    rows = [(normalize_str(p).lower(), role) for p, role in read_rows("source_cues.tsv")]
    return sorted(rows, key=lambda kv: -len(kv[0]))


def match_cue(line: Line) -> tuple[str, str, int] | None:
    """``(role, value, offset)`` when a short line is "المصدر: X", "كتب: X", "الوسوم: X"….

    The cue may be glued to a preceding word ("وكالاتالمصدر:"), as scrapers join blocks;
    ``offset`` is where the value starts within the line.
    """
    if line.words > 30:
        return None
    low = line.norm.lower()
    for cue, role in _cue_table():
        at = low.find(cue)
        if at < 0:
            continue
        # Glued only for colon cues; a bare-word cue must start the line.
        if at > 0 and not (cue.endswith(":") and at <= 12):
            continue
        if role in ("source", "byline") and line.words > 12:
            continue
        if not cue.endswith(":") and line.words > 5:
            continue  # a bare "كتب"/"بقلم" opens only a short byline line
        value_at = at + len(cue)
        value = line.text[value_at:].strip(" \t|:-–—")
        if role == "source":
            value = _AGENCIES_SUFFIX.sub("", value)
        if not value:
            continue
        return role, value, value_at
    return None


_SOCIAL = regex.compile(
    r"\b(facebook|twitter|tiktok|instagram|whatsapp|telegram|youtube|linkedin|snapchat|"
    r"فيسبوك|فيس بوك|تويتر|انستغرام|انستجرام|واتساب|تلغرام|تليجرام|يوتيوب|تيك توك|لينكد ان)\b",
    regex.IGNORECASE,
)


def is_social_icons(line: Line) -> bool:
    """A row of share/follow buttons: mostly names of social networks."""
    hits = _SOCIAL.findall(line.norm)
    return len(hits) >= 2 and len(hits) * 4 >= line.words


@cache
def _sections() -> frozenset[str]:
    return frozenset(_bare(normalize_str(r[0])) for r in read_rows("sections.tsv"))


def is_section_label(line: Line) -> bool:
    """Breadcrumbs or a section name: "عرب وعالم", "الدول العربية, الجزائر"."""
    if line.words > 8:
        return False
    parts = [p for p in regex.split(r"\s*[,،>|»/]\s*", _bare(line.norm)) if p]
    if line.words <= 3 and all(w in _sections() for w in _bare(line.norm).split()):
        return True  # "أخبار العالم": section words only
    return (bool(parts) and all(p in _sections() for p in parts)) or (
        line.words <= 6 and len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts)
        and any(p in _sections() for p in parts)
    )


def strip_section_suffix(text: str) -> int | None:
    """Where a headline ends when a flattened header glued "<section>_ <desk>" after it
    ("… في ليبيا أخبار وتقارير_ قسم الأخبار"); None when there is no "_" desk marker."""
    cut = text.rfind("_")
    if cut < 0:
        return None
    words = list(regex.finditer(r"\S+", text[:cut]))
    for n in (3, 2, 1):
        if len(words) > n and _bare(normalize_str(" ".join(w.group() for w in words[-n:]))) in _sections():
            return words[-n - 1].end()
    return words[-1].end() if words else None


def is_junk(line: Line) -> bool:
    """Stray characters a scraper left: one or two letters, or no letters or digits."""
    return line.letters <= 2 and not any(ch.isdigit() for ch in line.text)


# "— Name (@handle) December 26, 2023": the signature line of an embedded tweet.
_TWEET_SIG = regex.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s*.{0,40}$")
_SHORT_LINK = regex.compile(r"(https?://)?(t\.co|pic\.twitter\.com|bit\.ly|youtu\.be)/\S+", regex.I)


def tweet_signature(line: Line) -> bool:
    return bool(_TWEET_SIG.match(line.text))


def has_short_link(line: Line) -> bool:
    return bool(_SHORT_LINK.search(line.text))


def split_tags(value: str) -> list[str]:
    """Tags from a tag line: split on list separators; one tag when there are none."""
    parts = [p.strip() for p in regex.split(r"\s*[,،|؛;/#]\s*", value)]
    return [p for p in parts if p]
