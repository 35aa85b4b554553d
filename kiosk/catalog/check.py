"""The catalog rules a program can check: §5.2.4 material rules, the eight guide elements
(§5.3.1), units, time limits, and a question guide that reaches every situation.

Each problem names the one-thing (and the material, item or question) in plain words,
so that whoever maintains the catalog can find and fix it without reading code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kiosk.catalog.model import CARD_FIELDS, Catalog, FieldKind, MaterialSource, OneThing
from kiosk.timelimit import flow_days, time_limit_days

# §5.2.4: "表述不明确的材料，如'其他材料''相关证明''……等材料'". The variants seen in real
# guides: 其他/其它/其余/相关/有关 + a few words + 材料/证明/资料/…, any list that trails off
# in 等 or an ellipsis, and a bare "其他". Words where 等 is not "and so on" (平等, 高等...)
# are not lists.
_NOUNS = "材料|证明|资料|文件|证件|证照|凭证|手续|要件"
_VAGUE = re.compile(
    rf"(其[他它余]|相关|有关).{{0,6}}({_NOUNS})"
    rf"|(…|\.{{3}}|(?<![平高中初同特一二三四上次均])等).{{0,6}}({_NOUNS})$"
    r"|(…|\.{3}|(?<![平高中初同特一二三四上次均])等)$"
    r"|^其[他它余]$"
)
_TRAILING = re.compile(r"([（(][^）)]*[）)]|[。；;，,、\s])+$")


def is_vague(name: str) -> bool:
    """Whether a material's name is one §5.2.4 forbids for being vague."""
    return bool(_VAGUE.search(_TRAILING.sub("", name.strip())))


@dataclass(frozen=True)
class Problem:
    where: str  # the one-thing (and part) concerned, in words
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def check_catalog(catalog: Catalog) -> list[Problem]:
    problems = _check_catalog_level(catalog)
    for onething in catalog.onethings:
        problems += check_onething(catalog, onething)
    return problems


def _check_catalog_level(catalog: Catalog) -> list[Problem]:
    problems = []
    for kind, ids in (
        ("unit", [u.id for u in catalog.units]),
        ("stage", [s.id for s in catalog.stages]),
        ("one-thing", [o.id for o in catalog.onethings]),
    ):
        for dup in _duplicates(ids):
            problems.append(Problem("catalog", f"{kind} id '{dup}' is used more than once"))
    return problems


def check_onething(catalog: Catalog, o: OneThing) -> list[Problem]:
    where = f"one-thing '{o.name}' ({o.id})"
    p: list[Problem] = []

    def add(what: str, part: str = "") -> None:
        p.append(Problem(f"{where}, {part}" if part else where, what))

    unit_ids = {u.id for u in catalog.units}
    if o.stage not in {s.id for s in catalog.stages}:
        add(f"stage '{o.stage}' is not in the catalog")

    # Units.
    if o.lead_unit not in unit_ids:
        add(f"lead unit '{o.lead_unit}' is not in the catalog's units")
    if o.lead_unit in o.co_units:
        add(f"lead unit '{o.lead_unit}' is also listed as a co-unit")
    for u in o.co_units:
        if u not in unit_ids:
            add(f"co-unit '{u}' is not in the catalog's units")

    # Time limits.
    if o.time_limit_days <= 0:
        add(f"time limit must be a positive number of working days, not {o.time_limit_days}")

    # Single items.
    for dup in _duplicates([i.id for i in o.items]):
        add(f"single item id '{dup}' is used more than once")
    if not o.items:
        add("has no single items")
    for item in o.items:
        part = f"single item '{item.name}'"
        if item.unit not in unit_ids:
            add(f"unit '{item.unit}' is not in the catalog's units", part)
        if item.time_limit_days <= 0:
            add(
                f"time limit must be a positive number of working days, not {item.time_limit_days}",
                part,
            )

    # Materials, §5.2.4.
    for dup in _duplicates([m.id for m in o.materials]):
        add(f"material id '{dup}' is used more than once")
    for dup in _duplicates([m.name for m in o.materials]):
        add(f"material '{dup}' is listed more than once (§5.2.4: one covered by another)")
    for m in o.materials:
        part = f"material '{m.name}'"
        if is_vague(m.name):
            add(
                "vague material name (§5.2.4 forbids '其他材料', '相关证明', '……等材料'): "
                "name the exact document",
                part,
            )
        if not m.legal_basis.strip():
            add("no legal basis given (§5.2.4: a material needs one)", part)
        if m.source is MaterialSource.SHARED and not m.dataset.strip():
            add("comes from data sharing but names no dataset", part)
        if m.source is MaterialSource.COMMITMENT and not m.commitment_text.strip():
            add("may be replaced by a written commitment but has no commitment text", part)
        if m.source is MaterialSource.COMMITMENT and m.name.endswith(("承诺书", "承诺")):
            add("names the commitment itself: name the proof that the commitment replaces", part)

    # Flow.
    item_ids = {i.id for i in o.items}
    if not o.flow:
        add("has no handling flow")
    flown: set[str] = set()
    for step in o.flow:
        part = f"flow step '{step.name}'"
        if step.unit not in unit_ids:
            add(f"unit '{step.unit}' is not in the catalog's units", part)
        if step.time_limit_days < 0:
            add(f"time limit cannot be negative ({step.time_limit_days})", part)
        for i in step.items:
            if i not in item_ids:
                add(f"single item '{i}' is not one of this one-thing's items", part)
        flown.update(step.items)
    for item in o.items:
        if item.id not in flown:
            add("is handled by no flow step", f"single item '{item.name}'")
    all_steps = sum(s.time_limit_days for s in o.flow)
    if o.flow and all_steps > o.time_limit_days:
        add(
            f"the flow's steps take {all_steps} working days, more than the one-thing's "
            f"time limit of {o.time_limit_days}"
        )

    # Guide (§5.3.1): name, materials and time limit come from the one-thing itself.
    g = o.guide
    for label, value in (
        ("适用范围 (scope)", g.scope),
        ("收费依据及标准 (fee)", g.fee),
        ("结果送达 (delivery)", g.delivery),
        ("咨询途径 (consultation)", g.consultation),
        ("办公地址和时间 (office address and hours)", g.office),
        ("full guide link for the QR code (§5.3.2)", g.full_guide_url),
    ):
        if not value.strip():
            add(f"the guide's element {label} is missing")
    if not o.materials:
        add("the guide's element 申请材料目录 (materials) is empty")

    # Situations.
    material_ids = {m.id for m in o.materials}
    if not o.situations:
        add("has no situation")
    for dup in _duplicates([s.id for s in o.situations]):
        add(f"situation id '{dup}' is used more than once")
    used_materials: set[str] = set()
    for s in o.situations:
        part = f"situation '{s.name}'"
        if not s.items:
            add("selects no single item", part)
        for i in s.items:
            if i not in item_ids:
                add(f"single item '{i}' is not one of this one-thing's items", part)
        for m in s.materials:
            if m not in material_ids:
                add(f"material '{m}' is not one of this one-thing's materials", part)
        used_materials.update(s.materials)
        if s.time_limit_days is not None and s.time_limit_days <= 0:
            add(
                f"time limit must be a positive number of working days, not {s.time_limit_days}",
                part,
            )
        elif (days := flow_days(o, s)) > (limit := time_limit_days(o, s)):
            # Else a department's task would be due after the date the resident was given.
            add(
                f"the flow steps of its items take {days} working days, more than its time "
                f"limit of {limit}",
                part,
            )
    for m in o.materials:
        if m.id not in used_materials:
            add("is asked for in no situation", f"material '{m.name}'")

    # The one form.
    for dup in _duplicates([f.id for f in o.form]):
        add(f"form field id '{dup}' is used more than once")
    for f in o.form:
        part = f"form field '{f.label}'"
        if f.kind is FieldKind.CHOICE and len(f.options) < 2:
            add("is a choice with fewer than two options", part)
        if f.options_en and len(f.options_en) != len(f.options):
            add("has a different number of English options than Chinese ones", part)
        if f.prefill.startswith("card.") and f.prefill[5:] not in CARD_FIELDS:
            add(f"is prefilled from '{f.prefill}', which no card holds", part)

    p += [Problem(where, what) for what in _check_questions(o)]
    return p


