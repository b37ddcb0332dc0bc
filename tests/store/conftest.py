"""Store fixtures: every store test runs against SQLite and a real PostgreSQL on loopback.

The PostgreSQL server is started once per session in a temporary directory (``initdb`` +
``pg_ctl``; as the ``postgres`` user when the tests run as root, since initdb refuses root)
and each test gets a fresh database in it. Without PostgreSQL binaries the PostgreSQL half
is skipped with a message saying so; ``.ci/run`` installs them.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from marsad.store import Store, open_store


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """``postgresql://…`` of a throwaway server (admin database ``postgres``)."""
    url = os.environ.get("MARSAD_TEST_PG")
    if url:
        yield url
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin/initdb): PostgreSQL store tests "
                    "skipped; install postgresql (.ci/run does) or set MARSAD_TEST_PG")
    root = os.geteuid() == 0
    datadir = tempfile.mkdtemp(prefix="marsad-pg-")
    as_user: list[str] = []
    if root:
        shutil.chown(datadir, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    user = "postgres" if root else os.environ.get("USER", "postgres")
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", datadir, "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust",
                    "-U", user, "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", datadir, "-o",
                    f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off",
                    "-l", f"{datadir}/server.log", "-w", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", datadir, "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(datadir, ignore_errors=True)


_counter = itertools.count(1)


def new_database(server: str) -> str:
    """A fresh, empty store address on ``server``: a new schema, selected through the URL
    (``CREATE SCHEMA`` takes milliseconds where ``CREATE DATABASE`` takes half a second)."""
    name = f"marsad_test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"'.encode())
    return f"{server}?options=-csearch_path%3D{name}"


@pytest.fixture
def pg_url(pg_server: str) -> str:
    return new_database(pg_server)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()
