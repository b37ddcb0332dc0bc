"""Who said what: reporting cues, their speakers and their content, sentence by sentence.

The reading follows how Arabic news attributes speech:

* verb first (``قال الوزير إن …``): the speaker is the noun phrase after the cue, up to the
  content opener (إن/أن, ``إلى أن``, a colon or a quotation mark); comma-separated parts that
  are circumstances (``في بيانه``، ``يوم الثلاثاء``، ``وفقما ذكرت رويترز``) are left out;
* subject first after كان (``وكان المركز أكد سقوط …``): the speaker precedes the cue;
* a cue with nothing before its opener (``وأضاف أن …``، ``وتابع: "…"``) continues the last
  speaker;
* a source frame (``…، حسبما ذكر مصدر``، ``وفق ما نقلته مصادر``، ``كما كتبت صحيفة``): the
  content is what precedes the frame;
* ``نُقل عن X`` and ``علمت الصحيفة من X أن``: the speaker follows عن / من.

Direct quotes run from an opening quotation mark to its closing one, across sentences.

>>> text = 'وقال الوزير في بيانه إن "المحادثات كانت إيجابية". وأضاف أن الوفد سيعود.'
>>> [(text[q.speaker[0]:q.speaker[1]], q.direct) for q in find_quotes(text)]
[('الوزير', True), ('الوزير', False)]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.quotes.lexicon import Lexicon, Match, lexicon
from marsad.text import Token, split_sentences, tokenize

__all__ = ["Mention", "Quote", "find_quotes"]

_OPEN_CLOSE = {"“": "”", "«": "»", '"': '"', "”": "“", "„": "“", "‘": "’"}
_SPEAKER_WINDOW = 18  # tokens between a cue and its content opener, at most
_MAX_QUOTE_CHARS = 3000
_PREPOSITIONS = frozenset({"في", "من", "علي", "عن", "لدي", "باسم"})
_COMPLEMENTIZER_PREPS = frozenset({"الي", "من", "علي", "عن"})
_KANA = frozenset({"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention the speaker can be linked to."""

    start: int
    end: int
    entity: str
    type: str


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed statement; all ranges are ``(start, end)`` into the article text."""

    speaker: tuple[int, int]
    entity: str | None
    cue: tuple[int, int]
    content: tuple[int, int]
    direct: bool
    rule: str


def _definite(t: Token) -> bool:
    return any(s.kind == "proclitic" and s.norm == "ال" for s in t.segments) or (
        t.norm.startswith("ال") and len(t.norm) > 3
    )


def _opener(toks: Sequence[Token], j: int) -> bool:
    """Is token j where content starts (إن/أن with its clitics, a colon, a quotation mark)?"""
    t = toks[j]
    if t.kind == "punct":
        return t.norm in (":", '"') or t.norm.startswith(":") or t.norm.startswith('"')
    if t.kind != "word" or "ان" not in t.norm:
        return False
    if t.norm not in ("ان", "بان") and t.stem_norm != "ان":
        return False
    procl = [s.norm for s in t.segments if s.kind == "proclitic"]
    return all(p in ("ب", "و") for p in procl)


def _cue_span(t: Token) -> tuple[int, int]:
    """The cue without a leading و/ف: "وقال" -> "قال"."""
    segs = t.segments
    if len(segs) > 1 and segs[0].kind == "proclitic" and segs[0].norm in ("و", "ف"):
        return segs[1].start, t.end
    return t.start, t.end


class _Reader:
    def __init__(self, text: str, mentions: Sequence[Mention], lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self.quotes: list[Quote] = []
        self.taken: list[tuple[int, int]] = []  # direct-quote ranges already read

    # -- helpers -----------------------------------------------------------------------
    def in_taken(self, pos: int) -> bool:
        # quotations are read in text order: only the last few can still cover pos
        return any(s <= pos < e for s, e in self.taken[-3:])

    def entity_in(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.mention_starts, start)
        best: Mention | None = None
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end and (best is None or (m.type == "PER" and best.type != "PER")):
                best = m
            i += 1
        return best.entity if best else None

    def is_person(self, t: Token) -> bool:
        i = bisect.bisect_right(self.mention_starts, t.start) - 1
        while i >= 0 and self.mentions[i].end > t.start:
            if self.mentions[i].type == "PER" and self.mentions[i].end >= t.end:
                return True
            i -= 1
        return False

    def addressee(self, toks: Sequence[Token], j: int) -> bool:
        """Token j starts a circumstance of the statement: "في بيانه", "لوكالة …"."""
        t = toks[j]
        if t.kind != "word":
            return False
        if t.norm == "في" and j + 1 < len(toks):
            nxt = toks[j + 1]
            return "في" in self.lex.addressees.get(nxt.stem_norm, ()) or "في" in self.lex.addressees.get(
                nxt.norm, ())
        procl = [s.norm for s in t.segments if s.kind == "proclitic"]
        if procl[:1] == ["ل"]:
            return "ل" in self.lex.addressees.get(t.stem_norm, ())
        return self.lex.has(t.norm, "stop")

    def trim(self, toks: Sequence[Token], a: int, b: int) -> tuple[int, int] | None:
        """The speaker tokens in ``[a, b)``: skip circumstance parts, cut at addressees."""
        parts: list[tuple[int, int]] = []
        start = a
        for j in range(a, b + 1):
            if j == b or (toks[j].kind == "punct" and toks[j].norm in (",", ";", "-")):
                if j > start:
                    parts.append((start, j))
                start = j + 1
        kept: list[tuple[int, int]] = []
        for s, e in parts:
            first = toks[s]
            if self.lex.has(first.norm, "skip") or self.addressee(toks, s):
                continue
            via = next((k for k in range(s, e - 1) if self.lex.has(toks[k].norm, "via")), None)
            if via is not None and toks[via + 1].norm == "عن":
                kept = []
                s = via + 2
                if s >= e:
                    continue
            cut = next((k for k in range(s + 1, e) if self.addressee(toks, k)), e)
            # balanced parentheses only: "(اللجنة)" stays inside the speaker
            while cut > s and toks[cut - 1].kind == "punct" and toks[cut - 1].norm != ")" and not (
                    '"' in toks[cut - 1].norm and sum(t.norm.count('"') for t in toks[s:cut]) % 2 == 0):
                cut -= 1
            while s < cut and toks[s].kind == "punct" and toks[s].norm != "(":
                s += 1
            if cut > s:
                kept.append((s, cut))
        if not kept:
            return None
        return kept[0][0], kept[-1][1]

    def plausible(self, toks: Sequence[Token], a: int, b: int) -> bool:
        """Can tokens [a, b) be a speaker: an entity mention, or a speaker noun near the start?"""
        head = min(b, a + 3)
        i = bisect.bisect_left(self.mention_starts, toks[a].start)
        if i < len(self.mentions) and self.mentions[i].start < toks[head - 1].end and (
                self.mentions[i].end <= toks[b - 1].end):
            return True
        return any(self.lex.speaker_head(toks[k].norm) for k in range(a, head))

    def noun_phrase(self, toks: Sequence[Token], a: int, limit: int) -> int:
        """End (exclusive token index) of the noun phrase starting at token a."""
        seen_def = False
        j = a
        depth = 0
        while j < limit and j - a < 14:
            t = toks[j]
            if t.kind == "punct":
                if t.norm == "(":
                    depth += 1
                elif t.norm == ")" and depth:
                    depth -= 1
                elif t.norm == '"' and j + 2 < limit and toks[j + 2].norm == '"':
                    j += 3  # a quoted name: وكالة "رويترز"
                    continue
                else:
                    break
                j += 1
                continue
            if depth:
                j += 1
                continue
            if j > a and (self.addressee(toks, j) or self.lex.cue(t.norm) is not None):
                break
            if t.kind == "number":
                if seen_def:
                    break
                j += 1
                continue
            if _definite(t) or self.is_person(t):
                seen_def = seen_def or _definite(t)
            elif seen_def and t.norm in _PREPOSITIONS:
                if j + 1 < limit and (_definite(toks[j + 1]) or self.is_person(toks[j + 1])):
                    j += 1
                else:
                    break
            elif seen_def and not self._short_name(toks, j, limit):
                break
            j += 1
        return j

    def _short_name(self, toks: Sequence[Token], j: int, limit: int) -> bool:
        # an apposition name after a title, up to a comma: "رئيس السلطة محمد شرفي،". When the
        # entity stage has run, names are its person mentions; this guess is for when it has not.
        if self.mentions:
            return False
        k = j
        while k < limit and toks[k].kind == "word" and not _definite(toks[k]):
            k += 1
        return k < limit and toks[k].norm == "," and k - j <= 3

    def opener(self, toks: Sequence[Token], j: int) -> bool:
        """An opener, except a quotation mark around one or two words (a quoted name)."""
        if not _opener(toks, j):
            return False
        if toks[j].kind == "punct" and toks[j].norm.endswith('"') and not toks[j].norm.startswith(":"):
            if sum(t.norm.count('"') for t in toks[:j]) % 2:
                return False  # the closing mark of an earlier quotation
            words = 0
            for k in range(j + 1, len(toks)):
                if '"' in toks[k].norm:
                    return words >= 3
                words += toks[k].kind != "punct"
        return True

    def close_quote(self, open_pos: int, limit: int) -> int | None:
        """Index of the mark closing the quotation opened at ``open_pos``."""
        ch = self.text[open_pos]
        closers = {_OPEN_CLOSE.get(ch, '"'), '"', "”", "»"} if ch != '"' else {'"', "”"}
        end = min(limit, open_pos + _MAX_QUOTE_CHARS)
        for k in range(open_pos + 1, end):
            if self.text[k] in closers:
                return k
        return None

    # -- one sentence --------------------------------------------------------------------
    def sentence(self, toks: Sequence[Token], s_start: int, s_end: int, para_end: int) -> None:
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if t.kind != "word" or self.in_taken(t.start):
                i += 1
                continue
            m = self.lex.cue(t.norm)
            if m is not None and self.lex.has(t.norm, "skip"):
                m = None
            passive = None
            if (m is None or m.kind == "frame") and (t.norm.lstrip("وف") in self.lex.passive
                                                     or t.norm in self.lex.passive):
                key = t.norm if t.norm in self.lex.passive else t.norm.lstrip("وف")
                if i + 1 < n and toks[i + 1].norm == self.lex.passive[key]:
                    passive = i + 2
            if m is None and passive is None:
                i += 1
                continue
            if passive is not None:
                m = None
            nxt = self.read_cue(toks, i, m, passive, s_start, s_end, para_end)
            i = max(i + 1, nxt)

    def read_cue(self, toks: Sequence[Token], i: int, m: Match | None, passive: int | None,
                 s_start: int, s_end: int, para_end: int) -> int:
        n = len(toks)
        cue = _cue_span(toks[i])
        # a source frame: "…، حسبما ذكر مصدر" / "حسب نتائج أعلنها رئيس اللجنة"
        framed = (i > 0 and self.lex.has(toks[i - 1].norm, "source") and toks[i - 1].norm != "كما") or (
            i > 1 and toks[i - 1].norm == "ما" and (
                self.lex.has(toks[i - 2].norm, "source") or toks[i - 2].norm == "علي"))
        if i > 0 and toks[i - 1].norm in ("كما", "وكما") and (i < 2 or toks[i - 2].kind == "punct"):
            framed = i >= 2
        if m is not None and m.enclitic and not framed:
            back = [k for k in range(max(0, i - 4), i) if self.lex.has(toks[k].norm, "source")]
            coord = toks[i].norm[:1] == "و" and self.quotes and self.quotes[-1].rule == "frame" and (
                self.quotes[-1].cue[0] >= s_start)
            framed = bool(back) or bool(coord)
        if framed and m is not None:
            return self.read_frame(toks, i, cue, s_start)
        if m is not None and m.kind == "frame":
            # "ونقلت وكالة رويترز عن مسؤول قوله إن …": the one quoted follows عن
            k = next((k for k in range(i + 1, min(n, i + 7)) if toks[k].norm == "عن"), None)
            if k is None:
                return i + 1
            return self.read_after(toks, k + 1, cue, s_end, para_end, "passive")
        if passive is not None:
            return self.read_after(toks, passive, cue, s_end, para_end, "passive")
        assert m is not None
        if m.kind == "learn":
            k = next((k for k in range(i + 1, min(n, i + 6)) if toks[k].norm == "من"), None)
            if k is None:
                return i + 1
            return self.read_after(toks, k + 1, cue, s_end, para_end, "learn")
        # the speaker before the cue, after كان: "وكان المركز أكد …"
        clause = i
        while clause > 0 and not (toks[clause - 1].kind == "punct" and toks[clause - 1].norm in (",", ";")):
            clause -= 1
        kana = next((k for k in range(clause, i) if toks[k].norm in _KANA), None)
        if kana is not None and 0 < i - kana - 1 <= 10:
            speaker = self.trim(toks, kana + 1, i)
            if speaker is not None and self.plausible(toks, *speaker):
                return self.read_content(toks, i + 1, speaker, cue, m, s_end, para_end, "svo")
        # "أما الائتلاف، فقد دعا …": the topic before فـ is the speaker
        if (i > 0 and toks[i - 1].norm in ("فقد", "فان", "ف")) or toks[i].norm[:1] == "ف":
            amma = next((k for k in range(max(0, i - 14), i) if toks[k].norm in ("اما", "واما")), None)
            if amma is not None:
                end = next((k for k in range(amma + 1, i) if toks[k].norm == ","), i - 1)
                speaker = self.trim(toks, amma + 1, end) if end > amma + 1 else None
                if speaker is not None:
                    return self.read_content(toks, i + 1, speaker, cue, m, s_end, para_end, "svo")
        # verb first: find the opener
        j = i + 1
        limit = min(n, i + 1 + _SPEAKER_WINDOW)
        while j < limit and not self.opener(toks, j):
            inner = self.lex.cue(toks[j].norm) if toks[j].kind == "word" else None
            if inner is not None and self.lex.has(toks[j].norm, "skip"):
                inner = None  # "طالباً عدم نشر اسمه": a circumstance, not a new statement
            if inner is not None and inner.kind != "frame" and not (
                    j > 0 and self.lex.has(toks[j - 1].norm, "source")) and not (j > 1 and toks[j - 1].norm == "ما"):
                break
            if m.kind == "to" and toks[j].norm == "الي":
                break
            j += 1
        has_opener = j < limit and (self.opener(toks, j) or toks[j].norm == "الي")
        if has_opener and j > i + 1 and toks[j - 1].norm in _COMPLEMENTIZER_PREPS and (
                toks[j].stem_norm == "ان" or '"' in toks[j].norm):
            j -= 1  # "شدد الائتلاف على "ضرورة …"": على opens the content
        if m.kind == "describe" or (not has_opener and m.kind == "object"):
            first = i + 1
            while first < n and (self.lex.has(toks[first].norm, "skip") or toks[first].kind == "punct"):
                if self.lex.has(toks[first].norm, "skip"):
                    break
                first += 1
            end = self.noun_phrase(toks, first, n)
            sp = self.trim(toks, first, end) if end > first else None
            if sp is None or not self.plausible(toks, *sp):
                return i + 1
            return self.read_content(toks, end, sp, cue, m, s_end, para_end, "object")
        if not has_opener:
            if (i >= 2 and toks[i - 1].norm == "," and '"' in toks[i - 2].norm) or (
                    i >= 1 and toks[i - 1].norm in ('",', '".')):
                # "«…»، قال الوزير": the quotation before the cue is the content
                return self.read_frame(toks, i, cue, s_start)
            return i + 1
        if m.kind == "noun" and j == i + 1:
            return i + 1
        speaker = self.trim(toks, i + 1, j) if j > i + 1 else None
        if speaker is not None and m.kind == "to" and toks[j].norm == "الي":
            # "دعا الاتحاد إسرائيل إلى …": the addressee after the speaker is not the speaker
            end = self.noun_phrase(toks, speaker[0], speaker[1])
            if speaker[0] < end < speaker[1]:
                speaker = (speaker[0], end)
        if speaker is None:
            if m.kind == "noun" or not self.quotes:
                return i + 1
            last = self.quotes[-1]
            return self.emit_content(toks, j, last.speaker, last.entity, cue, s_end, para_end, "continue")
        sp_start, sp_end = toks[speaker[0]].start, toks[speaker[1] - 1].end
        return self.emit_content(toks, j, (sp_start, sp_end), self.entity_in(sp_start, sp_end),
                                 cue, s_end, para_end, "verb")

    def read_after(self, toks: Sequence[Token], a: int, cue: tuple[int, int], s_end: int,
                   para_end: int, rule: str) -> int:
        n = len(toks)
        j = a
        limit = min(n, a + _SPEAKER_WINDOW)
        while j < limit and not _opener(toks, j):
            j += 1
        if j >= limit or j == a:
            return a
        if toks[j - 1].norm in _COMPLEMENTIZER_PREPS and j - 1 > a:
            j -= 1
        # "نقل عن X قوله إن": the speaker ends before قوله
        end = next((k for k in range(a, j) if toks[k].stem_norm in ("قول", "قوله", "قولها")), j)
        speaker = self.trim(toks, a, end)
        if speaker is None:
            return a
        sp = (toks[speaker[0]].start, toks[speaker[1] - 1].end)
        return self.emit_content(toks, j, sp, self.entity_in(*sp), cue, s_end, para_end, rule)

    def read_frame(self, toks: Sequence[Token], i: int, cue: tuple[int, int], s_start: int) -> int:
        n = len(toks)
        end = i + 1
        while end < n and not (toks[end].kind == "punct" and toks[end].norm in (",", ".", ";", "?", "!")):
            end += 1
        speaker = self.trim(toks, i + 1, end)
        if speaker is None:
            return i + 1
        sp = (toks[speaker[0]].start, toks[speaker[1] - 1].end)
        last = self.quotes[-1] if self.quotes else None
        if last is not None and last.rule == "frame" and last.cue[0] >= s_start and toks[i].norm[:1] == "و":
            content, direct = last.content, last.direct
        else:
            src = [x for x in range(max(0, i - 4), i) if self.lex.has(toks[x].norm, "source")]
            k = (src[-1] if src else i) - 1
            while k >= 0 and toks[k].kind == "punct" and toks[k].norm in (",", "-"):
                k -= 1
            if k < 0:
                return end
            c_end = toks[k].end
            if '"' in toks[k].norm:
                # "…، "الأكثر تعقيدا"، كما كتبت صحيفة": the quoted words are the content
                o = k - 1
                while o >= 0 and '"' not in toks[o].norm:
                    o -= 1
                if o >= 0 and k - o > 1:
                    content, direct = (toks[o].end, toks[k].start), True
                else:
                    content, direct = (toks[0].start, c_end), False
            else:
                c_start = toks[0].start
                prev = [q.content[1] for q in self.quotes if s_start <= q.content[1] <= toks[k].start]
                if prev:
                    nxt = bisect.bisect_left([t.start for t in toks], max(prev))
                    if nxt <= k:
                        c_start = toks[nxt].start
                content, direct = (c_start, c_end), False
        self.quotes.append(Quote(sp, self.entity_in(*sp), cue, content, direct, "frame"))
        return end

    def read_content(self, toks: Sequence[Token], a: int, speaker: tuple[int, int],
                     cue: tuple[int, int], m: Match, s_end: int, para_end: int, rule: str) -> int:
        n = len(toks)
        j = a
        if m.kind in ("clause", "to"):
            # "وكان شكري قد صرح لقناة "القاهرة" بأن …": the content opens at the opener
            k = next((k for k in range(a, min(n, a + _SPEAKER_WINDOW)) if self.opener(toks, k)
                      or (m.kind == "to" and toks[k].norm == "الي")), None)
            if k is None:
                return a
            if k > a and toks[k - 1].norm in _COMPLEMENTIZER_PREPS and toks[k].stem_norm == "ان":
                k -= 1
            sp = (toks[speaker[0]].start, toks[speaker[1] - 1].end)
            return self.emit_content(toks, k, sp, self.entity_in(*sp), cue, s_end, para_end, rule)
        # skip circumstance parts between the speaker and an object content
        while j < n:
            if toks[j].kind == "punct" and toks[j].norm in (",", "-"):
                j += 1
                continue
            if self.lex.has(toks[j].norm, "skip") or self.addressee(toks, j):
                k = j
                while k < n and not (toks[k].kind == "punct" and toks[k].norm == ","):
                    k += 1
                if k >= n:
                    break
                j = k + 1
                continue
            break
        if j >= n:
            return a
        sp = (toks[speaker[0]].start, toks[speaker[1] - 1].end)
        return self.emit_content(toks, j, sp, self.entity_in(*sp), cue, s_end, para_end, rule)

    def emit_content(self, toks: Sequence[Token], j: int, speaker: tuple[int, int],
                     entity: str | None, cue: tuple[int, int], s_end: int, para_end: int,
                     rule: str) -> int:
        n = len(toks)
        # a quotation mark right after the opener (إن "…" / : "…") makes a direct quote
        k = j
        while k < n and k - j < 2 and toks[k].norm != '"' and (
                _opener(toks, k) or toks[k].norm in _COMPLEMENTIZER_PREPS):
            if toks[k].norm == '"':
                break
            k += 1
        if k < n and toks[k].kind == "punct" and toks[k].norm == ":":
            k += 1
        if k < n and toks[k].kind == "punct" and '"' in toks[k].norm:
            open_pos = toks[k].start + toks[k].norm.index('"')
            close = self.close_quote(open_pos, para_end)
            if close is not None and len(self.text[open_pos + 1 : close].split()) >= 3:
                c_start = open_pos + 1
                self.quotes.append(Quote(speaker, entity, cue, (c_start, close), True, rule))
                self.taken.append((open_pos, close + 1))
                return bisect.bisect_left([t.start for t in toks], close + 1)
        # indirect: up to the end of the sentence, or the next coordinated cue ("، وقالت إن")
        end_tok = n
        for x in range(j + 1, n):
            t = toks[x]
            if t.kind == "word" and toks[x - 1].norm == "," and self.lex.cue(t.norm) is not None and (
                    t.norm[:1] == "و" or (x + 1 < n and (_opener(toks, x + 1) or toks[x + 1].norm == "الي"))):
                end_tok = x - 1  # "…، وقالت إن" / "…، مضيفاً أن": the next statement starts
                break
        while end_tok > j + 1 and toks[end_tok - 1].kind == "punct" and toks[end_tok - 1].norm in (
                ".", ",", ";", "!", "?"):
            end_tok -= 1
        if end_tok <= j:
            return j
        c_start = toks[j].start
        c_end = toks[end_tok - 1].end
        if (c_end - c_start > 0 and toks[j].kind != "punct") or end_tok - j > 1:
            if toks[j].kind == "punct" and toks[j].norm.startswith(":"):
                c_start = toks[j + 1].start
            self.quotes.append(Quote(speaker, entity, cue, (c_start, c_end), False, rule))
        return end_tok


def find_quotes(
    text: str,
    sentences: Sequence[tuple[int, int]] | None = None,
    tokens: Sequence[Token] | None = None,
    mentions: Sequence[Mention] = (),
    paragraphs: Sequence[tuple[int, int]] | None = None,
) -> list[Quote]:
    """The quotes of ``text``, read sentence by sentence.

    ``sentences``, ``tokens`` and ``paragraphs`` default to the text layer's own reading of
    the whole text; ``mentions`` link speakers to entities.
    """
    if sentences is None:
        sentences = split_sentences(text)
    if tokens is None:
        tokens = [t for s, e in sentences for t in tokenize(text, s, e)]
    if paragraphs is None:
        paragraphs = [(0, len(text))]
    reader = _Reader(text, mentions, lexicon())
    starts = [t.start for t in tokens]
    para_ends = sorted(paragraphs)
    p_starts = [p[0] for p in para_ends]
    for s_start, s_end in sentences:
        a = bisect.bisect_left(starts, s_start)
        b = bisect.bisect_left(starts, s_end)
        toks = tokens[a:b]
        if not toks:
            continue
        pi = bisect.bisect_right(p_starts, s_start) - 1
        para_end = para_ends[pi][1] if pi >= 0 and para_ends[pi][1] >= s_end else s_end
        reader.sentence(toks, s_start, s_end, max(para_end, s_end))
    return _dedupe(reader.quotes)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    out: list[Quote] = []
    for q in quotes:
        key = (q.cue, q.content)
        if key in seen or q.content[1] <= q.content[0] or q.speaker[1] <= q.speaker[0]:
            continue
        seen.add(key)
        out.append(q)
    return out
