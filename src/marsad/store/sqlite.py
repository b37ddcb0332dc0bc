"""The default store: one SQLite file, nothing to start.

Search uses an FTS5 table over the analyzed terms (normalized, clitics cut, stemmed in
Python: FTS5's own tokenizers do not fold hamza). Writes run in explicit transactions with
the WAL journal, so a killed ingest leaves the last committed batch intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from marsad.store.base import Store, StoreError

__all__ = ["SQLiteStore"]


def _fts_query(query_terms: Sequence[str]) -> str:
    return " ".join('"' + t.replace('"', '""') + '"' for t in query_terms)


class SQLiteStore(Store):
    """A knowledge base in one SQLite file (``:memory:`` for a throwaway one)."""

    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.url = str(path)
        try:
            self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA busy_timeout = 10000")
            # 64 MB of page cache: the FTS index and the article table outgrow the 2 MB default
            # after a few thousand articles and ingest slows down by half.
            self._conn.execute("PRAGMA cache_size = -65536")
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the SQLite store ({exc})") from None
        self._depth = 0
        self.migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, [tuple(r) for r in rows])

    def _run_script(self, script: str) -> None:
        # executescript would commit the open transaction: run statement by statement instead.
        for statement in _statements(script):
            self._conn.execute(statement)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._depth = 0

    def _index(self, pk: int, terms_text: str) -> None:
        self._conn.execute("INSERT INTO article_fts (rowid, terms) VALUES (?, ?)", (pk, terms_text))

    def _unindex(self, pk: int) -> None:
        rows = self._execute("SELECT terms FROM articles WHERE pk = ?", (pk,))
        if rows:
            self._conn.execute("INSERT INTO article_fts (article_fts, rowid, terms) VALUES ('delete', ?, ?)",
                               (pk, rows[0][0]))

    def _match(self, query_terms: Sequence[str], where: str, params: Sequence[Any], limit: int) -> list[int]:
        rows = self._execute(
            "SELECT a.pk FROM article_fts JOIN articles a ON a.pk = article_fts.rowid "
            f"WHERE article_fts MATCH ? AND {where} ORDER BY bm25(article_fts), a.pk LIMIT ?",
            [_fts_query(query_terms), *params, limit])
        return [int(r[0]) for r in rows]

    def _count_matching(self, term: str) -> int:
        rows = self._execute("SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH ?", (_fts_query([term]),))
        return int(rows[0][0])

    def close(self) -> None:
        self._conn.close()


def _statements(script: str) -> list[str]:
    """Split a migration into statements (no semicolons inside our literals)."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
