"""PLOVER event coding: triggers in a sentence, their participants, status, date and place.

A trigger phrase (``event_triggers.tsv``) gives the event type and mode; the entities around
it give the participants:

* ``recv`` triggers ("تلقى X اتصالاً هاتفياً من Y"): Y is the actor, X the target;
* "… بين X و Y": X and Y are both actors;
* verbs read verb-subject-object (an entity right after the verb is the actor, the next one
  the target) or, when no entity follows, subject-verb;
* nouns take the nearest entity before them as actor ("شنت حماس هجوماً") or the one right
  after them ("هجوم حماس"), and the entity after على/ضد/مع as target.

The place is the LOC entity after في. Status cues (``event_status.tsv``) mark negated,
hypothetical and planned events; only "reported" ones claim that something happened.

>>> text = "شنت حماس هجوما على إسرائيل في غزة."
>>> ents = [("e1", "ORG", 4, 8), ("e2", "LOC", 19, 26), ("e3", "LOC", 30, 33)]
>>> ev = code_events(text, mentions=[EntityRef(s, e, i, t) for i, t, s, e in ents])[0]
>>> ev.type, ev.actors, ev.targets, ev.location, ev.status
('ASSAULT', ('e1',), ('e2',), 'e3', 'reported')
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.events.lexicon import GAP, EventLexicon, Trigger, lexicon, word_keys
from marsad.text import Token, normalize_str, split_sentences, tokenize

__all__ = ["EntityRef", "Event", "code_events"]

_CALL_WORDS = frozenset({"اتصال", "اتصالا", "مكالمه", "اتصالات"})
_CLAUSE_END = frozenset({".", ";", "!", "?", ":"})
# events whose parties news often leaves unnamed ("فرقت قوات الأمن المتظاهرين")
_KANA = frozenset({"كان", "كانت"})
# verbs whose object may be another event ("أدانت القصف", "رفض الاتفاق", "رحب بالهدنة")
_REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "THREATEN"})
# words after which a verb-or-noun trigger ("قصف") is the noun
_BEFORE_NOUN = frozenset({"في", "من", "بعد", "قبل", "خلال", "اثر", "جراء", "عن", "الي", "علي", "منذ", "بسبب"})
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذان", "اللتان"})
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان", "هؤلاء"})
_UNNAMED_OK = frozenset({"ASSAULT", "PROTEST", "COERCE"})
_REQUEST_VERBS = frozenset({"دعا", "دعت", "طالب", "طالبت", "يطالب", "تطالب", "يدعو", "تدعو"})


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity mention: ``[start, end)`` in the text, the entity id and its type."""

    start: int
    end: int
    entity: str
    type: str
    roles: tuple[tuple[int, int], ...] = ()  # the person's stated titles (start, end)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event; ranges are ``(start, end)`` into the article text."""

    type: str
    mode: str | None
    status: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    date: str | None
    location: str | None
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    quantities: tuple[int, ...] = field(default=())
    rule: str = ""


@dataclass(slots=True)
class _Draft:
    kind: tuple[str, str | None]
    status: str
    actors: list[str]
    targets: list[str]
    parts: set[str]
    location: str | None
    sentence: int
    sentence_end: int
    trigger: tuple[int, int]
    date: str | None
    quantities: tuple[int, ...]
    rule: str
    stated: str | None = None  # the date the sentence itself states


def _bare_start(t: Token) -> int:
    """Where a trigger starts without a leading و/ف: "وأوقفت" -> "أوقفت"."""
    segs = t.segments
    if len(segs) > 1 and segs[0].kind == "proclitic" and segs[0].norm in ("و", "ف"):
        return segs[1].start
    return t.start


def _nisba_key(norm: str) -> str:
    """An adjective of nationality reduced to its stem: "الإسرائيلية" -> "اسراييلي"."""
    w = norm[1:] if norm[:1] in "وف" and len(norm) > 4 else norm
    w = w[2:] if w.startswith("ال") else w
    for end in ("يين", "يون", "يه", "يا"):
        if w.endswith(end) and len(w) - len(end) >= 2:
            return w[: -len(end)] + "ي"
    return w if w.endswith("ي") else ""


