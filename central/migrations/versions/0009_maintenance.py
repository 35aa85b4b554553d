"""Field technicians: one-time maintenance codes per kiosk and the maintenance audit trail.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "technician_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name=op.f("fk_technician_codes_kiosk_id_kiosks")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_technician_codes")),
    )
    op.create_index(
        op.f("ix_technician_codes_kiosk_id"), "technician_codes", ["kiosk_id"], unique=False
    )
    op.create_table(
        "maintenance_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("session", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_events")),
    )
    op.create_index(
        op.f("ix_maintenance_events_kiosk_id"), "maintenance_events", ["kiosk_id"], unique=False
    )
    op.create_index(op.f("ix_maintenance_events_at"), "maintenance_events", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_maintenance_events_at"), table_name="maintenance_events")
    op.drop_index(op.f("ix_maintenance_events_kiosk_id"), table_name="maintenance_events")
    op.drop_table("maintenance_events")
    op.drop_index(op.f("ix_technician_codes_kiosk_id"), table_name="technician_codes")
    op.drop_table("technician_codes")
