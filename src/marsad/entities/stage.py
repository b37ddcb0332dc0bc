"""The entity stage: people, organizations and places, linked, with roles.

Order of work over the title and paragraph tokens:

1. the gazetteer (KB aliases, Aho-Corasick) gives linked names and nationality adjectives;
2. head-noun rules give organizations and places the KB lacks (وزارة الداخلية العراقية);
3. the statistical model (:mod:`marsad.entities.ner`, when shipped) gives the other names;
   KB names win overlaps, a longer rule or model name of the same type that contains a
   KB name keeps its link;
4. titles introduce persons and give roles; names in parentheses become aliases;
5. coreference joins mentions into entities; role-only mentions join the named holder;
6. each entity gets its canonical Arabic name (the fullest form in the text), ``kb`` and
   ``name_en``.

Adjectives of nationality are never mentions; they are kept for later stages in
``article.cache["nisba"]`` as ``(start, end, kb_id)``. The stage never raises on odd input:
a failure leaves ``entities`` empty and a warning.

>>> from marsad.pipeline import Pipeline
>>> art = Pipeline()("خبر\\n\\nاستقبل أمير قطر الشيخ تميم بن حمد آل ثاني وزير الخارجية المصري سامح شكري في الدوحة.")
>>> [(e["type"], e["name"], e["kb"]) for e in art.meta["entities"]]  # doctest: +NORMALIZE_WHITESPACE
[('LOC', 'قطر', 'loc:qatar'), ('PER', 'تميم بن حمد آل ثاني', 'per:tamim-bin-hamad'),
 ('PER', 'سامح شكري', 'per:sameh-shoukry'), ('LOC', 'الدوحة', 'loc:doha')]
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from marsad.article import Article
from marsad.entities.coref import Mention, group
from marsad.entities.gazetteer import Gazetteer, GazMatch, skip_letters
from marsad.entities.kb import KB
from marsad.entities.link import org_english, transliterate
from marsad.entities.roles import apposition, role_key, title_before
from marsad.entities.rules import Word, chain_end, heads, org_extents, title_at, words_of
from marsad.lexicons import read_column, read_rows
from marsad.text.normalize import normalize_str
from marsad.text.tokens import Token

__all__ = ["EntitiesStage", "stages_with_kb"]

NerFn = Callable[[str, Sequence[Token]], list[tuple[int, int, str]]]
_TYPES = ("PER", "ORG", "LOC")
_PAREN_OPEN = frozenset("(")
_PAREN_CLOSE = frozenset(")")


@cache
def _default_ner() -> NerFn:
    """The shipped NER model's ``entities`` method (loaded once; a missing or broken model
    file is a packaging error and raises)."""
    from marsad.entities.ner import NerModel

    return NerModel.load().entities


@cache
def _given_names() -> frozenset[str]:
    try:
        names = read_column("ner_given_names.tsv")
    except (OSError, FileNotFoundError):
        names = ()
    return frozenset(normalize_str(n) for n in names)


class EntitiesStage:
    """Finds entities (``article.meta["entities"]``, the contract's list)."""

    name = "entities"
    requires: tuple[str, ...] = ("tokens",)
    provides: tuple[str, ...] = ("entities",)

    def __init__(self, kb_file: str | None = None, *, use_model: bool = True) -> None:
        self.kb_file = kb_file
        self.use_model = use_model

    @property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.builtin(self.kb_file)

    def __call__(self, article: Article) -> None:
        try:
            entities, nisba = self._run(article)
        except Exception as exc:
            article.warnings.append(f"entities: {type(exc).__name__}: {exc}")
            entities, nisba = [], []
        article.meta["entities"] = entities
        article.cache["nisba"] = nisba

    # ------------------------------------------------------------------------------
    def _run(self, article: Article) -> tuple[list[dict[str, Any]], list[tuple[int, int, str]]]:
        text = article.text
        tokens: list[Token] = list(article.cache.get("tokens") or [])
        if not tokens:
            return [], []
        gaz = self.gazetteer
        kb = gaz.kb
        words = words_of(text, tokens)
        starts = [t.start for t in tokens]
        matches = gaz.find(text, tokens)
        nisba = [(m.start, m.end, m.kb_id) for m in matches if m.nisba]
        nisba_tok = {m.tok_start: (m.tok_end, m.kb_id) for m in matches if m.nisba}
        nisba_of = {normalize_str(text[m.start : m.end]): m.kb_id for m in matches if m.nisba}

        mentions = self._base_mentions(text, tokens, words, matches, starts)
        day = str(article.meta.get("published") or article.meta.get("published_hint") or "")[:10]
        self._titles(text, words, mentions, nisba_tok, kb, day)
        self._parens(text, words, mentions, starts)
        mentions.sort(key=lambda m: (m.start, m.end))
        entities = self._entities(text, words, mentions, kb, nisba_of)
        _disambiguate_places(entities, {kb_id for _, _, kb_id in nisba}, kb)
        return entities, nisba

    def _mention(
        self, text: str, words: Sequence[Word], a: int, b: int, etype: str, *,
        kb: str | None = None, source: str = "kb", head_en: str = "", start: int | None = None,
    ) -> Mention:
        s = words[a].start if start is None else start
        e = words[b - 1].end
        norm = _without_parens(tuple(normalize_str(_display(text[s:e])).split()))
        return Mention(s, e, etype, norm, kb, source, head_en, (a, b))

    def _base_mentions(
        self, text: str, tokens: Sequence[Token], words: Sequence[Word],
        matches: Sequence[GazMatch], starts: Sequence[int],
    ) -> list[Mention]:
        taken: list[int | None] = [None] * len(tokens)  # token → mention index
        out: list[Mention] = []

        def place(m: Mention) -> None:
            for k in range(m.tok[0], m.tok[1]):
                taken[k] = len(out)
            out.append(m)

        for gm in matches:
            if gm.nisba:
                continue
            generic = Gazetteer.generic_id(gm.kb_id)
            m = self._mention(text, words, gm.tok_start, gm.tok_end, gm.type,
                              kb=None if generic else gm.kb_id, start=gm.start,
                              source="rule" if generic else "kb")
            m.name_en = generic or ""
            place(m)
        nisba_toks = {k for gm in matches if gm.nisba for k in range(gm.tok_start, gm.tok_end)}

        # head-noun rules: a name the KB lacks, or a longer form of a KB name
        known = {gm.tok_start: gm.tok_end for gm in matches if not gm.nisba}
        persons = frozenset(k for gm in matches if gm.type == "PER" and not gm.nisba
                            for k in range(gm.tok_start, gm.tok_end))
        for a, b, etype, head_en in org_extents(words, spans=known, nisba=frozenset(nisba_toks),
                                                persons=persons):
            if normalize_str(text[words[a].start : words[b - 1].end]) in _generic():
                continue
            inside = {taken[k] for k in range(a, b) if taken[k] is not None}
            inherit: str | None = None
            ok = True
            for idx in inside:
                assert idx is not None
                m = out[idx]
                if m.tok[0] < a or m.tok[1] > b:
                    ok = False  # crosses the rule's edge: the KB name wins
                elif m.tok[0] == a and m.type != etype:
                    ok = False  # the head belongs to a KB name of another type (قناة السويس)
                elif m.tok[0] == a and m.type == etype:
                    inherit = m.kb
                    # a KB name grows only by nationality adjectives (قوات الدعم السريع السودانية)
                    if not all(k in nisba_toks for k in range(m.tok[1], b)):
                        ok = False
                elif m.type == etype:
                    ok = False
            if not ok:
                continue
            if inside and inherit is None and etype == "LOC":
                continue
            for idx in sorted((i for i in inside if i is not None), reverse=True):
                self._drop(out, taken, idx)
            place(self._mention(text, words, a, b, etype, kb=inherit, source="rule", head_en=head_en))

        ner = _default_ner() if self.use_model else None
        if ner is not None:
            for s, e, etype in ner(text, tokens):
                if etype not in _TYPES:
                    continue
                a = max(bisect.bisect_right(starts, s) - 1, 0)
                b = bisect.bisect_left(starts, e)
                a, b = _trim(text, words, a, b)
                if a >= b or any(k in nisba_toks for k in range(a, b)):
                    continue
                if not _plausible(words, a, b, etype):
                    continue
                if etype == "PER" and words[b - 1].core in _MEDIA_WORDS:
                    etype = "ORG"  # ميدل ايست نيوز
                if a > 0:
                    s = max(s, words[a].start)
                first = words[a]
                if (
                    etype != "PER" and first.norm[:1] == "و" and not first.conj and len(first.norm) > 4
                    and (first.norm[1:] in _places()
                         or _counts().get(first.norm[1:], 0) >= _counts().get(first.norm, 0))
                ):
                    s = skip_letters(text, first.tok.start, first.tok.end, 1)  # ومينيسوتا
                inside = {taken[k] for k in range(a, b) if taken[k] is not None}
                inherit = None
                ok = True
                for idx in inside:
                    assert idx is not None
                    m = out[idx]
                    if m.type != etype or m.tok[0] < a or m.tok[1] > b or m.source == "rule":
                        ok = False
                    else:
                        inherit = inherit or m.kb
                if not ok or (inside and etype != "PER"):
                    continue
                for idx in sorted((i for i in inside if i is not None), reverse=True):
                    self._drop(out, taken, idx)
                place(self._mention(text, words, a, b, etype, kb=inherit, source="ner", start=s))
        return _join_adjacent_persons(text, words, [m for m in out if m.source != "dropped"])

    @staticmethod
    def _drop(out: list[Mention], taken: list[int | None], idx: int) -> None:
        m = out[idx]
        for k in range(m.tok[0], m.tok[1]):
            if taken[k] == idx:
                taken[k] = None
        m.source = "dropped"

    def _titles(
        self, text: str, words: Sequence[Word], mentions: list[Mention],
        nisba_tok: dict[int, tuple[int, str]], kb: KB, day: str = "",
    ) -> None:
        """Roles before and after names, persons introduced by titles, role-only mentions."""
        per_at: dict[int, Mention] = {}
        cover: list[Mention | None] = [None] * len(words)
        for m in mentions:
            for k in range(m.tok[0], m.tok[1]):
                cover[k] = m
            if m.type == "PER":
                per_at[m.tok[0]] = m
        spans = {m.tok[0]: m.tok[1] for m in mentions if m.type in ("ORG", "LOC")}
        spans.update({k: v[0] for k, v in nisba_tok.items()})
        ids = {m.tok[0]: (m.tok[1], m.kb or " ".join(m.words)) for m in mentions if m.type != "PER"}
        ids.update(nisba_tok)
        given = _given_names()
        # a role phrase stops at a person's name, and at a given name right before one
        # (وزير الخارجية أمير | عبد اللهيان)
        blocked = [c is not None and c.type == "PER" for c in cover]
        for k in range(len(words) - 1):
            if k + 1 in per_at and words[k].core in given and not words[k].definite:
                blocked[k] = True
        role_only: list[tuple[int, int, tuple[str, ...]]] = []
        role_keys: dict[tuple[str, ...], Mention] = {}
        pending: list[tuple[int, int]] = []  # roles of a title chain (العاهل البحريني، الملك …)
        chain_to: int | None = None
        i = 0
        while i < len(words):
            c = cover[i]
            if c is not None and c.type != "PER":
                i = c.tok[1]
                continue
            hit = title_before(words, i, spans, blocked)
            if hit is None:
                i += 1
                continue
            if chain_to != i:
                pending = []
            chain_to = None
            nt = hit.name_tok
            person = per_at.get(nt) if nt is not None else None
            if person is None and nt is not None:
                other = cover[nt]
                if (
                    other is not None and other.source == "ner" and other.tok[0] == nt and not other.kb
                    and _plausible(words, other.tok[0], other.tok[1], "PER")
                ):
                    other.type = "PER"  # the model's ORG/LOC after a title is a person
                    person = other
                    per_at[nt] = other
            if person is None and nt is not None:
                person = self._fallback_person(text, words, nt, cover, given)
                follow = per_at.get(person.tok[1]) if person is not None else None
                if person is not None and follow is not None and not words[follow.tok[0]].conj:
                    # the title's name runs into a name the model found: عبد العالي | حساني شريف
                    mentions.remove(follow)
                    del per_at[follow.tok[0]]
                    person.end, person.tok, person.kb = follow.end, (person.tok[0], follow.tok[1]), follow.kb
                    person.words = _without_parens(
                        tuple(normalize_str(_display(text[person.start : person.end])).split()))
                if person is not None:
                    mentions.append(person)
                    per_at[person.tok[0]] = person
                    for k in range(person.tok[0], person.tok[1]):
                        cover[k] = person
            span: tuple[int, int] | None = None
            if hit.kind != "honorific" and hit.role_end > hit.tok:
                a, b = hit.tok, hit.role_end
                span = (words[a].start, words[b - 1].end)
                key = role_key(words, a, b, ids)
                if person is not None:
                    person.roles.extend([span, *pending])
                    role_keys.setdefault(key, person)
                elif nt is not None and nt > i and title_before(words, nt, spans) is not None:
                    pending.append(span)
                    chain_to = nt
                elif b > hit.title_end and hit.kind == "title":
                    role_only.append((a, b, key))
            elif person is not None and pending:
                person.roles.extend(pending)
            if person is not None:
                pending = []
            i = max(hit.role_end, i + 1)
            if chain_to is not None:
                i = chain_to
            if person is not None:
                i = max(i, person.tok[1])
        # apposition after a name
        for m in list(per_at.values()):
            app = apposition(words, m.tok[1], spans)
            if app is None:
                continue
            a, b = app
            nxt = b
            if nxt < len(words) and words[nxt].norm in (",", "،"):
                nxt += 1
            if nxt in per_at:
                continue  # the title belongs to the next name
            m.roles.append((words[a].start, words[b - 1].end))
            role_keys.setdefault(role_key(words, a, b, ids), m)
        by_kb: dict[str, Mention] = {m.kb: m for m in mentions if m.kb and m.type == "PER"}
        for a, b, key in role_only:
            holder = role_keys.get(key)
            if holder is None and len(day) == 10:
                holder = _office_holder(key, kb, day, by_kb)
            if holder is not None:
                holder.roles.append((words[a].start, words[b - 1].end))
                role_mention = self._mention(text, words, a, b, "PER", source="role")
                role_mention.alias_of = holder
                mentions.append(role_mention)

    def _fallback_person(
        self, text: str, words: Sequence[Word], k: int, cover: Sequence[Mention | None],
        given: frozenset[str],
    ) -> Mention | None:
        """A name after a title when neither the KB nor the model found one."""
        if k >= len(words) or cover[k] is not None:
            return None
        w = words[k]
        if w.kind != "word" or w.conj or w.prep or w.definite or any(
            seg.kind == "enclitic" for seg in w.tok.segments
        ):
            return None
        counts = _counts()
        end = k + 1
        if w.core in ("عبد", "ابو") and k + 1 < len(words) and words[k + 1].definite:
            end = k + 2  # عبد العالي، أبو الغيط
        elif w.core not in given and (
            counts.get(w.norm, 0) > 5 or w.norm[:1] in "وفبلكيت"
            or (w.norm.endswith("ي") and counts.get(w.norm, 0) > 0)  # an adjective (مسيحي)
        ):
            # a common word, one with a clitic or a verb's prefix (يستقبل، تلقى), not an
            # unknown foreign name
            return None
        end = chain_end(words, end)
        # up to two family-name words: known names, or words news text does not use
        for _ in range(2):
            if end >= len(words):
                break
            nxt = words[end]
            if (
                nxt.kind != "word" or nxt.conj or nxt.prep or nxt.brk or cover[end] is not None
                or (nxt.norm in _common() and nxt.core not in given) or title_at(words, end) is not None
            ):
                break
            if not (nxt.core in given or counts.get(nxt.norm, 0) <= 5 or nxt.definite):
                break
            end += 1
            if nxt.definite:
                break
        return self._mention(text, words, k, end, "PER", source="title")

    def _parens(self, text: str, words: Sequence[Word], mentions: list[Mention], starts: Sequence[int]) -> None:
        """``X (Y)``: Y is another name of X (an acronym or alias)."""
        by_end = {m.tok[1]: idx for idx, m in enumerate(mentions)}
        by_span = {m.tok: idx for idx, m in enumerate(mentions)}
        for end_tok, idx in list(by_end.items()):
            m = mentions[idx]
            if m.type == "PER" or end_tok >= len(words) or words[end_tok].norm not in _PAREN_OPEN:
                continue
            close = next((j for j in range(end_tok + 1, min(end_tok + 6, len(words)))
                          if words[j].norm in _PAREN_CLOSE), None)
            if close is None or close == end_tok + 1:
                continue
            a, b = end_tok + 1, close
            if any(words[j].kind == "number" for j in range(a, b)):
                continue
            inner = by_span.get((a, b))
            if inner is not None:
                other = mentions[inner]
                if other.type == m.type and (not other.kb or not m.kb or other.kb == m.kb):
                    other.alias_of = m
                continue
            if any(x.tok[0] < b and a < x.tok[1] for x in mentions):
                continue
            if not _alias_like(words, a, b):
                continue
            alias = self._mention(text, words, a, b, m.type, source="paren")
            alias.alias_of = m
            mentions.append(alias)

    def _entities(
        self, text: str, words: Sequence[Word], mentions: list[Mention], kb: KB,
        nisba_of: dict[str, str],
    ) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for members in group(mentions):
            ms = [mentions[k] for k in sorted(members, key=lambda k: mentions[k].start)]
            if all(m.source == "ner" and len(m.words) == 1 and not m.kb for m in ms) and (
                (ms[0].type == "PER" and not _lone_name_ok(ms))
                or (ms[0].type == "LOC" and not _place_like(words, ms))
            ):
                continue  # a lone one-word name from the model alone: too often a common word
            etype = _vote(ms)
            kb_id = next((m.kb for m in ms if m.kb), None)
            entry = kb.find(kb_id) if kb_id else None
            if entry is not None and entry.type != etype:
                etype = entry.type
            named = [m for m in ms if m.source != "role"] or ms
            best = max(named, key=lambda m: (len(m.words), m.end - m.start, -m.start))
            if entry is not None:
                # the KB's canonical form when the text has it (not السلطان هيثم بن طارق)
                canon = tuple(normalize_str(entry.name_ar).split())
                best = next((m for m in named if m.words == canon), best)
            name = _display(text[best.start : best.end])
            if entry is not None:
                name_en: str | None = entry.name_en
                if len(normalize_str(entry.name_ar).split()) > len(best.words):
                    name = entry.name_ar  # the KB's fuller form (بايدن → جو بايدن)
            elif any(m.name_en for m in ms):
                name_en = next(m.name_en for m in ms if m.name_en)
            elif best.head_en:
                name_en = org_english(best.head_en, best.words[1:], kb, nisba_of)
            else:
                name_en = transliterate(name) or None
            mention_spans = sorted({(m.start, m.end) for m in ms})
            role_spans = sorted({r for m in ms for r in m.roles}) if etype == "PER" else []
            out.append({
                "id": f"e{len(out) + 1}",
                "type": etype,
                "name": name,
                "name_en": name_en,
                "kb": kb_id,
                "mentions": [{"start": s, "end": e, "text": text[s:e]} for s, e in mention_spans],
                "roles": [{"start": s, "end": e, "text": text[s:e]} for s, e in role_spans],
            })
        return out


@cache
def _ambiguous() -> dict[tuple[str, str], tuple[str, frozenset[str], frozenset[str]]]:
    table = {}
    for row in read_rows("entity_ambiguous.tsv"):
        name, default, alternative, context = row[:4]
        unless = row[4] if len(row) > 4 else ""
        table[(normalize_str(name), default)] = (
            alternative, frozenset(filter(None, context.split(","))), frozenset(filter(None, unless.split(",")))
        )
    return table


def _disambiguate_places(entities: list[dict[str, Any]], nisba_ids: set[str], kb: KB) -> None:
    """"في عمان" in an article about Jordan is Amman, not Oman (``entity_ambiguous.tsv``)."""
    linked = {e["kb"] for e in entities if e["kb"]} | nisba_ids
    for ent in entities:
        names = {normalize_str(m["text"]) for m in ent["mentions"]}
        if len(names) != 1 or not ent["kb"]:
            continue
        rule = _ambiguous().get((names.pop(), ent["kb"]))
        if rule is None:
            continue
        alternative, context, unless = rule
        entry = kb.find(alternative)
        if entry is not None and linked & context and not linked & unless:
            ent["kb"], ent["name_en"] = alternative, entry.name_en
            ent["name"] = ent["mentions"][0]["text"]


_MEDIA_WORDS = frozenset(normalize_str(w) for w in ["نيوز", "تايمز", "بوست", "برس", "تريبيون", "جورنال"])
_INNER_STOP = frozenset(normalize_str(w) for w in ["في", "من", "إلى", "عن", "مع", "الذي", "التي", "أن", "إن"])
_NOT_PERSON_CUES = frozenset(
    normalize_str(w) for w in ["عاصفة", "إعصار", "عملية", "منخفض"]  # cores, without ال
)


@cache
def _places() -> frozenset[str]:
    with contextlib.suppress(OSError):
        return frozenset(normalize_str(n) for n in read_column("ner_places.tsv"))
    return frozenset()


_PLACE_CUE_WORDS = frozenset(normalize_str(w) for w in [
    "في", "من", "إلى", "الى", "مدينة", "بلدة", "قرية", "منطقة", "محافظة", "ولاية", "عاصمة", "نحو",
])


def _place_like(words: Sequence[Word], ms: Sequence[Mention]) -> bool:
    """A one-word place from the model alone counts when a place list knows it or a place
    word comes before it (في، مدينة…)."""
    for m in ms:
        if " ".join(m.words) in _places():
            return True
        a = m.tok[0]
        if a > 0 and (words[a - 1].norm in _PLACE_CUE_WORDS or words[a].prep):
            return True
    return False


def _and_word(norm: str) -> bool:
    """Whether a word starting with و reads as و + a word (وآرون، وحل) rather than a name
    that starts with و (وودورد، واتسون)."""
    rest = norm[1:]
    counts = _counts()
    if rest.startswith("و") and (rest in _person_parts() or counts.get(rest, 0) > 0):
        return True  # ووسيم (not وودورد)
    return rest in _person_parts() or counts.get(rest, 0) > counts.get(norm, 0)


def _lone_name_ok(ms: Sequence[Mention]) -> bool:
    """A one-word person from the model alone: kept when the word is a known family name,
    or a word news text never uses that the article repeats (دويسنبرج … دويسنبرج)."""
    word = ms[0].words[0]
    if word in _person_parts() and word not in _given_names():
        return True
    return _counts().get(word, 0) <= (2 if len(ms) == 1 else 5) and not word.endswith("ه")


def _join_adjacent_persons(text: str, words: Sequence[Word], ms: list[Mention]) -> list[Mention]:
    """Two model names that touch (عبد العالي | حساني شريف) are one person's name."""
    ms.sort(key=lambda m: m.tok)
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.type == m.type == "PER" and prev.tok[1] == m.tok[0]
            and not (prev.kb and m.kb) and not words[m.tok[0]].conj
        ):
            prev.end = m.end
            prev.tok = (prev.tok[0], m.tok[1])
            prev.words = _without_parens(tuple(normalize_str(_display(text[prev.start : prev.end])).split()))
            prev.kb = prev.kb or m.kb
            continue
        out.append(m)
    return out


