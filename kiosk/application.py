"""One application as the resident builds it at the terminal: the one form, what data sharing
provides, what is captured on site, the commitments signed, and how the result is delivered.

It lives in memory only, for one session; `to_submit` turns it into the message the outbox
seals and the hub receives.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol, runtime_checkable

from kiosk import form
from kiosk.catalog.model import (
    ENTERPRISE_NAME,
    POST_ADDRESS,
    Audience,
    Capture,
    Material,
    MaterialSource,
    OneThing,
    Situation,
)
from kiosk.contract import (
    Agent,
    AgentBasis,
    Applicant,
    Delivery,
    FaceCheck,
    LicenceRecord,
    MaterialUpload,
    Relation,
    SubjectType,
)
from kiosk.identity import Identity

SIGNATURE_MATERIAL = "signature"
PHOTO_MATERIAL = "photo"
FINGERPRINT_MATERIAL = "fingerprint"


@runtime_checkable
class CapturedFingerprint(Protocol):
    """A fingerprint taken at the kiosk (drivers.fingerprint.enrol.Fingerprint), as the core
    sees it: its image as PNG, and the outcome of the 1:1 check against the card's."""

    check: str  # "match", "no_match", "" (none made)
    score: int

    def png(self) -> bytes: ...


class Step(StrEnum):
    """The steps between the confirmed card and submission, in this order."""

    ENTERPRISE = "enterprise"  # which enterprise: its credit code, typed or scanned
    FORM = "form"
    PHOTO = "photo"
    FINGERPRINT = "fingerprint"
    DOCUMENTS = "documents"  # paper materials photographed, one material after another
    SIGN = "sign"  # the written commitments and the signature
    REVIEW = "review"


@dataclass
class Shared:
    """A material that data sharing provides: referenced, never asked for or uploaded."""

    material_id: str
    record: LicenceRecord | None  # None: the departments check it between themselves
    consent_id: str = ""


RELATION_WORDS = {
    Relation.CHILD: "子女",
    Relation.SPOUSE: "配偶",
    Relation.PARENT: "父母",
    Relation.SIBLING: "兄弟姐妹",
    Relation.GRANDCHILD: "孙子女",
    Relation.OTHER: "受托人",
}


@dataclass(frozen=True, repr=False)
class ActingFor:
    """Someone who applies for the applicant (代办): their own card was read at the terminal,
    and either the household register shows the relation or the applicant signed a 委托书."""

    identity: Identity
    relation: Relation
    basis: AgentBasis

    def words(self) -> str:
        """As review and paper show the agent, masked: 周*娟（子女，3301**********0065）."""
        who = self.identity
        return f"{who.masked_name}（{RELATION_WORDS[self.relation]}，{who.masked_number}）"


