"""The hub's tables. Changes go through a new migration in central/migrations/versions;
tests/hub checks that the migrations and these classes agree.

Secrets are kept only as SHA-256 hashes (tokens, enrolment codes) and subject numbers that a
record does not need in full are kept masked with a keyed hash to find them again. Personal
data is sealed (SealedText, SealedJSON: central.sealing) with keys kept outside the database,
and documents' bytes are in the blob store (central.blobs), sealed too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column
from sqlalchemy.types import TypeDecorator

from central.sealing import SealedJSON, SealedText

# Stable constraint names, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out: SQLite forgets the zone, PostgreSQL keeps it."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Secret(Base):
    """Checks of the hub's keys (central.at_rest), never the keys; hubs before the key file
    kept the subject-hash key here, and the hub moves it out at its start."""

    __tablename__ = "hub_secrets"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Kiosk(Base):
    __tablename__ = "kiosks"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    enrolment_code_hash: Mapped[str | None] = mapped_column(String(64))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # until enrolled again
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    app_version: Mapped[str] = mapped_column(String(50), default="")
    catalog_version: Mapped[str] = mapped_column(String(50), default="")
    outbox_pending: Mapped[int] = mapped_column(Integer, default=0)
    devices: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    config_version: Mapped[str] = mapped_column(String(50), default="")
    config_error: Mapped[str] = mapped_column(String(300), default="")


class DepartmentCredential(Base):
    __tablename__ = "department_credentials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(64), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AdminCredential(Base):
    """A named admin's token (ya_…). A row with the hash of the settings' admin token and
    revoked_at set retires that token in every hub process."""

    __tablename__ = "admin_credentials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RenewedToken(Base):
    """A token just replaced by renewal stays good for a few minutes, so that a renewal
    whose reply was lost on the way does not lock its holder out. `owner` is the kiosk id or
    the credential's id; the owner's own state (revoked, re-enrolled) still decides."""

    __tablename__ = "renewed_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str] = mapped_column(String(64))
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)


class CatalogVersion(Base):
    """Every catalog ever published; the newest is the current one."""

    __tablename__ = "catalog_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(100))
    etag: Mapped[str] = mapped_column(String(80), index=True)
    body: Mapped[str] = deferred(mapped_column(Text, nullable=False))  # the catalog as JSON text
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ConsentRecord(Base):
    """One per use of a card holder's data — a data-sharing look-up (found or not), a search
    of their applications, a result downloaded for them: who asked, for what, with what
    consent and which card. Also what the rate limits count."""

    __tablename__ = "consent_records"
    __table_args__ = (
        Index("ix_consent_records_kiosk_id_created_at", "kiosk_id", "created_at"),
        Index("ix_consent_records_number_hash_created_at", "number_hash", "created_at"),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    # "lookup", "search" or "download" (central.guard.Action)
    action: Mapped[str] = mapped_column(String(16), server_default="lookup")
    # A look-up's one-thing (of the catalog), or central.guard.Action's fixed purposes.
    purpose: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(32))
    text_version: Mapped[str] = mapped_column(String(50))
    subject_type: Mapped[str] = mapped_column(String(16))
    number_masked: Mapped[str] = mapped_column(String(18))
    number_hash: Mapped[str] = mapped_column(String(64), index=True)  # keyed: Hub.subject_hash
    records_found: Mapped[int] = mapped_column(Integer)
    card_type: Mapped[str] = mapped_column(String(16), server_default="")  # the evidence's
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class Alert(Base):
    """Something the admins should look at: a card that did not match the records, a kiosk
    or a subject over its rate limit. No personal data: the subject only as its keyed hash
    (to count) and masked (to read)."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_kiosk_id_created_at", "kiosk_id", "created_at"),
        Index("ix_alerts_subject_hash_created_at", "subject_hash", "created_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    subject_masked: Mapped[str] = mapped_column(String(18), default="")
    subject_hash: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)


