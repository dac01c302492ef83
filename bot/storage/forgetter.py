"""`Forgetter`: /forget deletes everything the bot stores about a user.

History, feedback, wizard state, profile, language, rate-limit rows and reminders (the opt-in, every
reminder row, recorded payments) are deleted. Tickets stay
for the support statistics, but anonymous: their transcripts are blanked, the user id replaced and
the chat id dropped, and a ticket still open is closed (nobody could answer it any more).
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.clock import Clock, utc_now
from bot.storage.models import (
    ExchangeRow,
    PaymentRow,
    ProfileRow,
    RateEventRow,
    ReminderPlanRow,
    ReminderRow,
    TicketMessageRow,
    TicketRow,
    UserRow,
    WizardRow,
)

FORGOTTEN = "forgotten"


class SqlForgetter:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def forget(self, user_id: str) -> int:
        """Return how many rows were deleted or anonymised."""
        if user_id == FORGOTTEN:
            raise ValueError(f"{FORGOTTEN!r} is reserved for anonymised tickets")
        count = 0
        with self._sessions.begin() as session:
            for model in (ExchangeRow, WizardRow, ProfileRow, RateEventRow, ReminderRow, PaymentRow, ReminderPlanRow,
                          UserRow):
                count += session.execute(delete(model).where(model.user_id == user_id)).rowcount  # type: ignore[attr-defined]
            tickets = select(TicketRow.id).where(TicketRow.user_id == user_id)
            count += session.execute(
                update(TicketMessageRow)
                .where(TicketMessageRow.ticket_id.in_(tickets))
                .values(text="", author_name=None)
            ).rowcount  # type: ignore[attr-defined]
            now = self._clock()
            session.execute(
                update(TicketRow)
                .where(TicketRow.user_id == user_id, TicketRow.status != "closed")
                .values(status="closed", closed_at=now)
            )
            count += session.execute(
                update(TicketRow).where(TicketRow.user_id == user_id).values(user_id=FORGOTTEN, chat_id=None)
            ).rowcount  # type: ignore[attr-defined]
        return count

    def remembers(self, user_id: str) -> bool:
        """Whether any row still names the user (used by tests and by /forget's confirmation)."""
        with self._sessions() as session:
            for model in (ExchangeRow, WizardRow, ProfileRow, RateEventRow, ReminderRow, PaymentRow, ReminderPlanRow,
                          UserRow, TicketRow):
                if session.scalar(select(func.count()).select_from(model).where(model.user_id == user_id)):
                    return True
        return False
