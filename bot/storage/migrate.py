"""Bring any database to the newest schema with the Alembic revisions packaged in `migrations/`.

Safe to call at every start, by several processes at once: on PostgreSQL the upgrade runs under a
transaction-scoped advisory lock, on SQLite under the write lock (BEGIN IMMEDIATE); whoever comes
second waits and then finds nothing to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.storage.engine import IMMEDIATE, StorageError, make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant shared by every process of the bot: they serialise their upgrades on it.
ADVISORY_LOCK_KEY = 0x626F7272  # "borr"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations packaged"
    return head


def revisions() -> list[str]:
    """Every packaged revision, oldest first, as 'id: message'."""
    script = ScriptDirectory.from_config(alembic_config())
    return [f"{rev.revision}: {rev.doc}" for rev in reversed(list(script.walk_revisions()))]


def current_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot read the database at {_safe(url)}: {exc}") from exc
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head") -> str | None:
    """Migrate the database at `url` to `revision` (default: the newest); return the revision it is at."""
    return _migrate(url, lambda config: command.upgrade(config, revision))


def downgrade(url: str, revision: str) -> str | None:
    """Step the schema back to `revision` (for an operator undoing a release); return where it is."""
    return _migrate(url, lambda config: command.downgrade(config, revision))


def _migrate(url: str, step: Callable[[Config], None]) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                # Rebuilding a table in SQLite drops the old one; with foreign keys on, that would
                # cascade-delete the rows that point at it. This must be set outside a transaction.
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
                # Alembic reads the version before it writes: hold the write lock from the start.
                connection.execution_options(**{IMMEDIATE: True})
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
                step(alembic_config(connection))
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot migrate the database at {_safe(url)}: {exc}") from exc
    finally:
        engine.dispose()


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