def _nisba_index(text: str, refs: Sequence[EntityRef], lex: EventLexicon) -> dict[str, str]:
    """Adjectives of nationality of the article's places -> the place's entity id.

    Regular forms come from the name (مصر → المصري، سوريا → السوري، السعودية → السعودي);
    irregular ones, and organizations an adjective stands for (القمة العربية → جامعة الدول
    العربية), from ``event_nisba.tsv``.
    """
    out: dict[str, str] = {}
    names: dict[tuple[int, int], str] = {}
    for m in refs:
        if (m.start, m.end) not in names:
            names[(m.start, m.end)] = normalize_str(text[m.start : m.end])
        name = names[(m.start, m.end)]
        if m.type != "LOC":
            for adj in lex.nisba.get(name, ()):
                out.setdefault(adj, m.entity)
            continue
        if " " in name:
            for adj in lex.nisba.get(name, ()):
                out.setdefault(adj, m.entity)
            continue
        base = name[2:] if name.startswith("ال") else name
        base = base[:-2] if base.endswith("يه") else base[:-1] if base.endswith(("ا", "ه")) else base
        if len(base) >= 2:
            out.setdefault(base + "ي", m.entity)
        for adj in lex.nisba.get(name, ()):
            out.setdefault(adj, m.entity)
    return out


def _restated(c: _Draft, parts: set[str], stated: str | None) -> bool:
    """Is an event with these parties the earlier event ``c`` of the same kind told again?

    One party set inside the other ("توسطت قطر بين X و Y", later "بوساطة قطرية"), unless
    both sentences state dates in different years (a visit now and one last year).
    """
    if stated and c.stated:
        full = len(stated) == len(c.stated) == 10
        if (stated != c.stated) if full else (stated[:4] != c.stated[:4]):
            return False  # told for another day: another event
    return bool(parts) and bool(c.parts) and (parts <= c.parts or c.parts <= parts)


def _matches(word: str, token: Token) -> bool:
    keys = word_keys(token.norm)
    if word in keys or (word.startswith("ال") and word[2:] in keys):
        return True
    return word[:2] in token.norm and token.stem_norm == word


@dataclass(slots=True)
class _Placed:
    first: int  # token index of the mention's first token
    last: int  # token index after its last token
    ref: EntityRef


class _Sentence:
    def __init__(self, toks: Sequence[Token], mentions: Sequence[EntityRef],
                 nisba: dict[str, str] | None = None) -> None:
        self.toks = toks
        self.nisba = nisba or {}
        self.roles: dict[tuple[int, int], str | None] = {}
        starts = [t.start for t in toks]
        self.placed: list[_Placed] = []
        for m in mentions:
            a = bisect.bisect_right(starts, m.start) - 1
            a = max(a, 0)
            if a < len(toks) and toks[a].end <= m.start:
                a += 1
            b = bisect.bisect_left(starts, m.end)
            if a < b:
                self.placed.append(_Placed(a, b, m))
        self.placed.sort(key=lambda p: (p.first, p.last))
        # a dateline ("تونس- أ ف ب"، "السعودية – وصل …") names where the story was filed
        self.placed = [p for p in self.placed if not (
            p.first <= 1 and p.last < len(toks) and toks[p.last].norm[:1] in ("-", "–", "—"))]

    def nisba_in(self, lo: int, hi: int) -> _Placed | None:
        """The first adjective of nationality in tokens [lo, hi), as a mention of its country."""
        for k in range(lo, hi):
            t = self.toks[k]
            if t.kind == "punct":
                return None
            entity = self.nisba.get(_nisba_key(t.norm)) if t.kind == "word" else None
            if entity is not None and not any(p.first <= k < p.last for p in self.placed):
                # (an adjective inside a name, "الاتحاد الأوروبي", is that name, not a nisba)
                return _Placed(k, k + 1, EntityRef(t.start, t.end, entity, "LOC"))
        return None

    def after(self, i: int, within: int) -> _Placed | None:
        for p in self.placed:
            if i <= p.first < i + within:
                return p
        return None

    def before(self, i: int, within: int) -> _Placed | None:
        """The nearest mention ending before token i; of "قطر ومصر", the first conjunct."""
        best = None
        for p in self.placed:
            if p.last <= i and i - p.last < within and not self._clause_break(p.last, i):
                best = p
        while best is not None:
            prior = next((q for q in self.placed if best in _coordinated(self, q)), None)
            if prior is None:
                break
            best = prior
        return best

    def _clause_break(self, a: int, b: int) -> bool:
        """Is there a clause boundary (a full stop, a colon, إن/أن) between tokens a and b?"""
        return any((self.toks[k].kind == "punct" and self.toks[k].norm in _CLAUSE_END)
                   or (self.toks[k].kind == "word" and self.toks[k].stem_norm == "ان")
                   for k in range(a, b))


