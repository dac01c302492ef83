"""`Wizards`: the step a user is at in a multi-step conversation, so any process can continue it."""

from __future__ import annotations

from sqlalchemy import Engine, bindparam, delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import WizardState
from bot.storage.masking import masked
from bot.storage.clock import Clock, utc_now
from bot.storage.engine import single_reads
from bot.storage.models import WizardRow
from bot.storage.upsert import upsert


class SqlWizards:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock
        # Read on every message: a prepared Core statement on a connection, no ORM session.
        self._engine: Engine = single_reads(sessions.kw["bind"])
        self._load = select(WizardRow.flow, WizardRow.step, WizardRow.data).where(
            WizardRow.user_id == bindparam("user_id"))

    def load(self, user_id: str) -> WizardState | None:
        with self._engine.connect() as connection:
            row = connection.execute(self._load, {"user_id": user_id}).first()
        return WizardState(flow=row.flow, step=row.step, data=dict(row.data)) if row else None

    def save(self, user_id: str, state: WizardState) -> None:
        values = {"flow": state.flow, "step": state.step, "data": masked(state.data), "updated_at": self._clock()}
        with self._sessions.begin() as session:
            upsert(session, WizardRow, {"user_id": user_id, **values}, key=["user_id"], update=values)

    def clear(self, user_id: str) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(WizardRow).where(WizardRow.user_id == user_id))
