"""The joint-handling API (/v1): the shapes of its messages, shared by the kiosk's client and
the reference hub, so that the two cannot drift apart. The hub publishes them as OpenAPI
(central/openapi.json).

Limits are part of the contract: a hostile or broken peer cannot make either side hold
unbounded data.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Container
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.devices import DeviceStatus
from kiosk.ids import (
    CREDIT_CODE_RULE,
    ID_NUMBER_RULE,
    SUBJECT_NUMBER_PATTERN,
    InvalidNumber,
    validate_credit_code,
    validate_id_number,
)
from kiosk.local_number import LOCAL_NUMBER
from kiosk.text import clean_file_name, clean_name, content_problem, find_text_problem

API_PREFIX = "/v1"

MAX_MATERIAL_BYTES = 10 * 1024 * 1024
MAX_MATERIALS = 20
MAX_FORM_FIELDS = 200
MAX_SHARED = 20
MAX_COMMITMENTS = 20
MAX_SEARCH_RESULTS = 20
MATERIAL_TYPES = ("application/pdf", "image/jpeg", "image/png")

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
ACCEPTED_BY = r"^(self-service|staff:[A-Za-z0-9_.-]{1,64})$"
# The number a kiosk prints on the receipt of an application it could not send yet.
LocalNumber = Annotated[str, StringConstraints(pattern=rf"^({LOCAL_NUMBER})?$")]
# 128 bits or more of randomness, URL-safe: what a progress page's address carries.
PROGRESS_TOKEN = r"[A-Za-z0-9_-]{22,64}"
ProgressToken = Annotated[str, StringConstraints(pattern=rf"^({PROGRESS_TOKEN})?$")]
CommitmentText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
]
# A person's or an enterprise's name: NFC, visible, no bidi or invisible characters.
Name = Annotated[ShortText, AfterValidator(clean_name)]
# The last path part only, no control characters (kiosk.text.clean_file_name).
FileName = Annotated[ShortText, AfterValidator(clean_file_name)]
# An ID number or a credit code; the message's subject_type says which. The pattern is what
# both look like; the validator checks the check character and says what is wrong in words.
SubjectNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=18),
    Field(
        description=(
            "With subject_type person, a resident ID number: "
            + ID_NUMBER_RULE
            + " With subject_type enterprise, a unified social credit code: "
            + CREDIT_CODE_RULE
            + " Lower-case letters are read as upper case; anything else is refused with 422."
        ),
        json_schema_extra={"pattern": SUBJECT_NUMBER_PATTERN},
    ),
]
# Numbers and yes/no are JSON numbers and booleans: "7" or "true" are refused, not guessed at.
Count = Annotated[int, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, data: object) -> object:
        # Once for every message, rather than per field: a NUL or a control character in
        # any string or key, nested or not, is refused with the place it was found.
        problem = find_text_problem(data) if isinstance(data, dict) else None
        if problem is not None:
            raise ValueError(problem)
        return data


# The same rules for the hub's own messages (central.messages).
MessageBase = _Message


# -- errors ----------------------------------------------------------------------------------


# On a refused bounded attempt (a staff PIN): how many tries are left before a lock-out.
TRIES_LEFT_HEADER = "X-Tries-Left"


class ErrorBody(_Message):
    code: str  # stable, for programs: "not_found", "invalid_id_number", ...
    message: str  # for people: what went wrong and what to do


class ErrorResponse(_Message):
    error: ErrorBody


# -- kiosks ----------------------------------------------------------------------------------


class KioskCreate(_Message):
    """Admin: register a kiosk; the answer holds a one-time enrolment code."""

    kiosk_id: Key
    name: Name


class KioskCreated(_Message):
    kiosk_id: str
    enrolment_code: str


class EnrolRequest(_Message):
    kiosk_id: Key
    enrolment_code: Annotated[str, StringConstraints(min_length=8, max_length=128)]


class HubHealth(_Message):
    """GET /health, for anyone: the hub is up and reaches its database."""

    status: Literal["ok"]


class EnrolResponse(_Message):
    kiosk_id: str
    token: str  # the kiosk's credential from now on: Authorization: Bearer <token>
    expires_at: datetime  # renewed before then: POST /credentials/renew
    # Seconds from the answer: what the kiosk reckons with, as its own clock may be off.
    expires_in: int = Field(ge=0)


class TokenRenewed(_Message):
    """A new token for the caller's credential. The one it was asked with keeps working for
    a few minutes (a reply lost on the way can be asked for again), then stops."""

    token: str
    expires_at: datetime
    expires_in: int = Field(ge=0)


class DeviceHealth(_Message):
    name: Key  # "pcsc", "idreader", "fingerprint", "camera", "printer"
    status: DeviceStatus
    detail: Annotated[str, StringConstraints(max_length=500)] = ""


class Heartbeat(_Message):
    app_version: Annotated[str, StringConstraints(max_length=50)]
    catalog_version: Annotated[str, StringConstraints(max_length=50)] = ""
    outbox_pending: Count = Field(ge=0, le=1_000_000)
    devices: list[DeviceHealth] = Field(default_factory=list, max_length=20)
    # The fleet configuration in force ("7 (3f2a9c1e)", kiosk.fleet.Bundle.version), and why
    # the last one was not adopted, or the repository not reached (empty: no problem).
    config_version: Annotated[str, StringConstraints(max_length=50)] = ""
    config_error: Annotated[str, StringConstraints(max_length=300)] = ""


class StaffSignIn(_Message):
    """A staff member signs in at a kiosk: with their own card's number and their PIN, or
    with a one-time code from the hub (kioskctl staff code)."""

    card_number: Annotated[str, StringConstraints(max_length=18)] = ""
    pin: Annotated[str, StringConstraints(pattern=r"^[0-9]{0,8}$")] = ""
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{0,8}$")] = ""

    @model_validator(mode="after")
    def _one_way(self) -> StaffSignIn:
        by_card = bool(self.card_number) and len(self.pin) >= 4
        by_code = len(self.code) == 8 and not self.card_number and not self.pin
        if by_card == by_code:
            raise ValueError("sign in with a card number and a PIN of 4 to 8 digits, or a code")
        _valid_card_number(self.card_number)
        return self


def _valid_card_number(number: str) -> None:
    """A staff or technician card's number, when given, is an ID number (ValueError if not)."""
    if number:
        try:
            validate_id_number(number)
        except InvalidNumber as e:
            raise ValueError(str(e)) from None