def _bare(norm: str) -> tuple[str, ...]:
    """A word with and without a leading و/ف (a root's own و stays in the first form)."""
    if norm[:1] in "وف" and len(norm) > 2:
        return (norm, norm[1:])
    return (norm,)


def _frame(lex: EventLexicon, norm: str) -> str | None:
    for form in _bare(norm):
        role = lex.frames.get(form)
        if role is not None:
            return role
    return None


def _verb_forms(norm: str) -> set[str]:
    """A verb token without a leading و/ف and the future س: "وسيلتقي" -> "يلتقي"."""
    forms = {norm}
    if norm[:1] in "وف" and len(norm) > 3:
        forms.add(norm[1:])
    for f in list(forms):
        if len(f) > 4 and f[0] == "س" and f[1] in "يتن":
            forms.add(f[1:])
    return forms


@lru_cache(maxsize=1 << 15)
def _candidates(norm: str) -> tuple[Trigger, ...]:
    """The triggers whose first word a token (its normalized form) can be.

    A verb trigger matches its exact forms (a leading و/ف and the future س allowed); a noun
    trigger its clitic forms.
    """
    lex = lexicon()
    verbs = _verb_forms(norm)
    nouns = word_keys(norm)
    out: list[Trigger] = []
    for key in nouns | verbs:
        for trig in lex.by_first.get(key, ()):
            word = trig.words[0]
            if trig.pos in ("verb", "recv", "arrive"):
                ok = word in verbs
            else:
                ok = word in nouns or (word.startswith("ال") and word[2:] in nouns)
            if ok and trig not in out:
                out.append(trig)
    return tuple(out)


def _match_rest(trig: Trigger, toks: Sequence[Token], i: int) -> int | None:
    """End token index of ``trig`` matched from token i, or None."""
    k = i + 1
    gap = False
    for w in trig.words[1:]:
        if w == GAP:
            gap = True
            continue
        limit = min(len(toks), k + (5 if gap else 1))
        while k < limit and not _matches(w, toks[k]):
            if not gap or (toks[k].kind == "punct" and toks[k].norm in _CLAUSE_END | {","}):
                return None
            k += 1
        if k >= limit:
            return None
        k += 1
        gap = False
    return k


def _excluded(trig: Trigger, toks: Sequence[Token], a: int, b: int, lex: EventLexicon) -> bool:
    t = toks[a]
    procl = [s.norm for s in t.segments if s.kind == "proclitic"]
    # "لبحث"، "لإطلاق النار"، "للحرب": a purpose or complement, not an event that happened
    if ("ل" in procl or t.norm.startswith("لل")) and not (b < len(toks) and toks[b].norm == "بين"):
        return True
    # "هذا الهجوم": a restatement of an event told before
    if a > 0 and toks[a - 1].norm in _DEMONSTRATIVES:
        return True
    # "منذ بداية الحرب", "منذ الهجوم": a time reference to a known event, not a new one
    if trig.pos == "noun" and any(x.norm == "منذ" for x in toks[max(0, a - 2) : a]):
        return True
    for neighbour, where in (x for f in _bare(t.norm) for x in lex.exclusions.get(f, ())):
        if where == "after" and any(_matches(neighbour, x) for x in toks[b : b + 6]):
            return True
        if where == "before" and any(_matches(neighbour, x) for x in toks[max(0, a - 2) : a]):
            return True
    return False


