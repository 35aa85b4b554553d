"""Data sharing ("一证通办"): which licences and certificates exist for a person or an
enterprise, with a consent record kept for every look-up, found or not (central.guard lets
the look-up through first).

The hub asks a SharingSource for the records and a CardRegistry whether the card at the kiosk
is the holder's; the sandbox dataset is both. An integrator puts the province's data-sharing
platform and card registries (public security for ID cards, human resources and social
security for social security cards) behind the same protocols.

An answer carries only what the one-thing's forms take from each record: a marriage
certificate's spouse ID number, say, is a third party's, and leaves the hub masked.
"""

from __future__ import annotations

from typing import Protocol

from central.errors import ApiError
from central.tables import ConsentRecord
from kiosk.catalog.model import OneThing
from kiosk.contract import (
    MAX_REFERENCE_PHOTO_BYTES,
    CardEvidence,
    LicenceRecord,
    LookupRequest,
    LookupResponse,
)
from kiosk.ids import InvalidNumber, mask, validate_credit_code, validate_id_number


class SharingSource(Protocol):
    sample_data: bool

    def records(self, subject_type: str, number: str) -> list[LicenceRecord]:
        """Every record for the subject; an empty list when there are none."""
        ...

    def reference_photo(self, number: str) -> bytes | None:
        """The person's photo on file (a JPEG), for 人证比对 only; None when there is none."""
        ...


class CardRegistry(Protocol):
    def card_matches(self, card: CardEvidence) -> bool:
        """True when the card described is the holder's current card of its kind: every
        detail given agrees with the issuer's records."""
        ...

    def acts_for(self, enterprise_number: str, person_number: str) -> bool:
        """True when the person is the enterprise's legal representative or registered agent."""
        ...


def records_for(
    source: SharingSource | None, request: LookupRequest, onething: OneThing
) -> list[LicenceRecord]:
    """The subject's records, each cut down to what the one-thing's forms take from it."""
    source = source_or_refusal(source)
    wanted = onething.shared_fields()
    return [
        _minimised(record, wanted.get(record.kind, frozenset()), request.number)
        for record in source.records(request.subject_type.value, request.number)
        if record.kind in wanted
    ]


def _minimised(record: LicenceRecord, wanted: frozenset[str], subject: str) -> LicenceRecord:
    fields = {
        name: _masked_if_another_number(value, subject)
        for name, value in record.fields.items()
        if name in wanted
    }
    return record.model_copy(update={"fields": fields})


def _masked_if_another_number(value: str, subject: str) -> str:
    # A form may show a family member's number; what leaves the hub is masked all the same,
    # whichever field name a source gives it.
    if value == subject:
        return value
    for validate in (validate_id_number, validate_credit_code):
        try:
            return mask(validate(value))
        except InvalidNumber:
            continue
    return value


def source_or_refusal(source: SharingSource | None) -> SharingSource:
    if source is None:
        raise ApiError(
            503,
            "sharing_unavailable",
            "this hub has no data-sharing source; ask the applicant for the documents instead",
        )
    return source


def reference_photo(source: SharingSource, number: str) -> bytes | None:
    """The person's photo on file when it is a JPEG of a bounded size, else None (a photo
    the kiosk could not use is as good as none)."""
    photo = source.reference_photo(number)
    if not photo or len(photo) > MAX_REFERENCE_PHOTO_BYTES or not photo.startswith(b"\xff\xd8"):
        return None
    return photo


def answer(
    source: SharingSource | None,
    request: LookupRequest,
    consent: ConsentRecord,
    records: list[LicenceRecord],
) -> LookupResponse:
    assert source is not None  # records_for refused already
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
