"""One SQLAlchemy engine per process, from a URL: SQLite (the default, a file in DATA_DIR) or PostgreSQL.

SQLite is set up so that several processes can share the file: WAL journal (readers never block
the writer) and a busy timeout (a writer waits for the lock instead of failing). SQLAlchemy, not
the sqlite3 module, emits BEGIN. A transaction that reads before it writes must take the write
lock up front, or SQLite fails it at its first write when another process wrote in between; such
a connection sets the execution option `IMMEDIATE` (`connection.execution_options(sqlite_immediate=True)`)
and gets BEGIN IMMEDIATE. The repositories write first, so they do not need it; migrations do.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from bot.core.errors import BotError

SQLITE_BUSY_TIMEOUT_MS = 15_000
IMMEDIATE = "sqlite_immediate"
# A connection that runs one SELECT and nothing else needs no BEGIN on SQLite: the statement is its own
# transaction. The per-message reads (a user's language, wizard, profile) use it, saving a round trip each.
SINGLE_READ = "bot_single_read"


def single_reads(engine: Engine) -> Engine:
    """The engine for connections that run one SELECT each (no BEGIN on SQLite; PostgreSQL is unchanged)."""
    return engine.execution_options(**{SINGLE_READ: True})


class StorageError(BotError):
    """The database cannot be used as configured (bad URL, unreachable server, failed migration)."""


def _json_default(value: Any) -> Any:
    # Profiles carry the planner's Decimal amounts; store them as exact strings, never floats.
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON: {value!r}")


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Build the engine for `url`; for SQLite, create the file's folder first."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse message
        raise StorageError(f"DATABASE_URL is not a valid SQLAlchemy URL: {url!r}") from exc
    if parsed.drivername in ("postgres", "postgresql"):
        # The bare scheme means psycopg2 to SQLAlchemy, which is not installed: psycopg 3 is.
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database, echo)
    if backend == "postgresql":
        try:
            return create_engine(parsed, echo=echo, pool_pre_ping=True, json_serializer=dump_json)
        except ImportError as exc:
            raise StorageError(
                f"DATABASE_URL asks for the driver {parsed.drivername!r}, which is not installed; "
                "use postgresql+psycopg://"
            ) from exc
    raise StorageError(f"DATABASE_URL must be sqlite:/// or postgresql+psycopg://, not {backend!r}")


def _sqlite_engine(url: str, database: str | None, echo: bool) -> Engine:
    if not database or database == ":memory:":
        raise StorageError("SQLite needs a file (sqlite:///path/to/bot.db); an in-memory database is not shared")
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        json_serializer=dump_json,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours (see `_begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _wal(cursor)
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        options = connection.get_execution_options()
        if options.get(SINGLE_READ, False):
            return
        immediate = options.get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _wal(cursor: Any) -> None:
    """Switch the file to WAL. Two processes opening a new file at once race for this switch, and SQLite
    answers the loser "database is locked" at once, without its busy handler: retry for the busy timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