def _find_triggers(toks: Sequence[Token], lex: EventLexicon) -> list[tuple[int, int, Trigger]]:
    found: list[tuple[int, int, Trigger]] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        hit: tuple[int, int, Trigger] | None = None
        if t.kind == "word":
            nominal = i > 0 and toks[i - 1].norm in _BEFORE_NOUN
            for trig in _candidates(t.norm):
                end = _match_rest(trig, toks, i)
                if end is None:
                    continue
                if hit is None or len(trig.words) > len(hit[2].words):
                    hit = (i, end, trig)
                elif len(trig.words) == len(hit[2].words) and trig.pos == "noun" and nominal:
                    hit = (i, end, trig)  # "في قصف إسرائيلي": after a preposition, a noun
        if hit is not None and not _excluded(hit[2], toks, hit[0], hit[1], lex):
            found.append(hit)
            i = hit[1] if GAP not in hit[2].words else i + 1
        else:
            i += 1
    return found


def _status(toks: Sequence[Token], a: int, b: int, trig: Trigger, lex: EventLexicon) -> str:
    found: set[str] = set()
    lo = a
    while lo > 0 and a - lo < 6 and not (toks[lo - 1].kind == "punct" and toks[lo - 1].norm in _CLAUSE_END | {","}):
        lo -= 1
    for k in range(lo, a):
        t = toks[k]
        for key in (t.norm, t.norm[1:] if t.norm[:1] in "وف" and len(t.norm) > 2 else ""):
            cue = lex.status.get(key)
            if cue is None or cue[1] != "before":
                continue
            if key == "لا" and k + 1 < len(toks) and toks[k + 1].norm == "سيما":
                continue
            found.add(cue[0])
        head_k = _bare(t.norm)[-1]
        if head_k == "قد" and k + 1 <= a and toks[k + 1].norm[:1] in "يتن":
            found.add("hypothetical")  # "قد تفرض": may impose (قد + past is "has")
        if len(head_k) > 4 and head_k[0] == "س" and head_k[1] in "يتن" and t.kind == "word":
            found.add("planned")  # "سيجري مشاورات"
        if trig.type != "REQUEST" and set(_bare(t.norm)) & _REQUEST_VERBS:
            found.add("planned")
    for k in range(b, min(len(toks), b + 3)):
        cue = lex.status.get(toks[k].norm)
        if cue is not None and cue[1] == "after":
            found.add(cue[0])
    head = _bare(toks[a].norm)[-1]
    if trig.pos in ("verb", "recv", "arrive") and len(head) > 3 and head[0] == "س" and head[1] in "يتن":
        found.add("planned")
    for status in ("negated", "hypothetical", "planned"):
        if status in found:
            return status
    return "reported"


def _role(s: _Sentence, p: _Placed, lex: EventLexicon) -> str | None:
    """The frame word governing mention p: "في X", "بالرياض", "على رئيس الوزراء X"."""
    key = (p.first, p.ref.start)
    if key not in s.roles:
        s.roles[key] = _find_role(s, p, lex)
    return s.roles[key]


def _find_role(s: _Sentence, p: _Placed, lex: EventLexicon) -> str | None:
    toks = s.toks
    tok = toks[p.first]
    glued = tok.norm[: max(0, p.ref.start - tok.start)]
    if glued.lstrip("و") in ("ب", "بال", "في") and p.ref.type == "LOC":
        return "location"
    if glued.lstrip("و") in ("ل", "لل"):
        return "target"
    k = p.first - 1
    for _ in range(4):
        if k < 0 or toks[k].kind == "punct" or any(q.first <= k < q.last for q in s.placed):
            return None
        if k < p.first - 1 and _candidates(toks[k].norm):
            return None  # "من اجتماع رئيس الوزراء X": the من governs the meeting, not X
        role = lex.frames.get(toks[k].norm)
        if role == "location" and p.ref.type == "PER":
            return None  # "في العاصمة رئيس الوزراء X": a person is never where it happened
        if role is not None:
            return role
        k -= 1
    return None


