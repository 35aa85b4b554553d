"""The credential life cycle: expiry and revocation of kiosk and department tokens, named
admin credentials, and tokens just replaced by renewal.

Tokens issued before this revision had no expiry; they are given EXISTING_TOKEN_DAYS from
the upgrade, so that nothing stops working at once and nothing lives for ever (a kiosk
renews its token by itself).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

EXISTING_TOKEN_DAYS = 30


def upgrade() -> None:
    # Only added nullable columns: SQLite adds them in place, without copying the tables.
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_expires_at", sa.DateTime(timezone=True)))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("department_credentials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True)))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True)))
    op.create_table(
        "admin_credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_credentials")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_admin_credentials_token_hash")),
    )
    op.create_table(
        "renewed_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_renewed_tokens")),
    )
    expires = datetime.now(UTC) + timedelta(days=EXISTING_TOKEN_DAYS)
    kiosks = sa.table(
        "kiosks",
        sa.column("token_hash", sa.String),
        sa.column("token_expires_at", sa.DateTime(timezone=True)),
    )
    departments = sa.table("department_credentials", sa.column("expires_at", sa.DateTime(True)))
    op.execute(
        kiosks.update().where(kiosks.c.token_hash.is_not(None)).values(token_expires_at=expires)
    )
    op.execute(departments.update().values(expires_at=expires))


def downgrade() -> None:
    op.drop_table("renewed_tokens")
    op.drop_table("admin_credentials")
    with op.batch_alter_table("department_credentials", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("token_expires_at")