def _trim(text: str, words: Sequence[Word], a: int, b: int) -> tuple[int, int]:
    """A model span without the particles it sometimes takes in (على محمد → محمد)."""
    while a < b and (text[words[a].tok.start : words[a].tok.end] == "على" or words[a].kind != "word"):
        a += 1
    while b > a and (
        words[b - 1].kind not in ("word", "number", "latin") or words[b - 1].surface == "على"
        or words[b - 1].core in _CHAIN_WORDS
    ):
        b -= 1  # a trailing particle or chain word (طارق ابن)
    return a, b


def _plausible(words: Sequence[Word], a: int, b: int, etype: str) -> bool:
    """Whether a model span looks like a name (filters for the model's frequent errors)."""
    if any(words[k].norm in _INNER_STOP or (words[k].brk and k > a) for k in range(a, b)):
        return False
    if (
        b < len(words) and words[b].norm == ":" and (a == 0 or words[a].brk or words[a - 1].brk)
        and (etype != "PER" or words[b - 1].core in _MEDIA_WORDS)
    ):
        return False  # a source line (ميدل ايست نيوز: …), not a mention
    if any(words[k].core in _NOT_PERSON_CUES for k in range(max(a - 3, 0), a)):
        return False  # the storm "دانيال", operation names
    if a > 1 and words[a - 1].norm in ('"', "«", "“") and words[a - 2].core in _NOT_PERSON_CUES:
        return False
    first = words[a]
    if b - a == 1:
        if first.norm in _common() or first.core in _common():
            return False
        if etype == "PER" and (first.definite or first.norm.startswith("ال")) and not (
            first.norm.endswith("ي") and _namelike(first)
        ):
            return False  # a definite word is no name, unless a family nisba (الظواهري)
        if etype != "PER" and not first.definite and first.norm.endswith("ه"):
            return False  # an adjective or common noun (رئاسية، منكوبة), not a place
        if etype == "LOC" and first.definite and first.norm.endswith("ي"):
            return False  # a nisba adjective or family name (البورسعيدي)
        if len(first.norm) > 5 and first.norm.endswith(("هم", "ها", "هما", "كم")):
            return False  # a pronoun suffix the segmenter left on (وباضطرارهم)
    # duals (قوتان عسكريتان) are not names
    if etype == "PER" and any(
        len(words[k].norm) > 4 and words[k].norm.endswith(("تان", "تين")) for k in range(a, b)
    ):
        return False
    if any(words[k].core in _months() for k in range(a, b)):
        return False  # تشرين الأول، ربيع الأول
    if words[a].prep or (words[a].conj and words[a].core not in _person_parts()):
        return False  # ومطاري مروي
    for k in range(a, b):
        w = words[k]
        if "\u064b" in w.surface or any(seg.kind == "enclitic" for seg in w.tok.segments):
            return False  # tanween (غامراً) or a pronoun suffix (مخيمها، قوته): not a name
        if len(w.norm) > 5 and w.norm.endswith(("ها", "هم", "هما", "كم")) and w.core not in _person_parts():
            return False  # a pronoun suffix the segmenter left on (بإنهائها)
        if k > a and not w.definite and w.core not in _person_parts() and (
            w.conj or (w.norm.startswith("و") and _and_word(w.norm))
        ):
            return False  # حكومة وحل المشكلات، لي ريدموند وآرون (not وودورد)
    if etype == "LOC" and words[a].norm.endswith(("يه", "ات")) and words[a].definite:
        return False  # الليبرالية، الديكتاتوريات العربية
    likes = [_namelike(words[k]) for k in range(a, b)]
    if etype == "PER":
        # no common word of news text, no accusative adjective (فرديا رائعا), and at least
        # one known name part or word news text hardly uses (a foreign name)
        counts = _counts()
        for k in range(a, b):
            w = words[k]
            if w.core in _person_parts() or w.core in _CHAIN_WORDS:
                continue
            if counts.get(w.norm, 0) > 50:
                return False
            if w.norm.endswith("يا") and counts.get(w.norm[:-1], 0) >= 5 * (counts.get(w.norm, 0) + 1):
                return False
        return any(likes)
    if etype == "ORG" and first.core in heads() and not first.definite and b - a > 1:
        # a head with an indefinite word is a description (حزب إسلامي), not a name
        return words[a + 1].definite or words[a + 1].prep
    if etype != "PER" and not likes[0]:
        return False
    if etype != "PER" and b - a >= 4 and first.core not in heads():
        return False  # a long run the model took for a name (ميلادي أقدمت قوات …)
    return any(likes)