def _nisba(s: _Sentence, p: _Placed) -> bool:
    """Is mention p an adjective of nationality ("الإسرائيلية") rather than a name?"""
    norm = "".join(t.norm for t in s.toks[p.first : p.last])
    return norm.startswith("ال") and norm.endswith(("ي", "يه", "يين", "يون", "يا"))


def _coordinated(s: _Sentence, p: _Placed) -> list[_Placed]:
    """Mentions joined to p by و: "قطر ومصر"، "الحكومة والنقابة"."""
    out: list[_Placed] = []
    last = p
    for q in s.placed:
        if q.first < last.last or q is last:
            continue
        glued = s.toks[q.first].norm[: max(0, q.ref.start - s.toks[q.first].start)]
        joined = (q.first == last.last and glued == "و") or (
            q.first == last.last + 1 and s.toks[last.last].norm == "و")
        if not joined:
            break
        out.append(q)
        last = q
    return out


def _head(s: _Sentence, p: _Placed) -> _Placed:
    """The person a noun phrase names, if any: "أمير قطر الشيخ تميم" is تميم, not قطر."""
    if p.ref.type == "PER":
        return p
    for q in s.placed:
        if q.ref.type == "PER" and any(rs <= p.ref.start < re_ for rs, re_ in q.ref.roles):
            return q
    if p.ref.type != "LOC":
        return p
    for q in s.placed:
        if (p.last <= q.first < p.last + 4 and q.ref.type == "PER" and not s._clause_break(p.last, q.first + 1)
                and not any(s.toks[k].kind == "punct" for k in range(p.last, q.first))):
            return q
    return p


