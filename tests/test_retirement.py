"""The statutory retirement age from the card (kiosk.retirement): answered "reached" only
past the highest age for the holder's sex and birth month under the 2024 decision's gradual
rise; otherwise the resident is asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.idreader.samples import sample
from kiosk.identity import Sex
from kiosk.retirement import reached_statutory_retirement_age, statutory_age_months
from kiosk.session import Screen, Session

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("sex", "born", "years", "months"),
    [
        (Sex.MALE, date(1964, 12, 31), 60, 0),  # before the reform's first month
        (Sex.MALE, date(1965, 1, 1), 60, 1),  # its first: one month later
        (Sex.MALE, date(1965, 4, 30), 60, 1),
        (Sex.MALE, date(1965, 5, 1), 60, 2),  # a month more every four months of birth
        (Sex.MALE, date(1976, 8, 1), 62, 11),
        (Sex.MALE, date(1976, 9, 1), 63, 0),  # the end of the rise
        (Sex.MALE, date(1990, 1, 1), 63, 0),
        (Sex.FEMALE, date(1969, 12, 1), 55, 0),  # the cadres' track, women's highest
        (Sex.FEMALE, date(1970, 1, 1), 55, 1),
        (Sex.FEMALE, date(1981, 9, 1), 58, 0),
    ],
)
def test_the_highest_statutory_age_by_sex_and_birth_month(sex, born, years, months):
    assert statutory_age_months(sex, born) == years * 12 + months


def _holder(sex: Sex, born: date):
    return replace(sample(1), sex=sex, birth_date=born)


def test_reached_from_the_day_of_the_month_the_age_is_reached():
    man = _holder(Sex.MALE, date(1966, 1, 10))  # 60 years 4 months: 10 May 2026
    assert not reached_statutory_retirement_age(man, date(2026, 5, 9))
    assert reached_statutory_retirement_age(man, date(2026, 5, 10))
    woman = _holder(Sex.FEMALE, date(1971, 1, 31))  # 55 years 4 months: 31 May 2026
    assert not reached_statutory_retirement_age(woman, date(2026, 5, 30))
    assert reached_statutory_retirement_age(woman, date(2026, 5, 31))
    assert not reached_statutory_retirement_age(_holder(Sex.UNKNOWN, date(1940, 1, 1)), TODAY)
    assert not reached_statutory_retirement_age(replace(man, birth_date=None), TODAY)


@given(born=st.dates(date(1930, 1, 1), date(2008, 12, 31)), sex=st.sampled_from(list(Sex)))
def test_never_reached_before_the_former_age_nor_missed_after_63(born, sex):
    holder = _holder(sex, born)
    age = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
    reached = reached_statutory_retirement_age(holder, TODAY)
    if sex is Sex.UNKNOWN or age < 55 or (sex is Sex.MALE and age < 60):
        assert not reached
    if sex is not Sex.UNKNOWN and age >= 63:
        assert reached


def _retirement(catalog, holder) -> Session:
    s = Session(catalog)
    s.card_inserted(holder, TODAY)
    s.confirm_identity()
    s.choose_onething("retirement")
    return s


def test_a_card_past_the_retirement_age_answers_the_question(catalog):
    s = _retirement(catalog, _holder(Sex.MALE, date(1958, 3, 2)))
    assert (s.screen, s.question_id) == (Screen.QUESTIONS, "years")
    assert (s.questions_asked, s.questions_total) == (0, (2, 2))
    s.back()  # what she was never asked goes back with the question before it
    assert s.screen is Screen.BROWSE


@pytest.mark.parametrize(
    ("sex", "born"),
    [
        (Sex.MALE, date(1966, 9, 1)),  # 60: his statutory age is 60 years 6 months
        (Sex.FEMALE, date(1974, 6, 1)),  # 52: a worker's 50 reached, a cadre's 55 not
        (Sex.FEMALE, date(1990, 6, 1)),  # 36: "not yet" is hers to say (early retirement)
    ],
)
def test_short_of_the_highest_age_the_question_is_asked(catalog, sex, born):
    s = _retirement(catalog, _holder(sex, born))
    assert (s.screen, s.question_id) == (Screen.QUESTIONS, "age")
    assert s.questions_total == (3, 3)


def test_without_a_card_the_retirement_age_is_asked(catalog):
    s = Session(catalog)
    s.browse()
    s.choose_onething("retirement")
    assert s.question_id == "age"
