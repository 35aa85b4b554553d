"""The one-time notice (一次告知): the simplified guide's eight elements (§5.3.1) for the
situation the resident is in, the materials it needs and who handles what.

Built once here from the catalog, shown on screen by the UI and later printed, so the two
can never disagree. Labels belong to the UI's translations; this holds the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog.model import Catalog, MaterialSource, OneThing, Situation, localized
from kiosk.timelimit import time_limit_days


@dataclass(frozen=True)
class NoticeMaterial:
    name: str
    source: MaterialSource
    dataset: str
    original_required: bool
    commitment_text: str
    note: str


@dataclass(frozen=True)
class NoticeItem:
    name: str
    unit: str
    time_limit_days: int


@dataclass(frozen=True)
class Notice:
    onething_id: str
    name: str
    situation: str
    scope: str
    materials: tuple[NoticeMaterial, ...]
    time_limit_days: int
    fee: str
    delivery: str
    consultation: str
    office: str
    full_guide_url: str
    lead_unit: str
    co_units: tuple[str, ...]
    items: tuple[NoticeItem, ...]

    @property
    def shared_count(self) -> int:
        return sum(m.source is MaterialSource.SHARED for m in self.materials)


def build_notice(
    catalog: Catalog, onething: OneThing, situation: Situation, language: str = "zh_CN"
) -> Notice:
    def t(obj, name: str) -> str:
        return localized(obj, name, language)

    g = onething.guide
    return Notice(
        onething_id=onething.id,
        name=t(onething, "name"),
        situation=t(situation, "name") if len(onething.situations) > 1 else "",
        scope=t(g, "scope"),
        materials=tuple(
            NoticeMaterial(
                name=t(m, "name"),
                source=m.source,
                dataset=m.dataset,
                original_required=m.original_required,
                commitment_text=m.commitment_text,
                note=t(m, "note"),
            )
            for m in (onething.material(mid) for mid in situation.materials)
        ),
        time_limit_days=time_limit_days(onething, situation),
        fee=t(g, "fee"),
        delivery=t(g, "delivery"),
        consultation=t(g, "consultation"),
        office=t(g, "office"),
        full_guide_url=g.full_guide_url,
        lead_unit=t(catalog.unit(onething.lead_unit), "name"),
        co_units=tuple(t(catalog.unit(u), "name") for u in onething.co_units),
        items=tuple(
            NoticeItem(
                name=t(i, "name"),
                unit=t(catalog.unit(i.unit), "name"),
                time_limit_days=i.time_limit_days,
            )
            for i in (onething.item(iid) for iid in situation.items)
        ),
    )
