"""The storage layer as one object: the engine, built once, and every repository over it.

The composition root does `db = Database(settings); db.upgrade(); history = db.history`.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from bot.storage.clock import Clock, utc_now
from bot.storage.engine import make_engine
from bot.storage.forgetter import SqlForgetter
from bot.storage.history import SqlHistory
from bot.storage.library_stamps import SqlLibraryStamps
from bot.storage.migrate import upgrade
from bot.storage.profiles import SqlProfiles
from bot.storage.rate_limit import SqlRateEvents
from bot.storage.reminders import SqlReminders
from bot.storage.retention import Purged, purge_history
from bot.storage.stats import SqlStats
from bot.storage.tickets import SqlTickets
from bot.storage.users import SqlUserPrefs
from bot.storage.wizards import SqlWizards


class Database:
    def __init__(self, settings: Settings, clock: Clock = utc_now) -> None:
        if settings.database_url is None:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._init(settings.resolved_database_url, settings.retention_days, clock)

    @classmethod
    def from_url(cls, url: str, retention_days: int = 180, clock: Clock = utc_now) -> Database:
        database = cls.__new__(cls)
        database._init(url, retention_days, clock)
        return database

    def _init(self, url: str, retention_days: int, clock: Clock) -> None:
        self.url = url
        self.retention_days = retention_days
        self.clock = clock
        self.engine: Engine = make_engine(url)
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)
        self.history = SqlHistory(self.sessions, clock)
        self.prefs = SqlUserPrefs(self.sessions, clock)
        self.wizards = SqlWizards(self.sessions, clock)
        self.profiles = SqlProfiles(self.sessions, clock)
        self.forgetter = SqlForgetter(self.sessions, clock)
        self.tickets = SqlTickets(self.sessions, clock)
        self.rate_events = SqlRateEvents(self.sessions, clock)
        self.reminders = SqlReminders(self.sessions, clock)
        self.stats = SqlStats(self.sessions)
        self.library_stamps = SqlLibraryStamps(self.sessions, clock)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def upgrade(self) -> str | None:
        """Bring the schema to the newest revision (idempotent; safe with several processes)."""
        return upgrade(self.url)

    def purge_history(self, older_than_days: int | None = None) -> Purged:
        """The daily retention purge, by default over RETENTION_DAYS."""
        days = self.retention_days if older_than_days is None else older_than_days
        return purge_history(self.sessions, days, self.clock)

    def ping(self) -> None:
        """Raise when the database does not answer (for /healthz)."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.dispose()

    def __repr__(self) -> str:
        return f"Database({make_url(self.url).render_as_string(hide_password=True)!r})"