class StaffView(_Message):
    """Who signed in; the kiosk may let the same card and PIN in without the hub (when it
    cannot reach it) until `offline_until`."""

    staff_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]
    name: ShortText
    role: Key
    service_centre: ShortText
    offline_until: datetime


class StaffSignOut(_Message):
    staff_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]
    reason: Literal["sign_out", "idle"] = "sign_out"


class HelpRequestCreate(_Message):
    """请工作人员帮忙: where the resident is, and for how long; no personal data."""

    screen: Key
    waited_s: int = Field(ge=0, le=86_400)


class HelpView(_Message):
    id: Key
    acknowledged: bool
    acknowledged_by: Annotated[str, StringConstraints(max_length=100)] = ""


class DepartmentCredentialCreated(_Message):
    id: int  # for kioskctl department revoke / rotate
    unit: str
    token: str
    expires_at: datetime


# -- data sharing ("一证通办") -------------------------------------------------------------------


class SubjectType(StrEnum):
    PERSON = "person"  # resident ID number
    ENTERPRISE = "enterprise"  # unified social credit code


def _subject_number(v: str, info: ValidationInfo) -> str:
    """An ID number or a credit code, by the message's subject_type, in its canonical form."""
    try:
        if info.data.get("subject_type") == SubjectType.ENTERPRISE:
            return validate_credit_code(v)
        return validate_id_number(v)
    except InvalidNumber as e:
        raise ValueError(str(e)) from None


class Consent(_Message):
    """What the applicant agreed to: recorded by the hub for every look-up."""

    given: Literal[True]
    method: Literal["card_present", "staff_assisted"]
    text_version: Annotated[str, StringConstraints(max_length=50)]


