"""The initial schema: kiosks, credentials, catalog versions, consent records, applications
and their tasks and documents, appointment slots and bookings, ratings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("window", sa.String(length=100), nullable=False),
        sa.Column("onething_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start", sa.String(length=5), nullable=False),
        sa.Column("end", sa.String(length=5), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_slots")),
        sa.UniqueConstraint(
            "onething_id",
            "window",
            "day",
            "start",
            name=op.f("uq_appointment_slots_onething_id_window_day_start"),
        ),
    )
    with op.batch_alter_table("appointment_slots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointment_slots_day"), ["day"], unique=False)

    op.create_table(
        "catalog_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("etag", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_versions")),
    )
    with op.batch_alter_table("catalog_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalog_versions_etag"), ["etag"], unique=False)

    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "department_credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department_credentials")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_department_credentials_token_hash")),
    )
    with op.batch_alter_table("department_credentials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_department_credentials_unit"), ["unit"], unique=False)

    op.create_table(
        "hub_secrets",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_hub_secrets")),
    )
    op.create_table(
        "kiosks",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enrolment_code_hash", sa.String(length=64), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("app_version", sa.String(length=50), nullable=False),
        sa.Column("catalog_version", sa.String(length=50), nullable=False),
        sa.Column("outbox_pending", sa.Integer(), nullable=False),
        sa.Column("devices", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosks")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_kiosks_token_hash")),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("acceptance_number", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("catalog_etag", sa.String(length=80), nullable=False),
        sa.Column("onething_id", sa.String(length=64), nullable=False),
        sa.Column("situation_id", sa.String(length=64), nullable=False),
        sa.Column("applicant_type", sa.String(length=16), nullable=False),
        sa.Column("applicant_number", sa.String(length=18), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("form", sa.JSON(), nullable=False),
        sa.Column("delivery", sa.JSON(), nullable=False),
        sa.Column("accepted_by", sa.String(length=80), nullable=False),
        sa.Column("terminal", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name=op.f("fk_applications_kiosk_id_kiosks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("acceptance_number", name=op.f("uq_applications_acceptance_number")),
        sa.UniqueConstraint(
            "kiosk_id", "idempotency_key", name=op.f("uq_applications_kiosk_id_idempotency_key")
        ),
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_applications_kiosk_id"), ["kiosk_id"], unique=False)

    op.create_table(
        "bookings",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("applicant_masked", sa.String(length=18), nullable=False),
        sa.Column("applicant_hash", sa.String(length=64), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name=op.f("fk_bookings_kiosk_id_kiosks")
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["appointment_slots.id"],
            name=op.f("fk_bookings_slot_id_appointment_slots"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_bookings")),
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bookings_slot_id"), ["slot_id"], unique=False)

    op.create_table(
        "consent_records",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=64), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("text_version", sa.String(length=50), nullable=False),
        sa.Column("subject_type", sa.String(length=16), nullable=False),
        sa.Column("number_masked", sa.String(length=18), nullable=False),
        sa.Column("number_hash", sa.String(length=64), nullable=False),
        sa.Column("records_found", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name=op.f("fk_consent_records_kiosk_id_kiosks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
    )
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_records_kiosk_id"), ["kiosk_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consent_records_number_hash"), ["number_hash"], unique=False
        )

    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bad", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_ratings_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
        sa.UniqueConstraint("application_id", name=op.f("uq_ratings_application_id")),
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.String(length=64), nullable=False),
        sa.Column("step_name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("on_fail", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_tasks_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tasks_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index("ix_tasks_unit_state", ["unit", "state"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("material_id", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_documents_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_documents_task_id_tasks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_documents_application_id"), ["application_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_application_id"))

    op.drop_table("documents")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_unit_state")
        batch_op.drop_index(batch_op.f("ix_tasks_application_id"))

    op.drop_table("tasks")
    op.drop_table("ratings")
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_records_number_hash"))
        batch_op.drop_index(batch_op.f("ix_consent_records_kiosk_id"))

    op.drop_table("consent_records")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bookings_slot_id"))

    op.drop_table("bookings")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applications_kiosk_id"))

    op.drop_table("applications")
    op.drop_table("kiosks")
    op.drop_table("hub_secrets")
    with op.batch_alter_table("department_credentials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_department_credentials_unit"))

    op.drop_table("department_credentials")
    op.drop_table("counters")
    with op.batch_alter_table("catalog_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalog_versions_etag"))

    op.drop_table("catalog_versions")
    with op.batch_alter_table("appointment_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_slots_day"))

    op.drop_table("appointment_slots")
