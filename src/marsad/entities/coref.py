"""Coreference within one article: mentions of the same referent become one entity.

Mentions are joined when they link to the same KB entry, when one is written in
parentheses after the other (an acronym or alias), when their normalized forms are equal,
when a person's mention is the end of a longer name of a person (بايدن → جو بايدن,
حساني شريف → عبد العالي حساني شريف), and when an organization's mention is the start of
a longer one, or inside it (قوة الردع → قوة الردع الخاصة; الهلال الأحمر → جمعية الهلال
الأحمر الليبية). Two groups linked to different KB entries are
never joined.

>>> ms = [Mention(0, 8, "PER", ("جو", "بايدن")), Mention(20, 25, "PER", ("بايدن",))]
>>> [sorted(g) for g in group(ms)]
[[0, 1]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Mention", "group"]


@dataclass(slots=True)
class Mention:
    """A mention: ``[start, end)`` in the text, its type, its normalized words.

    ``kb`` is the linked KB id, ``source`` the finder (``kb``, ``rule``, ``ner``,
    ``title``, ``paren``, ``role``), ``head_en`` the English head noun of a rule-found
    name, ``tok`` its token range.
    """

    start: int
    end: int
    type: str
    words: tuple[str, ...]
    kb: str | None = None
    source: str = "kb"
    head_en: str = ""
    tok: tuple[int, int] = (0, 0)
    alias_of: Mention | None = None
    roles: list[tuple[int, int]] = field(default_factory=list)
    name_en: str = ""


def _bare(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w[2:] if w.startswith(("ال", "لل")) and len(w) > 4 else w for w in words)


class _Groups:
    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.parent = list(range(len(mentions)))
        self.kb: list[str | None] = [m.kb for m in mentions]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ka, kb = self.kb[ra], self.kb[rb]
        if ka and kb and ka != kb:
            return False
        self.parent[rb] = ra
        self.kb[ra] = ka or kb
        return True


def _is_suffix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) < len(long) and long[-len(short):] == short


def _is_sub(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of ``short`` in ``long``, in order (ل of a genitive ignored)."""
    it = iter(w[1:] if w.startswith("لل") else w for w in long)
    return all(any(x == w or x == "ال" + w or w == "ال" + x for x in it) for w in short)


def group(mentions: Sequence[Mention]) -> list[set[int]]:
    """Indices of ``mentions`` grouped by referent, in order of first mention."""
    g = _Groups(mentions)
    by_kb: dict[str, int] = {}
    by_key: dict[tuple[str, tuple[str, ...]], int] = {}
    index = {id(m): i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        if m.kb:
            if m.kb in by_kb:
                g.union(by_kb[m.kb], i)
            else:
                by_kb[m.kb] = i
        if m.alias_of is not None and id(m.alias_of) in index:
            g.union(index[id(m.alias_of)], i)
    for i, m in enumerate(mentions):
        key = (m.type, _bare(m.words))
        if key in by_key:
            g.union(by_key[key], i)
        else:
            by_key[key] = i
    # short forms: longest names first, so a short form joins the fullest name
    order = sorted(range(len(mentions)), key=lambda k: -len(mentions[k].words))
    for i in order:
        m = mentions[i]
        if m.kb and m.type != "PER":
            continue
        short = _bare(m.words)
        targets: set[int] = set()
        for j in order:
            o = mentions[j]
            if o.type != m.type or len(o.words) <= len(m.words):
                continue
            long = _bare(o.words)
            per_short = m.type == "PER" and (
                _is_suffix(short, long) or (len(short) > 1 and _is_sub(short, long))
            )
            org_prefix = m.type == "ORG" and len(short) >= 2 and _is_sub(short, long)
            if per_short or org_prefix:
                targets.add(g.find(j))
            elif m.type == "ORG" and len(short) == 1 and len(long) == 2 and long[1] == short[0]:
                targets.add(g.find(j))  # حماس ← حركة حماس
            elif m.type == "ORG" and len(short) >= 2 and short[0] == long[0] and _in_order(short, long):
                targets.add(g.find(j))  # سلطة الانتخابات ← السلطة المستقلة للانتخابات
        if not targets and m.type == "PER" and len(short) == 1:
            # a first name alone (الشيخ مشعل) for the one person of that first name
            firsts = {g.find(j) for j in order
                      if mentions[j].type == "PER" and len(mentions[j].words) > 2
                      and _bare(mentions[j].words)[0] == short[0]}
            targets = firsts
        if len(targets) == 1:
            g.union(targets.pop(), i)
    groups: dict[int, set[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(g.find(i), set()).add(i)
    return sorted(groups.values(), key=lambda s: min(mentions[k].start for k in s))


def merge_kb(groups: Iterable[set[int]], mentions: Sequence[Mention]) -> list[str | None]:
    """The KB id of each group (the first linked mention's)."""
    out: list[str | None] = []
    for members in groups:
        out.append(next((mentions[k].kb for k in sorted(members) if mentions[k].kb), None))
    return out
