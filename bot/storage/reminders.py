"""`ReminderStore`: reminder plans, reminders as rows any process may send, and recorded payments.

Several bot processes scan the same table. A reminder is taken by moving its status from `due` to
`sending` in one statement, so exactly one process gets each row: on PostgreSQL a batch is taken
with `SELECT ... FOR UPDATE SKIP LOCKED` inside the UPDATE (scanners never wait on each other's
rows); on SQLite (one writer at a time) row by row with `UPDATE ... WHERE id = ? AND status = 'due'`,
which changes one row for the first process and none for the next. A claim older than the lease
(the process died while sending) may be taken again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.ports import NewReminder, Payment, Reminder, ReminderLoan, ReminderPlan
from bot.storage.clock import Clock, utc_now
from bot.storage.models import PaymentRow, ReminderPlanRow, ReminderRow
from bot.storage.upsert import upsert

PENDING = ("due", "paused")


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _plan(row: ReminderPlanRow) -> ReminderPlan:
    return ReminderPlan(
        user_id=row.user_id, chat_id=row.chat_id, language=row.language, timezone=row.timezone,
        days_before=row.days_before, quiet_start=_time(row.quiet_start), quiet_end=_time(row.quiet_end),
        loans=tuple(ReminderLoan(str(loan["name"]), int(loan["due_day"])) for loan in row.loans),
        profile=dict(row.profile), status=row.status, started_on=row.started_on,
    )


def _reminder(row: ReminderRow) -> Reminder:
    return Reminder(id=row.id, user_id=row.user_id, chat_id=row.chat_id, loan=row.loan, month=row.month,
                    due_date=row.due_date, send_at=row.send_at, kind=row.kind, status=row.status,
                    answer=row.answer, attempts=row.attempts)


class SqlReminders:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- the plan ----------------------------------------------------------------------------
    def plan(self, user_id: str) -> ReminderPlan | None:
        with self._sessions() as session:
            row = session.get(ReminderPlanRow, user_id)
            return _plan(row) if row else None

    def plans(self, user_ids: Sequence[str]) -> dict[str, ReminderPlan]:
        with self._sessions() as session:
            rows = session.scalars(select(ReminderPlanRow).where(ReminderPlanRow.user_id.in_(set(user_ids))))
            return {row.user_id: _plan(row) for row in rows}

    def save_plan(self, plan: ReminderPlan, reminders: Sequence[NewReminder]) -> None:
        now = self._clock()
        values = {
            "chat_id": plan.chat_id, "language": plan.language, "timezone": plan.timezone,
            "days_before": plan.days_before, "quiet_start": _hhmm(plan.quiet_start),
            "quiet_end": _hhmm(plan.quiet_end),
            "loans": [{"name": loan.name, "due_day": loan.due_day} for loan in plan.loans],
            "profile": plan.profile, "status": plan.status, "started_on": plan.started_on or now.date(),
            "updated_at": now,
        }
        with self._sessions.begin() as session:
            upsert(session, ReminderPlanRow, {"user_id": plan.user_id, "created_at": now, **values},
                   key=["user_id"], update=values)
            session.execute(delete(PaymentRow).where(PaymentRow.user_id == plan.user_id))
            self._replace(session, plan.user_id, plan.chat_id, reminders, None, None, now)

    def set_plan_status(self, user_id: str, status: str) -> None:
        with self._sessions.begin() as session:
            session.execute(update(ReminderPlanRow).where(ReminderPlanRow.user_id == user_id)
                            .values(status=status, updated_at=self._clock()))
            if status == "paused":
                session.execute(update(ReminderRow).where(ReminderRow.user_id == user_id, ReminderRow.status == "due")
                                .values(status="paused"))
            elif status in ("stopped", "blocked"):
                session.execute(update(ReminderRow)
                                .where(ReminderRow.user_id == user_id, ReminderRow.status.in_(PENDING))
                                .values(status="cancelled" if status == "stopped" else "blocked"))

    # --- pending reminders -------------------------------------------------------------------
    def replace_pending(self, user_id: str, reminders: Sequence[NewReminder], loan: str | None = None,
                        due_date: date | None = None) -> None:
        with self._sessions.begin() as session:
            chat_id = session.scalar(select(ReminderPlanRow.chat_id).where(ReminderPlanRow.user_id == user_id))
            self._replace(session, user_id, chat_id, reminders, loan, due_date, self._clock())

    def add(self, user_id: str, reminders: Sequence[NewReminder]) -> None:
        with self._sessions.begin() as session:
            chat_id = session.scalar(select(ReminderPlanRow.chat_id).where(ReminderPlanRow.user_id == user_id))
            self._insert(session, user_id, chat_id, reminders, self._clock())

    def _replace(self, session: Session, user_id: str, chat_id: int | None, reminders: Sequence[NewReminder],
                 loan: str | None, due_date: date | None, now: datetime) -> None:
        pending = and_(ReminderRow.user_id == user_id, ReminderRow.status.in_(PENDING))
        if loan is not None:
            pending = and_(pending, ReminderRow.loan == loan)
        if due_date is not None:
            pending = and_(pending, ReminderRow.due_date == due_date)
        session.execute(update(ReminderRow).where(pending).values(status="cancelled"))
        self._insert(session, user_id, chat_id, reminders, now)

    @staticmethod
    def _insert(session: Session, user_id: str, chat_id: int | None, reminders: Sequence[NewReminder],
                now: datetime) -> None:
        session.add_all(ReminderRow(user_id=user_id, chat_id=chat_id, loan=new.loan, month=new.month,
                                    due_date=new.due_date, send_at=new.send_at, kind=new.kind, status="due",
                                    attempts=0, created_at=now) for new in reminders)

    def pending(self, user_id: str) -> list[Reminder]:
        with self._sessions() as session:
            rows = session.scalars(select(ReminderRow)
                                   .where(ReminderRow.user_id == user_id, ReminderRow.status.in_(PENDING))
                                   .order_by(ReminderRow.send_at, ReminderRow.id))
            return [_reminder(row) for row in rows]

    def get(self, reminder_id: int) -> Reminder | None:
        with self._sessions() as session:
            row = session.get(ReminderRow, reminder_id)
            return _reminder(row) if row else None

    # --- the scanners' side ------------------------------------------------------------------
    def claim(self, now: datetime, limit: int, lease_seconds: int) -> list[Reminder]:
        takeable = or_(
            and_(ReminderRow.status == "due", ReminderRow.send_at <= now),
            and_(ReminderRow.status == "sending", ReminderRow.claimed_at < now - timedelta(seconds=lease_seconds)),
        )
        with self._sessions.begin() as session:
            if session.get_bind().dialect.name == "postgresql":
                chosen = (select(ReminderRow.id).where(takeable).order_by(ReminderRow.send_at, ReminderRow.id)
                          .limit(limit).with_for_update(skip_locked=True))
                rows = session.scalars(update(ReminderRow).where(ReminderRow.id.in_(chosen.scalar_subquery()))
                                       .values(status="sending", claimed_at=now)
                                       .returning(ReminderRow)
                                       .execution_options(synchronize_session=False)).all()
                return sorted((_reminder(row) for row in rows), key=lambda r: (r.send_at, r.id))
        taken = []
        with self._sessions() as session:
            candidates = session.scalars(select(ReminderRow.id).where(takeable)
                                         .order_by(ReminderRow.send_at, ReminderRow.id).limit(limit)).all()
        for reminder_id in candidates:
            with self._sessions.begin() as session:
                won = session.execute(update(ReminderRow).where(ReminderRow.id == reminder_id, takeable)
                                      .values(status="sending", claimed_at=now)).rowcount  # type: ignore[attr-defined]
                if won:
                    taken.append(_reminder(session.get_one(ReminderRow, reminder_id)))
        return taken

    def mark_sent(self, reminder_id: int, now: datetime) -> None:
        with self._sessions.begin() as session:
            session.execute(update(ReminderRow).where(ReminderRow.id == reminder_id, ReminderRow.status == "sending")
                            .values(status="sent", sent_at=now))

    def defer(self, reminder_id: int, send_at: datetime, failed: bool = False) -> None:
        with self._sessions.begin() as session:
            session.execute(update(ReminderRow).where(ReminderRow.id == reminder_id, ReminderRow.status == "sending")
                            .values(status="due", send_at=send_at, claimed_at=None,
                                    attempts=ReminderRow.attempts + (1 if failed else 0)))

    def give_up(self, reminder_id: int) -> None:
        with self._sessions.begin() as session:
            session.execute(update(ReminderRow).where(ReminderRow.id == reminder_id, ReminderRow.status == "sending")
                            .values(status="failed", attempts=ReminderRow.attempts + 1))

    def mark_blocked(self, user_id: str) -> int:
        with self._sessions.begin() as session:
            count = session.execute(update(ReminderPlanRow).where(ReminderPlanRow.user_id == user_id)
                                    .values(status="blocked", updated_at=self._clock())).rowcount  # type: ignore[attr-defined]
            count += session.execute(update(ReminderRow).where(
                ReminderRow.user_id == user_id, ReminderRow.status.in_(PENDING + ("sending",)))
                .values(status="blocked")).rowcount  # type: ignore[attr-defined]
        return count

    # --- the user's answers ------------------------------------------------------------------
    def answer(self, reminder_id: int, user_id: str, answer: str) -> bool:
        with self._sessions.begin() as session:
            return bool(session.execute(
                update(ReminderRow).where(ReminderRow.id == reminder_id, ReminderRow.user_id == user_id,
                                          ReminderRow.answer.is_(None), ReminderRow.status.in_(("sending", "sent")))
                .values(answer=answer, status="answered")).rowcount)  # type: ignore[attr-defined]

    def record_payment(self, payment: Payment, reminders: Sequence[NewReminder]) -> bool:
        try:
            with self._sessions.begin() as session:
                session.add(PaymentRow(user_id=payment.user_id, loan=payment.loan, month=payment.month,
                                       amount=str(payment.amount), due_date=payment.due_date,
                                       paid_at=payment.paid_at))
                session.flush()  # the unique (user, loan, month) refuses a second "Paid" here
                chat_id = session.scalar(select(ReminderPlanRow.chat_id)
                                         .where(ReminderPlanRow.user_id == payment.user_id))
                self._replace(session, payment.user_id, chat_id, reminders, payment.loan, None, self._clock())
        except IntegrityError:
            return False
        return True

    def payments(self, user_id: str) -> list[Payment]:
        with self._sessions() as session:
            rows = session.scalars(select(PaymentRow).where(PaymentRow.user_id == user_id)
                                   .order_by(PaymentRow.paid_at, PaymentRow.id))
            return [Payment(row.user_id, row.loan, row.month, Decimal(row.amount), row.due_date, row.paid_at)
                    for row in rows]