class Counter(Base):
    """Named sequences, e.g. the day's acceptance numbers ("acceptance:20261125")."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("kiosk_id", "idempotency_key"),
        # An index, not a constraint: SQLite adds an index without copying the table. NULLs
        # (no local number) do not collide; the number names its kiosk, so unique per kiosk
        # is unique everywhere.
        Index("ix_applications_local_number", "local_number", unique=True),
        Index("ix_applications_progress_token_hash", "progress_token_hash", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    acceptance_number: Mapped[str] = mapped_column(String(32), unique=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    catalog_etag: Mapped[str] = mapped_column(String(80))
    onething_id: Mapped[str] = mapped_column(String(64))
    situation_id: Mapped[str] = mapped_column(String(64))
    applicant_type: Mapped[str] = mapped_column(String(16))
    applicant_number: Mapped[str] = mapped_column(SealedText("applications.applicant_number"))
    # The keyed hash of applicant_number (Hub.subject_hash, as ConsentRecord.number_hash), to
    # find a person's applications without comparing numbers in full.
    applicant_hash: Mapped[str] = mapped_column(String(64), index=True, server_default="")
    applicant_name: Mapped[str] = mapped_column(SealedText("applications.applicant_name"))
    form: Mapped[dict[str, str]] = mapped_column(SealedJSON("applications.form"))
    delivery: Mapped[dict[str, str]] = mapped_column(SealedJSON("applications.delivery"))
    accepted_by: Mapped[str] = mapped_column(String(80))
    terminal: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_date: Mapped[date] = mapped_column(Date)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    local_number: Mapped[str | None] = mapped_column(String(96))  # the offline receipt's
    # SHA-256 of the progress page's token (the receipt's QR code): the page opens by it.
    progress_token_hash: Mapped[str | None] = mapped_column(String(64))
    # Who applied for the applicant (代办): number, name, relation and basis; None when the
    # applicant applied themselves. Sealed like the applicant.
    agent: Mapped[dict[str, str] | None] = mapped_column(SealedJSON("applications.agent"))
    # The 1:1 fingerprint check the kiosk made (kiosk.contract.FingerprintCheck), sealed like
    # the rest of what is known of the applicant; None when none was made.
    fingerprint_check: Mapped[dict[str, Any] | None] = mapped_column(
        SealedJSON("applications.fingerprint_check")
    )
    # The face check at the terminal (人证比对): {"band": ..., "liveness": ...}; never the
    # face descriptors. None when the application had no photo taken with one.
    face_check: Mapped[dict[str, Any] | None] = mapped_column(SealedJSON("applications.face_check"))


class SharedMaterialRef(Base):
    """A material of an application that data sharing provides, by the look-up (consent
    record) that found it: the departments fetch it from there, nobody uploads it."""

    __tablename__ = "application_shared"
    __table_args__ = (UniqueConstraint("application_id", "material_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    material_id: Mapped[str] = mapped_column(String(64))
    consent_id: Mapped[str] = mapped_column(ForeignKey("consent_records.id"))
    record_kind: Mapped[str] = mapped_column(String(64))


class Commitment(Base):
    """A written commitment (告知承诺) that replaces a material: the exact text the applicant
    saw, and the signature they gave, which is one of the application's documents."""

    __tablename__ = "application_commitments"
    __table_args__ = (UniqueConstraint("application_id", "material_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    material_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(SealedText("application_commitments.text"))
    signature_document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))