_CHAIN_WORDS = frozenset(normalize_str(w) for w in ["بن", "بنت", "ابن", "آل", "أبو", "عبد", "ولد", "بني"])


@cache
def _person_parts() -> frozenset[str]:
    names: set[str] = set(_given_names())
    with contextlib.suppress(OSError):
        names.update(normalize_str(n) for n in read_column("ner_family_names.tsv"))
    return frozenset(names)


@cache
def _months() -> frozenset[str]:
    out: set[str] = set()
    for row in read_rows("months.tsv"):
        for cell in row:
            for w in normalize_str(cell).split():
                if len(w) > 2 and not w.isdigit():
                    out.add(w[2:] if w.startswith("ال") else w)
    return frozenset(out)


def _namelike(w: Word) -> bool:
    """A word that can be part of a name: a known given or family name, or a word that
    news text hardly uses (counts from text_wordfreq.tsv), not a month."""
    if w.kind == "latin":
        return True
    if w.kind != "word":
        return False
    if w.core in _person_parts() or w.norm in _person_parts():
        return True
    counts = _counts()
    return counts.get(w.norm, 0) <= 5 and counts.get(w.core, 0) <= 5 and w.core not in _months()


def _alias_like(words: Sequence[Word], a: int, b: int) -> bool:
    """Whether the words in parentheses look like a short name: an acronym, a Latin
    name, or one or two uncommon words (not a description such as أكبر حزب إسلامي)."""
    if b - a > 3:
        return False
    if all(words[k].kind == "latin" for k in range(a, b)):
        return True
    if b - a > 2:
        return False
    return all(words[k].kind == "word" and words[k].norm not in _common() for k in range(a, b))


