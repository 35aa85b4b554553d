"""Applications: submission (idempotent per kiosk and key), the tasks each one becomes,
acceptance numbers, the kiosk's view of its progress, and ratings.

Each application becomes one task per flow step of its one-thing that handles an item of
the chosen situation, in flow order: the first is ready at once, the others wait for the one
before. Due dates are in working days, each step's counted on from the step before.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central import requirements
from central.blobs import BlobStore
from central.calendar import WorkCalendar
from central.catalogs import Published
from central.errors import ApiError, not_found
from central.tables import (
    Application,
    Commitment,
    ConsentRecord,
    Counter,
    Document,
    Rating,
    SharedMaterialRef,
    Task,
)
from kiosk import timelimit
from kiosk.catalog.model import Capture, MaterialSource, OneThing
from kiosk.contract import (
    MAX_SEARCH_RESULTS,
    ApplicationState,
    ApplicationSubmit,
    ApplicationView,
    DocumentRef,
    FingerprintCheck,
    ItemState,
    ItemStatus,
    RatingRequest,
    RatingView,
    SharedMaterial,
    SubjectType,
    TaskState,
)
from kiosk.local_number import SHAPE as LOCAL_NUMBER_SHAPE
from kiosk.local_number import is_local_number

ITEM_STATE = {
    TaskState.WAITING: ItemState.WAITING,
    TaskState.READY: ItemState.IN_PROGRESS,
    TaskState.CLAIMED: ItemState.IN_PROGRESS,
    TaskState.DONE: ItemState.DONE,
    TaskState.RETURNED: ItemState.RETURNED,
    TaskState.REJECTED: ItemState.REJECTED,
}


@dataclass(frozen=True)
class Prepared:
    """A submission made ready outside any transaction: hashed and its materials decoded."""

    body: ApplicationSubmit
    request_hash: str
    materials: list[bytes]


# Fields added to ApplicationSubmit after kiosks were in use, with their defaults: left out of
# the request hash while they hold them, so that a request hashed before they existed (a
# retry across a hub upgrade) still hashes the same.
_ADDED_LATER: dict[str, Any] = {
    "shared": [],
    "commitments": [],
    "local_number": "",
    "progress_token": "",
    "fingerprint_check": None,
}
_PNG = b"\x89PNG\r\n\x1a\n"


def prepare(body: ApplicationSubmit) -> Prepared:
    # The hash is of the parsed request, so that a retry is recognised whatever the
    # whitespace or key order of its JSON.
    data = body.model_dump(mode="json")
    for name, default in _ADDED_LATER.items():
        if data.get(name) == default:
            del data[name]
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return Prepared(
        body,
        hashlib.sha256(canonical.encode()).hexdigest(),
        [m.data() for m in body.materials],
    )


def find_replay(
    session: Session, kiosk_id: str, key: str, request_hash: str
) -> ApplicationView | None:
    """The application this key already made, or None; 409 if the key made another one."""
    app = session.scalars(
        select(Application).where(
            Application.kiosk_id == kiosk_id, Application.idempotency_key == key
        )
    ).one_or_none()
    if app is None:
        return None
    if app.request_hash != request_hash:
        raise ApiError(
            409,
            "idempotency_conflict",
            f"this Idempotency-Key was already used for application {app.acceptance_number} "
            "with different content; use a new key for a new application",
        )
    return view(session, app)


def local_number_conflict(session: Session, local_number: str) -> ApiError | None:
    """The error for a local number another application already has, or None."""
    if not local_number:
        return None
    taken = session.scalar(
        select(Application.acceptance_number).where(Application.local_number == local_number)
    )
    if taken is None:
        return None
    return ApiError(
        409,
        "local_number_taken",
        f"local_number: {local_number} was already used for application {taken} with another "
        "Idempotency-Key; an offline receipt's number stands for one application only",
    )


def create(
    session: Session,
    *,
    kiosk_id: str,
    key: str,
    prepared: Prepared,
    applicant_hash: str,
    published: Published,
    calendar: WorkCalendar,
    documents: BlobStore,
    at: datetime,
    today: date,
) -> ApplicationView:
    body = prepared.body
    onething = next((o for o in published.catalog.onethings if o.id == body.onething_id), None)
    if onething is None:
        raise ApiError(
            422,
            "unknown_onething",
            f"onething_id: there is no one-thing '{body.onething_id}' in the hub's catalog "
            f"(version {published.version}); refresh the kiosk's catalog",
        )
    situation = next((s for s in onething.situations if s.id == body.situation_id), None)
    if situation is None:
        raise ApiError(
            422,
            "unknown_situation",
            f"situation_id: the one-thing '{onething.name}' has no situation "
            f"'{body.situation_id}'; choose one of: "
            + ", ".join(s.id for s in onething.situations),
        )
    _check_local_number(body.local_number, kiosk_id)
    if (conflict := local_number_conflict(session, body.local_number)) is not None:
        raise conflict
    _check_shared(session, body, onething, kiosk_id, applicant_hash)
    _check_commitments(body, prepared, onething)
    form = requirements.check_application(body, onething, situation, today)
    steps = timelimit.step_due_dates(today, onething, situation, calendar)
    if not steps:
        raise ApiError(
            422,
            "nothing_to_handle",
            f"situation_id: no flow step of '{onething.name}' handles the items of this "
            "situation; the catalog needs fixing",
        )
    app = Application(
        acceptance_number=_next_acceptance_number(session, today),
        kiosk_id=kiosk_id,
        idempotency_key=key,
        request_hash=prepared.request_hash,
        catalog_etag=published.etag,
        onething_id=onething.id,
        situation_id=situation.id,
        applicant_type=body.applicant.subject_type.value,
        applicant_number=body.applicant.number,
        applicant_hash=applicant_hash,
        applicant_name=body.applicant.name,
        form=form,
        delivery=body.delivery.model_dump(mode="json"),
        accepted_by=body.accepted_by,
        terminal=body.terminal,
        state=ApplicationState.ACCEPTED.value,
        reason="",
        submitted_at=at,
        due_date=timelimit.due_date(today, onething, situation, calendar),
        local_number=body.local_number or None,
        progress_token_hash=progress_token_hash(body.progress_token) or None,
        agent=body.agent.model_dump(mode="json") if body.agent is not None else None,
        fingerprint_check=(
            body.fingerprint_check.model_dump(mode="json")
            if body.fingerprint_check is not None
            else None
        ),
        face_check=body.face_check.model_dump(mode="json") if body.face_check else None,
    )
    session.add(app)
    session.flush()
    for n, step in enumerate(steps):
        first = n == 0
        session.add(
            Task(
                application_id=app.id,
                seq=step.seq,
                step_id=step.step.id,
                step_name=step.step.name,
                unit=step.step.unit,
                items=[_task_item(onething, i) for i in step.items],
                on_fail=step.step.on_fail.value,
                state=(TaskState.READY if first else TaskState.WAITING).value,
                due_date=step.due,
                ready_at=at if first else None,
                claimed_by="",
                reason="",
                note="",
            )
        )
    document_ids: dict[str, str] = {}
    for upload, data in zip(body.materials, prepared.materials, strict=True):
        document_id = uuid.uuid4().hex
        document_ids.setdefault(upload.material_id, document_id)
        # The bytes before the row: a committed row always has its blob. A transaction that
        # then fails leaves a blob nobody refers to, sealed.
        documents.put(document_id, data)
        session.add(
            Document(
                id=document_id,
                application_id=app.id,
                kind="material",
                material_id=upload.material_id,
                file_name=upload.file_name,
                content_type=upload.content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=at,
            )
        )
    session.flush()  # the documents first: commitments refer to their signatures
    for ref in body.shared:
        session.add(
            SharedMaterialRef(
                application_id=app.id,
                material_id=ref.material_id,
                consent_id=ref.consent_id,
                record_kind=ref.record_kind,
            )
        )
    for commitment in body.commitments:
        session.add(
            Commitment(
                application_id=app.id,
                material_id=commitment.material_id,
                text=commitment.text,
                signature_document_id=document_ids[commitment.signature_material_id],
            )
        )
    session.flush()
    return view(session, app)


def _task_item(onething: OneThing, item_id: str) -> dict[str, str]:
    """A task's item as stored: its id and name, and whether it takes the applicant's
    fingerprint (its department alone may fetch it: central.workflow.takes_fingerprint)."""
    item = onething.item(item_id)
    out = {"id": item.id, "name": item.name}
    if Capture.FINGERPRINT in item.captures:
        out["fingerprint"] = "yes"
    return out


def _check_local_number(local_number: str, kiosk_id: str) -> None:
    # The number names the kiosk that printed it, so that two kiosks can never print the
    # same one, and a number alone finds its application.
    if local_number and not is_local_number(local_number, kiosk_id):
        raise ApiError(
            422,
            "local_number_mismatch",
            f"local_number: {local_number} does not name this kiosk; a local number is "
            f"{LOCAL_NUMBER_SHAPE}, with this kiosk's own id ({kiosk_id})",
        )


def _material_of(onething: OneThing, material_id: str, source: MaterialSource, where: str) -> None:
    material = next((m for m in onething.materials if m.id == material_id), None)
    if material is None or material.source is not source:
        how = {
            MaterialSource.SHARED: "provided by data sharing",
            MaterialSource.COMMITMENT: "replaceable by a written commitment",
        }.get(source, source.value)
        raise ApiError(
            422,
            "unknown_material",
            f"{where}: the one-thing '{onething.name}' has no material '{material_id}' "
            f"{how}; refresh the kiosk's catalog",
        )


def _check_shared(
    session: Session,
    body: ApplicationSubmit,
    onething: OneThing,
    kiosk_id: str,
    applicant_hash: str,
) -> None:
    """Each shared material must come from a look-up this kiosk made of this applicant, for
    this one-thing, that found records: the consent record is the proof of it."""
    if not body.shared:
        return
    ids = {ref.consent_id for ref in body.shared}
    consents = {
        c.id: c for c in session.scalars(select(ConsentRecord).where(ConsentRecord.id.in_(ids)))
    }
    for n, ref in enumerate(body.shared):
        where = f"shared[{n}]"
        _material_of(onething, ref.material_id, MaterialSource.SHARED, f"{where}.material_id")
        consent = consents.get(ref.consent_id)
        if consent is None or consent.kiosk_id != kiosk_id or consent.action != "lookup":
            # Another kiosk's look-up is as good as absent: its existence is not told.
            raise ApiError(
                422,
                "unknown_consent",
                f"{where}.consent_id: this kiosk made no data-sharing look-up "
                f"{ref.consent_id}; look the applicant up again and use the consent_id of "
                "that answer",
            )
        if (
            consent.subject_type != body.applicant.subject_type.value
            or consent.number_hash != applicant_hash
        ):
            raise ApiError(
                422,
                "consent_mismatch",
                f"{where}.consent_id: the look-up {ref.consent_id} was of someone other than "
                "the applicant; data sharing may only provide the applicant's own materials",
            )
        if consent.purpose != body.onething_id:
            raise ApiError(
                422,
                "consent_mismatch",
                f"{where}.consent_id: the look-up {ref.consent_id} was agreed to for "
                f"'{consent.purpose}', not for '{body.onething_id}'; look the applicant up "
                "again for this one-thing",
            )
        if consent.records_found == 0:
            raise ApiError(
                422,
                "consent_mismatch",
                f"{where}.consent_id: the look-up {ref.consent_id} found no records, so data "
                f"sharing cannot provide '{ref.material_id}'; ask the applicant for it",
            )


def _check_commitments(body: ApplicationSubmit, prepared: Prepared, onething: OneThing) -> None:
    # The contract already checked that each signature is an uploaded PNG by its type; the
    # bytes are checked here, where they are decoded.
    data = {m.material_id: d for m, d in zip(body.materials, prepared.materials, strict=True)}
    for n, commitment in enumerate(body.commitments):
        _material_of(
            onething,
            commitment.material_id,
            MaterialSource.COMMITMENT,
            f"commitments[{n}].material_id",
        )
        if not data[commitment.signature_material_id].startswith(_PNG):
            raise ApiError(
                422,
                "invalid_signature",
                f"commitments[{n}].signature_material_id: the upload "
                f"'{commitment.signature_material_id}' is not a PNG image; send the signature "
                "as drawn on the screen, as PNG",
            )


def _next_acceptance_number(session: Session, today: date) -> str:
    """YJS-YYYYMMDD-NNNNNN: the local date and the day's running number."""
    name = f"acceptance:{today:%Y%m%d}"
    value = session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    ).scalar_one_or_none()
    if value is None:
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            value = _first_of_the_day_postgres(session, name)
        else:  # SQLite: writers already take turns, nobody can insert it meanwhile
            session.add(Counter(name=name, value=1))
            session.flush()
            value = 1
    return f"YJS-{today:%Y%m%d}-{value:06d}"