def _participants(s: _Sentence, a: int, b: int, trig: Trigger, lex: EventLexicon
                  ) -> tuple[list[str], list[str], str | None]:
    toks = s.toks
    n = len(toks)
    actors: list[str] = []
    targets: list[str] = []
    location: str | None = None
    # the place: a LOC after في, nearest the trigger
    for p in s.placed:
        if p.ref.type == "LOC" and _role(s, p, lex) == "location" and (
                location is None or abs(p.first - b) < 12):
            location = p.ref.entity
            if p.first >= b:
                break

    def role(p: _Placed) -> str | None:
        return _role(s, p, lex)

    def ids(*ps: _Placed | None) -> list[str]:
        out: list[str] = []
        for p in ps:
            for q in [p, *_coordinated(s, p)] if p is not None else []:
                e = _head(s, q).ref.entity
                if e not in out:
                    out.append(e)
        return out

    if trig.pos == "participle":
        # "قال الوزير إن …، داعياً المجتمع الدولي إلى …": the speaker asks
        subj = next((p for p in s.placed if p.last <= a and p.ref.type in ("PER", "ORG")), None)
        obj = next((p for p in s.placed if b <= p.first < b + 4 and role(p) not in ("location", "place-to")), None)
        return ids(subj), [e for e in ids(obj) if e not in ids(subj)], location
    if trig.pos == "recv":
        call = next((k for k in range(b, min(n, b + 12)) if word_keys(toks[k].norm) & _CALL_WORDS), None)
        if call is None:
            return [], [], location
        src = next((p for p in s.placed if p.first > call and role(p) == "source"), None) or next(
            (p for p in s.placed if call < p.first < call + 12), None)
        tgt = next((p for p in s.placed if b <= p.first < call), None) or s.before(a, 6)
        return ids(src), ids(tgt), location
    if trig.pos == "arrive":
        # "وصل وزير الخارجية فيصل المقداد إلى الرياض": a person's visit to a place
        subj = s.after(b, 5)
        dest = next((p for p in s.placed if b <= p.first < b + 10 and p.ref.type == "LOC"
                     and (role(p) == "place-to" or toks[p.first].norm.startswith("الي"))), None)
        if subj is None or dest is None or _head(s, subj).ref.type != "PER":
            return [], [], None
        return ids(subj), ids(dest), dest.ref.entity
    # "بين X و Y": both parties; for a mediation they are its targets ("دور الوسيط بين X و Y")
    pair_ids: list[str] = []
    for k in range(b, min(n, b + 3)):
        if lex.frames.get(toks[k].norm) == "between":
            pair: list[_Placed] = []
            last = k
            for p in s.placed:
                if p.first <= k or p.first > last + 8 or role(p) in ("location", "place-to") or len(pair) >= 5:
                    continue
                gap = toks[last + 1 : p.first]
                if pair and any(t.norm in _CLAUSE_END or t.norm in ("في", "بعد", "قبل") for t in gap):
                    break
                pair.append(p)
                last = p.last - 1
            if pair:
                pair_ids = ids(*pair)
                break
    mediation = trig.type == "CONSULT" and trig.mode == "third-party"
    if pair_ids and not mediation:
        actors = pair_ids
    if trig.pos == "verb":
        # "وكان X قد استقبل Y": the subject comes first after كان
        kana = next((k for k in range(max(0, a - 12), a) if set(_bare(toks[k].norm)) & _KANA), None)
        subj = None
        if a > 0 and toks[a - 1].norm in _RELATIVES:
            # "نظيره X الذي يزور القاهرة": the antecedent does it
            subj = s.before(a - 1, 2)
        if subj is None and kana is not None:
            subj = next((p for p in s.placed if kana < p.first < a and not s._clause_break(p.last, a)), None)
        if subj is None:
            subj = s.after(a + 1, 7)
            if subj is not None and (role(subj) in ("target", "location", "between", "place-to")
                                     or any(t.kind == "punct" for t in toks[b : subj.first])):
                subj = None
        if subj is None:
            subj = s.before(a, 8)
            if subj is not None and role(subj) in ("location", "target", "place-to"):
                subj = None
        if subj is not None:
            subj = _head(s, subj)
            if not actors:
                actors = ids(subj)
        start = subj.last if subj is not None and subj.first > a else b
        # commas around an adverbial ("التقى X، الأحد، في القاهرة Y") do not end the clause
        cands = [p for p in s.placed if start <= p.first < start + 12 and p.ref.entity not in actors
                 and sum(t.norm == "," for t in toks[start : p.first]) % 2 == 0
                 and (p.first < start + 8 or any(t.norm == "," for t in toks[start : p.first]))]
        obj = next((p for p in cands if role(p) not in ("location", "place-to")), None)
        targets = [e for e in ids(obj) if e not in actors]
        if pair_ids and mediation:
            targets = [e for e in pair_ids if e not in actors]
    else:
        prev = s.before(a, 5)
        if prev is not None and (role(prev) in ("location", "target", "place-to")
                                 or (toks[a].norm[:1] == "و" and prev.last == a)):
            prev = None  # "القضية الفلسطينية والحرب": a coordinated noun, not the actor
        gen = s.after(b, 3)
        if gen is None:
            # "اجتماع رئيس الوزراء العراقي محمد شياع السوداني": a person after their title
            later = s.after(b, 7)
            if later is not None and later.ref.type == "PER" and not any(
                    t.kind != "word" or t.norm in _BEFORE_NOUN for t in toks[b : later.first]):
                gen = later
        if gen is not None and (role(gen) is not None or (gen.ref.type == "LOC" and not _nisba(s, gen))):
            if gen.ref.type == "LOC" and role(gen) is None and location is None:
                location = gen.ref.entity  # "اشتباكات العاصمة طرابلس": the place
            gen = None
        tgt = next((p for p in s.placed if b <= p.first < b + 12 and role(p) == "target"
                    and not s._clause_break(b, p.first)), None)
        light = next((k for k in range(a - 1, max(-1, a - 15), -1)
                      if _frame(lex, toks[k].norm) == "light"
                      and not s._clause_break(k, a)), None)
        if light is not None:
            # "شنت إسرائيل غارات على غزة": the light verb's subject acts
            subj = next((p for p in s.placed if light < p.first < min(a, light + 4)
                         and role(p) in (None, "light")), None)
            if subj is not None and not any(subj.last <= q.first < a for q in s.placed if q is not subj):
                prev = subj  # no other party between: "فرض الاتحاد عقوبات على روسيا بسبب الحرب" is not EU's war
        venue = next((k for k in range(a - 1, max(-1, a - 9), -1)
                      if _frame(lex, toks[k].norm) == "venue"
                      and not s._clause_break(k, a)), None)
        if venue is not None:
            # "شهدت العاصمة تظاهرة": the subject is where it happened, not who did it
            place = next((p for p in s.placed if venue < p.first < a), None)
            if place is not None:
                location = location or place.ref.entity
                if prev is place:
                    prev = None
        if not actors:
            if prev is not None:
                actors = ids(prev)
                tgt = tgt or gen
            elif gen is not None:
                actors = ids(gen)
            else:
                # "الحرب الإسرائيلية"، "العدوان الأميركي": the adjective names the actor
                nis = s.nisba_in(b, min(n, b + 2))
                if nis is None and light is not None:
                    nis = s.nisba_in(light + 1, a)
                if nis is not None:
                    actors = [nis.ref.entity]
        targets = [e for e in ids(tgt) if e not in actors]
        if pair_ids and mediation:
            targets = [e for e in pair_ids if e not in actors]
    if trig.type == "RETREAT" and trig.mode == "release" and not actors:
        # "الإفراج عن خمسة محتجزين في الولايات المتحدة"، "تحتجزهم حماس": the holder releases
        for k in range(b, min(n, b + 10)):
            if toks[k].kind == "word" and _frame(lex, toks[k].norm) == "holder":
                holder = next((p for p in s.placed if k < p.first <= k + 3), None)
                if holder is not None:
                    actors = ids(holder)
                break
    if trig.type == "AID" and not targets:
        # "أرسلت تركيا مساعدات إلى قطاع غزة": aid goes to whoever it is sent to
        to = next((p for p in s.placed if b <= p.first < b + 10 and role(p) == "place-to"
                   and p.ref.entity not in actors and not s._clause_break(b, p.first)), None)
        targets = ids(to)
    if trig.type == "PROTEST" and not targets:
        # "تظاهرة … للمطالبة باستقالة الحكومة": a protest is against the named authority
        aim = next((p for p in s.placed if b <= p.first < b + 15 and p.ref.type in ("ORG", "PER")
                    and p.ref.entity not in actors and not s._clause_break(b, p.first)
                    and not any(t.kind == "punct" for t in toks[b : p.first])), None)
        targets = ids(aim)
    return actors, targets, location