class CardKind(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证
    SOCIAL_SECURITY = "social_security"  # 社会保障卡
    # Read by the same serial ID module as the resident ID card, told apart by its card-type
    # flag (text byte 248): 'J' and 'I'.
    RESIDENCE_PERMIT = "residence_permit"  # 港澳台居民居住证
    FOREIGN_RESIDENT = "foreign_resident"  # 外国人永久居留身份证


class CardEvidence(_Message):
    """What only the card in the kiosk's reader holds, beyond the number printed on it: the
    hub checks it against its records before it answers a look-up, a search or a download,
    so that an ID number alone (which many people know) opens nothing.

    A resident ID card gives its issuing authority and validity period; a social security
    card its card number and card identifier (卡识别码). `holder_number` is the card holder's
    ID number: the subject itself, or an enterprise's representative."""

    card_type: CardKind
    holder_number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=18)]
    issuer: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] = ""
    valid_from: date | None = None
    valid_until: date | None = None  # None on a resident ID card: 长期 (no end)
    card_number: Annotated[str, StringConstraints(pattern=r"^([0-9A-Z]{1,9})?$")] = ""
    card_identifier: Annotated[str, StringConstraints(pattern=r"^([0-9A-F]{32})?$")] = ""

    @field_validator("holder_number")
    @classmethod
    def _holder(cls, v: str, info: ValidationInfo) -> str:
        if info.data.get("card_type") is CardKind.FOREIGN_RESIDENT and re.fullmatch(
            r"[A-Z]{3}[0-9]{12}", v
        ):
            return v  # the 2017 permanent residence number: country code and 12 digits
        try:
            return validate_id_number(v)
        except InvalidNumber as e:
            raise ValueError(str(e)) from None

    @model_validator(mode="after")
    def _complete(self) -> CardEvidence:
        if self.card_type is not CardKind.SOCIAL_SECURITY and not (self.issuer and self.valid_from):
            raise ValueError("an identity card's evidence needs its issuer and valid_from")
        if self.card_type is CardKind.SOCIAL_SECURITY and not (
            self.card_number and self.card_identifier
        ):
            raise ValueError(
                "a social security card's evidence needs its card_number and card_identifier"
            )
        return self


def _card_of_subject(
    subject_type: SubjectType, number: str, card: CardEvidence, where: str = "card"
) -> None:
    if subject_type is SubjectType.PERSON and card.holder_number != number:
        raise ValueError(
            f"{where}.holder_number: the card in the reader is not the card of the person "
            "asked about; a person's records open with that person's own card"
        )


class _OfSubject(_Message):
    """A message about one person or enterprise: its `number` is checked, and made canonical,
    as its `subject_type` says (an ID number or a credit code). The fields are the message's
    own, declared in its order: `subject_type` before `number`."""

    if TYPE_CHECKING:
        subject_type: SubjectType
        number: str

    @field_validator("number", check_fields=False)
    @classmethod
    def _check(cls, v: str, info: ValidationInfo) -> str:
        return _subject_number(v, info)


class _OpenedByCard(_OfSubject):
    """A message about a subject whose records the card at the kiosk (`card`) opens: a
    person's only with that person's own card."""

    if TYPE_CHECKING:
        card: CardEvidence

    @model_validator(mode="after")
    def _own_card(self) -> Self:
        _card_of_subject(self.subject_type, self.number, self.card)
        return self


class LookupRequest(_OpenedByCard):
    subject_type: SubjectType
    number: SubjectNumber
    purpose: Key  # the one-thing the data is for: one of the hub's current catalog
    consent: Consent
    card: CardEvidence  # the card at the kiosk: the subject's own, or its representative's


class ReferencePhotoRequest(_OpenedByCard):
    """人证比对: the photo on file for the person whose card is at the kiosk, to compare the
    live face with before the ID photo. A person only, with their own current card and
    consent, as a look-up; the answer is the JPEG's bytes (at most MAX_REFERENCE_PHOTO_BYTES)
    or 404 when data sharing holds none. The kiosk keeps it in memory for the session."""

    subject_type: Literal[SubjectType.PERSON] = SubjectType.PERSON
    number: SubjectNumber
    consent: Consent
    card: CardEvidence


# What a reference photo may weigh (an ID card photo is a few kilobytes; a good JPEG of a
# face far less than this).
MAX_REFERENCE_PHOTO_BYTES = 256 * 1024
# The one purpose a reference photo is given for, as its consent records say.
REFERENCE_PHOTO_PURPOSE = "face_verification"


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
    sample_data: Flag  # true for the sandbox dataset: never real people
    records: list[LicenceRecord] = Field(max_length=100)


