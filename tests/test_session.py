"""Session moves from the attract screen to the notice, the idle rule, and the wipe."""

from __future__ import annotations

import pytest

from kiosk.application import Step
from kiosk.catalog.model import Audience, answers_to
from kiosk.config import load_config
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


# -- the card ------------------------------------------------------------------------------

TODAY = __import__("datetime").date(2026, 11, 25)


def _identity(number: str = "11010519491231002X", until=None):
    from kiosk.identity import CardType, Identity

    return Identity(
        "张三",
        number,
        CardType.SOCIAL_SECURITY,
        "Virtual PCD 00",
        valid_until=until or TODAY.replace(year=2030),
    )


def test_a_card_on_the_attract_screen_starts_a_session(catalog):
    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)
    assert s.screen is Screen.CONFIRM and s.has_personal_data
    s.confirm_identity()
    assert s.screen is Screen.BROWSE


def test_from_the_notice_the_card_leads_back_to_the_notice(catalog):
    s = Session(catalog)
    s.browse()
    s.choose_onething("birth")
    s.answer(0)
    s.identify()
    assert s.screen is Screen.IDENTIFY
    s.card_inserted(_identity(), TODAY)
    s.confirm_identity()
    # Straight on to the one form; the notice is one step back and keeps the application.
    assert s.screen is Screen.FORM and s.identity is not None
    s.back()
    assert s.screen is Screen.NOTICE and s.application is not None
    s.start_application()
    assert s.screen is Screen.FORM


def test_an_expired_card_says_so_with_its_date(catalog):
    from kiosk.identity import ProblemKind

    s = Session(catalog)
    s.card_inserted(_identity(until=TODAY.replace(year=2020)), TODAY)
    assert s.screen is Screen.CARD_PROBLEM
    assert s.problem.kind is ProblemKind.EXPIRED and s.problem.date.year == 2020
    assert s.identity is None


def test_a_wrong_check_character_is_refused(catalog):
    from kiosk.identity import ProblemKind

    s = Session(catalog)
    s.card_inserted(_identity("110105194912310021"), TODAY)
    assert s.problem.kind is ProblemKind.INVALID_NUMBER


def test_each_thing_a_driver_saw_is_one_problem_and_only_no_answer_is_the_cards(catalog):
    from kiosk.identity import OtherCard, ProblemKind, ReadFailure, problem_for

    expected = {
        ReadFailure.OTHER_CARD: ProblemKind.NOT_THIS_CARD,
        ReadFailure.LEFT: ProblemKind.PULLED,
        ReadFailure.NO_ANSWER: ProblemKind.UNREADABLE,
        ReadFailure.BAD_DATA: ProblemKind.DAMAGED,
        ReadFailure.READER_LOST: ProblemKind.READER_DOWN,
    }
    assert set(expected) == set(ReadFailure)
    for failure, kind in expected.items():
        s = Session(catalog)
        s.identify()
        s.card_unreadable(problem_for(failure, "words", reader="r"), "r")
        assert s.screen is Screen.CARD_PROBLEM and s.problem.kind is kind
        # The kind of another card is named (unknown when the card did not say).
        assert s.problem.other == (OtherCard.UNKNOWN if kind is ProblemKind.NOT_THIS_CARD else None)
    bank = problem_for(ReadFailure.OTHER_CARD, other=OtherCard.BANK)
    assert bank.other is OtherCard.BANK
    assert problem_for(ReadFailure.LEFT, other=OtherCard.BANK).other is None


def test_a_reader_problem_ends_when_the_reader_is_back(catalog):
    from kiosk.identity import ReadFailure, problem_for

    s = Session(catalog)
    s.identify()
    s.card_unreadable(
        problem_for(ReadFailure.READER_LOST, reader="Virtual PCD 00"), "Virtual PCD 00"
    )
    assert not s.reader_back("idreader")  # another reader: the problem stays
    assert s.screen is Screen.CARD_PROBLEM
    assert s.reader_back("Virtual PCD 00")
    assert s.screen is Screen.IDENTIFY and s.problem is None
    # A card's own problem does not end with a reader coming back.
    s.card_unreadable(problem_for(ReadFailure.BAD_DATA, reader="Virtual PCD 00"), "Virtual PCD 00")
    assert not s.reader_back("Virtual PCD 00") and s.screen is Screen.CARD_PROBLEM


