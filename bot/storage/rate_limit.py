"""`RateEvents`: a per-user message counter in the database, so every bot process counts the same."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.clock import Clock, utc_now
from bot.storage.models import RateEventRow


class SqlRateEvents:
    """A sliding window: one row per message, old rows of the user pruned as new ones arrive."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def add(self, user_id: str, at: datetime | None = None) -> None:
        with self._sessions.begin() as session:
            session.add(RateEventRow(user_id=user_id, at=at or self._clock()))

    def count_since(self, user_id: str, since: datetime) -> int:
        query = select(func.count(RateEventRow.id)).where(RateEventRow.user_id == user_id, RateEventRow.at >= since)
        with self._sessions() as session:
            return int(session.scalar(query) or 0)

    def hit(self, user_id: str, window_seconds: int = 60) -> int:
        # Insert first, then count: two processes racing each see the other's message, never fewer.
        now = self._clock()
        start = now - timedelta(seconds=window_seconds)
        with self._sessions.begin() as session:
            session.execute(delete(RateEventRow).where(RateEventRow.user_id == user_id, RateEventRow.at < start))
            session.add(RateEventRow(user_id=user_id, at=now))
            session.flush()
            query = select(func.count(RateEventRow.id)).where(RateEventRow.user_id == user_id, RateEventRow.at >= start)
            return int(session.scalar(query) or 0)
