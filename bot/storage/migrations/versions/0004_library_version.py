"""library version stamp: processes see another process's ingest and refresh BM25; the weekly digest is posted once

Revision ID: 0004_library_version
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.models import UTCDateTime

revision = "0004_library_version"
down_revision = "0003_reminders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_version",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_library_version")),
    )


def downgrade() -> None:
    op.drop_table("library_version")
