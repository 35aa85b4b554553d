"""The "一件事" catalog: 主项 (stage) → 子项 (one-thing) → 情形项 (situation).

Structure only: a value that cannot be read at all is rejected here, by pydantic. The
§5.2.4 rules and cross-references (is every situation reachable, does every unit exist)
belong to `kiosk.catalog.check`, which reports all problems at once in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class _Model(BaseModel):
    # Unknown keys are typos in a hand-written catalog: refuse them.
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Named(_Model):
    """What the catalog knows by an id: its name, and the English one where it has one."""

    id: Id
    name: Name
    name_en: str = ""


class Audience(StrEnum):
    PERSONAL = "personal"
    ENTERPRISE = "enterprise"


class MaterialSource(StrEnum):
    APPLICANT = "applicant"  # the applicant hands it in (paper, or captured on site)
    SHARED = "shared"  # government data sharing provides it: never asked for
    COMMITMENT = "commitment"  # a written commitment (告知承诺) may replace it


class Capture(StrEnum):
    PHOTO = "photo"
    FINGERPRINT = "fingerprint"
    DOCUMENT = "document"
    SIGNATURE = "signature"


class OnFail(StrEnum):
    RETURN = "return"  # returned to the applicant for correction
    END = "end"  # ended, the reason told
    RETURN_OR_END = "return_or_end"


class Unit(_Named):
    """A department or institution (部门) that handles single items."""


class Stage(_Named):
    """主项: a stage of the personal or enterprise life cycle (T/ZAS 4009.1 §3.1)."""

    audience: Audience
    icon: str = ""


class SingleItem(_Named):
    """单一事项: one department's matter inside a one-thing."""

    unit: Id
    time_limit_days: int = Field(description="working days")
    captures: tuple[Capture, ...] = ()


class Material(_Named):
    source: MaterialSource
    dataset: str = ""  # the shared dataset that provides it, when source is "shared"
    commitment_text: str = ""  # what the applicant promises, when source is "commitment"
    original_required: bool = False
    legal_basis: str = ""
    note: str = ""
    note_en: str = ""
    # The kind of shared record (kiosk.contract.LicenceRecord.kind) that provides it; empty
    # for a material the departments check between themselves.
    record: str = ""
    # The one form (一表申请) filled in at the terminal stands for this material.
    form: bool = False
    # Only when someone applies for the applicant (代办): the agent's own card, read at the
    # terminal. Without an agent the material is not asked for, listed or printed.
    agent: bool = False


class FieldKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    CREDIT_CODE = "credit_code"


# Shared record fields a kiosk uses whatever the form asks: where a result is posted by
# default (kiosk.application.Application.post_address) and the enterprise's name.
POST_ADDRESS = ("household_register", "address")
ENTERPRISE_NAME = ("business_licence", "name")
SHARED_FIELDS_ALWAYS = (POST_ADDRESS, ENTERPRISE_NAME)

# What a card tells a form (kiosk.form reads them from kiosk.identity.Identity).
CARD_FIELDS = ("name", "id_number", "sex", "birth_date", "address")


class FormField(_Model):
    """One question of the one form. Asked only when neither the card nor data sharing knows
    the answer (prefill)."""

    id: Id
    label: Name
    label_en: str = ""
    kind: FieldKind = FieldKind.TEXT
    options: tuple[Name, ...] = ()  # for choice
    options_en: tuple[str, ...] = ()
    required: bool = True
    # Where the answer may already be known: "card.<field>" (name, id_number, sex,
    # birth_date, address), "enterprise.credit_code" (typed or scanned once) or
    # "shared.<record kind>.<field>".
    prefill: str = Field(
        default="",
        pattern=r"^(|card\.[a-z_]+|enterprise\.credit_code|shared\.[a-z_]+\.[a-z_]+)$",
    )
    # Personal: shown back masked, the way kiosk.masking masks its kind: "name", "number"
    # (an ID number, a phone or a credit code, as the field's kind says) or "address";
    # empty: not personal.
    personal: Literal["", "name", "number", "address"] = ""
    max_length: int = Field(default=50, ge=1, le=1000)
    hint: str = ""
    hint_en: str = ""


class FlowStep(_Named):
    unit: Id
    items: tuple[Id, ...] = ()
    time_limit_days: int
    on_fail: OnFail = OnFail.RETURN_OR_END


class Guide(_Model):
    """The simplified guide (§5.3.1). Its name, materials list and time limit are not
    stored here: they come from the one-thing and the chosen situation, so that the
    guide can never disagree with what the kiosk actually asks for."""

    scope: str = ""  # 适用范围
    fee: str = ""  # 收费依据及标准
    delivery: str = ""  # 结果送达
    consultation: str = ""  # 咨询途径
    office: str = ""  # 办公地址和时间
    full_guide_url: str = ""  # §5.3.2: the full guide, behind a QR code
    scope_en: str = ""
    fee_en: str = ""
    delivery_en: str = ""
    consultation_en: str = ""
    office_en: str = ""


class Situation(_Named):
    """情形项: which single items and materials apply in one situation."""

    items: tuple[Id, ...]
    materials: tuple[Id, ...]
    time_limit_days: int | None = None  # else the one-thing's (kiosk.timelimit)


