"""ticket lookups for the support desk: agent names on messages, message/topic indexes, one open ticket per user

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OPEN = sa.text("status != 'closed'")


def upgrade() -> None:
    with op.batch_alter_table("ticket_messages") as batch:
        batch.add_column(sa.Column("author_name", sa.String(128), nullable=True))
    # Agents' replies arrive as replies to a copied message or inside a forum topic: find the ticket fast.
    op.create_index(op.f("ix_ticket_messages_group_message_id"), "ticket_messages", ["group_message_id"])
    op.create_index(op.f("ix_tickets_card_message_id"), "tickets", ["card_message_id"])
    op.create_index(op.f("ix_tickets_thread_id"), "tickets", ["thread_id"])
    # Before this revision two processes could open two tickets for one user; keep the newest open.
    op.execute(
        "UPDATE tickets SET status = 'closed', closed_at = created_at "
        "WHERE status != 'closed' AND id NOT IN "
        "(SELECT MAX(id) FROM tickets WHERE status != 'closed' GROUP BY user_id)"
    )
    op.create_index(
        "uq_tickets_open_user", "tickets", ["user_id"], unique=True, sqlite_where=OPEN, postgresql_where=OPEN
    )


def downgrade() -> None:
    op.drop_index("uq_tickets_open_user", table_name="tickets")
    op.drop_index(op.f("ix_tickets_thread_id"), table_name="tickets")
    op.drop_index(op.f("ix_tickets_card_message_id"), table_name="tickets")
    op.drop_index(op.f("ix_ticket_messages_group_message_id"), table_name="ticket_messages")
    with op.batch_alter_table("ticket_messages") as batch:
        batch.drop_column("author_name")