def test_taking_the_card_out_mid_session_pauses_until_the_same_card_returns(catalog):
    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)
    s.confirm_identity()
    s.card_removed("Virtual PCD 00")
    assert s.paused
    s.card_inserted(_identity("11010519800101001X".replace("X", "0")[:17] + "0"), TODAY)
    assert s.paused and s.wrong_card  # another card does not resume someone else's session
    s.card_removed("Virtual PCD 00")
    s.card_inserted(_identity(), TODAY)
    assert not s.paused and not s.wrong_card and s.screen is Screen.BROWSE


def test_the_end_asks_for_the_card_to_be_taken_and_the_next_session_waits_for_it(catalog):
    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)
    s = s.wipe()
    assert s.screen is Screen.TAKE_CARD and not s.has_personal_data
    s.card_inserted(_identity(), TODAY)  # still the old card: nothing starts
    assert s.screen is Screen.TAKE_CARD and s.identity is None
    s.card_removed("Virtual PCD 00")
    assert s.screen is Screen.ATTRACT


def test_not_me_forgets_the_identity(catalog):
    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)
    s.not_me()
    assert s.identity is None and s.screen is Screen.IDENTIFY


def test_a_one_thing_that_needs_a_fingerprint_asks_for_it_after_the_card(catalog):
    from kiosk.catalog.model import answers_to

    s = Session(catalog)
    s.browse()
    s.choose_onething("military-discharge")
    for i in answers_to(catalog.onething("military-discharge"), "job-placement"):
        s.answer(i)
    s.identify()
    s.card_inserted(_identity(), TODAY)
    s.confirm_identity()
    assert s.application.steps() == [
        Step.PHOTO,
        Step.FINGERPRINT,
        Step.DOCUMENTS,
        Step.SIGN,
        Step.REVIEW,
    ]
    assert s.screen is Screen.PHOTO
    s.next_step()
    assert s.screen is Screen.FINGERPRINT
    with pytest.raises(IllegalMove):
        s.accept_fingerprint()
    s.fingerprint_taken(object())
    s.accept_fingerprint()
    assert s.screen is Screen.DOCUMENTS
    assert s.wipe().fingerprint is None


def test_no_fingerprint_where_no_item_needs_one(catalog):
    s = _identified_for_birth(catalog)
    assert Step.FINGERPRINT not in s.application.steps()


def test_a_second_reader_does_not_pause_or_end_someone_elses_card(catalog):
    from dataclasses import replace

    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)  # in "Virtual PCD 00"
    s.confirm_identity()
    other = replace(_identity("11010519800101001X"), reader="idreader")
    s.card_inserted(other, TODAY)
    s.card_removed("idreader")
    assert not s.paused  # the identified card never left its reader
    s = s.wipe()
    assert s.screen is Screen.TAKE_CARD
    s.card_removed("Virtual PCD 00")
    assert s.screen is Screen.ATTRACT


def test_going_back_after_taking_the_card_out_does_not_get_stuck(catalog):
    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)
    s.card_removed("Virtual PCD 00")
    assert s.paused
    s.not_me()
    assert not s.paused and not s.wrong_card
    s.card_inserted(_identity(), TODAY)
    assert s.screen is Screen.CONFIRM


def test_a_resumed_session_checks_the_card_put_back(catalog):
    from kiosk.identity import ProblemKind

    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)
    s.confirm_identity()
    s.card_removed("Virtual PCD 00")
    # The same person's old card, expired yesterday: nothing resumes on it.
    s.card_inserted(_identity(until=TODAY.replace(day=TODAY.day - 1)), TODAY)
    assert s.paused and not s.wrong_card
    assert s.resume_problem.kind is ProblemKind.EXPIRED
    assert s.identity.valid_until == TODAY.replace(year=2030)
    s.card_removed("Virtual PCD 00")
    assert s.resume_problem is None
    s.card_inserted(_identity(), TODAY)
    assert not s.paused and s.resume_problem is None and s.screen is Screen.BROWSE


