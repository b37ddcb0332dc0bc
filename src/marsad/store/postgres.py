"""The server store: PostgreSQL through psycopg 3, the same schema and queries as SQLite.

Search uses a ``tsvector`` column with a GIN index. The terms in it are the ones SQLite
indexes — normalized, clitics cut, stemmed with Snowball Arabic (PyStemmer, the algorithm of
PostgreSQL's ``arabic`` configuration) — and are loaded with the ``simple`` configuration so
they are not stemmed twice; that is what makes both back-ends answer alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from marsad.store.base import Store, StoreError

__all__ = ["PostgresStore"]


class PostgresStore(Store):
    """A knowledge base in a PostgreSQL database (``postgresql://user@host:port/db``)."""

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(url)}: {str(exc).strip()}") from None
        self.migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cur:
            cur.execute(sql.replace("?", "%s").encode(), tuple(params))
            return cur.fetchall() if cur.description is not None else []

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s").encode(), [tuple(r) for r in rows])

    def _run_script(self, script: str) -> None:
        self._conn.execute(script.encode("utf-8"))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    def _index(self, pk: int, terms_text: str) -> None:
        self._execute("UPDATE articles SET tsv = to_tsvector('simple', ?) WHERE pk = ?", (terms_text, pk))

    def _unindex(self, pk: int) -> None:
        self._execute("UPDATE articles SET tsv = ''::tsvector WHERE pk = ?", (pk,))

    def _article_row(self, doc: dict[str, Any], art_id: str, key: str, version: int,
                     digest: str) -> tuple[list[str], list[Any]]:
        cols, values = super()._article_row(doc, art_id, key, version, digest)
        # tsv is NOT NULL: fill it in the INSERT itself (empty here, set by _index).
        return [*cols, "tsv"], [*values, ""]

    def _match(self, query_terms: Sequence[str], where: str, params: Sequence[Any], limit: int) -> list[int]:
        rows = self._execute(
            f"SELECT a.pk FROM articles a WHERE a.tsv @@ plainto_tsquery('simple', ?) AND {where} "
            "ORDER BY ts_rank(a.tsv, plainto_tsquery('simple', ?)) DESC, a.pk LIMIT ?",
            [" ".join(query_terms), *params, " ".join(query_terms), limit])
        return [int(r[0]) for r in rows]

    def _count_matching(self, term: str) -> int:
        rows = self._execute("SELECT COUNT(*) FROM articles a WHERE a.tsv @@ plainto_tsquery('simple', ?)", (term,))
        return int(rows[0][0])

    def close(self) -> None:
        self._conn.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
        scheme, rest = url.split("//", 1) if "//" in url else ("", url)
        creds, host = rest.split("@", 1)
        return f"{scheme}//{creds.split(':', 1)[0]}:***@{host}"
    return url
