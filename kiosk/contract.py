"""The joint-handling API (/v1): the shapes of its messages, shared by the kiosk's client and
the reference hub, so that the two cannot drift apart. The hub publishes them as OpenAPI
(central/openapi.json).

Limits are part of the contract: a hostile or broken peer cannot make either side hold
unbounded data.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.devices import DeviceStatus
from kiosk.ids import InvalidNumber, validate_credit_code, validate_id_number

API_PREFIX = "/v1"

MAX_MATERIAL_BYTES = 10 * 1024 * 1024
MAX_MATERIALS = 20
MAX_FORM_FIELDS = 200
MATERIAL_TYPES = ("application/pdf", "image/jpeg", "image/png")

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
ACCEPTED_BY = r"^(self-service|staff:[A-Za-z0-9_.-]{1,64})$"


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- errors ----------------------------------------------------------------------------------


class ErrorBody(_Message):
    code: str  # stable, for programs: "not_found", "invalid_id_number", ...
    message: str  # for people: what went wrong and what to do


class ErrorResponse(_Message):
    error: ErrorBody


# -- kiosks ----------------------------------------------------------------------------------


class KioskCreate(_Message):
    """Admin: register a kiosk; the answer holds a one-time enrolment code."""

    kiosk_id: Key
    name: ShortText


class KioskCreated(_Message):
    kiosk_id: str
    enrolment_code: str


class EnrolRequest(_Message):
    kiosk_id: Key
    enrolment_code: Annotated[str, StringConstraints(min_length=8, max_length=128)]


class EnrolResponse(_Message):
    kiosk_id: str
    token: str  # the kiosk's credential from now on: Authorization: Bearer <token>


class DeviceHealth(_Message):
    name: Key  # "pcsc", "idreader", "fingerprint", "camera", "printer"
    status: DeviceStatus
    detail: Annotated[str, StringConstraints(max_length=500)] = ""


class Heartbeat(_Message):
    app_version: Annotated[str, StringConstraints(max_length=50)]
    catalog_version: Annotated[str, StringConstraints(max_length=50)] = ""
    outbox_pending: int = Field(ge=0, le=1_000_000)
    devices: list[DeviceHealth] = Field(default_factory=list, max_length=20)


class DepartmentCredentialCreated(_Message):
    unit: str
    token: str


# -- data sharing ("一证通办") -------------------------------------------------------------------


class SubjectType(StrEnum):
    PERSON = "person"  # resident ID number
    ENTERPRISE = "enterprise"  # unified social credit code


class Consent(_Message):
    """What the applicant agreed to: recorded by the hub for every look-up."""

    given: Literal[True]
    method: Literal["card_present", "staff_assisted"]
    text_version: Annotated[str, StringConstraints(max_length=50)]


class LookupRequest(_Message):
    subject_type: SubjectType
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=18)]
    purpose: Key  # the one-thing the data is for
    consent: Consent

    @field_validator("number")
    @classmethod
    def _check(cls, v: str, info: ValidationInfo) -> str:
        kind = info.data.get("subject_type")
        try:
            if kind == SubjectType.ENTERPRISE:
                return validate_credit_code(v)
            return validate_id_number(v)
        except InvalidNumber as e:
            raise ValueError(str(e)) from None


class LicenceRecord(_Message):
    """One electronic licence or certificate that exists for the subject."""

    kind: Key  # "resident_id", "household_register", "marriage_certificate", ...
    name: ShortText  # 居民身份证, 居民户口簿, 结婚证, 营业执照
    issuer: ShortText
    valid_until: date | None = None
    fields: dict[Key, Annotated[str, StringConstraints(max_length=500)]] = Field(
        default_factory=dict, max_length=100
    )


class LookupResponse(_Message):
    consent_id: str
    subject_type: SubjectType
    number_masked: str
    sample_data: bool  # true for the sandbox dataset: never real people
    records: list[LicenceRecord] = Field(max_length=100)


# -- applications ------------------------------------------------------------------------------


class Applicant(_Message):
    subject_type: SubjectType = SubjectType.PERSON
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=18)]
    name: ShortText

    @field_validator("number")
    @classmethod
    def _check(cls, v: str, info: ValidationInfo) -> str:
        try:
            if info.data.get("subject_type") == SubjectType.ENTERPRISE:
                return validate_credit_code(v)
            return validate_id_number(v)
        except InvalidNumber as e:
            raise ValueError(str(e)) from None


class MaterialUpload(_Message):
    material_id: Key
    file_name: ShortText
    content_type: Literal["application/pdf", "image/jpeg", "image/png"]
    data_base64: str = Field(max_length=(MAX_MATERIAL_BYTES * 4) // 3 + 4)

    @field_validator("data_base64")
    @classmethod
    def _decodes(cls, v: str) -> str:
        try:
            base64.b64decode(v, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("is not valid base64") from None
        return v

    def data(self) -> bytes:
        return base64.b64decode(self.data_base64)


class Delivery(_Message):
    method: Literal["post", "pickup"]
    address: Annotated[str, StringConstraints(max_length=300)] = ""  # for post
    place: Annotated[str, StringConstraints(max_length=300)] = ""  # for pickup


class ApplicationSubmit(_Message):
    """Sent with the header Idempotency-Key: the same key always means the same application."""

    onething_id: Key
    situation_id: Key
    applicant: Applicant
    form: dict[Key, Annotated[str, StringConstraints(max_length=1000)]] = Field(
        default_factory=dict, max_length=MAX_FORM_FIELDS
    )
    materials: list[MaterialUpload] = Field(default_factory=list, max_length=MAX_MATERIALS)
    delivery: Delivery
    accepted_by: Annotated[
        str, StringConstraints(pattern=r"^(self-service|staff:[A-Za-z0-9_.-]{1,64})$")
    ]
    terminal: ShortText  # 窗口序号 on the acceptance notice


class ItemState(StrEnum):
    WAITING = "waiting"  # an earlier step is not done yet
    IN_PROGRESS = "in_progress"
    DONE = "done"
    RETURNED = "returned"  # returned to the applicant for correction
    REJECTED = "rejected"


class ApplicationState(StrEnum):
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    RETURNED = "returned"
    REJECTED = "rejected"
    COMPLETED = "completed"


class ItemStatus(_Message):
    item_id: str
    name: str
    unit: str
    state: ItemState
    due_date: date


class DocumentRef(_Message):
    id: str
    name: str
    content_type: str
    size: int


class ApplicationView(_Message):
    acceptance_number: str  # 受理编号
    onething_id: str
    situation_id: str
    state: ApplicationState
    submitted_at: datetime
    due_date: date
    items: list[ItemStatus]
    documents: list[DocumentRef]
    reason: str = ""  # why it was returned or rejected


# -- department work queues ----------------------------------------------------------------------


class TaskState(StrEnum):
    WAITING = "waiting"
    READY = "ready"
    CLAIMED = "claimed"
    DONE = "done"
    RETURNED = "returned"
    REJECTED = "rejected"


class TaskView(_Message):
    id: str
    acceptance_number: str
    onething_id: str
    step_id: str
    step_name: str
    unit: str
    items: list[str]
    state: TaskState
    due_date: date
    claimed_by: str = ""
    reason: str = ""


class ResultDocument(_Message):
    file_name: ShortText
    content_type: Literal["application/pdf", "image/jpeg", "image/png"]
    data_base64: str = Field(max_length=(MAX_MATERIAL_BYTES * 4) // 3 + 4)


class TaskClaim(_Message):
    handler: Key  # the staff member at the desk


class TaskComplete(_Message):
    document: ResultDocument | None = None
    note: LongText = ""


class TaskReason(_Message):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=1000)]


# -- appointments (§6.1.2) -----------------------------------------------------------------------


class Slot(_Message):
    id: str
    window: str
    onething_id: str
    day: date
    start: str  # "09:00"
    end: str
    capacity: int
    booked: int


class BookingRequest(_Message):
    slot_id: Key
    onething_id: Key
    applicant: Applicant


class Booking(_Message):
    code: str
    slot: Slot
    state: Literal["booked", "cancelled"]


# -- ratings (好差评, §8.2) ------------------------------------------------------------------------


class RatingRequest(_Message):
    level: int = Field(ge=1, le=5)  # 5 非常满意 … 1 非常不满意
    reasons: list[Annotated[str, StringConstraints(max_length=100)]] = Field(
        default_factory=list, max_length=10
    )
    comment: LongText = ""

    @model_validator(mode="after")
    def _bad_needs_reason(self) -> RatingRequest:
        if self.level <= 2 and not self.reasons:
            raise ValueError("a bad rating (1 or 2) needs at least one reason")
        return self


class RatingView(_Message):
    acceptance_number: str
    level: int
    rated_at: datetime
