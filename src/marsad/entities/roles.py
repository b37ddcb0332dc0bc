"""Roles: titles and positions stated for a person.

A role is found in three places:

* before the name: a title and its complements (``وزير الخارجية الأمريكي أنتوني بلينكن``,
  ``المتحدثة باسم مجلس الأمن القومي الأمريكي، أدريان واتسون``), honorifics such as الشيخ
  between them being skipped (they introduce a name but are no role);
* after the name, as apposition (``أدريان واتسون، المتحدثة باسم …``, ``…، الذي يشغل أيضاً
  منصب وزير الخارجية``, ``تميم بن حمد آل ثاني أمير البلاد المفدى``);
* alone, once its holder has been named (``أمير قطر``): the role's key (its words without
  the article, with places and nationality adjectives replaced by their KB id, so that
  ``رئيس وزراء قطر`` and ``رئيس الوزراء القطري`` agree) finds the person with the same role.

>>> from marsad.text import tokenize
>>> from marsad.entities.rules import words_of
>>> text = "قال وزير الخارجية الأمريكي أنتوني بلينكن"
>>> words = words_of(text, tokenize(text))
>>> hit = title_before(words, 1, spans={})
>>> text[words[hit.tok].start:words[hit.role_end - 1].end], hit.name_tok
('وزير الخارجية الأمريكي', 4)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marsad.entities.rules import Word, phrase_end, title_at

__all__ = ["TitleHit", "apposition", "role_key", "title_before"]

_COMMA = frozenset({",", "،"})
_QUOTES = frozenset({'"', "«", "“", "'"})
_CLOSE = frozenset({'"', "»", "”", "'", ")"})
_RELATIVE = frozenset({"الذي", "التي"})
_HOLDS = frozenset({"يشغل", "تشغل", "يتولي", "تتولي"})
_ALSO = frozenset({"ايضا"})
_POSITION = frozenset({"منصب"})


@dataclass(frozen=True, slots=True)
class TitleHit:
    """A title at word ``tok``: its role phrase ends before ``role_end``; the name (if
    any follows) starts at word ``name_tok``. ``kind`` is title, honorific or counterpart."""

    tok: int
    title_end: int
    role_end: int
    name_tok: int | None
    kind: str


def _skip_honorifics(words: Sequence[Word], j: int) -> int:
    while j < len(words):
        hit = title_at(words, j)
        if hit is not None and hit[1] == "honorific" and not words[j].conj:
            j = hit[0]
            continue
        break
    return j


# Ministers of two portfolios: "وزير المياه والري", "وزير التربية والتعليم".
_MINISTER = frozenset({"وزير", "وزيره"})


def _joint_portfolio(words: Sequence[Word], i: int, title_end: int, role_end: int) -> int:
    """Extend a minister's role over one coordinated portfolio, when a name follows it (so
    that "وزير الخارجية والرئيس …" or "وزير الخارجية والوفد المرافق" stay apart)."""
    if words[i].core not in _MINISTER or role_end <= title_end or role_end + 1 >= len(words):
        return role_end
    w, nxt = words[role_end], words[role_end + 1]
    # (short portfolios such as والري are not cut by the clitic splitter: read "وال" directly)
    coordinated = (w.conj and w.definite) or (w.norm.startswith("وال") and len(w.norm) >= 5)
    if (coordinated and not w.prep and not w.brk and title_at(words, role_end) is None
            and nxt.kind == "word" and not nxt.definite and not nxt.conj and not nxt.brk
            and title_at(words, role_end + 1) is None):
        return role_end + 1
    return role_end


def title_before(
    words: Sequence[Word], i: int, spans: Mapping[int, int], blocked: Sequence[bool] | None = None
) -> TitleHit | None:
    """The title at word ``i`` and where a name after it would start.

    ``spans`` maps the first word of a known place or organization name to its end, so
    that ``أمير قطر`` and ``مدير الموساد`` take the name as a complement.
    """
    hit = title_at(words, i)
    if hit is None:
        return None
    title_end, kind, _english = hit
    if kind == "honorific":
        j = _skip_honorifics(words, i)
        return TitleHit(i, j, j, j if j < len(words) else None, kind)
    head_definite = words[title_end - 1].definite
    role_end = phrase_end(words, title_end, titles_ok=True, spans=dict(spans), blocked=blocked,
                          head_definite=head_definite, construct=not head_definite)
    role_end = _joint_portfolio(words, i, title_end, role_end)
    j = _skip_honorifics(words, role_end)
    if j < len(words) and words[j].norm in _COMMA and j > title_end:
        j = _skip_honorifics(words, j + 1)
    if j < len(words) and words[j].norm in _QUOTES:
        j += 1  # الصحفي الأمريكي «إيفان غيرشكوفيتش»
    name_tok = j if j < len(words) and words[j].kind == "word" and not words[j].conj else None
    return TitleHit(i, title_end, role_end, name_tok, kind)


def apposition(
    words: Sequence[Word], after: int, spans: Mapping[int, int]
) -> tuple[int, int] | None:
    """A role stated right after a name that ends before word ``after``: (first, end)."""
    j = after
    if j + 2 < len(words) and words[j].norm in _QUOTES | {"("} and words[j + 2].norm in _CLOSE:
        j += 3  # an alias in quotes: محمد حمدان دقلو "حميدتي"، قائد …
    elif j < len(words) and words[j].norm in _CLOSE:
        j += 1  # the name's closing quote
    if j < len(words) and words[j].norm in _COMMA:
        j += 1
        if j < len(words) and words[j].norm in _RELATIVE:
            j += 1
            if j < len(words) and words[j].norm in _HOLDS:
                j += 1
                if j < len(words) and words[j].norm in _ALSO:
                    j += 1
                if j < len(words) and words[j].norm in _POSITION:
                    j += 1
    if j < len(words) and words[j].norm == "(":
        j += 1  # عبد العالي حساني شريف (رئيس حركة مجتمع السلم)
    if j >= len(words) or words[j].conj or words[j].brk:
        return None
    hit = title_at(words, j)
    if hit is None or hit[1] == "honorific":
        return None
    definite = words[hit[0] - 1].definite
    end = phrase_end(words, hit[0], titles_ok=True, spans=dict(spans), head_definite=definite,
                     construct=not definite)
    return j, end


def role_key(
    words: Sequence[Word], a: int, b: int, ids: Mapping[int, tuple[int, str]]
) -> tuple[str, ...]:
    """The comparable key of the role phrase in words ``[a, b)``.

    ``ids`` maps the first word of a known name or nationality adjective to (end, KB id).
    """
    key: list[str] = []
    j = a
    while j < b:
        if j in ids:
            end, kb_id = ids[j]
            key.append(kb_id)
            j = max(end, j + 1)
            continue
        core = words[j].core
        if core.endswith("ه") and len(core) > 3:
            core = core[:-1]  # المتحدثة / المتحدث
        key.append(core)
        j += 1
    return tuple(key)