def test_a_wrong_card_taken_out_again_clears_the_wrong_card_message(catalog):
    from dataclasses import replace

    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)
    s.confirm_identity()
    s.card_removed("Virtual PCD 00")
    s.card_inserted(replace(_identity("11010519800101001X"), reader="Virtual PCD 00"), TODAY)
    assert s.wrong_card
    s.card_removed("Virtual PCD 00")
    assert s.paused and not s.wrong_card


def _identified_for_birth(catalog) -> Session:
    """A session at the birth one-thing's first step, its card read and confirmed."""
    s = Session(catalog)
    s.browse()
    s.choose_onething("birth")
    s.answer(0)
    s.identify()
    s.card_inserted(_identity(), TODAY)
    s.confirm_identity()
    return s


def _at_review(catalog) -> Session:
    s = _identified_for_birth(catalog)
    while s.screen is not Screen.REVIEW:
        s.next_step()
    return s


def test_the_journey_goes_step_by_step_and_back_without_losing_anything(catalog):
    s = _at_review(catalog)
    s.application.typed["child-name"] = "陈小满"
    s.back()
    assert s.screen is Screen.SIGN
    s.back()
    s.back()
    assert s.screen is Screen.FORM
    s.back()
    assert s.screen is Screen.NOTICE and s.application.typed["child-name"] == "陈小满"
    with pytest.raises(IllegalMove):
        s.submitting()


def test_after_submission_there_is_no_way_back_and_the_rating_ends_it(catalog):
    s = _at_review(catalog)
    s.submitting()
    s.back()
    assert s.screen is Screen.SUBMITTING  # the application is on its way: no going back
    s.submitted("L-k-20261125-0001", 7)
    s.show_receipt()
    assert s.local_number == "L-k-20261125-0001" and not s.acceptance_number
    assert (s.receipt_number, s.offline) == ("L-k-20261125-0001", True)
    s.accepted("YJS-20261125-000001")  # the hub answered while the receipt showed
    assert (s.receipt_number, s.offline) == ("YJS-20261125-000001", False)
    s.back()
    assert s.screen is Screen.RECEIPT
    s.to_rating()
    s.rating_done()
    assert s.rated
    fresh = s.wipe()
    assert fresh.application is None and not fresh.local_number
    assert s.application.typed == {} and s.identity is None


def test_an_error_remembers_where_it_happened(catalog):
    from kiosk.session import ErrorKind

    s = _at_review(catalog)
    s.submitting()
    s.failed(ErrorKind.SUBMIT)
    assert s.screen is Screen.ERROR and s.error is ErrorKind.SUBMIT
    assert s.retry() is Screen.REVIEW  # the submit button is there
    assert s.screen is Screen.REVIEW and s.error is None
    s.back()
    s.failed(ErrorKind.DEVICE)
    s.back()
    assert s.screen is Screen.SIGN


def test_typing_and_signing_get_more_time_than_a_glance(catalog):
    policy = load_config().idle.policy()
    s = _at_review(catalog)
    assert policy.timeout(s.screen, elderly=False) > policy.timeout_seconds
    s.submitting()
    s.submitted("L", 1)
    s.show_receipt()
    s.to_rating()
    assert policy.timeout(s.screen, elderly=False) < policy.timeout_seconds


def test_card_pulled_mid_form_pauses_and_the_same_card_resumes_with_everything(catalog):
    s = _at_review(catalog)
    s.back()
    s.back()
    s.back()
    assert s.screen is Screen.FORM
    s.application.typed["child-name"] = "陈小满"
    s.card_removed(_identity().reader)
    assert s.paused and s.screen is Screen.FORM
    s.card_inserted(_identity(), TODAY)
    assert not s.paused and s.application.typed["child-name"] == "陈小满"