# -- applications ------------------------------------------------------------------------------


class Applicant(_OfSubject):
    subject_type: SubjectType = SubjectType.PERSON
    number: SubjectNumber
    name: Name


def _head(data_base64: str) -> bytes:
    """The first bytes of a base64 file: enough for its magic, without decoding it all."""
    try:
        return base64.b64decode(data_base64[:16], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("data_base64: is not valid base64") from None


def _check_content(content_type: str, data_base64: str) -> None:
    problem = content_problem(content_type, _head(data_base64))
    if problem is not None:
        raise ValueError(f"data_base64: {problem}")


class MaterialUpload(_Message):
    material_id: Key
    file_name: FileName
    content_type: Literal["application/pdf", "image/jpeg", "image/png"] = Field(
        description="What the file is; its contents must start as this type does (its magic "
        "bytes: %PDF-, FF D8 FF, 89 PNG). An empty file is refused."
    )
    data_base64: str = Field(max_length=(MAX_MATERIAL_BYTES * 4) // 3 + 4)

    @field_validator("data_base64")
    @classmethod
    def _decodes(cls, v: str) -> str:
        try:
            base64.b64decode(v, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("is not valid base64") from None
        return v

    @model_validator(mode="after")
    def _is_what_it_says(self) -> MaterialUpload:
        _check_content(self.content_type, self.data_base64)
        return self

    def data(self) -> bytes:
        return base64.b64decode(self.data_base64)


class Delivery(_Message):
    method: Literal["post", "pickup"]
    address: Annotated[str, StringConstraints(max_length=300)] = ""  # for post
    place: Annotated[str, StringConstraints(max_length=300)] = ""  # for pickup


class SharedMaterial(_Message):
    """A material that data sharing provides: referenced by the look-up that found it (its
    consent record), never uploaded again."""

    material_id: Key
    consent_id: Key  # LookupResponse.consent_id of this kiosk's look-up of the applicant
    record_kind: Key  # LicenceRecord.kind of the record that stands for the material


class CommitmentSigned(_Message):
    """A material replaced by a written commitment (告知承诺) the applicant signed on screen."""

    material_id: Key
    text: CommitmentText  # exactly the text the applicant saw
    signature_material_id: Key  # the PNG in ApplicationSubmit.materials, e.g. "signature"


class Relation(StrEnum):
    """How an agent (代办人) is related to the applicant."""

    CHILD = "child"  # 子女
    SPOUSE = "spouse"  # 配偶
    PARENT = "parent"  # 父母
    SIBLING = "sibling"  # 兄弟姐妹
    GRANDCHILD = "grandchild"  # 孙子女、外孙子女
    OTHER = "other"  # 其他受托人


class AgentBasis(StrEnum):
    """What shows that the agent may act: the household register (data sharing) shows the
    relation, or the applicant signed an authorisation (委托书) at the terminal."""

    HOUSEHOLD = "household"
    AUTHORISATION = "authorisation"


class Agent(_OfSubject):
    """Someone applying for the applicant (代办): their own card was read at the terminal."""

    subject_type: SubjectType = SubjectType.PERSON
    number: SubjectNumber
    name: Name
    relation: Relation
    basis: AgentBasis

    @model_validator(mode="after")
    def _a_person(self) -> Self:
        if self.subject_type is not SubjectType.PERSON:
            raise ValueError("subject_type: an agent is a person")
        return self


class FingerprintCheck(_Message):
    """The 1:1 check of the live finger, taken at the kiosk, against the fingerprint data read
    from the applicant's ID card (downloaded into the sensor and matched there). Only the
    outcome: no template or image."""

    result: Literal["match", "no_match"]
    score: int = Field(default=0, ge=0, le=65535)  # the sensor's match score
    reference: Literal["id_card"] = "id_card"


class FaceBand(StrEnum):
    """How near the live face came to the reference photo (drivers.camera.verify's bands)."""

    STRONG = "strong"
    MATCH = "match"
    NO_MATCH = "no_match"
    NO_FACE = "no_face"
    NO_REFERENCE = "no_reference"  # nothing to compare with: liveness only


class FaceCheck(_Message):
    """人证比对 at the terminal: the score band and whether the resident passed the liveness
    challenge (a blink). Never the face descriptors, never a distance."""

    band: FaceBand
    liveness: bool
    # The reference was the sandbox's sample photo, not a photo on file: the face was compared
    # with sample data, so the result says nothing of anyone's identity. Optional, so that
    # kiosks that do not send it are still understood.
    sample_reference: Flag = False


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
    # Added with the resident journey (issue #9). Optional, so that kiosks that do not send
    # them are still understood.
    shared: list[SharedMaterial] = Field(default_factory=list, max_length=MAX_SHARED)
    commitments: list[CommitmentSigned] = Field(default_factory=list, max_length=MAX_COMMITMENTS)
    local_number: LocalNumber = ""  # the offline receipt's number, when the kiosk printed one
    # The secret part of the progress page's address that the kiosk printed in the receipt's
    # QR code (PROGRESS_TOKEN): the page opens by it, never by the acceptance number alone.
    progress_token: ProgressToken = ""
    # Added with community staff (issue #16): the relative or authorised person who applies
    # for the applicant (代办), when there is one.
    agent: Agent | None = None
    # Added with the fingerprint's purpose (issue #21): the 1:1 check of the finger taken here
    # against the ID card's, where the kiosk's sensor could make it.
    fingerprint_check: FingerprintCheck | None = None
    # Added with capture to the departments' standards (issue #22): the face check, when the
    # ID photo was taken with one.
    face_check: FaceCheck | None = None

    @model_validator(mode="after")
    def _agent_is_another(self) -> ApplicationSubmit:
        if self.agent is not None and self.agent.number == self.applicant.number:
            raise ValueError("agent.number: an agent applies for someone else, not themselves")
        return self

    @model_validator(mode="after")
    def _materials_consistent(self) -> ApplicationSubmit:
        # Each material is provided one way: uploaded, by data sharing, or replaced by a
        # commitment. The signature a commitment points to is an upload of its own.
        uploads = {m.material_id: m for m in self.materials}
        seen_shared: set[str] = set()
        for n, ref in enumerate(self.shared):
            _provided_once(
                ref.material_id,
                f"shared[{n}].material_id",
                seen_shared,
                uploads,
                "data sharing and also uploaded",
            )
        seen_committed: set[str] = set()
        for n, c in enumerate(self.commitments):
            _provided_once(
                c.material_id,
                f"commitments[{n}].material_id",
                seen_committed,
                seen_shared,
                "data sharing and also replaced by a commitment",
            )
            signature = uploads.get(c.signature_material_id)
            if signature is None:
                raise ValueError(
                    f"commitments[{n}].signature_material_id: no upload in materials has the "
                    f"material id '{c.signature_material_id}'; add the applicant's signature "
                    "(a PNG image) to materials under that id"
                )
            if signature.content_type != "image/png":
                raise ValueError(
                    f"commitments[{n}].signature_material_id: the upload "
                    f"'{c.signature_material_id}' is {signature.content_type}; a signature "
                    "is a PNG image"
                )
        return self


def _provided_once(
    material_id: str, where: str, seen: set[str], other_way: Container[str], both_ways: str
) -> None:
    """`material_id`, at `where` in one way of providing materials whose ids so far are
    `seen`, is listed there once and not also provided `other_way` (`both_ways` says how);
    it is added to `seen`."""
    if material_id in seen:
        raise ValueError(f"{where}: '{material_id}' is listed twice")
    if material_id in other_way:
        raise ValueError(
            f"{where}: '{material_id}' is provided by {both_ways}; send it one way only"
        )
    seen.add(material_id)


class ApplicationSearch(_OpenedByCard):
    """The applications of the person or enterprise whose card is at the kiosk, or one of
    their result documents: the card's evidence opens them."""

    subject_type: SubjectType = SubjectType.PERSON
    number: SubjectNumber
    card: CardEvidence


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
    size: Count


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
    # Added with the resident journey; defaults, so that a hub without them is understood.
    # The hub leaves them out while they hold their defaults, for kiosks that predate them.
    shared: list[SharedMaterial] = Field(default_factory=list, max_length=MAX_SHARED)
    # The material ids the applicant replaced by a signed commitment.
    commitments: list[str] = Field(default_factory=list, max_length=MAX_COMMITMENTS)
    local_number: str = ""  # the offline receipt's number it was submitted with
    rated: Flag = False  # a rating exists: do not ask again
    fingerprint_check: FingerprintCheck | None = None  # as submitted, for the departments


ApplicationList = Annotated[list[ApplicationView], Field(max_length=MAX_SEARCH_RESULTS)]


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
    # Added with the fingerprint's purpose (issue #21): the materials the applicant handed in
    # that this department may fetch (GET /documents/{id}; the fingerprint only where one of
    # its items takes it), and the kiosk's 1:1 fingerprint check, for those items.
    materials: list[DocumentRef] = Field(default_factory=list, max_length=MAX_MATERIALS)
    fingerprint_check: FingerprintCheck | None = None


class ResultDocument(_Message):
    file_name: FileName
    content_type: Literal["application/pdf", "image/jpeg", "image/png"] = Field(
        description="What the file is; its contents must start as this type does. An empty "
        "file is refused."
    )
    data_base64: str = Field(max_length=(MAX_MATERIAL_BYTES * 4) // 3 + 4)

    @model_validator(mode="after")
    def _is_what_it_says(self) -> ResultDocument:
        _check_content(self.content_type, self.data_base64)
        return self


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
    capacity: Count
    booked: Count


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
    level: Count = Field(ge=1, le=5)  # 5 非常满意 … 1 非常不满意
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
    level: Count
    rated_at: datetime


class TechnicianSignIn(_Message):
    """A field technician signs in at a kiosk with a one-time code from the hub
    (kioskctl technician code KIOSK), or with their own card and PIN (registered as staff
    with the role "technician")."""

    code: Annotated[str, StringConstraints(pattern=r"^([0-9]{8})?$")] = ""
    card_number: Annotated[str, StringConstraints(max_length=18)] = ""
    pin: Annotated[str, StringConstraints(pattern=r"^[0-9]{0,8}$")] = ""

    @model_validator(mode="after")
    def _one_way(self) -> TechnicianSignIn:
        by_card = bool(self.card_number) and len(self.pin) >= 4
        if by_card == bool(self.code) or (self.code and (self.card_number or self.pin)):
            raise ValueError("sign in with a code, or with a card number and a PIN")
        _valid_card_number(self.card_number)
        return self


class TechnicianView(_Message):
    """The maintenance session the hub let in, and until when its code was valid."""

    session: Key
    issued_for: Key  # the kiosk


class TechnicianCodeIssued(_Message):
    kiosk_id: Key
    code: str
    expires_at: datetime


class MaintenanceEvent(_Message):
    """One thing a technician did in maintenance mode (who, what, when); no resident's data."""

    session: Key  # the hub's session, or "offline-YYYYMMDD" for the offline day code
    action: Key  # "sign_in", "test:printer", "calibrate:camera", "export", "sign_out"…
    outcome: Key  # "ok", "fail", "wrong_code", …
    at: datetime


class MaintenanceReport(_Message):
    events: list[MaintenanceEvent] = Field(max_length=200)


class MaintenanceEventView(_Message):
    kiosk_id: str
    session: str
    action: str
    outcome: str
    at: datetime


MAX_DIAGNOSTIC_BYTES = 8 * 1024 * 1024  # one diagnostic bundle (a .tar.gz; logs of a week)


class DiagnosticUpload(_Message):
    """导出诊断包, sent to the hub: the archive services.diagnostics wrote (no personal data)."""

    session: Key  # the maintenance session it was exported in
    data_base64: str = Field(max_length=(MAX_DIAGNOSTIC_BYTES * 4) // 3 + 4)

    @field_validator("data_base64")
    @classmethod
    def _gzip(cls, value: str) -> str:
        if _head(value)[:2] != b"\x1f\x8b":
            raise ValueError("data_base64: is not a gzip archive")
        return value


class DiagnosticView(_Message):
    bundle_id: Key
    kiosk_id: Key
    session: Key
    size: int
    at: datetime