def _vote(ms: Sequence[Mention]) -> str:
    for source in ("kb", "rule", "title", "ner", "paren"):
        for m in ms:
            if m.source == source and m.kb:
                return m.type
    counts: dict[str, int] = {}
    for m in ms:
        counts[m.type] = counts.get(m.type, 0) + 1
    return max(counts, key=lambda t: counts[t])


@cache
def _offices() -> dict[tuple[str, ...], str]:
    return {
        tuple(_bare_word(normalize_str(w)) for w in row[0].split()): row[1]
        for row in read_rows("entity_offices.tsv") if len(row) >= 2
    }


def _bare_word(w: str) -> str:
    """A word as role keys hold it: no article, no feminine ending (see roles.role_key)."""
    w = w[2:] if w.startswith("ال") and len(w) > 4 else w
    return w[:-1] if w.endswith("ه") and len(w) > 3 else w


def _office_holder(
    key: tuple[str, ...], kb: KB, day: str, by_kb: dict[str, Mention]
) -> Mention | None:
    """The person of this article who held the office a role-only phrase names on ``day``
    (``وزير خارجية المغرب`` → the KB's Moroccan foreign minister, if the article names him)."""
    places = [k for k in key if k.startswith("loc:")]
    words = tuple(_bare_word(k) for k in key if not k.startswith("loc:"))
    office = _offices().get(words)
    if office is None or len(places) != 1:
        return None
    for entry in kb.holders(office, places[0], day):
        if entry.id in by_kb:
            return by_kb[entry.id]
    return None


