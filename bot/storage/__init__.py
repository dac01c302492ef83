"""SQL storage (SQLite or PostgreSQL) for everything the bot remembers; see `Database`."""

from bot.storage.database import Database
from bot.storage.engine import StorageError, make_engine
from bot.storage.migrate import current_revision, head_revision, revisions, upgrade

__all__ = ["Database", "StorageError", "current_revision", "head_revision", "make_engine", "revisions", "upgrade"]
