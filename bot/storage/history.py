"""`History`: every exchange (masked question, answer, feedback), for context, editors' gaps and stats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import Exchange
from bot.storage.masking import masked
from bot.storage.clock import Clock, utc_now
from bot.storage.engine import single_reads
from bot.storage.models import ExchangeRow
from bot.storage.users import touch_user

FEEDBACK_VALUES = (-1, 0, 1)


def _exchange(row: Any) -> Exchange:
    return Exchange(
        user_id=row.user_id,
        question=row.question,
        answer=row.answer,
        language=row.language,
        kind=row.kind,
        answered=row.answered,
        escalated=row.escalated,
        sources=list(row.sources or []),
        feedback=row.feedback,
        id=row.id,
        created_at=row.created_at,
    )


class SqlHistory:
    """Stores what the caller hands it, masked (bot.core.redaction) whether or not the caller masked it."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock
        # Written and read on every message: Core statements on a connection, no ORM session.
        self._engine: Engine = sessions.kw["bind"]
        self._reader: Engine = single_reads(self._engine)
        self._insert = insert(ExchangeRow)
        table = ExchangeRow.__table__
        self._recent = (
            select(table)
            .where(table.c.user_id == bindparam("user_id"))
            .order_by(table.c.created_at.desc(), table.c.id.desc())
            .limit(bindparam("limit"))
        )

    def record(self, exchange: Exchange) -> int:
        created = exchange.created_at or self._clock()
        row = dict(
            user_id=exchange.user_id,
            question=masked(exchange.question),  # the core masks too; storage never trusts that it did
            answer=masked(exchange.answer),
            language=exchange.language,
            kind=exchange.kind,
            answered=exchange.answered,
            escalated=exchange.escalated,
            sources=list(exchange.sources),
            feedback=exchange.feedback,
            created_at=created,
        )
        with self._engine.begin() as connection:  # the user's row and the exchange: one transaction
            touch_user(connection, exchange.user_id, self._clock)
            return int(connection.execute(self._insert, row).inserted_primary_key[0])

    def recent(self, user_id: str, limit: int = 6) -> list[Exchange]:
        with self._reader.connect() as connection:
            rows = connection.execute(self._recent, {"user_id": user_id, "limit": limit}).all()
        return [_exchange(row) for row in reversed(rows)]

    def set_feedback(self, exchange_id: int, user_id: str, value: int) -> bool:
        if value not in FEEDBACK_VALUES:
            raise ValueError(f"feedback must be -1, 0 or +1, not {value!r}")
        statement = (
            update(ExchangeRow)
            .where(ExchangeRow.id == exchange_id, ExchangeRow.user_id == user_id)
            .values(feedback=value)
        )
        with self._sessions.begin() as session:
            return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]

    def since(self, when: datetime) -> list[Exchange]:
        query = select(ExchangeRow).where(ExchangeRow.created_at >= when).order_by(ExchangeRow.created_at, ExchangeRow.id)
        with self._sessions() as session:
            return [_exchange(row) for row in session.scalars(query)]

    def get(self, exchange_id: int) -> Exchange | None:
        with self._sessions() as session:
            row = session.get(ExchangeRow, exchange_id)
            return _exchange(row) if row else None
