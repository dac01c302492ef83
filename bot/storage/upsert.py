"""INSERT ... ON CONFLICT DO UPDATE for both SQLite and PostgreSQL: one atomic statement, no read first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Executable
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def upsert(
    session: Session | Connection, model: type[Any], values: dict[str, Any], key: list[str], update: dict[str, Any]
) -> None:
    """Insert `values`, or when a row with the same `key` exists, set `update` on it (in a Session or a
    Core Connection: the per-message writes use the latter, which skips the ORM's unit of work)."""
    dialect = session.dialect.name if isinstance(session, Connection) else session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement: Executable = insert(model).values(**values).on_conflict_do_update(index_elements=key, set_=update)
    session.execute(statement)