@dataclass(repr=False)  # it holds personal data: never in a log line or a traceback
class Application:
    onething: OneThing
    situation: Situation
    applicant: Identity
    audience: Audience = Audience.PERSONAL
    credit_code: str = ""  # the enterprise, for an enterprise one-thing
    enterprise_name: str = ""
    known: dict[str, form.Known] = field(default_factory=dict)  # from card and sharing
    typed: dict[str, str] = field(default_factory=dict)
    shared: dict[str, Shared] = field(default_factory=dict)
    records: list[LicenceRecord] = field(default_factory=list)  # all that sharing answered
    sharing_reached: bool = False  # whether the look-up got an answer at all
    photo: bytes = b""  # JPEG, 358 × 441
    # The face check made with the photo (band and liveness), when the camera made one.
    face_check: FaceCheck | None = None
    fingerprint: object | None = None
    documents: dict[str, bytes] = field(default_factory=dict)  # material id → PDF
    later: set[str] = field(default_factory=set)  # paper materials handed in at a window
    signature: bytes = b""  # PNG
    delivery: Delivery | None = None
    # Who operated the kiosk for the applicant: "self-service", or "staff:<工号>" (帮办) with
    # the staff member's name for the receipt's 受理人员.
    accepted_by: str = "self-service"
    staff_name: str = ""
    # A relative or authorised person who applies for the applicant (代办), if anyone.
    agent: ActingFor | None = None

    def __repr__(self) -> str:
        return f"Application({self.onething.id}/{self.situation.id}, {len(self.typed)} typed)"

    # -- what this application needs ---------------------------------------------------------

    def materials(self) -> list[Material]:
        """The situation's materials; an agent's (代办人身份证) only when there is an agent."""
        out = [self.onething.material(m) for m in self.situation.materials]
        return [m for m in out if self.agent is not None or not m.agent]

    def allows_agent(self) -> bool:
        """Whether a relative or authorised person may apply for the applicant here."""
        return any(self.onething.material(m).agent for m in self.situation.materials)

    def captures(self) -> set[Capture]:
        return {c for i in self.situation.items for c in self.onething.item(i).captures}

    def commitments(self) -> list[Material]:
        return [m for m in self.materials() if m.source is MaterialSource.COMMITMENT]

    def paper(self) -> list[Material]:
        """Materials the applicant hands in that the one form does not stand for."""
        return [m for m in self.materials() if m.source is MaterialSource.APPLICANT and not m.form]

    def steps(self) -> list[Step]:
        captures = self.captures()
        wanted = {
            Step.ENTERPRISE: self.is_enterprise,
            Step.FORM: bool(self.onething.form),
            Step.PHOTO: Capture.PHOTO in captures,
            Step.FINGERPRINT: Capture.FINGERPRINT in captures,
            Step.DOCUMENTS: bool(self.paper()),
            Step.SIGN: Capture.SIGNATURE in captures or bool(self.commitments()),
            Step.REVIEW: True,
        }
        return [step for step in Step if wanted[step]]

    @property
    def helped(self) -> bool:
        return self.accepted_by != "self-service"

    @property
    def is_enterprise(self) -> bool:
        return self.audience is Audience.ENTERPRISE

    # -- the form ----------------------------------------------------------------------------

    def learn(self, records: list[LicenceRecord], consent_id: str) -> None:
        """What one data-sharing look-up answered (an enterprise has two: itself and its
        representative): the shared materials it provides, each with that look-up's consent,
        and the form answers they give."""
        self.sharing_reached = True
        self.records += records
        for m in self.materials():
            if m.source is not MaterialSource.SHARED or m.agent:
                continue
            record = next((r for r in records if m.record and r.kind == m.record), None)
            if record is not None:
                self.shared[m.id] = Shared(m.id, record, consent_id)
            else:
                self.shared.setdefault(m.id, Shared(m.id, None))
        kind, name = ENTERPRISE_NAME
        licence = next((r for r in records if r.kind == kind), None)
        if licence is not None and licence.fields.get(name):
            self.enterprise_name = licence.fields[name]
        self.refill()

    def change_enterprise(self, credit_code: str) -> None:
        """Another enterprise: forget what sharing said about the last one."""
        self.credit_code = credit_code
        self.enterprise_name = ""
        self.shared.clear()
        self.records.clear()
        self.sharing_reached = False
        self.refill()

    def refill(self) -> None:
        """The answers known from the card, the credit code and the shared records."""
        self.known = form.prefill(
            self.onething.form, self.applicant, self.records, self.credit_code
        )

    def asked(self):
        return form.asked(self.onething.form, self.known)

    def problems(self, today: date) -> dict[str, form.Problem]:
        out = {}
        for f in self.asked():
            problem = form.check(f, self.typed.get(f.id, ""), today)
            if problem is not None:
                out[f.id] = problem
        return out

    def answers(self) -> dict[str, str]:
        values = {k: v.value for k, v in self.known.items()}
        values.update({k: v.strip() for k, v in self.typed.items() if v.strip()})
        return values

    def post_address(self) -> str:
        """Where the result goes by post unless the resident says otherwise: the household
        register's address (shared), else the card's."""
        kind, name = POST_ADDRESS
        for s in self.shared.values():
            record = s.record
            if record is not None and record.kind == kind and record.fields.get(name):
                return record.fields[name]
        return self.applicant.address

    # -- to the hub --------------------------------------------------------------------------

    def to_submit(
        self, terminal: str, accepted_by: str, local_number: str, progress_token: str = ""
    ):
        from kiosk.contract import (
            ApplicationSubmit,
            CommitmentSigned,
            FingerprintCheck,
            SharedMaterial,
        )

        uploads = [
            _upload(f"{material_id}.pdf", material_id, "application/pdf", data)
            for material_id, data in self.documents.items()
        ]
        if self.photo:
            uploads.append(_upload("photo.jpg", PHOTO_MATERIAL, "image/jpeg", self.photo))
        if self.signature:
            uploads.append(
                _upload("signature.png", SIGNATURE_MATERIAL, "image/png", self.signature)
            )
        fingerprint_check = None
        if isinstance(self.fingerprint, CapturedFingerprint):
            # For the department whose item needs it; the hub seals it at rest like every
            # material, and only that department may fetch it. Never on the review or paper.
            uploads.append(
                _upload(
                    "fingerprint.png", FINGERPRINT_MATERIAL, "image/png", self.fingerprint.png()
                )
            )
            if self.fingerprint.check in ("match", "no_match"):
                fingerprint_check = FingerprintCheck(
                    result=self.fingerprint.check, score=self.fingerprint.score
                )
        applicant = (
            Applicant(
                subject_type=SubjectType.ENTERPRISE,
                number=self.credit_code,
                name=self.enterprise_name or self.applicant.name,
            )
            if self.is_enterprise
            else Applicant(number=self.applicant.id_number, name=self.applicant.name)
        )
        return ApplicationSubmit(
            onething_id=self.onething.id,
            situation_id=self.situation.id,
            applicant=applicant,
            form=self.answers(),
            materials=uploads,
            shared=[
                SharedMaterial(
                    material_id=s.material_id, consent_id=s.consent_id, record_kind=s.record.kind
                )
                for s in self.shared.values()
                if s.record is not None and s.consent_id
            ],
            commitments=[
                CommitmentSigned(
                    material_id=m.id,
                    text=m.commitment_text,
                    signature_material_id=SIGNATURE_MATERIAL,
                )
                for m in self.commitments()
            ]
            if self.signature
            else [],
            delivery=self.delivery or Delivery(method="pickup"),
            accepted_by=accepted_by,
            terminal=terminal,
            local_number=local_number,
            progress_token=progress_token,
            agent=Agent(
                number=self.agent.identity.id_number,
                name=self.agent.identity.name,
                relation=self.agent.relation,
                basis=self.agent.basis,
            )
            if self.agent is not None
            else None,
            fingerprint_check=fingerprint_check,
            face_check=self.face_check,
        )

    def received(self) -> list[tuple[Material, str]]:
        """How each material of the application was received (§6.2.3 所收材料): shared,
        captured, card (an agent's card read here), commitment or paper (handed in at a
        window later)."""
        out = []
        for m in self.materials():
            if m.agent and m.source is MaterialSource.SHARED:
                how = "card"  # the agent's own card, read at the terminal
            elif m.source is MaterialSource.SHARED:
                shared = self.shared.get(m.id)
                how = "shared" if shared and shared.record else "checked"
            elif m.source is MaterialSource.COMMITMENT:
                how = "commitment" if self.signature else "paper"
            elif m.form or m.id in self.documents:
                how = "captured"
            else:
                how = "paper"
            out.append((m, how))
        return out

    def wipe(self) -> None:
        """Drop every personal value this application holds (the session drops the object
        too; this makes sure no reference elsewhere keeps the bytes reachable)."""
        self.known.clear()
        self.typed.clear()
        self.shared.clear()
        self.records.clear()
        self.documents.clear()
        self.photo = b""
        self.face_check = None
        self.signature = b""
        self.fingerprint = None
        self.delivery = None


def _upload(file_name: str, material_id: str, content_type: str, data: bytes) -> MaterialUpload:
    return MaterialUpload(
        material_id=material_id,
        file_name=file_name,
        content_type=content_type,
        data_base64=base64.b64encode(data).decode(),
    )
