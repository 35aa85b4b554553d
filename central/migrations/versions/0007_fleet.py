"""Fleet configuration: each kiosk's configuration version in force and its last error, as
its heartbeat reports them.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("config_version", sa.String(length=50), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("config_error", sa.String(length=300), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.drop_column("config_error")
        batch_op.drop_column("config_version")
