"""`Profiles`: a user's repayment profile (the planner's inputs) as JSON; Decimals are kept as strings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, bindparam, delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.clock import Clock, utc_now
from bot.storage.masking import masked
from bot.storage.engine import single_reads
from bot.storage.models import ProfileRow
from bot.storage.upsert import upsert


class SqlProfiles:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock
        # Read on most messages (the planner checks for a saved profile): a prepared Core statement.
        self._engine: Engine = single_reads(sessions.kw["bind"])
        self._load = select(ProfileRow.data).where(ProfileRow.user_id == bindparam("user_id"))

    def load(self, user_id: str) -> dict[str, Any] | None:
        with self._engine.connect() as connection:
            data = connection.scalar(self._load, {"user_id": user_id})
        return dict(data) if data is not None else None

    def save(self, user_id: str, profile: dict[str, Any]) -> None:
        values = {"data": masked(profile), "updated_at": self._clock()}
        with self._sessions.begin() as session:
            upsert(session, ProfileRow, {"user_id": user_id, **values}, key=["user_id"], update=values)

    def delete(self, user_id: str) -> bool:
        with self._sessions.begin() as session:
            return session.execute(delete(ProfileRow).where(ProfileRow.user_id == user_id)).rowcount == 1  # type: ignore[attr-defined]
