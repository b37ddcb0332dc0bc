"""Marsad's knowledge base: stored articles, Arabic-aware search, entities, figures, stories.

:func:`open_store` picks the back-end from the address: ``postgresql://…`` (or
``postgres://…``) is a PostgreSQL server, anything else a SQLite file (``:memory:`` for a
throwaway store). Both have the same schema (numbered migrations applied on open) and answer
the same queries alike.

>>> store = open_store(":memory:")
>>> store.count()
0
"""

from __future__ import annotations

import os
from pathlib import Path

from marsad.store.base import Hit, Store, StoreError
from marsad.store.ingest import Failure, Summary, ingest

__all__ = ["DEFAULT_DB", "Failure", "Hit", "Store", "StoreError", "Summary", "default_db", "ingest", "open_store"]

DEFAULT_DB = "marsad.db"


def default_db() -> str:
    """``$MARSAD_DB``, else ``./marsad.db``."""
    return os.environ.get("MARSAD_DB") or DEFAULT_DB


def open_store(address: str | Path | None = None) -> Store:
    """Open (creating and migrating when needed) the store at ``address``."""
    target = str(address) if address is not None else default_db()
    if target.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(target)
    from marsad.store.sqlite import SQLiteStore

    return SQLiteStore(target)
