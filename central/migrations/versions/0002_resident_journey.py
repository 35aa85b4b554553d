"""The resident journey: materials provided by data sharing (by their consent record),
written commitments with their signature, the offline receipt's local number, and the
applicant's keyed hash to find a person's applications.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import hashlib
import hmac

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BATCH = 1000


def upgrade() -> None:
    # Only added columns and indexes: SQLite does these in place, without copying the table
    # (which foreign keys from tasks, documents and ratings would make fail).
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("applicant_hash", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("local_number", sa.String(length=96), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_applications_applicant_hash"), ["applicant_hash"], unique=False
        )
        batch_op.create_index("ix_applications_local_number", ["local_number"], unique=True)
    _hash_existing_applicants()

    op.create_table(
        "application_shared",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("material_id", sa.String(length=64), nullable=False),
        sa.Column("consent_id", sa.String(length=32), nullable=False),
        sa.Column("record_kind", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_shared_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consent_records.id"],
            name=op.f("fk_application_shared_consent_id_consent_records"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_shared")),
        sa.UniqueConstraint(
            "application_id",
            "material_id",
            name=op.f("uq_application_shared_application_id_material_id"),
        ),
    )
    op.create_table(
        "application_commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("material_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("signature_document_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_commitments_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["signature_document_id"],
            ["documents.id"],
            name=op.f("fk_application_commitments_signature_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_commitments")),
        sa.UniqueConstraint(
            "application_id",
            "material_id",
            name=op.f("uq_application_commitments_application_id_material_id"),
        ),
    )


def _hash_existing_applicants() -> None:
    """Applications made before this revision get their applicant's hash, made exactly as
    Hub.subject_hash makes it, with the key the hub keeps in hub_secrets. A database with
    applications has that key: the hub makes it at its first start."""
    connection = op.get_bind()
    secrets = sa.table("hub_secrets", sa.column("name", sa.String), sa.column("value", sa.String))
    applications = sa.table(
        "applications",
        sa.column("id", sa.Integer),
        sa.column("applicant_number", sa.String),
        sa.column("applicant_hash", sa.String),
    )
    key = connection.execute(
        sa.select(secrets.c.value).where(secrets.c.name == "subject_key")
    ).scalar_one_or_none()
    if key is None:
        return  # a new database: no applications yet
    update = (
        applications.update()
        .where(applications.c.id == sa.bindparam("row_id"))
        .values(applicant_hash=sa.bindparam("digest"))
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(applications.c.id, applications.c.applicant_number)
            .where(applications.c.id > last)
            .order_by(applications.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            update,
            [
                {
                    "row_id": row.id,
                    "digest": hmac.new(
                        key.encode(), row.applicant_number.encode(), hashlib.sha256
                    ).hexdigest(),
                }
                for row in rows
            ],
        )
        last = rows[-1].id


def downgrade() -> None:
    op.drop_table("application_commitments")
    op.drop_table("application_shared")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index("ix_applications_local_number")
        batch_op.drop_index(batch_op.f("ix_applications_applicant_hash"))
        batch_op.drop_column("local_number")
        batch_op.drop_column("applicant_hash")
