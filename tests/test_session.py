"""Session moves from the attract screen to the notice, the idle rule, and the wipe."""

from __future__ import annotations

import pytest

from kiosk.catalog.model import Audience, answers_to
from kiosk.idle import IdleClock, IdlePhase
from kiosk.notice import build_notice
from kiosk.session import IllegalMove, Screen, Session
from tests.conftest import FakeTime


def test_attract_to_birth_notice(catalog):
    s = Session(catalog)
    s.browse(Audience.PERSONAL)
    assert s.screen is Screen.BROWSE and s.stage_id == "birth"
    s.choose_onething("birth")
    assert s.screen is Screen.QUESTIONS
    s.answer(0)
    assert s.screen is Screen.NOTICE
    assert s.situation_id == "newborn"


def test_an_answer_outside_the_scope_says_where_to_go(catalog):
    s = Session(catalog)
    s.browse()
    s.choose_onething("birth")
    s.answer(1)
    assert s.screen is Screen.OUTSIDE
    assert "窗口" in s.outside_reason.outside


def test_back_walks_the_answers_in_reverse(catalog):
    s = Session(catalog)
    s.browse()
    s.choose_onething("birth")
    s.answer(0)
    s.back()
    assert s.screen is Screen.QUESTIONS and s.question_id == "born-where"
    assert s.situation_id is None and s.answers == []
    s.back()
    assert s.screen is Screen.BROWSE and s.onething_id is None
    s.back()
    assert s.screen is Screen.ATTRACT


def test_every_situation_of_every_one_thing_can_be_reached_by_answering(catalog):
    for o in catalog.onethings:
        for situation in o.situations:
            s = Session(catalog)
            s.browse()
            s.choose_onething(o.id)
            for index in answers_to(o, situation.id):
                s.answer(index)
            assert s.screen is Screen.NOTICE and s.situation_id == situation.id


def test_moves_only_from_where_they_make_sense(catalog):
    s = Session(catalog)
    with pytest.raises(IllegalMove):
        s.answer(0)
    s.browse()
    s.choose_onething("birth")
    with pytest.raises(IllegalMove):
        s.answer(7)


def test_wipe_forgets_everything(catalog):
    s = Session(catalog)
    s.browse(Audience.ENTERPRISE)
    s.choose_onething("birth")
    s.answer(0)
    assert s.has_personal_data
    fresh = s.wipe()
    assert fresh.screen is Screen.ATTRACT
    assert not fresh.has_personal_data
    assert fresh.id != s.id


def test_switching_audience_shows_that_audiences_first_stage(catalog):
    s = Session(catalog)
    s.browse(Audience.ENTERPRISE)
    assert catalog.stage(s.stage_id).name == "企业开办"


def test_idle_clock_warns_then_expires():
    now = FakeTime()
    clock = IdleClock(90, 15, now=now)
    now.t += 74
    assert clock.phase() is IdlePhase.ACTIVE and clock.remaining() == 16
    now.t += 1
    assert clock.phase() is IdlePhase.WARNING and clock.remaining() == 15
    now.t += 14.5
    assert clock.phase() is IdlePhase.WARNING and clock.remaining() == 1
    now.t += 0.5
    assert clock.phase() is IdlePhase.EXPIRED
    clock.touched()
    assert clock.phase() is IdlePhase.ACTIVE and clock.remaining() == 90


def test_birth_notice_has_the_eight_elements(catalog):
    birth = catalog.onething("birth")
    n = build_notice(catalog, birth, birth.situation("newborn"))
    assert n.name == "出生一件事"
    assert n.scope and n.fee and n.delivery and n.consultation and n.office
    assert n.time_limit_days == 4
    assert len(n.materials) == 4 and n.shared_count == 3
    assert n.full_guide_url.startswith("https://")
    assert n.lead_unit == "卫生健康部门" and len(n.items) == 6


def test_notice_in_english_falls_back_to_chinese_where_no_translation(catalog):
    birth = catalog.onething("birth")
    n = build_notice(catalog, birth, birth.situation("newborn"), "en")
    assert n.name == "Birth"
    assert n.fee.startswith("Free of charge")
    assert n.materials[1].name == "Both parents' resident ID cards"
