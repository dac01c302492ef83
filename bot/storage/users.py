"""Who the bot has met: a row per user with their chosen language and when they were last seen."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.clock import Clock, utc_now
from bot.storage.models import UserRow
from bot.storage.upsert import upsert


def touch_user(session: Session, user_id: str, now: Clock, language: str | None = None) -> None:
    """Create the user's row or refresh `last_seen_at` (and the language, when one is given)."""
    moment = now()
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

    def language(self, user_id: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(UserRow.language).where(UserRow.user_id == user_id))

    def set_language(self, user_id: str, language: str) -> None:
        with self._sessions.begin() as session:
            touch_user(session, user_id, self._clock, language)

    def seen(self, user_id: str) -> None:
        """Note that the user wrote now (without changing their language)."""
        with self._sessions.begin() as session:
            touch_user(session, user_id, self._clock)
