"""SQL storage (SQLite or PostgreSQL) for everything the bot remembers.

    db = Database(settings)      # one engine per process, from settings.resolved_database_url
    db.upgrade()                 # migrate to the newest schema (idempotent, safe with several processes)
    db.history, db.prefs, db.wizards, db.profiles, db.forgetter   # the core's ports
    db.tickets, db.stats, db.rate_events                          # the support desk and operations
    db.purge_history()           # the daily RETENTION_DAYS purge
"""

from bot.storage.database import Database
from bot.storage.engine import StorageError, make_engine
from bot.storage.migrate import current_revision, downgrade, head_revision, revisions, upgrade

__all__ = [
    "Database",
    "StorageError",
    "current_revision",
    "downgrade",
    "head_revision",
    "make_engine",
    "revisions",
    "upgrade",
]
