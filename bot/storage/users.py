"""Who the bot has met: a row per user with their chosen language and when they were last seen."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Connection, Engine, Executable, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.clock import Clock, utc_now
from bot.storage.engine import single_reads
from bot.storage.models import UserRow
from bot.storage.upsert import upsert


@lru_cache(maxsize=2)
def _seen_statement(dialect: str) -> Executable:
    """INSERT the user's row or set `last_seen_at` to the new value: built once, as every message runs it."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(UserRow)
    return statement.on_conflict_do_update(index_elements=["user_id"],
                                           set_={"last_seen_at": statement.excluded.last_seen_at})


def touch_user(session: Session | Connection, user_id: str, now: Clock, language: str | None = None) -> None:
    """Create the user's row or refresh `last_seen_at` (and the language, when one is given)."""
    moment = now()
    if language is None and isinstance(session, Connection):
        values = {"user_id": user_id, "language": None, "created_at": moment, "last_seen_at": moment}
        session.execute(_seen_statement(session.dialect.name), values)
        return
    update: dict[str, object] = {"last_seen_at": moment}
    if language is not None:
        update["language"] = language
    values = {"user_id": user_id, "language": language, "created_at": moment, "last_seen_at": moment}
    upsert(session, UserRow, values, key=["user_id"], update=update)


class SqlUserPrefs:
    """`UserPrefs`: the language a user chose with /lang."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock
        # Read on every message: a prepared Core statement on a connection, no ORM session.
        self._engine: Engine = single_reads(sessions.kw["bind"])
        self._language = select(UserRow.language).where(UserRow.user_id == bindparam("user_id"))

    def language(self, user_id: str) -> str | None:
        with self._engine.connect() as connection:
            return connection.scalar(self._language, {"user_id": user_id})

    def set_language(self, user_id: str, language: str) -> None:
        with self._sessions.begin() as session:
            touch_user(session, user_id, self._clock, language)

    def seen(self, user_id: str) -> None:
        """Note that the user wrote now (without changing their language)."""
        with self._sessions.begin() as session:
            touch_user(session, user_id, self._clock)