class Task(Base):
    """One flow step of one application, for one unit."""

    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_unit_state", "unit", "state"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # position in the flow, from 0
    step_id: Mapped[str] = mapped_column(String(64))
    step_name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(64))
    items: Mapped[list[dict[str, str]]] = mapped_column(JSON)  # [{"id", "name"}]
    on_fail: Mapped[str] = mapped_column(String(16))  # the catalog's OnFail for the step
    state: Mapped[str] = mapped_column(String(16))
    due_date: Mapped[date] = mapped_column(Date)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Document(Base):
    """A material handed in with an application, or a result a department attached. Its
    bytes are in the blob store under its id (Hub.documents)."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    kind: Mapped[str] = mapped_column(String(16))  # "material" or "result"
    material_id: Mapped[str] = mapped_column(String(64), default="")
    # Sealed: a name often says whose document it is.
    file_name: Mapped[str] = mapped_column(SealedText("documents.file_name"))
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class Slot(Base):
    __tablename__ = "appointment_slots"
    __table_args__ = (UniqueConstraint("onething_id", "window", "day", "start"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    window: Mapped[str] = mapped_column(String(100))
    onething_id: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date, index=True)
    start: Mapped[str] = mapped_column(String(5))
    end: Mapped[str] = mapped_column(String(5))
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)


class Booking(Base):
    __tablename__ = "bookings"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("appointment_slots.id"), index=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"))
    applicant_masked: Mapped[str] = mapped_column(String(18))
    applicant_hash: Mapped[str] = mapped_column(String(64))
    applicant_name: Mapped[str] = mapped_column(SealedText("bookings.applicant_name"))
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Rating(Base):
    """好差评 (§8.2): deliberately no kiosk, applicant or staff column, so that the rater
    cannot be told from the table; the application is the only reference."""

    __tablename__ = "ratings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    level: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(SealedText("ratings.comment"), default="")
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    bad: Mapped[bool] = mapped_column(Boolean)  # level 1 or 2: needs a return visit (§8.3)


class StaffMember(Base):
    """Community staff who help residents at the kiosks of a service centre (帮办). Their
    card is known by the keyed hash of its holder's number (Hub.subject_hash), their PIN by
    a salted scrypt hash (central.staff)."""

    __tablename__ = "staff_members"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # 工号
    name: Mapped[str] = mapped_column(String(100))
    service_centre: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(32), default="helper")
    card_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class StaffCode(Base):
    """A one-time sign-in code for a staff member, issued by an admin (kioskctl staff code)."""

    __tablename__ = "staff_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff_members.id"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffEvent(Base):
    """The staff audit trail: sign-ins (and refusals), sign-outs, help acknowledged. No
    resident's data; `staff_id` is empty for a card the registry does not know."""

    __tablename__ = "staff_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(32), default="", index=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)


class HelpRequest(Base):
    """A resident at a kiosk asked for staff (请工作人员帮忙): which kiosk, which screen, how
    long they had been there. No personal data."""

    __tablename__ = "help_requests"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    screen: Mapped[str] = mapped_column(String(64))
    waited_s: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str] = mapped_column(String(100), default="")


class StaffPage(Base):
    """A link to the live list of help requests for a service centre's staff, to keep open
    on a phone or a desk PC; only the hash of the link's secret is kept."""

    __tablename__ = "staff_pages"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    service_centre: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HeartbeatSample(Base):
    """A kiosk's health over time, kept downsampled: one row per kiosk per five minutes
    (central.console.fleet.BUCKET), the last heartbeat in it winning. The fleet page draws
    from these and the supervisors' kiosk availability counts them."""

    __tablename__ = "heartbeat_samples"
    __table_args__ = (UniqueConstraint("kiosk_id", "bucket"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    bucket: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    outbox_pending: Mapped[int] = mapped_column(Integer)
    # {device name: state}: the states only, not the devices' messages.
    devices: Mapped[dict[str, str]] = mapped_column(JSON)


class ConsoleUser(Base):
    """A person who signs in to the web console (central.console): a department clerk or
    head (of one unit), service-centre staff, an admin or a supervisor. The password only
    as its argon2 hash; an admin's TOTP secret sealed."""

    __tablename__ = "console_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str] = mapped_column(SealedText("console_users.totp_secret"), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ConsoleSession(Base):
    """A signed-in browser: the cookie's value only as its SHA-256, and the CSRF token
    its forms carry. Checked in the database on every request, so signing out or disabling
    the user holds at once in every hub process."""

    __tablename__ = "console_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("console_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    # False until an admin with TOTP has given the code: such a session opens nothing.
    verified: Mapped[bool] = mapped_column(Boolean)
    client: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ConsoleAudit(Base):
    """Every console action: who, what, when, from where (sign-ins, failed ones too)."""

    __tablename__ = "console_audit"
    __table_args__ = (Index("ix_console_audit_client_at", "client", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    login: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(100), default="")
    client: Mapped[str] = mapped_column(String(64))
    ok: Mapped[bool] = mapped_column(Boolean, default=True)


class TechnicianCode(Base):
    """A one-time maintenance code for one kiosk, issued by an admin (kioskctl technician code)."""

    __tablename__ = "technician_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MaintenanceEvent(Base):
    """The maintenance audit trail: sign-ins (and refusals) at the hub, and what technicians
    did at the kiosk as the kiosk reports it. No resident's data."""

    __tablename__ = "maintenance_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    session: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