class Option(_Model):
    label: Name
    label_en: str = ""
    # Exactly one of: another question, the situation it selects, or why the one-thing
    # does not apply (and where to go instead).
    next: Id | None = None
    situation: Id | None = None
    outside: str = ""
    outside_en: str = ""


class Question(_Model):
    id: Id
    text: Name
    text_en: str = ""
    options: tuple[Option, ...]
    # "Is the card holder N or over?": the card's birth date answers it (the first option for
    # yes, the second for no) when a card was read before the question; it is not asked then.
    card_age_at_least: int | None = None
    # "Have you reached the statutory retirement age?": the card's birth date and sex answer
    # it yes when the holder is past every track's age for their sex and birth month
    # (kiosk.retirement); otherwise, and without a card, it is asked. Yes first, then no.
    card_retirement_age: bool = False


class OneThing(_Named):
    """子项: one "一件事" that joins several single items into one application."""

    stage: Id
    order: int = 0  # position within its stage's list
    summary: str = ""
    summary_en: str = ""
    standard: str = ""  # where it comes from, e.g. "T/ZAS 4009.2"
    lead_unit: Id
    co_units: tuple[Id, ...] = ()
    time_limit_days: int
    items: tuple[SingleItem, ...]
    materials: tuple[Material, ...]
    flow: tuple[FlowStep, ...]
    guide: Guide
    situations: tuple[Situation, ...]
    questions: tuple[Question, ...] = ()  # the first one starts the guide
    form: tuple[FormField, ...] = ()  # the one form (一表申请)

    def item(self, item_id: str) -> SingleItem:
        return next(i for i in self.items if i.id == item_id)

    def material(self, material_id: str) -> Material:
        return next(m for m in self.materials if m.id == material_id)

    def shared_fields(self) -> dict[str, frozenset[str]]:
        """What data sharing may tell a kiosk for this one-thing, record kind by record kind:
        the kinds that stand for its shared materials, and of each kind only the fields its
        form prefills (plus SHARED_FIELDS_ALWAYS). The hub answers no more than this."""
        shared = (m for m in self.materials if m.source is MaterialSource.SHARED)
        needed: dict[str, set[str]] = {m.record: set() for m in shared if m.record}
        for f in self.form:
            source, _, path = f.prefill.partition(".")
            if source == "shared":
                kind, _, name = path.partition(".")
                needed.setdefault(kind, set()).add(name)
        for kind, name in SHARED_FIELDS_ALWAYS:
            if kind in needed:
                needed[kind].add(name)
        return {kind: frozenset(names) for kind, names in needed.items()}

    def situation(self, situation_id: str) -> Situation:
        return next(s for s in self.situations if s.id == situation_id)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


class Catalog(_Model):
    version: str
    units: tuple[Unit, ...]
    stages: tuple[Stage, ...]
    onethings: tuple[OneThing, ...]

    def unit(self, unit_id: str) -> Unit:
        return next(u for u in self.units if u.id == unit_id)

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def onething(self, onething_id: str) -> OneThing:
        return next(o for o in self.onethings if o.id == onething_id)

    def onethings_in(self, stage_id: str) -> list[OneThing]:
        return sorted(
            (o for o in self.onethings if o.stage == stage_id), key=lambda o: (o.order, o.id)
        )

    def offering(self, onething_ids: Sequence[str]) -> Catalog:
        """The catalog as a kiosk that offers only `onething_ids` shows it (a fleet push's
        catalog.onethings); every one-thing when none is named, or when none named is in
        this catalog (a typo must not empty a kiosk). Ids the catalog does not know are
        ignored; a stage left with nothing to offer is left out."""
        if not onething_ids:
            return self
        wanted = set(onething_ids)
        onethings = tuple(o for o in self.onethings if o.id in wanted)
        if not onethings:  # a list that names nothing here is a mistake, not "offer nothing"
            return self
        stages = tuple(s for s in self.stages if any(o.stage == s.id for o in onethings))
        return self.model_copy(update={"onethings": onethings, "stages": stages})


def localized(obj: BaseModel, field_name: str, language: str) -> str:
    """The English text where the catalog has one and English is wanted; else the Chinese."""
    if language == "en":
        english = getattr(obj, f"{field_name}_en", "")
        if english:
            return english
    return getattr(obj, field_name)


def answers_to(onething: OneThing, situation_id: str) -> list[int] | None:
    """The option indexes that lead from the first question to a situation, if any do."""
    if not onething.questions:
        return [] if onething.situations and onething.situations[0].id == situation_id else None
    questions = {q.id: q for q in onething.questions}
    queue: list[tuple[str, list[int]]] = [(onething.questions[0].id, [])]
    seen: set[str] = set()
    while queue:
        qid, path = queue.pop(0)
        if qid in seen or qid not in questions:
            continue
        seen.add(qid)
        for index, option in enumerate(questions[qid].options):
            if option.situation == situation_id:
                return [*path, index]
            if option.next:
                queue.append((option.next, [*path, index]))
    return None
