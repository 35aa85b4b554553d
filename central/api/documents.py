"""Documents: an application's materials and results, to those entitled to them."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from central import guard
from central.api.deps import HubDep, KioskCaller, KioskOrDepartment
from central.blobs import BlobStore
from central.errors import errors, not_found
from central.tables import Application, Document, Task
from central.workflow import takes_fingerprint
from kiosk.application import FINGERPRINT_MATERIAL
from kiosk.contract import ApplicationSearch

router = APIRouter(prefix="/documents", tags=["documents"])


def _bytes_or(what: str, *statuses: int) -> dict[int | str, dict[str, Any]]:
    """The answers of a route that sends a document's bytes (`what`), or one of `statuses`."""
    return {
        200: {
            "description": f"{what}'s bytes, with its content type",
            "content": {"application/pdf": {}, "image/jpeg": {}, "image/png": {}},
        },
        **errors(*statuses),
    }


@router.get("/{document_id}", response_class=Response, responses=_bytes_or("The document", 404))
def document(
    document_id: Annotated[str, Path(max_length=32)], who: KioskOrDepartment, hub: HubDep
) -> Response:
    """A kiosk gets the documents of its own applications; a department those of the
    applications it has a task in."""
    with hub.db.read() as session:
        doc = session.get(Document, document_id)
        if doc is not None and not _entitled(session, who.kind, who.name, doc.application_id):
            doc = None
        if (
            doc is not None
            and who.kind != "kiosk"
            and doc.material_id == FINGERPRINT_MATERIAL
            and not _needs_fingerprint(session, who.name, doc.application_id)
        ):
            doc = None
        if doc is None:
            raise not_found("no document with this id is available to this credential")
        return _download(doc, hub.documents)


@router.post(
    "/{document_id}/for-card-holder",
    response_class=Response,
    responses=_bytes_or("The result document", 403, 404, 429, 503),
)
def for_card_holder(
    document_id: Annotated[str, Path(max_length=32)],
    body: ApplicationSearch,
    who: KioskCaller,
    hub: HubDep,
) -> Response:
    """查询打印 at any kiosk: a result of an application of the person (or enterprise) whose
    card is in this kiosk's reader, wherever it was applied for. Results only: the
    materials handed in stay with the kiosk that took them. `card` must be the holder's own
    current card (an enterprise: its representative's); each download is recorded as a
    consent record."""
    request = guard.of_card_holder(who.name, guard.Action.DOWNLOAD, body)
    number_hash = guard.admit(hub, request)
    with hub.db.write() as session:
        doc = session.get(Document, document_id)
        if doc is not None and (
            doc.kind != "result"
            or session.scalar(
                select(Application.applicant_hash).where(Application.id == doc.application_id)
            )
            != number_hash
        ):
            doc = None
        if doc is None:
            raise not_found("no result document with this id belongs to this card holder")
        guard.record(session, request, number_hash, 1, hub.now())
        return _download(doc, hub.documents)


def _download(doc: Document, documents: BlobStore) -> Response:
    ascii_name = doc.file_name.encode("ascii", "replace").decode().replace('"', "_")
    return Response(
        documents.get(doc.id),
        media_type=doc.content_type,
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(doc.file_name)}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


def _needs_fingerprint(session: Session, unit: str, application_id: int) -> bool:
    """The applicant's fingerprint goes only to a department one of whose items in this
    application takes it."""
    return any(
        takes_fingerprint(task)
        for task in session.scalars(
            select(Task).where(Task.application_id == application_id, Task.unit == unit)
        )
    )


def _entitled(session: Session, kind: str, name: str, application_id: int) -> bool:
    if kind == "kiosk":
        return (
            session.scalar(select(Application.kiosk_id).where(Application.id == application_id))
            == name
        )
    task = session.scalar(
        select(Task.id).where(Task.application_id == application_id, Task.unit == name).limit(1)
    )
    return task is not None
