"""News rules over tokens: organization and place heads, titles that introduce persons,
name chains, and aliases in parentheses.

The rules read :class:`Word` views of the article's tokens (the word without its
conjunction or preposition, whether it carries the article) and the words of
``lexicons/data/entity_titles.tsv`` and ``entity_org_heads.tsv``; they return token ranges,
which the stage turns into mentions and roles.

>>> from marsad.text import tokenize
>>> text = "قالت وزارة الخارجية الإيرانية اليوم"
>>> words = words_of(text, tokenize(text))
>>> [(text[words[a].start:words[b - 1].end], t) for a, b, t, _ in org_extents(words)]
[('وزارة الخارجية الإيرانية', 'ORG')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from marsad.lexicons import read_column, read_rows
from marsad.text.normalize import normalize_str
from marsad.text.tokens import Token

__all__ = [
    "Word",
    "chain_end",
    "heads",
    "org_extents",
    "phrase_end",
    "title_at",
    "titles",
    "words_of",
]

ARTICLE = "ال"
# Definite words that end a name (time words, relative pronouns, ordinals…): data file.
_STOP = frozenset(normalize_str(w) for w in read_column("entity_stopwords.tsv"))
# Words that may follow a head without the article and still belong to a name.
_NAME_CHAIN = frozenset(
    normalize_str(w) for w in ["بن", "بنت", "ابن", "آل", "أبو", "أبي", "أم", "عبد", "ولد", "بني", "بو"]
)
_GENITIVE_PARTICLE = frozenset({"باسم"})
_PLACE_PARTICLES = frozenset({"في", "لدي"})
_NUMBERED_HEADS = frozenset(normalize_str(w) for w in ["لواء", "فرقة", "كتيبة", "مجموعة", "قوة", "فوج"])
_BARE_HEADS = frozenset(normalize_str(w) for w in ["حكومة", "جيش", "برلمان", "شرطة"])
_DEFINITE_WORDS = frozenset({"الله"})


@dataclass(frozen=True, slots=True)
class Word:
    """One token as the rules see it.

    ``core``: the normalized word without proclitics or article; ``definite``: it carries
    the article; ``conj``: a conjunction و/ف is written onto it; ``prep``: ب/ل/ك is;
    ``start``: where a name starting here begins (after conjunction and preposition);
    ``brk``: a line break or sentence punctuation comes before it.
    """

    tok: Token
    norm: str
    core: str
    definite: bool
    conj: bool
    prep: bool
    start: int
    end: int
    kind: str
    brk: bool
    surface: str = ""


def words_of(text: str, tokens: Sequence[Token]) -> list[Word]:
    out: list[Word] = []
    prev_end = tokens[0].start if tokens else 0
    for tok in tokens:
        brk = "\n" in text[prev_end : tok.start]
        prev_end = tok.end
        definite = conj = prep = False
        start = tok.start
        core = tok.norm
        if tok.kind == "word" and tok.segments:
            segs = tok.segments
            k = 0
            while k < len(segs) and segs[k].kind == "proclitic" and segs[k].norm != ARTICLE:
                if segs[k].norm in ("و", "ف"):
                    conj = True
                else:
                    prep = True
                k += 1
            if k < len(segs):
                seg = segs[k]
                if seg.kind == "proclitic" and seg.norm == ARTICLE:
                    definite = True
                    # after ل the article's alef is gone (للبيت): the whole word is the name
                    start = seg.start if seg.end - seg.start == 2 or not k else segs[k - 1].start
                else:
                    start = seg.start
            core = "".join(s.norm for s in segs if s.kind == "stem") or tok.norm
            if tok.norm in _DEFINITE_WORDS:
                definite = True
        out.append(Word(tok, tok.norm, core, definite, conj, prep, start, tok.end, tok.kind, brk,
                        text[start : tok.end]))
    return out


def _key(word: str) -> str:
    w = normalize_str(word)
    return w[2:] if w.startswith(ARTICLE) and len(w) > 4 else w


@cache
def titles() -> dict[tuple[str, ...], tuple[str, str]]:
    """Title phrases (tuples of normalized words) → (kind, English).

    Titles are keyed without the article (وزير، الوزير → ``وزير``); honorifics with it as
    written (الشيخ، الأمير), so that ``الأمير`` (an honorific) and ``أمير قطر`` (a title)
    stay apart.
    """
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in read_rows("entity_titles.tsv"):
        if len(row) >= 3:
            if row[1] == "honorific":
                key = tuple(normalize_str(w) for w in row[0].split())
            else:
                key = tuple(_key(w) for w in row[0].split())
            out.setdefault(key, (row[1], row[2]))
    return out


@cache
def _title_firsts() -> frozenset[str]:
    return frozenset(key[0] for key in titles())


@cache
def heads() -> dict[str, tuple[str, str, bool, bool]]:
    """Organization and place head nouns (normalized) → (type, English, open, weak)."""
    out: dict[str, tuple[str, str, bool, bool]] = {}
    for row in read_rows("entity_org_heads.tsv"):
        if len(row) >= 3:
            settings = set(row[3].split(",")) if len(row) > 3 else set()
            out[normalize_str(row[0])] = (row[1], row[2], "open" in settings or "weak" in settings,
                                          "weak" in settings)
    return out


def _usable(w: Word) -> bool:
    return w.kind == "word" and not w.brk and w.norm not in _STOP


def title_at(words: Sequence[Word], i: int) -> tuple[int, str, str] | None:
    """The title phrase starting at word ``i``: (end index, kind, English), longest first."""
    table = titles()
    w = words[i]
    if w.kind != "word" and w.norm != "د.":
        return None
    first_written = ("ال" + w.core) if w.definite else w.core
    firsts = _title_firsts()
    if w.core not in firsts and first_written not in firsts and w.norm not in firsts:
        return None
    for n in (3, 2, 1):
        if i + n > len(words):
            continue
        if any(words[i + k].conj or words[i + k].prep for k in range(1, n)):
            continue
        rest = tuple(words[i + k].norm for k in range(1, n))
        hit = table.get((first_written, *rest))  # honorifics, as written
        if hit is None or hit[0] != "honorific":
            hit = table.get((w.core, *(_key(x) for x in rest)))
        if hit is None and n == 1 and w.norm == "د.":
            hit = table.get(("د.",))
        if hit is not None and w.core == "امر" and not w.surface.startswith("آ"):
            hit = None  # أمر (ordered), not آمر (commander)
        if hit is not None:
            return i + n, hit[0], hit[1]
    return None


def adjective_like(core: str) -> bool:
    """Whether a word (without article) can be an adjective in a name: a nisba (ي، ية،
    يين…), a participle (م…: المستقلة، المسلحة) or one of ``entity_adjectives.tsv``."""
    return (
        core.endswith(("ي", "يه", "يين", "يون", "يات"))
        or (core.startswith("م") and len(core) >= 4)
        or core in _adjectives()
    )


@cache
def _adjectives() -> frozenset[str]:
    return frozenset(_key(w) for w in read_column("entity_adjectives.tsv"))


def phrase_end(
    words: Sequence[Word],
    i: int,
    *,
    blocked: Sequence[bool] | None = None,
    limit: int = 8,
    titles_ok: bool = False,
    spans: dict[int, int] | None = None,
    construct: bool = True,
    head_definite: bool = False,
) -> int:
    """The end of a noun phrase's complements starting at word ``i``.

    After an indefinite head (وزارة، رئيس) the first complement is a genitive noun
    (الخارجية), or an indefinite noun in a construct chain (مجتمع السلم); after that, and
    after a definite head (المجلس، الرئيس), only adjective-like words follow
    (:func:`adjective_like`: الرئاسي الليبي, not الغاز). ``ل`` + a definite word
    (للانتخابات) is a genitive, ``باسم`` opens one. In role phrases (``titles_ok``) titles,
    heads and known names (``spans``: first word → end of a gazetteer name) are complements
    too. Honorifics, titles after an organization, stop words and line breaks end it.
    """
    j = i
    head_table = heads()
    coordinate = not titles_ok
    need_adj = head_definite
    while j < len(words) and j - i < limit:
        w = words[j]
        if titles_ok and spans and j in spans and not w.conj:
            j = spans[j]
            need_adj = True
            continue
        if titles_ok and spans and j > i and w.norm in _PLACE_PARTICLES and j + 1 in spans:
            j = spans[j + 1]  # زعيم حماس في غزة، سفير فلسطين لدى الأمم المتحدة
            need_adj = True
            continue
        if w.kind == "number" and j > 0 and not w.brk and j == i:
            return j + 1  # اللواء 444: a number ends the name
        if (
            w.norm == "(" and j + 2 < len(words) and words[j + 2].norm == ")"
            and j + 3 < len(words) and _usable(words[j + 3]) and words[j + 3].definite
            and words[j + 1].kind == "word"
        ):
            j += 3  # السلطة (اللجنة) المستقلة: an alternative name in parentheses
            continue
        if not _usable(w) or (blocked is not None and blocked[j]):
            break
        hit = title_at(words, j) if w.kind == "word" else None
        if hit is not None and hit[1] == "honorific":
            break
        if w.conj:
            # one coordinated definite word inside an organization's name (…والدعم الليبي)
            if not (coordinate and j > i and w.definite and not w.prep and not (spans and j in spans)):
                break
            coordinate = False
            j += 1
            need_adj = True
            continue
        if w.norm in _GENITIVE_PARTICLE:
            j += 1
            need_adj = False
            continue
        if w.definite and not w.prep:
            if hit is not None and not titles_ok and j > i:
                break  # a title after an organization opens a person: اللواء 444 العقيد
            if need_adj and not adjective_like(w.core):
                break
            j += 1
            need_adj = True
            continue
        if w.prep and w.norm.startswith("لل") and w.definite and not (head_definite and j == i):
            j += 1
            need_adj = False  # its own adjective may follow: للصليب الأحمر
            continue
        if titles_ok and not w.definite and not w.prep and (w.core in head_table or hit is not None):
            j += 1
            need_adj = False
            continue
        if titles_ok and w.prep and w.norm.startswith("ل") and w.core in head_table and j > i:
            j += 1  # السكرتير الأول لجبهة القوى الاشتراكية
            need_adj = False
            continue
        nxt = words[j + 1] if j + 1 < len(words) else None
        if (
            not w.definite and not w.prep and w.core not in _NAME_CHAIN
            and nxt is not None and _usable(nxt) and nxt.definite and not nxt.conj and not nxt.prep
            and j == i and construct and (title_at(words, j + 1) or ("", ""))[1] != "honorific"
        ):
            j += 2  # construct chain: مجتمع السلم
            need_adj = True
            continue
        break
    return j


def org_extents(
    words: Sequence[Word], spans: dict[int, int] | None = None, nisba: frozenset[int] = frozenset(),
    persons: frozenset[int] = frozenset(),
) -> list[tuple[int, int, str, str]]:
    """Organization and place names opened by a head noun: (first, end, type, English head).

    ORG heads take the complements of :func:`phrase_end`; a LOC head takes one or two
    following words that look like a name (not common words of news text).
    """
    table = heads()
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(words):
        w = words[i]
        hit = table.get(w.core) if w.kind == "word" and not w.brk else None
        if hit is not None and any(seg.kind == "enclitic" for seg in w.tok.segments):
            hit = None  # جهازه الفني: a pronoun makes it a common noun
        if hit is None:
            i += 1
            continue
        etype, english, open_, weak = hit
        quoted = _quoted_name(words, i + 1)
        if quoted is not None and etype == "ORG":
            out.append((quoted[0], quoted[1], etype, ""))  # شركة "كابيتال تاب القابضة"
            i = quoted[1] + 1
            continue
        eponym = _eponym_end(words, i + 1)
        if eponym is not None:
            out.append((i, eponym, etype, english))  # مطار الملك خالد الدولي، جامعة الملك سعود
            i = eponym
            continue
        if weak:
            i += 1
            continue
        if open_:
            blocked = [k in persons for k in range(len(words))] if persons else None
            end = phrase_end(words, i + 1, spans=spans, construct=not w.definite,
                             head_definite=w.definite, blocked=blocked)
            if end == i + 2 and words[i + 1].kind == "number" and w.core not in _NUMBERED_HEADS:
                end = i + 1  # الهيئة 2 is no name; اللواء 444 is
            # "الوزارة الفلسطينية" refers back to a ministry named before; only some heads
            # make a name with a nationality adjective alone (الحكومة الروسية، الجيش السوداني)
            only_nisba = all(k in nisba for k in range(i + 1, end))
            if only_nisba and w.definite and w.core not in _BARE_HEADS:
                end = i + 1
            if end > i + 1:
                out.append((i, end, etype, english))
                i = end
                continue
        else:
            end = _place_end(words, i + 1)
            if end > i + 1:
                out.append((i, end, etype, english))
                i = end
                continue
        i += 1
    return out


# Titles of the people places and institutions are named after (مطار الملك خالد).
_EPONYM_TITLES = frozenset({"ملك", "امير", "شيخ", "سلطان", "امام", "رييس", "شهيد", "سيده", "اميره"})


def _eponym_end(words: Sequence[Word], j: int) -> int | None:
    """A head noun named after a titled person: "<head> الملك خالد [بن …] [الدولي]".

    Returns the end of the whole name, so that the person's name inside it is no mention of
    the person (the airport is not the king)."""
    if j + 1 >= len(words):
        return None
    title, name = words[j], words[j + 1]
    if not (title.definite and title.core in _EPONYM_TITLES and not title.conj and not title.prep):
        return None
    if not _usable(name) or name.kind != "word" or name.definite or name.conj or name.prep or name.brk:
        return None
    end = chain_end(words, j + 2)
    if end < len(words) and _usable(words[end]) and words[end].definite and not words[end].conj \
            and adjective_like(words[end].core):
        end += 1  # الدولي، التخصصي
    return end


_OPEN_QUOTES = frozenset({'"', "'"})


def _quoted_name(words: Sequence[Word], j: int) -> tuple[int, int] | None:
    """``"X Y"`` right after a head noun: the words inside the quotes (1 to 5 words)."""
    if j >= len(words) or words[j].norm not in _OPEN_QUOTES:
        return None
    k = j + 1
    while k < len(words) and k - j <= 6 and words[k].norm not in _OPEN_QUOTES:
        if words[k].brk or words[k].kind not in ("word", "latin", "number"):
            return None
        k += 1
    if k >= len(words) or words[k].norm not in _OPEN_QUOTES or k == j + 1 or k - j > 6:
        return None
    return j + 1, k


@cache
def _word_counts() -> dict[str, int]:
    return {r[0]: int(r[1]) for r in read_rows("text_wordfreq.tsv") if len(r) > 1 and r[1].isdigit()}


def _place_end(words: Sequence[Word], i: int) -> int:
    """After a place head (منطقة، مديرية…): a rare word, or a chain word and a rare word."""
    if i >= len(words):
        return i
    w = words[i]
    if not _usable(w) or w.conj or w.prep or (words[i - 1].definite and not w.definite):
        return i  # a definite head takes a definite word (المدينة العتيقة، not المحافظة دعمت)
    counts = _word_counts()
    j = i
    if w.core in _NAME_CHAIN and i + 1 < len(words) and _usable(words[i + 1]):
        j = i + 1  # بني معاذ، آل سالم
    target = words[j]
    if (
        target.conj or target.prep or target.kind != "word" or target.norm.endswith(("يه", "ات"))
        or (not target.definite and (len(target.norm) < 4 or target.norm.endswith("ي")
                                     or target.norm.startswith("مت")))
    ):
        return i  # adjectives and plurals (جزيرة نائية، شارع داخلي، منطقة متنازع) are no names
    if j == i and (counts.get(target.norm, 0) > 3 or counts.get(target.core, 0) > 8):
        return i
    if target.core in heads() or title_at(words, j):
        return i
    return j + 1


def chain_end(words: Sequence[Word], i: int, limit: int = 6) -> int:
    """Extend a person name that ends before word ``i`` over بن/بنت/آل/أبو/عبد chains.

    ``تميم`` + ``بن حمد آل ثاني`` → the end after ``ثاني``.
    """
    j = i
    while j + 1 < len(words) and j - i < limit:
        w = words[j]
        if not _usable(w) or w.conj or w.prep or w.core not in _NAME_CHAIN:
            break
        nxt = words[j + 1]
        if not _usable(nxt) or nxt.conj or nxt.prep:
            break
        j += 2
        # عبد + الرحمن: the chain word's noun may itself be عبد …
        if nxt.core == "عبد" and j < len(words) and _usable(words[j]) and words[j].definite:
            j += 1
    return j
