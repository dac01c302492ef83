"""INSERT ... ON CONFLICT DO UPDATE for both SQLite and PostgreSQL: one atomic statement, no read first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Executable
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def upsert(
    session: Session, model: type[Any], values: dict[str, Any], key: list[str], update: dict[str, Any]
) -> None:
    """Insert `values`, or when a row with the same `key` exists, set `update` on it."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement: Executable = insert(model).values(**values).on_conflict_do_update(index_elements=key, set_=update)
    session.execute(statement)