def test_an_id_card_may_be_lifted_after_the_read_but_is_still_asked_for_at_the_end(catalog):
    from dataclasses import replace

    from kiosk.identity import CardType

    s = Session(catalog)
    id_card = replace(_identity(), card_type=CardType.RESIDENT_ID, reader="idreader")
    s.card_inserted(id_card, TODAY)
    s.confirm_identity()
    s.card_removed("idreader")  # lifted off the contactless pad once read: nothing pauses
    assert not s.paused and s.identity is not None and s.screen is Screen.BROWSE
    s.card_inserted(id_card, TODAY)  # put down again and left there at the end
    s = s.wipe()
    assert s.screen is Screen.TAKE_CARD
    s.card_removed("idreader")
    assert s.screen is Screen.ATTRACT


def test_a_social_security_card_taken_out_mid_session_still_pauses(catalog):
    s = Session(catalog)
    s.card_inserted(_identity(), TODAY)  # a contact reader
    s.confirm_identity()
    s.card_removed("Virtual PCD 00")
    assert s.paused


def test_an_age_the_card_knows_is_not_asked(catalog):
    """老人满60周岁了吗 and 满80周岁了吗: the card's birth date answers them; the resident
    is asked only what the card cannot tell, and 返回 skips what she was never asked."""
    from dataclasses import replace
    from datetime import date

    s = Session(catalog)
    s.card_inserted(replace(_identity(), birth_date=date(1941, 5, 2)), TODAY)  # 85
    s.confirm_identity()
    s.choose_onething("elderly-allowances")
    # 60 or over: the card says so; the first question she sees is about daily care.
    assert s.screen is Screen.QUESTIONS and s.question_id == "care"
    assert s.questions_asked == 0
    s.answer(1)  # 都不是: and 80 or over, from the card again
    assert s.screen is Screen.NOTICE and s.situation_id == "over-80"
    assert s.questions_asked == 1
    s.back()
    assert s.screen is Screen.QUESTIONS and s.question_id == "care"
    s.back()
    assert s.screen is Screen.BROWSE


def test_a_younger_card_holder_hears_where_to_go_without_being_asked(catalog):
    from dataclasses import replace
    from datetime import date

    s = Session(catalog)
    s.card_inserted(replace(_identity(), birth_date=date(1970, 1, 1)), TODAY)
    s.confirm_identity()
    s.choose_onething("elderly-allowances")
    assert s.screen is Screen.OUTSIDE and "60" in s.outside_reason.outside


def test_without_a_card_the_age_is_asked(catalog):
    s = Session(catalog)
    s.browse()
    s.choose_onething("elderly-allowances")
    assert s.screen is Screen.QUESTIONS and s.question_id == "age"


def test_the_question_count_is_the_way_on_as_far_as_the_answers_tell_it(catalog):
    """第 N 问，共 M 问: M counts the questions on the ways still open to a situation; while
    those ways are longer and shorter it is a range, and an answer that opens more raises it."""
    s = Session(catalog)
    s.browse()
    s.choose_onething("disability-services")
    # 还没有 → first card (one question); 已经有了 → two more questions.
    assert (s.questions_asked, s.questions_total) == (0, (1, 3))
    s.answer(1)
    assert (s.questions_asked, s.questions_total) == (1, (3, 3))
    s.back()
    assert s.questions_total == (1, 3)
    s.answer(0)
    assert s.screen is Screen.NOTICE  # one question in all, as said

    s = Session(catalog)
    s.browse()
    s.choose_onething("housing-fund-loan")  # every way to a situation is four questions long
    assert s.questions_total == (4, 4)
    s.answer(0)
    assert (s.questions_asked, s.questions_total) == (1, (4, 4))


def test_questions_the_card_answers_are_not_in_the_count(catalog):
    from dataclasses import replace
    from datetime import date

    s = Session(catalog)
    s.browse()
    s.choose_onething("elderly-allowances")
    assert s.questions_total == (3, 3)  # without a card: the ages are asked too
    s = Session(catalog)
    s.card_inserted(replace(_identity(), birth_date=date(1941, 5, 2)), TODAY)  # 85
    s.confirm_identity()
    s.choose_onething("elderly-allowances")
    assert (s.question_id, s.questions_total) == ("care", (1, 1))  # both ages from the card
