"""Community staff at the kiosks: the staff registry, one-time sign-in codes, the staff audit
trail, residents' help requests and the staff's help-request pages.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_members",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("service_centre", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("card_hash", sa.String(length=64), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_members")),
        sa.UniqueConstraint("card_hash", name=op.f("uq_staff_members_card_hash")),
    )
    op.create_table(
        "staff_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_members.id"], name=op.f("fk_staff_codes_staff_id_staff_members")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_staff_codes")),
    )
    op.create_index(op.f("ix_staff_codes_staff_id"), "staff_codes", ["staff_id"], unique=False)
    op.create_table(
        "staff_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_events")),
    )
    op.create_index(op.f("ix_staff_events_staff_id"), "staff_events", ["staff_id"], unique=False)
    op.create_index(
        op.f("ix_staff_events_created_at"), "staff_events", ["created_at"], unique=False
    )
    op.create_table(
        "help_requests",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("screen", sa.String(length=64), nullable=False),
        sa.Column("waited_s", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name=op.f("fk_help_requests_kiosk_id_kiosks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_requests")),
    )
    op.create_index(op.f("ix_help_requests_kiosk_id"), "help_requests", ["kiosk_id"], unique=False)
    op.create_index(
        op.f("ix_help_requests_created_at"), "help_requests", ["created_at"], unique=False
    )
    op.create_table(
        "staff_pages",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("service_centre", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_pages")),
    )


def downgrade() -> None:
    op.drop_table("staff_pages")
    op.drop_index(op.f("ix_help_requests_created_at"), table_name="help_requests")
    op.drop_index(op.f("ix_help_requests_kiosk_id"), table_name="help_requests")
    op.drop_table("help_requests")
    op.drop_index(op.f("ix_staff_events_created_at"), table_name="staff_events")
    op.drop_index(op.f("ix_staff_events_staff_id"), table_name="staff_events")
    op.drop_table("staff_events")
    op.drop_index(op.f("ix_staff_codes_staff_id"), table_name="staff_codes")
    op.drop_table("staff_codes")
    op.drop_table("staff_members")
