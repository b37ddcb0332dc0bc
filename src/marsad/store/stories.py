"""Stories across outlets: near-duplicates and reports of the same event, grouped.

Two articles are linked when any of these holds, and stories are the connected groups:

1. **near-duplicates** — the MinHash estimate of the Jaccard similarity of their word
   3-shingles (normalized, stemmed) is at least ``near_dup`` (a wire story republished);
2. **same event** — both dated, within ``max_days`` of each other, and they report an event
   of one type with two same participants (actors/targets), one of them a person or an
   organisation (five outlets' reports of one phone call between the same two leaders), or
   one such shared person/organisation and bodies at least half as similar as rule 3 asks;
3. **same content** — the Jaccard similarity of their term sets is at least ``same_terms``
   (within ``max_days`` when both are dated), or their titles share at least ``same_title``
   of their terms and their bodies at least half of ``same_terms``. This is the fallback that
   still works when no entities or events were extracted.

Sharing entities alone never links two articles: Washington and the UN appear in many
unrelated stories. Candidate pairs come from MinHash LSH indexes (stored at ingest) and from
event-frame blocks, so the work grows with the number of similar pairs, not with the square
of the corpus.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from marsad.store.base import MINHASH_SCHEME, NUM_PERM

__all__ = ["cluster"]


def _sig(blob: bytes | None) -> np.ndarray[Any, np.dtype[np.uint64]] | None:
    if not blob:
        return None
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)


def _jaccard(a: np.ndarray[Any, Any] | None, b: np.ndarray[Any, Any] | None) -> float:
    if a is None or b is None:
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _minhash(sig: np.ndarray[Any, Any]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=sig, scheme=MINHASH_SCHEME)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _frame_pairs(rows: list[dict[str, Any]], max_days: int) -> set[tuple[int, int]]:
    """Pairs of dated articles within ``max_days`` that share an event frame (type + participant)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row["_day"] is not None:
            for frame in row["frames"]:
                blocks[frame].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        dated = sorted(members, key=lambda i: (rows[i]["_day"], i))
        for pos, i in enumerate(dated):
            for j in dated[pos + 1:]:
                if (rows[j]["_day"] - rows[i]["_day"]).days > max_days:
                    break
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _linked(a: dict[str, Any], b: dict[str, Any], *, near_dup: float, same_terms: float, same_title: float,
            max_days: int) -> bool:
    if _jaccard(a["_shingles"], b["_shingles"]) >= near_dup:
        return True
    body = _jaccard(a["_terms"], b["_terms"])
    if a["_day"] is None or b["_day"] is None:
        return body >= same_terms  # without dates only the content can tell
    if abs((a["_day"] - b["_day"]).days) > max_days:
        return False
    # Frames are TYPE|participant|PER/ORG/LOC. Places alone say little (every report of the
    # war has "ASSAULT|Gaza"), so a link needs a person or organisation in common.
    shared = a["frames"] & b["frames"]
    per_type: dict[str, int] = defaultdict(int)
    named: set[str] = set()
    for frame in shared:
        etype, kind = frame.split("|", 1)[0], frame.rsplit("|", 1)[-1]
        per_type[etype] += 1
        if kind in ("PER", "ORG"):
            named.add(etype)
    if any(per_type[t] >= 2 for t in named) or (named and body >= same_terms / 2):
        return True
    if body >= same_terms:
        return True
    ta, tb = a["title_terms"], b["title_terms"]
    title = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    return title >= same_title and body >= same_terms / 2


def cluster(rows: Iterable[dict[str, Any]], *, near_dup: float = 0.6, same_terms: float = 0.3,
            same_title: float = 0.5, max_days: int = 3, min_size: int = 2) -> list[dict[str, Any]]:
    """Stories as ``{"id", "title", "articles", "outlets", "first_seen", "last_seen"}``, biggest first.

    ``rows`` are :meth:`marsad.store.base.Store.story_rows`, in ingest order.
    """
    items = list(rows)
    for row in items:
        row["_terms"] = _sig(row["sig_terms"])
        row["_shingles"] = _sig(row["sig_shingles"])
        row["_day"] = _day(row["day"])
    union = _Union(len(items))
    options = {"near_dup": near_dup, "same_terms": same_terms, "same_title": same_title, "max_days": max_days}
    # Near-duplicates collapse onto the first copy seen (its representative); only
    # representatives enter the indexes, so a wire story copied 500 times costs 500 lookups,
    # not 125,000 pair checks.
    dups = MinHashLSH(threshold=near_dup, num_perm=NUM_PERM)
    similar = MinHashLSH(threshold=same_terms / 2, num_perm=NUM_PERM)
    for i, row in enumerate(items):
        shingle_sig, term_sig = row["_shingles"], row["_terms"]
        if shingle_sig is not None:
            shingle_hash = _minhash(shingle_sig)
            rep = next((j for j in sorted(dups.query(shingle_hash))
                        if _jaccard(shingle_sig, items[j]["_shingles"]) >= near_dup), None)
            if rep is not None:
                union.join(i, rep)
                continue
            dups.insert(i, shingle_hash, check_duplication=False)
        if term_sig is not None:
            term_hash = _minhash(term_sig)
            for j in sorted(similar.query(term_hash)):
                if union.find(i) != union.find(j) and _linked(row, items[j], **options):  # type: ignore[arg-type]
                    union.join(i, j)
            similar.insert(i, term_hash, check_duplication=False)
    for i, j in sorted(_frame_pairs(items, max_days)):
        if union.find(i) != union.find(j) and _linked(items[i], items[j], **options):  # type: ignore[arg-type]
            union.join(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[union.find(i)].append(i)
    stories: list[dict[str, Any]] = []
    for members in groups.values():
        if len(members) < min_size:
            continue
        arts = sorted((items[i] for i in members), key=lambda r: (r["published"] or r["day"] or "9999", r["pk"]))
        days = [r["published"] or r["day"] for r in arts if r["published"] or r["day"]]
        first = min(members, key=lambda i: items[i]["pk"])
        titled = next((r["title"] for r in arts if r["title"]), None)
        stories.append({
            "id": "s" + hashlib.sha256(str(items[first]["id"]).encode("utf-8", "surrogatepass")).hexdigest()[:12],
            "title": titled,
            "articles": [r["id"] for r in arts],
            "outlets": sorted({r["outlet"] for r in arts if r["outlet"]}),
            "first_seen": min(days) if days else None,
            "last_seen": max(days) if days else None,
        })
    stories.sort(key=lambda s: (-len(s["articles"]), s["first_seen"] or "", s["id"]))
    return stories
