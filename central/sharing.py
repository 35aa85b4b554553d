"""Data sharing ("一证通办"): which licences and certificates exist for a person or an
enterprise, with a consent record kept for every look-up, found or not.

The hub asks a SharingSource; the sandbox dataset is one. An integrator puts the
province's data-sharing platform behind the same protocol.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from sqlalchemy.orm import Session

from central.errors import ApiError
from central.tables import ConsentRecord, now
from kiosk.contract import LicenceRecord, LookupRequest, LookupResponse
from kiosk.ids import mask


class SharingSource(Protocol):
    sample_data: bool

    def records(self, subject_type: str, number: str) -> list[LicenceRecord]:
        """Every record for the subject; an empty list when there are none."""
        ...


def record_lookup(
    session: Session,
    source: SharingSource | None,
    kiosk_id: str,
    request: LookupRequest,
    number_hash: str,
) -> tuple[ConsentRecord, list[LicenceRecord]]:
    """Look up and add the consent record to the session. The caller commits before
    answering, so that a look-up that found nothing is recorded too."""
    records = source.records(request.subject_type.value, request.number) if source else []
    consent = ConsentRecord(
        id=uuid.uuid4().hex,
        kiosk_id=kiosk_id,
        purpose=request.purpose,
        method=request.consent.method,
        text_version=request.consent.text_version,
        subject_type=request.subject_type.value,
        number_masked=mask(request.number),
        number_hash=number_hash,
        records_found=len(records),
        created_at=now(),
    )
    session.add(consent)
    return consent, records


def answer(
    source: SharingSource | None,
    request: LookupRequest,
    consent: ConsentRecord,
    records: list[LicenceRecord],
) -> LookupResponse:
    if source is None:
        raise ApiError(
            503,
            "sharing_unavailable",
            "this hub has no data-sharing source; ask the applicant for the documents instead",
        )
    if not records:
        raise ApiError(
            404,
            "no_records",
            "data sharing holds no licences or certificates for this number; check the number, "
            "or ask the applicant for the documents",
        )
    return LookupResponse(
        consent_id=consent.id,
        subject_type=request.subject_type,
        number_masked=consent.number_masked,
        sample_data=source.sample_data,
        records=records,
    )
