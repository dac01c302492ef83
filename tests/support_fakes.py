"""Hand-written in-memory fakes of the ports the support desk uses; they record what they were asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

from bot.core.escalation import Ticket, TicketEvent
from bot.core.ports import Exchange


class FakeTickets:
    """Tickets in a dict; the same contract as the SQL store, without atomicity worries."""

    def __init__(self) -> None:
        self.rows: dict[int, Ticket] = {}
        self.log: list[TicketEvent] = []
        self.calls: list[str] = []

    def open(self, user_id: str, reason: str, urgent: bool, language: str, now: datetime) -> Ticket:
        self.calls.append("open")
        ticket = Ticket(len(self.rows) + 1, user_id, reason, urgent, language, created_at=now)
        self.rows[ticket.id] = ticket
        return replace(ticket)

    def get(self, ticket_id: int) -> Ticket | None:
        ticket = self.rows.get(ticket_id)
        return replace(ticket) if ticket else None

    def current(self, user_id: str) -> Ticket | None:
        found = [t for t in self.rows.values() if t.user_id == user_id and t.is_open]
        return replace(found[-1]) if found else None

    def open_tickets(self) -> list[Ticket]:
        return [replace(t) for t in sorted(self.rows.values(), key=lambda t: t.created_at) if t.is_open]

    def claim(self, ticket_id: int, agent_id: str, agent_name: str, now: datetime) -> bool:
        ticket = self.rows.get(ticket_id)
        if ticket is None or ticket.status != "waiting":
            return False
        ticket.status, ticket.agent_id, ticket.agent_name, ticket.claimed_at = "active", agent_id, agent_name, now
        return True

    def close(self, ticket_id: int, now: datetime) -> bool:
        ticket = self.rows.get(ticket_id)
        if ticket is None or not ticket.is_open:
            return False
        ticket.status, ticket.closed_at = "closed", now
        return True

    def set_refs(self, ticket_id: int, card_ref: str | None, thread_ref: str | None) -> None:
        self.rows[ticket_id].card_ref, self.rows[ticket_id].thread_ref = card_ref, thread_ref

    def add_event(self, event: TicketEvent) -> None:
        self.log.append(event)

    def events(self, ticket_id: int) -> list[TicketEvent]:
        return [e for e in self.log if e.ticket_id == ticket_id]

    def ticket_for_ref(self, ref: str) -> int | None:
        for ticket in self.rows.values():
            if ref in (ticket.card_ref, ticket.thread_ref):
                return ticket.id
        for event in self.log:
            if event.message_ref == ref:
                return event.ticket_id
        return None

    def mark_first_reply(self, ticket_id: int, now: datetime) -> None:
        if self.rows[ticket_id].first_reply_at is None:
            self.rows[ticket_id].first_reply_at = now

    def due_for_timeout(self, now: datetime, timeout: timedelta) -> list[Ticket]:
        return [replace(t) for t in self.rows.values()
                if t.status == "waiting" and t.timed_out_at is None and now - t.created_at >= timeout]

    def mark_timed_out(self, ticket_id: int, now: datetime) -> bool:
        ticket = self.rows[ticket_id]
        if ticket.timed_out_at is not None:
            return False
        ticket.timed_out_at = now
        return True

    def rate(self, ticket_id: int, user_id: str, rating: int) -> bool:
        ticket = self.rows.get(ticket_id)
        if ticket is None or ticket.user_id != user_id or ticket.is_open or not 1 <= rating <= 5:
            return False
        ticket.rating = rating
        return True


class FakeHistory:
    def __init__(self, exchanges: list[Exchange] | None = None) -> None:
        self.exchanges = list(exchanges or [])

    def record(self, exchange: Exchange) -> int:
        exchange.id = len(self.exchanges) + 1
        self.exchanges.append(exchange)
        return exchange.id

    def recent(self, user_id: str, limit: int = 6) -> list[Exchange]:
        return [e for e in self.exchanges if e.user_id == user_id][-limit:]

    def set_feedback(self, exchange_id: int, user_id: str, value: int) -> bool:
        return False

    def since(self, when: datetime) -> list[Exchange]:
        return [e for e in self.exchanges if e.created_at is None or e.created_at >= when]


class FakeProfiles:
    def __init__(self, profiles: dict[str, dict[str, Any]] | None = None) -> None:
        self.profiles = dict(profiles or {})

    def load(self, user_id: str) -> dict[str, Any] | None:
        return self.profiles.get(user_id)

    def save(self, user_id: str, profile: dict[str, Any]) -> None:
        self.profiles[user_id] = profile


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)