def code_events(
    text: str,
    sentences: Sequence[tuple[int, int]] | None = None,
    tokens: Sequence[Token] | None = None,
    mentions: Sequence[EntityRef] = (),
    dates: Sequence[tuple[int, int, str]] = (),
    quantities: Sequence[tuple[int, int]] = (),
    published: str | None = None,
) -> list[Event]:
    """The PLOVER events stated in ``text``.

    ``dates`` are ``(start, end, value)`` of resolved dates; ``quantities`` the ``(start,
    end)`` of the article's quantities, attached to events of their sentence by index;
    ``published`` dates reported events whose sentence states no date.
    """
    if sentences is None:
        sentences = split_sentences(text)
    if tokens is None:
        tokens = [t for s, e in sentences for t in tokenize(text, s, e)]
    lex = lexicon()
    starts = [t.start for t in tokens]
    refs = sorted(mentions, key=lambda m: m.start)
    ref_starts = [m.start for m in refs]
    pub_date = published[:10] if published and len(published) >= 10 else None
    nisba = _nisba_index(text, refs, lex)
    sorted_dates = sorted(dates)
    date_starts = [d[0] for d in sorted_dates]
    quant_starts = sorted((qs, i) for i, (qs, _qe) in enumerate(quantities))
    coded: list[_Draft] = []
    for s_start, s_end in sentences:
        a = bisect.bisect_left(starts, s_start)
        b = bisect.bisect_left(starts, s_end)
        toks = tokens[a:b]
        if not toks:
            continue
        lo = bisect.bisect_left(ref_starts, s_start)
        hi = bisect.bisect_left(ref_starts, s_end)
        found = _find_triggers(toks, lex)
        if not found:
            continue
        sent = _Sentence(toks, [m for m in refs[lo:hi] if m.end <= s_end], nisba)
        d_lo, d_hi = bisect.bisect_left(date_starts, s_start), bisect.bisect_left(date_starts, s_end)
        s_dates = [v for _ds, _de, v in sorted_dates[d_lo:d_hi] if v]
        q_lo, q_hi = bisect.bisect_left(quant_starts, (s_start, -1)), bisect.bisect_left(quant_starts, (s_end, -1))
        s_quants = tuple(i for _qs, i in quant_starts[q_lo:q_hi])
        prev_trig: tuple[int, Trigger] | None = None
        for ta, tb, trig in found:
            if any((p.first <= ta < p.last) or (p.first <= tb - 1 < p.last) for p in sent.placed):
                continue  # inside a name: "قوات الدعم السريع"، "مجلس التعاون الخليجي"
            reacted = prev_trig is not None and trig.pos == "noun" and prev_trig[1].type in _REACTIONS and (
                ta - prev_trig[0] <= 8 and not any(t.kind == "punct" for t in toks[prev_trig[0] : ta]))
            prev_trig = (tb, trig)
            if reacted:
                continue  # "أدانت الوزارة القصف": the event reacted to, told elsewhere
            actors, targets, location = _participants(sent, ta, tb, trig, lex)
            carried = next((c.actors for c in reversed(coded) if c.sentence == s_start and c.actors), None)
            if (carried and trig.pos == "verb" and ta > 0 and toks[ta - 1].norm == ","
                    and toks[ta].norm[:1] == "و"):
                # "أدانت الوزارة القصف، ودعت الأمم المتحدة إلى …": the subject carries over
                targets = [e for e in actors + targets if e not in carried]
                actors = list(carried)
            if trig.pos == "recv" and not actors and not targets:
                continue
            parts = set(actors + targets)
            if not parts and not (trig.type in ("PROTEST", "COERCE") or (trig.type in _UNNAMED_OK
                                  and trig.mode is not None)):
                continue  # "الحرب"، "الهجوم" with no party named: a mention, not a coded event
            status = _status(toks, ta, tb, trig, lex)
            kind = (trig.type, trig.mode)
            date = s_dates[0] if s_dates else (pub_date if status == "reported" else None)
            same = next((c for c in coded if c.kind[0] == kind[0] and c.status == status and (
                (c.sentence == s_start and (c.kind[1] == kind[1] or (
                    None in (c.kind[1], kind[1]) and c.rule == trig.pos == "noun"))
                 and (not actors or not c.actors or set(actors) & c.parts))
                or (c.kind == kind and _restated(c, parts, s_dates[0] if s_dates else None))
                or (c.kind == kind and not parts and not c.parts and c.location == location))), None)
            if same is not None:
                if same.sentence == s_start:  # one event told twice in a sentence: merge parties
                    if same.kind[1] is None:  # "العدوان … شن غاراته": the specific noun names it
                        same.kind = kind
                    same.actors.extend(x for x in actors if x not in same.parts)
                    same.parts |= set(actors)
                    same.targets.extend(x for x in targets if x not in same.parts)
                    same.parts |= parts
                    same.location = same.location or location
                continue
            coded.append(_Draft(kind, status, actors, targets, parts, location, s_start, s_end,
                                (_bare_start(toks[ta]), toks[tb - 1].end), date, s_quants, trig.pos,
                                s_dates[0] if s_dates else None))
    events = [Event(d.kind[0], d.kind[1], d.status, tuple(d.actors), tuple(d.targets), d.date, d.location,
                    d.trigger, (d.sentence, d.sentence_end), d.quantities, d.rule) for d in coded]
    return events