def _first_of_the_day_postgres(session: Session, name: str) -> int:
    from sqlalchemy.dialects.postgresql import insert

    # Two hubs may both start the day's counter: the second one's insert does nothing
    # and its update waits for the first to commit, then counts on from it.
    session.execute(insert(Counter).values(name=name, value=0).on_conflict_do_nothing())
    return session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    ).scalar_one()


def find(session: Session, kiosk_id: str, number: str) -> Application:
    """By acceptance number, the kiosk's own application; by the local number of an offline
    receipt, the application it became, whichever kiosk the resident brings the receipt to."""
    if not is_local_number(number):
        return owned(session, kiosk_id, number)
    app = by_local_number(session, number)
    if app is None:
        raise not_found(
            f"the hub has no application with the local number {number} yet: the kiosk "
            "that printed it has not sent it, or is still offline"
        )
    return app


def by_local_number(session: Session, local_number: str) -> Application | None:
    return session.scalars(
        select(Application).where(Application.local_number == local_number)
    ).one_or_none()


def progress_token_hash(token: str) -> str:
    """What the hub keeps of a progress page's token: enough to find the page by the token,
    nothing to make the address from. Unkeyed: the token's 144 random bits need no key."""
    return hashlib.sha256(token.encode()).hexdigest() if token else ""


