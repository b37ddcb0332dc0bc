"""The store interface: one class of queries over two SQL back-ends.

:class:`Store` holds every query Marsad asks of its knowledge base, written once in the SQL
that SQLite and PostgreSQL share (``?`` placeholders, rewritten for psycopg). A back-end
supplies the connection, transactions, and the two things that differ: how the search
index is written and how it is matched. Ranking, snippets, entity resolution, figures and
stories are computed here in Python from what the index returns, so both back-ends give
identical answers to the same questions.

Articles are versioned by ``key`` (their URL, else their id): storing an object whose
canonical JSON hash equals the current version's is a no-op (``unchanged``); a different
hash adds version n+1 and makes it current (``updated``). Queries only see current versions.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any, ClassVar, Literal

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]
from rapidfuzz import fuzz, process

from marsad.errors import MarsadError
from marsad.store.analyze import shingles, snippet, terms
from marsad.text import normalize_str

__all__ = ["CUMULATIVE", "MINHASH_SCHEME", "NUM_PERM", "Hit", "Outcome", "Store", "StoreError", "article_hash"]

Outcome = Literal["new", "unchanged", "updated"]
NUM_PERM = 64
MINHASH_SCHEME = "affine32"
# Categories whose reported figures are running totals: a later figure below an earlier one
# for the same place is worth a second look.
CUMULATIVE = frozenset({"killed", "injured", "missing", "displaced", "detained"})
# Search: how many candidates the index hands over for exact re-ranking.
_CANDIDATES = 200
_BM25_K1, _BM25_B = 1.2, 0.75
_DAY = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


class StoreError(MarsadError):
    """E301: the store cannot be opened or used (bad URL, server down, newer schema)."""

    code = "E301"


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str | None
    url: str | None
    published: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "published": self.published,
                "snippet": self.snippet, "score": self.score}


def canonical_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def article_hash(doc: dict[str, Any]) -> str:
    """The content hash of a contract object (its canonical JSON)."""
    return hashlib.sha256(canonical_json(doc).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def day_of(value: object) -> str | None:
    """``2023-12-26T21:03:00+00:00`` → ``2023-12-26``; partial dates are kept as they are."""
    if not isinstance(value, str):
        return None
    m = _DAY.match(value)
    return m.group(0) if m else None


def end_of(day: str) -> str:
    """The last day a (partial) date covers, for inclusive ``<=`` string comparisons.

    >>> end_of("2024"), end_of("2024-03"), end_of("2024-03-05")
    ('2024-12-31', '2024-03-31', '2024-03-05')
    """
    day = day.strip()
    if len(day) == 4:
        return day + "-12-31"
    if len(day) == 7:
        return day + "-31"
    return day


def entity_key(ent: dict[str, Any]) -> str:
    kb = ent.get("kb")
    if isinstance(kb, str) and kb:
        return kb
    return f"{ent.get('type') or 'X'}:{normalize_str(str(ent.get('name') or '')).strip()}"


def _signature(items: set[str]) -> bytes:
    m = MinHash(num_perm=NUM_PERM, seed=7, scheme=MINHASH_SCHEME)
    m.update_batch([s.encode("utf-8", "surrogatepass") for s in items])
    return bytes(np.asarray(m.hashvalues, dtype="<u8").tobytes())


def _blob(value: Any) -> bytes | None:
    if value is None:
        return None
    return bytes(value)


class Store(ABC):
    """A Marsad knowledge base. Use :func:`marsad.store.open_store` to get one."""

    dialect: str = ""
    url: str = ""

    # -- what a back-end supplies ---------------------------------------------------------
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (``?`` placeholders) and return its rows (empty if none)."""

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row (back-ends batch the round trips)."""
        for row in rows:
            self._execute(sql, row)

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A unit of work: committed when the block ends, rolled back if it raises."""

    @abstractmethod
    def _run_script(self, script: str) -> None: ...

    @abstractmethod
    def _index(self, pk: int, terms_text: str) -> None:
        """Add one article's analyzed terms to the search index."""

    @abstractmethod
    def _unindex(self, pk: int) -> None:
        """Take a superseded version out of the search index (only current versions are searched)."""

    @abstractmethod
    def _match(self, query_terms: Sequence[str], where: str, params: Sequence[Any], limit: int) -> list[int]:
        """pks of current articles matching all terms and ``where``, best first."""

    @abstractmethod
    def _count_matching(self, term: str) -> int:
        """How many current articles contain ``term`` (document frequency)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------
    def migrations(self) -> list[tuple[int, str, str]]:
        """``(number, name, sql)`` of this dialect's migrations, in order."""
        folder = files("marsad.store").joinpath("migrations", self.dialect)
        found: list[tuple[int, str, str]] = []
        for entry in folder.iterdir():
            m = re.match(r"^(\d+)_.*\.sql$", entry.name)
            if m:
                found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
        return sorted(found)

    def schema_version(self) -> int:
        self._execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        rows = self._execute("SELECT MAX(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

    def migrate(self) -> int:
        """Apply the migrations this database has not seen yet; returns the schema version."""
        current = self.schema_version()
        known = self.migrations()
        if known and current > known[-1][0]:
            raise StoreError(f"{self.url}: schema version {current} is newer than this Marsad knows "
                             f"({known[-1][0]}); upgrade Marsad")
        for number, name, sql in known:
            if number <= current:
                continue
            with self.transaction():
                self._run_script(sql)
                self._execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                              (number, name, _now()))
            current = number
        return current

    # -- ingest -------------------------------------------------------------------------------
    def input_seen(self, fingerprint: str) -> bool:
        return bool(self._execute("SELECT 1 FROM inputs WHERE fingerprint = ?", (fingerprint,)))

    def put(self, doc: dict[str, Any], fingerprint: str | None = None) -> Outcome:
        """Store one ``marsad.article/1`` object (call inside :meth:`transaction`)."""
        digest = article_hash(doc)
        art_id = str(doc.get("id") or digest[:16])
        key = str(doc.get("url") or art_id)
        rows = self._execute("SELECT pk, hash, version FROM articles WHERE key = ? AND current = 1", (key,))
        outcome: Outcome = "new"
        version = 1
        if rows:
            pk, old_hash, old_version = rows[0]
            if old_hash == digest:
                if fingerprint:
                    self._remember(fingerprint, int(pk))
                return "unchanged"
            self._unindex(int(pk))
            self._execute("UPDATE articles SET current = 0 WHERE key = ?", (key,))
            outcome, version = "updated", int(old_version) + 1
        pk = self._insert_article(doc, art_id, key, version, digest)
        self._insert_layers(pk, doc)
        if fingerprint:
            self._remember(fingerprint, pk)
        return outcome

    def _remember(self, fingerprint: str, pk: int) -> None:
        if not self.input_seen(fingerprint):
            self._execute("INSERT INTO inputs (fingerprint, article_pk) VALUES (?, ?)", (fingerprint, pk))

    def _article_row(self, doc: dict[str, Any], art_id: str, key: str, version: int,
                     digest: str) -> tuple[list[str], list[Any]]:
        title = doc.get("title") or ""
        body = str(doc.get("body") or "") or str(doc.get("text") or "")
        term_list = terms(f"{title}\n{body}")
        terms_text = " ".join(term_list)
        cols = ["id", "key", "version", "current", "hash", "url", "title", "outlet", "author", "published",
                "day", "body", "doc", "terms", "n_terms", "sig_terms", "sig_shingles", "ingested_at"]
        values: list[Any] = [
            art_id, key, version, 1, digest, doc.get("url"), doc.get("title"), doc.get("outlet"),
            doc.get("author"), doc.get("published"), day_of(doc.get("published")), body,
            json.dumps(doc, ensure_ascii=False),
            terms_text, len(term_list), _signature(set(term_list)), _signature(shingles(term_list)), _now(),
        ]
        return cols, values

    def _insert_article(self, doc: dict[str, Any], art_id: str, key: str, version: int, digest: str) -> int:
        cols, values = self._article_row(doc, art_id, key, version, digest)
        rows = self._execute(
            f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) RETURNING pk", values)
        pk = int(rows[0][0])
        self._index(pk, values[cols.index("terms")])
        return pk

    _LAYER_COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        "entities": ("article_pk", "eid", "key", "type", "name", "name_norm", "name_en", "kb", "mentions"),
        "entity_names": ("article_pk", "key", "name", "name_norm"),
        "roles": ("article_pk", "key", "role", "pos_start", "pos_end"),
        "quantities": ("article_pk", "n", "category", "value", "magnitude", "qualifier", "text", "unit", "about_key",
                       "about_name", "as_of", "source", "pos_start", "pos_end"),
        "quotes": ("article_pk", "n", "speaker", "speaker_key", "cue", "content", "direct", "pos_start"),
        "events": ("article_pk", "n", "type", "mode", "status", "day", "location_key", "location_name",
                   "trigger_text", "sentence", "pos_start"),
        "event_parties": ("article_pk", "n", "role", "key", "name"),
    }

    def _insert_layers(self, pk: int, doc: dict[str, Any]) -> None:
        rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        keys: dict[str, str] = {}
        names: dict[str, str] = {}
        for ent in doc.get("entities") or []:
            key = entity_key(ent)
            keys[str(ent.get("id"))] = key
            names[str(ent.get("id"))] = str(ent.get("name") or "")
            mentions = ent.get("mentions") or []
            rows["entities"].append((pk, str(ent.get("id")), key, ent.get("type"), ent.get("name"),
                                     normalize_str(str(ent.get("name") or "")), ent.get("name_en"), ent.get("kb"),
                                     len(mentions)))
            forms = {str(ent.get("name") or "")} | {str(m.get("text") or "") for m in mentions}
            if ent.get("name_en"):
                forms.add(str(ent["name_en"]))
            seen: set[str] = set()
            for form in sorted(forms):
                norm = normalize_str(form).strip().lower()
                if norm and norm not in seen:
                    seen.add(norm)
                    rows["entity_names"].append((pk, key, form, norm))
            for role in ent.get("roles") or []:
                rows["roles"].append((pk, key, role.get("text"), role.get("start"), role.get("end")))
        for n, q in enumerate(doc.get("quantities") or []):
            about = q.get("about")
            rows["quantities"].append(
                (pk, n, q.get("category") or "other", q.get("value"), q.get("magnitude"), q.get("qualifier"),
                 q.get("text") or "", q.get("unit"), keys.get(str(about)) if about else None,
                 names.get(str(about)) if about else None, day_of(q.get("as_of")), q.get("source"),
                 q.get("start") or 0, q.get("end") or 0))
        for n, qt in enumerate(doc.get("quotes") or []):
            speaker = qt.get("speaker") or {}
            rows["quotes"].append(
                (pk, n, speaker.get("text") or "", keys.get(str(speaker.get("entity"))),
                 (qt.get("cue") or {}).get("text") or "", (qt.get("content") or {}).get("text") or "",
                 1 if qt.get("direct") else 0, (qt.get("content") or {}).get("start") or 0))
        text = str(doc.get("text") or "")
        for n, ev in enumerate(doc.get("events") or []):
            loc = ev.get("location")
            sent = ev.get("sentence") or {}
            sentence = text[sent["start"]:sent["end"]] if "start" in sent and "end" in sent else None
            trigger = ev.get("trigger") or {}
            rows["events"].append(
                (pk, n, ev.get("type") or "", ev.get("mode"), ev.get("status"), day_of(ev.get("date")),
                 keys.get(str(loc)) if loc else None, names.get(str(loc)) if loc else None,
                 trigger.get("text") or "", sentence, trigger.get("start") or 0))
            for role, field in (("actor", "actors"), ("target", "targets")):
                for eid in ev.get(field) or []:
                    rows["event_parties"].append((pk, n, role, keys.get(str(eid), f"?:{eid}"), names.get(str(eid))))
        for table, cols in self._LAYER_COLUMNS.items():
            if rows[table]:
                self._execute_many(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                   rows[table])

    # -- reading ------------------------------------------------------------------------------
    def count(self, *, all_versions: bool = False) -> int:
        sql = "SELECT COUNT(*) FROM articles" + ("" if all_versions else " WHERE current = 1")
        return int(self._execute(sql)[0][0])

    def iter_docs(self, *, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every current article's contract object, in ingest order."""
        last = 0
        while True:
            rows = self._execute("SELECT pk, doc FROM articles WHERE current = 1 AND pk > ? ORDER BY pk LIMIT ?",
                                 (last, batch))
            if not rows:
                return
            for pk, doc in rows:
                last = int(pk)
                yield json.loads(doc)

    def get(self, article_id: str) -> dict[str, Any] | None:
        rows = self._execute("SELECT doc FROM articles WHERE id = ? AND current = 1 ORDER BY pk DESC LIMIT 1",
                             (article_id,))
        return json.loads(rows[0][0]) if rows else None

    def versions(self, key: str) -> list[tuple[int, str]]:
        """``(version, hash)`` of every stored version of an article key (its URL or id)."""
        rows = self._execute("SELECT version, hash FROM articles WHERE key = ? ORDER BY version", (key,))
        return [(int(v), str(h)) for v, h in rows]

    # -- search -------------------------------------------------------------------------------
    def search(self, query: str, *, date_from: str | None = None, date_to: str | None = None,
               outlet: str | None = None, entity: str | None = None, event_type: str | None = None,
               limit: int = 20) -> list[Hit]:
        """Ranked articles matching every term of ``query`` (Arabic-aware), best first.

        Scores are BM25 over the analyzed terms, computed here so that SQLite and PostgreSQL
        rank alike; ties are broken by article id.
        """
        q_terms = list(dict.fromkeys(terms(query)))
        if not q_terms:
            return []
        where, params = self._filters(date_from, date_to, outlet, entity, event_type)
        if where is None:
            return []
        pks = self._match(q_terms, where, params, max(_CANDIDATES, limit * 5))
        if not pks:
            return []
        total = max(1, self.count())
        avg_len = float(self._execute("SELECT AVG(n_terms) FROM articles WHERE current = 1")[0][0] or 1.0) or 1.0
        idf = {t: math.log(1 + (total - (df := self._count_matching(t)) + 0.5) / (df + 0.5)) for t in q_terms}
        scored: list[tuple[float, str, int]] = []
        for chunk_start in range(0, len(pks), 250):
            chunk = pks[chunk_start:chunk_start + 250]
            marks = ", ".join("?" * len(chunk))
            rows = self._execute(f"SELECT pk, id, terms, n_terms FROM articles WHERE pk IN ({marks})", chunk)
            for pk, art_id, terms_text, n_terms in rows:
                tf = Counter(t for t in terms_text.split() if t in idf)
                norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * (int(n_terms) or 1) / avg_len)
                score = sum(idf[t] * tf[t] * (_BM25_K1 + 1) / (tf[t] + norm) for t in q_terms if tf[t])
                scored.append((round(score, 4), str(art_id), int(pk)))
        scored.sort(key=lambda x: (-x[0], x[1]))
        top = scored[:limit]
        if not top:
            return []
        details = {int(r[0]): r[1:] for r in self._execute(
            f"SELECT pk, title, url, published, body FROM articles WHERE pk IN ({', '.join('?' * len(top))})",
            [pk for _, _, pk in top])}
        hits: list[Hit] = []
        for score, art_id, pk in top:
            title, url, published, body = details[pk]
            text = f"{title}\n{body}" if title and not body.startswith(title) else body
            hits.append(Hit(art_id, title, url, published, snippet(text, q_terms), score))
        return hits

    def _filters(self, date_from: str | None, date_to: str | None, outlet: str | None, entity: str | None,
                 event_type: str | None) -> tuple[str | None, list[Any]]:
        clauses: list[str] = ["a.current = 1"]
        params: list[Any] = []
        _date_range(clauses, params, "a.day", date_from, date_to)
        if outlet:
            clauses.append("LOWER(a.outlet) = LOWER(?)")
            params.append(outlet)
        if entity:
            keys = self.resolve_entity(entity)
            if not keys:
                return None, []
            clauses.append(f"a.pk IN (SELECT article_pk FROM entities WHERE key IN ({', '.join('?' * len(keys))}))")
            params.extend(keys)
        if event_type:
            clauses.append("a.pk IN (SELECT article_pk FROM events WHERE type = ?)")
            params.append(event_type.upper())
        return " AND ".join(clauses), params

    # -- entities -----------------------------------------------------------------------------
    def resolve_entity(self, name: str, *, fuzzy_cutoff: float = 85.0) -> list[str]:
        """Entity keys a name refers to (exact alias, KB id, then fuzzy), most mentioned first.

        Names are compared normalized, so أوباما finds اوباما; a short form finds the
        entity when the articles used that short form as a mention.
        """
        norm = normalize_str(name).strip().lower()
        if not norm:
            return []
        keys = [r[0] for r in self._execute("SELECT DISTINCT key FROM entity_names WHERE name_norm = ?", (norm,))]
        keys += [r[0] for r in self._execute("SELECT DISTINCT key FROM entities WHERE key = ?", (name.strip(),))]
        if not keys:
            choices = {str(n): str(k) for n, k in self._execute("SELECT DISTINCT name_norm, key FROM entity_names")}
            found = process.extract(norm, list(choices), scorer=fuzz.WRatio, score_cutoff=fuzzy_cutoff, limit=10)
            best = max((score for _, score, _ in found), default=0.0)
            keys = [choices[choice] for choice, score, _ in found if score >= best - 1e-9]
        keys = list(dict.fromkeys(keys))
        if len(keys) > 1:
            weight = {k: self._mention_count(k) for k in keys}
            keys.sort(key=lambda k: (-weight[k], k))
        return keys

    def _mention_count(self, key: str) -> int:
        rows = self._execute("SELECT COUNT(*) FROM entities e JOIN articles a ON a.pk = e.article_pk "
                             "WHERE e.key = ? AND a.current = 1", (key,))
        return int(rows[0][0])

    def _entity_card(self, key: str) -> dict[str, Any]:
        rows = self._execute("SELECT e.name, e.type, e.name_en, e.kb FROM entities e JOIN articles a "
                             "ON a.pk = e.article_pk WHERE e.key = ? AND a.current = 1", (key,))
        names = Counter(str(r[0]) for r in rows if r[0])
        name = min(names, key=lambda n: (-names[n], -len(n), n)) if names else key
        types = Counter(str(r[1]) for r in rows if r[1])
        name_en = next((str(r[2]) for r in rows if r[2]), None)
        kb = next((str(r[3]) for r in rows if r[3]), None)
        return {"key": key, "name": name, "type": types.most_common(1)[0][0] if types else None,
                "name_en": name_en, "kb": kb}

    def entity_profile(self, name: str) -> dict[str, Any] | None:
        """What the store knows about the entity ``name`` resolves to, by date."""
        keys = self.resolve_entity(name)
        if not keys:
            return None
        key = keys[0]
        card = self._entity_card(key)
        aliases = sorted({str(r[0]) for r in self._execute(
            "SELECT DISTINCT n.name FROM entity_names n JOIN articles a ON a.pk = n.article_pk "
            "WHERE n.key = ? AND a.current = 1", (key,))})
        articles = self._execute(
            "SELECT DISTINCT a.id, a.day FROM entities e JOIN articles a ON a.pk = e.article_pk "
            "WHERE e.key = ? AND a.current = 1", (key,))
        roles = [{"role": r, "date": d, "article": i} for r, d, i in self._execute(
            "SELECT r.role, a.day, a.id FROM roles r JOIN articles a ON a.pk = r.article_pk "
            "WHERE r.key = ? AND a.current = 1 ORDER BY a.day, a.id, r.pos_start", (key,))]
        co = Counter(str(r[0]) for r in self._execute(
            "SELECT o.key FROM entities e JOIN entities o ON o.article_pk = e.article_pk AND o.key <> e.key "
            "JOIN articles a ON a.pk = e.article_pk WHERE e.key = ? AND a.current = 1", (key,)))
        co_list = [{**{k: v for k, v in self._entity_card(k).items() if k in ("key", "name", "type")}, "count": c}
                   for k, c in sorted(co.items(), key=lambda kv: (-kv[1], kv[0]))[:20]]
        quotes = [{"date": d, "article": i, "speaker": s, "cue": c, "content": t, "direct": bool(dr)}
                  for d, i, s, c, t, dr in self._execute(
                      "SELECT a.day, a.id, q.speaker, q.cue, q.content, q.direct FROM quotes q JOIN articles a "
                      "ON a.pk = q.article_pk WHERE q.speaker_key = ? AND a.current = 1 "
                      "ORDER BY a.day, a.id, q.n", (key,))]
        events = self._events("EXISTS (SELECT 1 FROM event_parties p WHERE p.key = ? AND p.article_pk = e.article_pk "
                              "AND p.n = e.n) OR e.location_key = ?", [key, key])
        for ev in events:
            ev["role"] = ("actor" if key in ev["_actor_keys"] else
                          "target" if key in ev["_target_keys"] else "location")
        return {**card, "aliases": aliases, "articles": len(articles),
                "first_seen": min((d for _, d in articles if d), default=None),
                "last_seen": max((d for _, d in articles if d), default=None),
                "roles": roles, "co_mentioned": co_list, "quotes": quotes,
                "events": [_public(ev) for ev in events], "other_matches": keys[1:]}

    # -- events -------------------------------------------------------------------------------
    def _events(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        rows = self._execute(
            "SELECT e.article_pk, e.n, e.type, e.mode, e.status, COALESCE(e.day, a.day), e.location_name, "
            "e.trigger_text, e.sentence, a.id, a.outlet, a.title FROM events e "
            f"JOIN articles a ON a.pk = e.article_pk WHERE a.current = 1 AND ({where})", params)
        parties: dict[tuple[int, int], list[tuple[str, str, str | None]]] = defaultdict(list)
        pks = sorted({int(r[0]) for r in rows})
        for start in range(0, len(pks), 200):
            chunk = pks[start:start + 200]
            for apk, n, role, key, name in self._execute(
                    f"SELECT article_pk, n, role, key, name FROM event_parties WHERE article_pk IN "
                    f"({', '.join('?' * len(chunk))}) ORDER BY article_pk, n, role, key", chunk):
                parties[(int(apk), int(n))].append((str(role), str(key), name))
        out: list[dict[str, Any]] = []
        for apk, n, etype, mode, status, day, loc, trig, sentence, art_id, outlet, title in rows:
            ps = parties[(int(apk), int(n))]
            out.append({
                "date": day, "type": etype, "mode": mode, "status": status,
                "actors": [nm or k for r, k, nm in ps if r == "actor"],
                "targets": [nm or k for r, k, nm in ps if r == "target"],
                "location": loc, "trigger": trig, "sentence": sentence,
                "article": art_id, "outlet": outlet, "title": title,
                "_actor_keys": [k for r, k, _ in ps if r == "actor"],
                "_target_keys": [k for r, k, _ in ps if r == "target"], "_n": int(n),
            })
        out.sort(key=lambda e: (e["date"] or "9999", e["article"], e["_n"]))
        return out

    def timeline(self, *, entity: str | None = None, event_type: str | None = None, place: str | None = None,
                 date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
        """Events of current articles, by date (the event's date, else its article's)."""
        clauses: list[str] = ["1 = 1"]
        params: list[Any] = []
        if entity:
            keys = self.resolve_entity(entity)
            if not keys:
                return []
            marks = ", ".join("?" * len(keys))
            clauses.append(f"(EXISTS (SELECT 1 FROM event_parties p WHERE p.article_pk = e.article_pk AND p.n = e.n "
                           f"AND p.key IN ({marks})) OR e.location_key IN ({marks}))")
            params += keys + keys
        if event_type:
            clauses.append("e.type = ?")
            params.append(event_type.upper())
        if place:
            keys = self.resolve_entity(place)
            clauses.append(f"(e.location_key IN ({', '.join('?' * len(keys)) or 'NULL'}) OR e.location_name = ?)")
            params += [*keys, place]
        _date_range(clauses, params, "COALESCE(e.day, a.day)", date_from, date_to)
        return [_public(ev) for ev in self._events(" AND ".join(clauses), params)]

    # -- figures ------------------------------------------------------------------------------
    def figures(self, *, category: str | None = None, about: str | None = None, date_from: str | None = None,
                date_to: str | None = None) -> list[dict[str, Any]]:
        """Every reported figure, ordered by as-of date, with ``flags``.

        ``contradiction``: another source gives a different exact/approximate value for the same
        category, place and date. ``non_monotonic``: a cumulative figure (killed, injured…) lower
        than one reported for the same place at an earlier date.
        """
        clauses = ["a.current = 1"]
        params: list[Any] = []
        if category:
            clauses.append("q.category = ?")
            params.append(category)
        if about:
            keys = self.resolve_entity(about)
            clauses.append(f"(q.about_key IN ({', '.join('?' * len(keys)) or 'NULL'}) OR q.about_name = ?)")
            params += [*keys, about]
        _date_range(clauses, params, "COALESCE(q.as_of, a.day)", date_from, date_to)
        rows = self._execute(
            "SELECT q.category, q.value, q.magnitude, q.qualifier, q.text, q.unit, q.about_key, q.about_name, "
            "COALESCE(q.as_of, a.day), q.source, a.id, a.outlet, a.published, q.n FROM quantities q "
            f"JOIN articles a ON a.pk = q.article_pk WHERE {' AND '.join(clauses)}", params)
        figs: list[dict[str, Any]] = []
        for cat, value, mag, qual, text, unit, akey, aname, as_of, source, art_id, outlet, published, n in rows:
            figs.append({"category": cat, "value": None if value is None else int(value),
                         "magnitude": None if mag is None else int(mag), "qualifier": qual, "text": text,
                         "unit": unit, "about": aname, "as_of": as_of, "source": source, "article": art_id,
                         "outlet": outlet, "published": published, "flags": [],
                         "_place": akey or aname, "_n": int(n)})
        figs.sort(key=lambda f: (f["as_of"] or "9999", f["category"], f["article"], f["_n"]))
        _flag_figures(figs)
        for f in figs:
            del f["_place"], f["_n"]
        return figs

    # -- stories ------------------------------------------------------------------------------
    def story_rows(self) -> list[dict[str, Any]]:
        """What story clustering needs of each current article."""
        rows = self._execute("SELECT pk, id, title, outlet, day, published, ingested_at, sig_terms, sig_shingles, "
                             "terms FROM articles WHERE current = 1 ORDER BY pk")
        ents: dict[int, set[str]] = defaultdict(set)
        for apk, key, etype in self._execute(
                "SELECT e.article_pk, e.key, e.type FROM entities e JOIN articles a ON a.pk = e.article_pk "
                "WHERE a.current = 1"):
            ents[int(apk)].add(f"{key}|{etype}")
        frames: dict[int, set[str]] = defaultdict(set)
        for apk, etype, key in self._execute(
                "SELECT e.article_pk, e.type, p.key FROM events e JOIN event_parties p ON p.article_pk = e.article_pk "
                "AND p.n = e.n JOIN articles a ON a.pk = e.article_pk WHERE a.current = 1"):
            frames[int(apk)].add(f"{etype}|{key}")
        for apk, keys in frames.items():  # add the participant's entity type: PER/ORG/LOC
            types = {e.rsplit("|", 1)[0]: e.rsplit("|", 1)[1] for e in ents[apk]}
            frames[apk] = {f"{f}|{types.get(f.split('|', 1)[1], 'X')}" for f in keys}
        out = []
        for pk, art_id, title, outlet, day, published, ingested, sig_t, sig_s, terms_text in rows:
            out.append({"pk": int(pk), "id": art_id, "title": title, "outlet": outlet, "day": day,
                        "published": published, "ingested_at": ingested,
                        "sig_terms": _blob(sig_t), "sig_shingles": _blob(sig_s),
                        "title_terms": set(terms(title or "")), "terms": terms_text,
                        "entities": ents[int(pk)], "frames": frames[int(pk)]})
        return out

    def stories(self, **options: Any) -> list[dict[str, Any]]:
        from marsad.store.stories import cluster

        return cluster(self.story_rows(), **options)

    # -- exports ------------------------------------------------------------------------------
    def export_rows(self, what: str) -> list[dict[str, Any]]:
        """Flat rows of one layer (entities, quantities, quotes, events) for CSV/Parquet."""
        queries = {
            "entities": ("SELECT a.id, e.eid, e.key, e.type, e.name, e.name_en, e.kb, e.mentions FROM entities e "
                         "JOIN articles a ON a.pk = e.article_pk WHERE a.current = 1 ORDER BY a.pk, e.eid",
                         ["article", "eid", "key", "type", "name", "name_en", "kb", "mentions"]),
            "quantities": ("SELECT a.id, q.category, q.value, q.magnitude, q.qualifier, q.text, q.unit, q.about_key, "
                           "q.about_name, q.as_of, q.source, q.pos_start, q.pos_end FROM quantities q JOIN articles a "
                           "ON a.pk = q.article_pk WHERE a.current = 1 ORDER BY a.pk, q.n",
                           ["article", "category", "value", "magnitude", "qualifier", "text", "unit", "about_key",
                            "about", "as_of", "source", "start", "end"]),
            "quotes": ("SELECT a.id, q.speaker, q.speaker_key, q.cue, q.content, q.direct FROM quotes q "
                       "JOIN articles a ON a.pk = q.article_pk WHERE a.current = 1 ORDER BY a.pk, q.n",
                       ["article", "speaker", "speaker_key", "cue", "content", "direct"]),
        }
        if what == "events":
            return [{k: (";".join(v) if isinstance(v, list) else v) for k, v in ev.items()}
                    for ev in self.timeline()]
        if what == "articles":
            return [{"article": d["id"], "url": d.get("url"), "title": d.get("title"), "outlet": d.get("outlet"),
                     "author": d.get("author"), "published": d.get("published"), "body": d.get("body")}
                    for d in self.iter_docs()]
        if what not in queries:
            raise StoreError(f"cannot export {what!r}: choose articles, entities, quantities, quotes or events")
        sql, cols = queries[what]
        rows = [dict(zip(cols, r, strict=True)) for r in self._execute(sql)]
        for r in rows:
            if "direct" in r:
                r["direct"] = bool(r["direct"])
        return rows


def _date_range(clauses: list[str], params: list[Any], column: str, date_from: str | None,
                date_to: str | None) -> None:
    """Add ``column`` between the two dates (either may be absent) to a WHERE clause list;
    the upper bound is the end of its period, so that 2024-03 includes 2024-03-31."""
    if date_from:
        clauses.append(f"{column} >= ?")
        params.append(date_from)
    if date_to:
        clauses.append(f"{column} <= ?")
        params.append(end_of(date_to))


def _public(ev: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in ev.items() if not k.startswith("_")}


def _flag_figures(figs: list[dict[str, Any]]) -> None:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in figs:
        if f["value"] is not None and f["qualifier"] in (None, "exact", "approx") and f["as_of"] and f["_place"]:
            groups[(f["category"], f["_place"], f["as_of"])].append(f)
    for group in groups.values():
        values = {f["value"] for f in group}
        sources = {f["source"] or f["outlet"] or f["article"] for f in group}
        if len(values) > 1 and len(sources) > 1:
            for f in group:
                f["flags"].append("contradiction")
    series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in figs:  # already ordered by as-of date
        if f["category"] in CUMULATIVE and f["value"] is not None and f["as_of"] and f["_place"]:
            series[(f["category"], f["_place"])].append(f)
    for seq in series.values():
        best_before: int | None = None
        day_max: dict[str, int] = {}
        for f in seq:
            day_max[f["as_of"]] = max(day_max.get(f["as_of"], f["value"]), f["value"])
        running: dict[str, int | None] = {}
        for day in sorted(day_max):
            running[day] = best_before
            best_before = day_max[day] if best_before is None else max(best_before, day_max[day])
        for f in seq:
            earlier = running[f["as_of"]]
            if earlier is not None and f["value"] < earlier:
                f["flags"].append("non_monotonic")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
