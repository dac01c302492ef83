"""reminders: opt-in plans, reminder and check-in rows claimed by one process each, payments

Revision ID: 0003_reminders
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from bot.storage.models import UTCDateTime

revision = "0003_reminders"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "reminder_plans",
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("days_before", sa.Integer(), nullable=False),
        sa.Column("quiet_start", sa.String(5), nullable=False),
        sa.Column("quiet_end", sa.String(5), nullable=False),
        sa.Column("loans", JSON, nullable=False),
        sa.Column("profile", JSON, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'paused', 'stopped', 'blocked')",
                           name=op.f("ck_reminder_plans_status")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_reminder_plans")),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("loan", sa.String(128), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("send_at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("answer", sa.String(10), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('reminder', 'checkin')", name=op.f("ck_reminders_kind")),
        sa.CheckConstraint(
            "status IN ('due', 'sending', 'sent', 'answered', 'cancelled', 'paused', 'failed', 'blocked')",
            name=op.f("ck_reminders_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    op.create_index(op.f("ix_reminders_user_id"), "reminders", ["user_id"])
    # The scanners' query: due rows by time.
    op.create_index("ix_reminders_status_send_at", "reminders", ["status", "send_at"])
    op.create_table(
        "reminder_payments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("loan", sa.String(128), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount", sa.String(32), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("paid_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_payments")),
        # Two presses of "Paid" (or two processes) record a month once.
        sa.UniqueConstraint("user_id", "loan", "month", name="uq_reminder_payments_month"),
    )
    op.create_index(op.f("ix_reminder_payments_user_id"), "reminder_payments", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_reminder_payments_user_id"), table_name="reminder_payments")
    op.drop_table("reminder_payments")
    op.drop_index("ix_reminders_status_send_at", table_name="reminders")
    op.drop_index(op.f("ix_reminders_user_id"), table_name="reminders")
    op.drop_table("reminders")
    op.drop_table("reminder_plans")
