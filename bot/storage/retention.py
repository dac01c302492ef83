"""RETENTION_DAYS: what the daily purge removes once it is older than the retention period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.clock import Clock, utc_now
from bot.storage.models import ExchangeRow, RateEventRow, TicketMessageRow, TicketRow

# Rate-limit events are only needed for the current window.
RATE_EVENTS_KEPT = timedelta(days=1)


@dataclass(frozen=True)
class Purged:
    exchanges: int
    ticket_messages: int
    rate_events: int

    @property
    def total(self) -> int:
        return self.exchanges + self.ticket_messages + self.rate_events


def purge_history(sessions: sessionmaker[Session], older_than_days: int, clock: Clock = utc_now) -> Purged:
    """Delete exchanges older than the period and blank the transcripts of tickets closed before it.

    Ticket rows themselves stay (without text) so the support statistics still add up.
    """
    if older_than_days < 1:
        raise ValueError(f"RETENTION_DAYS must be at least 1, not {older_than_days}")
    now = clock()
    cutoff = now - timedelta(days=older_than_days)
    old_tickets = select(TicketRow.id).where(TicketRow.status == "closed", TicketRow.closed_at < cutoff)
    with sessions.begin() as session:
        exchanges = session.execute(delete(ExchangeRow).where(ExchangeRow.created_at < cutoff)).rowcount  # type: ignore[attr-defined]
        messages = session.execute(
            update(TicketMessageRow)
            .where(TicketMessageRow.ticket_id.in_(old_tickets), TicketMessageRow.text != "")
            .values(text="")
        ).rowcount  # type: ignore[attr-defined]
        rate_events = session.execute(
            delete(RateEventRow).where(RateEventRow.at < now - RATE_EVENTS_KEPT)
        ).rowcount  # type: ignore[attr-defined]
    return Purged(exchanges=exchanges, ticket_messages=messages, rate_events=rate_events)
