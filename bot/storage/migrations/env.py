"""Alembic environment, driven by `bot.storage.migrate` (no alembic.ini).

`migrate.upgrade` hands over a connection that is already inside its transaction (holding the
PostgreSQL advisory lock or SQLite's write lock), so every revision runs in that one transaction.
"""

from __future__ import annotations

from alembic import context

from bot.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through bot.storage.upgrade(url), which supplies the connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
