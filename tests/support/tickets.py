"""The support desk's store (bot.core.ports.Tickets) in memory, with the SQL store's contract."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from bot.core.ports import Claim, Ticket, TicketMessage, TicketNotFound


class FakeTickets:
    """Tickets in a dict, with the contract of the SQL store (bot.core.ports.Tickets)."""

    def __init__(self, clock=None) -> None:  # type: ignore[no-untyped-def]
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.rows: dict[int, Ticket] = {}
        self.log: list[TicketMessage] = []
        self.opened = 0
        self.timeout_claims: dict[int, datetime] = {}

    def open(self, user_id: str, reason: str, urgent: bool, language: str, chat_id: int | None) -> Ticket:
        existing = self.active_for(user_id)
        if existing is not None:
            if urgent:
                self.rows[existing.id].urgent = True
            return self.active_for(user_id)  # type: ignore[return-value]
        self.opened += 1
        ticket = Ticket(len(self.rows) + 1, user_id, chat_id, "waiting", reason, urgent, language, self.clock())
        self.rows[ticket.id] = ticket
        return replace(ticket)

    def active_for(self, user_id: str) -> Ticket | None:
        found = [t for t in self.rows.values() if t.user_id == user_id and t.is_open]
        return replace(found[-1]) if found else None

    def get(self, ticket_id: int) -> Ticket | None:
        ticket = self.rows.get(ticket_id)
        return replace(ticket) if ticket else None

    def list_open(self) -> list[Ticket]:
        return [replace(t) for t in sorted(self.rows.values(), key=lambda t: (t.created_at, t.id)) if t.is_open]

    def claim(self, ticket_id: int, agent_id: int, agent_name: str) -> Claim:
        ticket = self.rows.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        won = ticket.status == "waiting"
        if won:
            ticket.status, ticket.agent_id, ticket.agent_name, ticket.claimed_at = (
                "active", agent_id, agent_name, self.clock())
        return Claim(won or (ticket.is_open and ticket.agent_id == agent_id), replace(ticket))

    def close(self, ticket_id: int) -> Ticket | None:
        ticket = self.rows.get(ticket_id)
        if ticket is None or not ticket.is_open:
            return None
        ticket.status, ticket.closed_at = "closed", self.clock()
        return replace(ticket)

    def add_message(self, ticket_id: int, author: str, text: str, *, author_name: str | None = None,
                    group_message_id: int | None = None, user_message_id: int | None = None) -> TicketMessage:
        if ticket_id not in self.rows:
            raise TicketNotFound(ticket_id)
        message = TicketMessage(ticket_id, author, text, self.clock(), author_name, group_message_id,
                                user_message_id, id=len(self.log) + 1)
        self.log.append(message)
        return message

    def messages(self, ticket_id: int) -> list[TicketMessage]:
        return [m for m in self.log if m.ticket_id == ticket_id]

    def find_by_group_message(self, message_id: int) -> Ticket | None:
        for ticket in self.rows.values():
            if ticket.card_message_id == message_id:
                return replace(ticket)
        for message in self.log:
            if message.group_message_id == message_id:
                return self.get(message.ticket_id)
        return None

    def find_by_thread(self, thread_id: int) -> Ticket | None:
        found = [t for t in self.rows.values() if t.thread_id == thread_id]
        return replace(found[-1]) if found else None

    def set_card(self, ticket_id: int, message_id: int, thread_id: int | None = None) -> None:
        self.rows[ticket_id].card_message_id, self.rows[ticket_id].thread_id = message_id, thread_id

    def mark_first_reply(self, ticket_id: int) -> bool:
        if self.rows[ticket_id].first_agent_reply_at is not None:
            return False
        self.rows[ticket_id].first_agent_reply_at = self.clock()
        return True

    def due_for_timeout(self, now: datetime, minutes: float) -> list[Ticket]:
        return [replace(t) for t in self.list_open()
                if t.status == "waiting" and not t.timeout_notified
                and t.created_at <= now - timedelta(minutes=minutes)]

    def claim_timeout_notice(self, ticket_id: int, now: datetime, lease: timedelta) -> bool:
        row = self.rows[ticket_id]
        if row.timeout_notified or ticket_id in self.timeout_claims and self.timeout_claims[ticket_id] > now - lease:
            return False
        self.timeout_claims[ticket_id] = now
        return True

    def release_timeout_notice(self, ticket_id: int) -> None:
        self.timeout_claims.pop(ticket_id, None)

    def mark_timeout_notified(self, ticket_id: int) -> bool:
        if self.rows[ticket_id].timeout_notified:
            return False
        self.rows[ticket_id].timeout_notified = True
        return True

    def mark_handoff_notice(self, ticket_id: int) -> bool:
        if self.rows[ticket_id].handoff_notice_sent:
            return False
        self.rows[ticket_id].handoff_notice_sent = True
        return True

    def rate(self, ticket_id: int, stars: int, user_id: str | None = None) -> bool:
        ticket = self.rows.get(ticket_id)
        if ticket is None or (user_id is not None and ticket.user_id != user_id):
            return False
        ticket.rating = stars
        return True
