"""Card evidence: consent records for searches and downloads too (their action and the kind
of card that evidenced them), alerts for admins, indexes for the rate limits, and the
progress page's token.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added columns and indexes only: SQLite does these in place.
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("action", sa.String(length=16), server_default="lookup", nullable=False)
        )
        batch_op.add_column(
            sa.Column("card_type", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.create_index(
            "ix_consent_records_kiosk_id_created_at", ["kiosk_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_consent_records_number_hash_created_at",
            ["number_hash", "created_at"],
            unique=False,
        )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("progress_token_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(
            "ix_applications_progress_token_hash", ["progress_token_hash"], unique=True
        )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("subject_masked", sa.String(length=18), nullable=False),
        sa.Column("subject_hash", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            "ix_alerts_kiosk_id_created_at", ["kiosk_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_alerts_subject_hash_created_at", ["subject_hash", "created_at"], unique=False
        )


def downgrade() -> None:
    op.drop_table("alerts")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_progress_token_hash")
        batch_op.drop_column("progress_token_hash")
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_records_number_hash_created_at")
        batch_op.drop_index("ix_consent_records_kiosk_id_created_at")
        batch_op.drop_column("card_type")
        batch_op.drop_column("action")
