"""The idle policy (kiosk.idle): how long each screen may stay untouched, in elderly mode too,
how long the countdown warns, and how long the receipt stays before the rating comes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import load_config
from kiosk.idle import (
    QUIET_BEFORE_WARNING_SECONDS,
    SCREEN_SHARES,
    IdleClock,
    IdlePhase,
    IdlePolicy,
)
from kiosk.session import Screen
from tests.conftest import FakeTime


@st.composite
def policies(draw) -> IdlePolicy:
    """Every policy the configuration accepts (kiosk.config.IdleSection's bounds)."""
    timeout = draw(st.integers(20, 3600))
    warning = draw(st.integers(5, min(120, timeout - 1)))
    elderly = draw(st.integers(timeout, 3600))
    policy = IdlePolicy(timeout, warning, elderly)
    policy.check()
    return policy


screens = st.sampled_from(list(Screen))


def test_the_configured_policy_is_the_section_s():
    idle = load_config().idle
    assert idle.policy() == IdlePolicy(90, 15, 180)


def test_an_ordinary_screen_gets_the_configured_time_elderly_mode_its_own():
    policy = IdlePolicy(90, 15, 180)
    assert policy.timeout(Screen.NOTICE, elderly=False) == 90
    assert policy.timeout(Screen.NOTICE, elderly=True) == 180
    assert policy.timeout(Screen.FORM, elderly=False) == 180  # typing takes thought
    assert policy.timeout(Screen.RATING, elderly=False) == 45  # a glance


@given(policies(), screens, st.booleans())
def test_the_countdown_never_starts_the_moment_a_screen_shows(policy, screen, elderly):
    timeout = policy.timeout(screen, elderly)
    assert timeout - policy.warning_seconds >= QUIET_BEFORE_WARNING_SECONDS


@given(policies(), screens)
def test_elderly_mode_never_gives_less_time(policy, screen):
    assert policy.timeout(screen, elderly=True) >= policy.timeout(screen, elderly=False)


@given(policies(), st.booleans())
def test_screens_that_take_thought_get_at_least_an_ordinary_screen_s_time(policy, elderly):
    ordinary = policy.timeout(Screen.NOTICE, elderly)
    for screen, share in SCREEN_SHARES.items():
        if share >= 1:
            assert policy.timeout(screen, elderly) >= ordinary


def test_the_receipt_stays_longer_in_elderly_mode_and_before_any_warning():
    policy = load_config().idle.policy()
    assert policy.receipt_seconds(elderly=True) > policy.receipt_seconds(elderly=False)
    for elderly in (False, True):
        quiet = policy.timeout(Screen.RECEIPT, elderly) - policy.warning_seconds
        assert policy.receipt_seconds(elderly) < quiet


@pytest.mark.parametrize(
    ("policy", "words"),
    [
        (IdlePolicy(60, 60, 120), "warning_seconds must be shorter than timeout_seconds"),
        (IdlePolicy(90, 15, 60), "elderly_timeout_seconds must not be shorter"),
    ],
)
def test_times_that_do_not_fit_together_are_refused_in_words(policy, words):
    with pytest.raises(ValueError, match=words):
        policy.check()


def test_a_render_can_show_the_countdown_only_where_it_shows():
    now = FakeTime()
    clock = IdleClock(90, 15, now=now)
    clock.warn_at(12)
    assert clock.phase() is IdlePhase.WARNING and clock.remaining() == 12
    for left in (0, 16):
        with pytest.raises(ValueError, match="between 1 and 15 seconds"):
            clock.warn_at(left)
