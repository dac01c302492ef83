"""`Tickets`: conversations handed to support staff, and their transcripts, shared by every bot process.

Every state change is one conditional UPDATE, so when two processes (or two agents) race, the
database decides: the first claimer wins, the user is told about a timeout once, and so on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import MESSAGE_AUTHORS, Claim, Ticket, TicketError, TicketMessage, TicketNotFound
from bot.storage.masking import masked
from bot.storage.clock import Clock, utc_now
from bot.storage.models import TicketMessageRow, TicketRow

OPEN = TicketRow.status != "closed"


def _ticket(row: TicketRow) -> Ticket:
    return Ticket(
        id=row.id,
        user_id=row.user_id,
        chat_id=row.chat_id,
        status=row.status,
        reason=row.reason,
        urgent=row.urgent,
        language=row.language,
        created_at=row.created_at,
        agent_id=row.agent_id,
        agent_name=row.agent_name,
        claimed_at=row.claimed_at,
        first_agent_reply_at=row.first_agent_reply_at,
        closed_at=row.closed_at,
        card_message_id=row.card_message_id,
        thread_id=row.thread_id,
        timeout_notified=row.timeout_notified,
        handoff_notice_sent=row.handoff_notice_sent,
        rating=row.rating,
    )


def _message(row: TicketMessageRow) -> TicketMessage:
    return TicketMessage(
        id=row.id,
        ticket_id=row.ticket_id,
        author=row.author,
        author_name=row.author_name,
        text=row.text,
        created_at=row.created_at,
        group_message_id=row.group_message_id,
        user_message_id=row.user_message_id,
    )


class SqlTickets:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- reading -------------------------------------------------------------------------

    def get(self, ticket_id: int) -> Ticket | None:
        with self._sessions() as session:
            row = session.get(TicketRow, ticket_id)
            return _ticket(row) if row else None

    def active_for(self, user_id: str) -> Ticket | None:
        return self._one(select(TicketRow).where(TicketRow.user_id == user_id, OPEN))

    def list_open(self) -> list[Ticket]:
        query = select(TicketRow).where(OPEN).order_by(TicketRow.created_at, TicketRow.id)
        with self._sessions() as session:
            return [_ticket(row) for row in session.scalars(query)]

    def find_by_group_message(self, message_id: int) -> Ticket | None:
        copied = select(TicketMessageRow.ticket_id).where(TicketMessageRow.group_message_id == message_id)
        query = select(TicketRow).where(or_(TicketRow.card_message_id == message_id, TicketRow.id.in_(copied)))
        return self._one(query.order_by(TicketRow.id.desc()).limit(1))

    def find_by_thread(self, thread_id: int) -> Ticket | None:
        return self._one(select(TicketRow).where(TicketRow.thread_id == thread_id).order_by(TicketRow.id.desc()).limit(1))

    def messages(self, ticket_id: int) -> list[TicketMessage]:
        query = (
            select(TicketMessageRow)
            .where(TicketMessageRow.ticket_id == ticket_id)
            .order_by(TicketMessageRow.created_at, TicketMessageRow.id)
        )
        with self._sessions() as session:
            return [_message(row) for row in session.scalars(query)]

    def due_for_timeout(self, now: datetime, minutes: int) -> list[Ticket]:
        query = (
            select(TicketRow)
            .where(
                TicketRow.status == "waiting",
                TicketRow.agent_id.is_(None),
                TicketRow.timeout_notified.is_(False),
                TicketRow.created_at <= now - timedelta(minutes=minutes),
            )
            .order_by(TicketRow.created_at, TicketRow.id)
        )
        with self._sessions() as session:
            return [_ticket(row) for row in session.scalars(query)]

    # --- changing ------------------------------------------------------------------------

    def open(self, user_id: str, reason: str, urgent: bool, language: str, chat_id: int | None) -> Ticket:
        row = TicketRow(
            user_id=user_id,
            chat_id=chat_id,
            status="waiting",
            reason=reason,
            urgent=urgent,
            language=language,
            created_at=self._clock(),
            timeout_notified=False,
            handoff_notice_sent=False,
        )
        try:
            with self._sessions.begin() as session:
                session.add(row)
                session.flush()
                return _ticket(row)
        except IntegrityError:
            # The user already has an open ticket (maybe opened by another process a moment ago).
            existing = self.active_for(user_id)
            if existing is None:
                raise
            if urgent and not existing.urgent:
                self._set(existing.id, urgent=True)
                existing.urgent = True
            return existing

    def claim(self, ticket_id: int, agent_id: int, agent_name: str) -> Claim:
        statement = (
            update(TicketRow)
            .where(TicketRow.id == ticket_id, TicketRow.status == "waiting", TicketRow.agent_id.is_(None))
            .values(status="active", agent_id=agent_id, agent_name=agent_name, claimed_at=self._clock())
        )
        with self._sessions.begin() as session:
            won = session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
        ticket = self.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        # Claiming one's own ticket again is not a loss.
        return Claim(won=won or (ticket.is_open and ticket.agent_id == agent_id), ticket=ticket)

    def close(self, ticket_id: int) -> Ticket | None:
        closed = self._set(ticket_id, OPEN, status="closed", closed_at=self._clock())
        return self.get(ticket_id) if closed else None

    def add_message(
        self,
        ticket_id: int,
        author: str,
        text: str,
        *,
        author_name: str | None = None,
        group_message_id: int | None = None,
        user_message_id: int | None = None,
    ) -> TicketMessage:
        if author not in MESSAGE_AUTHORS:
            raise TicketError(f"message author must be one of {', '.join(MESSAGE_AUTHORS)}, not {author!r}")
        row = TicketMessageRow(
            ticket_id=ticket_id,
            author=author,
            author_name=author_name,
            text=masked(text),
            created_at=self._clock(),
            group_message_id=group_message_id,
            user_message_id=user_message_id,
        )
        try:
            with self._sessions.begin() as session:
                session.add(row)
                session.flush()
                return _message(row)
        except IntegrityError as exc:
            if self.get(ticket_id) is None:
                raise TicketNotFound(ticket_id) from exc
            raise

    def set_card(self, ticket_id: int, message_id: int, thread_id: int | None = None) -> None:
        if not self._set(ticket_id, card_message_id=message_id, thread_id=thread_id):
            raise TicketNotFound(ticket_id)

    def mark_first_reply(self, ticket_id: int) -> bool:
        return self._set(ticket_id, TicketRow.first_agent_reply_at.is_(None), first_agent_reply_at=self._clock())

    def claim_timeout_notice(self, ticket_id: int, now: datetime, lease: timedelta) -> bool:
        unclaimed = or_(TicketRow.timeout_claimed_at.is_(None), TicketRow.timeout_claimed_at <= now - lease)
        return self._set(ticket_id, TicketRow.timeout_notified.is_(False), unclaimed, timeout_claimed_at=now)

    def release_timeout_notice(self, ticket_id: int) -> None:
        self._set(ticket_id, TicketRow.timeout_notified.is_(False), timeout_claimed_at=None)

    def mark_timeout_notified(self, ticket_id: int) -> bool:
        return self._set(ticket_id, TicketRow.timeout_notified.is_(False), timeout_notified=True)

    def mark_handoff_notice(self, ticket_id: int) -> bool:
        return self._set(ticket_id, TicketRow.handoff_notice_sent.is_(False), handoff_notice_sent=True)

    def rate(self, ticket_id: int, stars: int, user_id: str | None = None) -> bool:
        if not isinstance(stars, int) or not 1 <= stars <= 5:
            raise TicketError(f"a rating is 1 to 5 stars, not {stars!r}")
        conditions = [TicketRow.user_id == user_id] if user_id is not None else []
        return self._set(ticket_id, *conditions, rating=stars)

    # --- helpers -------------------------------------------------------------------------

    def _one(self, query: object) -> Ticket | None:
        with self._sessions() as session:
            row = session.scalars(query).first()  # type: ignore[call-overload]
            return _ticket(row) if row else None

    def _set(self, ticket_id: int, *conditions: object, **values: object) -> bool:
        """UPDATE one ticket when `conditions` hold; True when it changed."""
        statement = update(TicketRow).where(TicketRow.id == ticket_id, *conditions).values(**values)  # type: ignore[arg-type]
        with self._sessions.begin() as session:
            return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
