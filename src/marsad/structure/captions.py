"""Photo captions and their credits.

A caption is recognised by how it is credited, never by its wording:

* a credit at its end after a separator: "… - رويترز", "…/الأناضول", "… (أ ف ب)",
  "…، أرشيفية/ رويترز" (credits in ``lexicons/data/credits.tsv``);
* a photographer cue: "… تصوير : محمد هشام";
* an opening cue: "Image caption …", "صورة نشرتها <credit> …" (``caption_cues.tsv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from marsad.lexicons import read_column, read_rows
from marsad.structure.lines import Line
from marsad.text.normalize import normalize_str

__all__ = ["Caption", "match_caption"]

MAX_CAPTION_WORDS = 45


@dataclass(frozen=True, slots=True)
class Caption:
    start: int  # absolute offsets of the caption text (credit and cue excluded)
    end: int
    credit: str | None
    rule: str


@cache
def _credits() -> frozenset[str]:
    return frozenset(normalize_str(c).lower() for c in read_column("credits.tsv"))


@cache
def _cues() -> list[tuple[str, str]]:
    return sorted(((normalize_str(p).lower(), k) for p, k in read_rows("caption_cues.tsv")),
                  key=lambda kv: -len(kv[0]))


# The tail of a caption line: separator, optional "archive" word, credit.
_CREDIT_TAIL = regex.compile(
    r"(?:\s+[-–—]\s*|\s*/\s*|\s*\(\s*)"          # " - ", "/", "("
    r"(?P<credit>[^/()\-–—]{1,40}?)"            # the credit itself
    r"\s*\)?\s*[.]?$"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "-–—/،,:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "-–—/،,:"):
        end -= 1
    return start, end


def _is_credit(name: str) -> bool:
    norm = normalize_str(name).strip(" .").lower()
    return norm in _credits() or (
        "/" in norm and all(p.strip() in _credits() for p in norm.split("/") if p.strip())
    )


def _credit_at_end(text: str, line: Line) -> Caption | None:
    m = _CREDIT_TAIL.search(text, line.start, line.end)
    if not m or not _is_credit(m.group("credit")):
        return None
    credit = m.group("credit").strip()
    start, end = _trim(text, line.start, m.start())
    # "… جو بايدن، أرشيفية/ رويترز": the archive note stays in the caption text (it
    # describes the photo); the agency after the last separator is the credit.
    if start >= end:
        return None
    return Caption(start, end, credit, "credit-at-end")


def _photographer(text: str, line: Line) -> Caption | None:
    low = line.norm.lower()
    for cue, kind in _cues():
        if kind != "credit":
            continue
        at = low.rfind(cue)
        if at <= 0:
            continue
        credit = line.text[at + len(cue):].strip(" :.-")
        if not credit or len(credit.split()) > 5:
            continue
        start, end = _trim(text, line.start, line.start + at)
        return Caption(*_undouble(text, start, end), credit, "photographer") if start < end else None
    return None


def _undouble(text: str, start: int, end: int) -> tuple[int, int]:
    """A caption scraped twice ("X X", alt text then caption) keeps one copy."""
    chunk = text[start:end]
    half = len(chunk) // 2
    for mid in (half, half + 1, half - 1):
        left, right = chunk[:mid].strip(), chunk[mid:].strip()
        if left and left == right:
            return start, start + len(chunk[:mid].rstrip())
    return start, end


def _opening_cue(text: str, line: Line) -> Caption | None:
    low = line.norm.lower()
    for cue, kind in _cues():
        if kind not in ("prefix", "source") or not low.startswith(cue):
            continue
        rest = line.start + len(cue)
        if kind == "prefix":
            start, end = _trim(text, rest, line.end)
            return Caption(start, end, None, "caption-prefix") if start < end else None
        # "صورة نشرتها صفحة صوت الشارع (فيسبوك) وصول العاصفة…": the credit runs to the
        # closing parenthesis of the platform name, or to the first comma or colon.
        window = text[rest:line.end]
        close = window.find(")")
        stop = close + 1 if 0 <= close <= 80 else next(
            (i for i, ch in enumerate(window) if ch in "،,:"), -1)
        if stop <= 0:
            start, end = _trim(text, rest, line.end)
            return Caption(start, end, None, "caption-source") if start < end else None
        credit = window[:stop].strip()
        start, end = _trim(text, rest + stop, line.end)
        while end > start and text[end - 1] in ".":
            end -= 1
        return Caption(start, end, credit, "caption-source") if start < end else None
    return None


def match_caption(text: str, line: Line) -> Caption | None:
    """The caption in this line, if the line is one.

    >>> t = "الوزير خلال المؤتمر الصحفي - رويترز"
    >>> from marsad.structure.lines import piece
    >>> c = match_caption(t, piece(t, 0, len(t)))
    >>> t[c.start:c.end], c.credit
    ('الوزير خلال المؤتمر الصحفي', 'رويترز')
    """
    if line.words > MAX_CAPTION_WORDS:
        return None
    return _opening_cue(text, line) or _photographer(text, line) or _credit_at_end(text, line)
