"""The tables, as SQLAlchemy 2 typed models. Alembic migrations in `migrations/` create exactly these.

Every time stamp is stored and returned as timezone-aware UTC (SQLite keeps no zone, so
`UTCDateTime` puts it back). JSON columns are JSONB on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonData = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """A DateTime that refuses naive values and always comes back aware, in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware UTC time")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "users"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ExchangeRow(Base):
    __tablename__ = "exchanges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(64), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    sources: Mapped[list[str]] = mapped_column(JsonData, default=list)
    feedback: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class WizardRow(Base):
    __tablename__ = "wizard_states"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    flow: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JsonData)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProfileRow(Base):
    __tablename__ = "profiles"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JsonData)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint("status IN ('waiting', 'active', 'closed')", name="status"),
        CheckConstraint("rating IS NULL OR (rating BETWEEN 1 AND 5)", name="rating"),
        # At most one open ticket per user, even when two processes open one at the same moment.
        Index(
            "uq_tickets_open_user",
            "user_id",
            unique=True,
            sqlite_where=text("status != 'closed'"),
            postgresql_where=text("status != 'closed'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(64), index=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(8), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(8))
    agent_id: Mapped[int | None] = mapped_column(BigInteger)
    agent_name: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_agent_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    card_message_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    thread_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    timeout_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    timeout_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # a process is sending the notice
    handoff_notice_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    rating: Mapped[int | None] = mapped_column(Integer)


class TicketMessageRow(Base):
    __tablename__ = "ticket_messages"
    __table_args__ = (CheckConstraint("author IN ('user', 'agent', 'note', 'system')", name="author"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(8))
    author_name: Mapped[str | None] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    group_message_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    user_message_id: Mapped[int | None] = mapped_column(BigInteger)


class RateEventRow(Base):
    __tablename__ = "rate_events"
    __table_args__ = (Index("ix_rate_events_user_at", "user_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class LibraryStampRow(Base):
    """Named counters every bot process reads: `library` (bumped after each ingest), `digest` (last week posted)."""

    __tablename__ = "library_version"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReminderPlanRow(Base):
    """A user's opt-in to reminders (bot.core.ports.ReminderPlan)."""

    __tablename__ = "reminder_plans"
    __table_args__ = (CheckConstraint("status IN ('active', 'paused', 'stopped', 'blocked')", name="status"),)

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(8))
    timezone: Mapped[str] = mapped_column(String(64))
    days_before: Mapped[int] = mapped_column(Integer)
    quiet_start: Mapped[str] = mapped_column(String(5))  # HH:MM, local time
    quiet_end: Mapped[str] = mapped_column(String(5))
    loans: Mapped[list[dict[str, Any]]] = mapped_column(JsonData)
    profile: Mapped[dict[str, Any]] = mapped_column(JsonData)
    status: Mapped[str] = mapped_column(String(8))
    started_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReminderRow(Base):
    """One message to send at `send_at`; a process takes it by moving `status` from due to sending."""

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint("kind IN ('reminder', 'checkin')", name="kind"),
        CheckConstraint(
            "status IN ('due', 'sending', 'sent', 'answered', 'cancelled', 'paused', 'failed', 'blocked')",
            name="status",
        ),
        Index("ix_reminders_status_send_at", "status", "send_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(64), index=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    loan: Mapped[str] = mapped_column(String(128))
    month: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10))
    answer: Mapped[str | None] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PaymentRow(Base):
    """A month of a loan marked paid; the amount is exact decimal text (CNY, 2 places)."""

    __tablename__ = "reminder_payments"
    __table_args__ = (UniqueConstraint("user_id", "loan", "month", name="uq_reminder_payments_month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(64), index=True)
    loan: Mapped[str] = mapped_column(String(128))
    month: Mapped[int] = mapped_column(Integer)
    amount: Mapped[str] = mapped_column(String(32))
    due_date: Mapped[date] = mapped_column(Date)
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime())