def _check_questions(o: OneThing) -> list[str]:
    """The question guide: every option leads somewhere, no loops, every situation reached."""
    situation_ids = {s.id for s in o.situations}
    if not o.questions:
        if len(o.situations) > 1:
            return ["has several situations but no question guide to choose between them"]
        return []
    problems = [
        f"question id '{d}' is used more than once"
        for d in _duplicates([q.id for q in o.questions])
    ]
    questions = {q.id: q for q in o.questions}
    for q in o.questions:
        if not q.options:
            problems.append(f"question '{q.text}' has no answers")
        from_card = (q.card_age_at_least is not None) + q.card_retirement_age
        if from_card and len(q.options) != 2:
            problems.append(
                f"question '{q.text}': answered from the card's age, it needs two answers "
                "(yes first, then no)"
            )
        if from_card > 1:
            problems.append(
                f"question '{q.text}': answered from the card by one rule, not two "
                "(card_age_at_least or card_retirement_age)"
            )
        for opt in q.options:
            targets = sum(bool(x) for x in (opt.next, opt.situation, opt.outside.strip()))
            if targets != 1:
                problems.append(
                    f"question '{q.text}', answer '{opt.label}': must lead to "
                    "exactly one of: a next question, a situation, or an "
                    "'outside' explanation"
                )
            if opt.next and opt.next not in questions:
                problems.append(
                    f"question '{q.text}', answer '{opt.label}': next question "
                    f"'{opt.next}' does not exist"
                )
            if opt.situation and opt.situation not in situation_ids:
                problems.append(
                    f"question '{q.text}', answer '{opt.label}': situation "
                    f"'{opt.situation}' does not exist"
                )

    reached_q: set[str] = set()
    reached_s: set[str] = set()

    def walk(qid: str, path: tuple[str, ...]) -> None:
        if qid in path:
            problems.append(f"the question guide loops back to question '{questions[qid].text}'")
            return
        reached_q.add(qid)
        for opt in questions[qid].options:
            if opt.situation:
                reached_s.add(opt.situation)
            if opt.next in questions:
                walk(opt.next, (*path, qid))

    walk(o.questions[0].id, ())
    for q in o.questions:
        if q.id not in reached_q:
            problems.append(f"question '{q.text}' cannot be reached from the first question")
    for s in o.situations:
        if s.id not in reached_s:
            problems.append(f"situation '{s.name}' cannot be reached from the question guide")
    return problems


def _duplicates(values: list[str]) -> list[str]:
    return [v for v, n in Counter(values).items() if n > 1]