def _without_parens(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words of a name without a parenthesized insert: السلطة (اللجنة) المستقلة → السلطة المستقلة."""
    if "(" not in "".join(words):
        return words
    out: list[str] = []
    depth = 0
    for w in " ".join(words).replace("(", " ( ").replace(")", " ) ").split():
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(w)
    return tuple(out)


def _display(surface: str) -> str:
    """The canonical form of a mention: ``للأناضول`` → ``الأناضول``."""
    if surface.startswith("لل") and len(surface) > 3:
        return "ال" + surface[2:]
    return surface


@cache
def _generic() -> frozenset[str]:
    """Phrases that look like names but name no particular body (قوات الأمن)."""
    return frozenset(normalize_str(w) for w in read_column("entity_generic.tsv"))


@cache
def _counts() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in read_rows("text_wordfreq.tsv") if len(r) > 1 and r[1].isdigit()}


@cache
def _common() -> frozenset[str]:
    """Frequent words of news text (the top of text_wordfreq.tsv): not names by themselves."""
    return frozenset(read_column("text_wordfreq.tsv")[:2000])


def stages_with_kb(kb_file: str | None) -> list[Any]:
    """The default stages, with the entity stage using ``kb_file`` merged into the KB.

    The file is read and validated here, so that a bad ``--kb`` fails before any input is
    processed (:class:`~marsad.entities.kb.KBFileError`).
    """
    from marsad.pipeline import default_stages

    Gazetteer.builtin(kb_file)  # load and validate now
    return [
        EntitiesStage(kb_file) if isinstance(stage, EntitiesStage) else stage
        for stage in default_stages()
    ]