def by_progress_token(session: Session, token: str) -> Application | None:
    return session.scalars(
        select(Application).where(Application.progress_token_hash == progress_token_hash(token))
    ).one_or_none()


def by_acceptance_number(session: Session, acceptance_number: str) -> Application | None:
    return session.scalars(
        select(Application).where(Application.acceptance_number == acceptance_number)
    ).one_or_none()


def of_applicant(
    session: Session, subject_type: SubjectType, number_hash: str
) -> list[ApplicationView]:
    """The subject's applications from every kiosk, newest first, at most
    MAX_SEARCH_RESULTS."""
    apps = session.scalars(
        select(Application)
        .where(
            Application.applicant_hash == number_hash,
            Application.applicant_type == subject_type.value,
        )
        .order_by(Application.submitted_at.desc(), Application.id.desc())
        .limit(MAX_SEARCH_RESULTS)
    ).all()
    return views(session, list(apps))


def owned(session: Session, kiosk_id: str, acceptance_number: str) -> Application:
    """The kiosk's own application; another kiosk's is as good as absent (404)."""
    app = session.scalars(
        select(Application).where(Application.acceptance_number == acceptance_number)
    ).one_or_none()
    if app is None or app.kiosk_id != kiosk_id:
        raise not_found(f"no application {acceptance_number} was submitted from this kiosk")
    return app


