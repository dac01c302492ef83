"""`StatsReader`: what admins see with /stats, counted in the database."""

from __future__ import annotations

from datetime import datetime
from statistics import median

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import Stats
from bot.storage.models import ExchangeRow, TicketRow


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


class SqlStats:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def stats(self, since: datetime | None = None) -> Stats:
        """Exchanges and tickets created since `since`; open tickets are counted whenever they were opened."""
        exchanges = select(
            func.count(ExchangeRow.id),
            _count(ExchangeRow.answered.is_(True)),
            _count(ExchangeRow.kind == "decline"),
            _count(ExchangeRow.feedback > 0),
            _count(ExchangeRow.feedback < 0),
        )
        closed = select(func.count(TicketRow.id)).where(TicketRow.status == "closed")
        replies = select(TicketRow.created_at, TicketRow.first_agent_reply_at).where(
            TicketRow.first_agent_reply_at.is_not(None)
        )
        if since is not None:
            exchanges = exchanges.where(ExchangeRow.created_at >= since)
            closed = closed.where(TicketRow.created_at >= since)
            replies = replies.where(TicketRow.created_at >= since)
        with self._sessions() as session:
            messages, answered, declined, up, down = session.execute(exchanges).one()
            tickets_open = session.scalar(select(func.count(TicketRow.id)).where(TicketRow.status != "closed"))
            tickets_closed = session.scalar(closed)
            waits = [(reply - opened).total_seconds() for opened, reply in session.execute(replies) if reply]
        return Stats(
            messages=int(messages),
            answered=int(answered),
            declined=int(declined),
            thumbs_up=int(up),
            thumbs_down=int(down),
            tickets_open=int(tickets_open or 0),
            tickets_closed=int(tickets_closed or 0),
            median_first_reply_seconds=median(waits) if waits else None,
        )
