"""timeout notices: who is sending one and since when, so the notice is marked sent only after it was sent

Revision ID: 0005_timeout_claims
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision = "0005_timeout_claims"
down_revision = "0004_library_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("timeout_claimed_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("timeout_claimed_at")