def view(session: Session, app: Application) -> ApplicationView:
    return views(session, [app])[0]


def views(session: Session, apps: list[Application]) -> list[ApplicationView]:
    """The views of several applications, with one query per related table for all of
    them rather than per application."""
    ids = [a.id for a in apps]
    if not ids:
        return []
    tasks: defaultdict[int, list[Task]] = defaultdict(list)
    for task in session.scalars(
        select(Task).where(Task.application_id.in_(ids)).order_by(Task.seq)
    ):
        tasks[task.application_id].append(task)
    documents: defaultdict[int, list[DocumentRef]] = defaultdict(list)
    for d in session.execute(
        select(
            Document.application_id,
            Document.id,
            Document.file_name,
            Document.content_type,
            Document.size,
        )
        .where(Document.application_id.in_(ids), Document.kind == "result")
        .order_by(Document.created_at, Document.id)
    ):
        documents[d.application_id].append(
            DocumentRef(id=d.id, name=d.file_name, content_type=d.content_type, size=d.size)
        )
    shared: defaultdict[int, list[SharedMaterial]] = defaultdict(list)
    for ref in session.scalars(
        select(SharedMaterialRef)
        .where(SharedMaterialRef.application_id.in_(ids))
        .order_by(SharedMaterialRef.id)
    ):
        shared[ref.application_id].append(
            SharedMaterial(
                material_id=ref.material_id, consent_id=ref.consent_id, record_kind=ref.record_kind
            )
        )
    commitments: defaultdict[int, list[str]] = defaultdict(list)
    for application_id, material_id in session.execute(
        select(Commitment.application_id, Commitment.material_id)
        .where(Commitment.application_id.in_(ids))
        .order_by(Commitment.id)
    ):
        commitments[application_id].append(material_id)
    rated = set(
        session.scalars(select(Rating.application_id).where(Rating.application_id.in_(ids)))
    )
    return [
        ApplicationView(
            acceptance_number=app.acceptance_number,
            onething_id=app.onething_id,
            situation_id=app.situation_id,
            state=ApplicationState(app.state),
            submitted_at=app.submitted_at,
            due_date=app.due_date,
            items=[
                ItemStatus(
                    item_id=item["id"],
                    name=item["name"],
                    unit=task.unit,
                    state=ITEM_STATE[TaskState(task.state)],
                    due_date=task.due_date,
                )
                for task in tasks[app.id]
                for item in task.items
            ],
            documents=documents[app.id],
            reason=app.reason,
            shared=shared[app.id],
            commitments=commitments[app.id],
            local_number=app.local_number or "",
            rated=app.id in rated,
            fingerprint_check=(
                FingerprintCheck.model_validate(app.fingerprint_check)
                if app.fingerprint_check
                else None
            ),
        )
        for app in apps
    ]


def rate(
    session: Session, kiosk_id: str, acceptance_number: str, request: RatingRequest, at: datetime
) -> RatingView:
    app = owned(session, kiosk_id, acceptance_number)
    if session.scalar(select(Rating.id).where(Rating.application_id == app.id)) is not None:
        raise ApiError(
            409, "already_rated", f"application {acceptance_number} has already been rated"
        )
    session.add(
        Rating(
            application_id=app.id,
            level=request.level,
            reasons=list(request.reasons),
            comment=request.comment,
            rated_at=at,
            bad=request.level <= 2,
        )
    )
    session.flush()
    return RatingView(acceptance_number=acceptance_number, level=request.level, rated_at=at)


def decode_document(data_base64: str, field: str) -> bytes:
    try:
        return base64.b64decode(data_base64, validate=True)
    except ValueError:
        raise ApiError(422, "invalid_request", f"{field}: is not valid base64") from None
