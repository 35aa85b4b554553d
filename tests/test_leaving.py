"""Nothing lost by a stray tap: 回首页 with answers given asks first; errors show only after the
resident tried to go on, and never carry over to the next session."""

from __future__ import annotations

import json

from demo.render import ScreenState, drive
from tests.test_ui import find, tap


def _to_form(kiosk_app, catalog):
    state = ScreenState(
        screen="form", onething="birth", situation="newborn", card="valid", sharing="offline"
    )
    drive(kiosk_app.viewmodel, catalog, state)


def test_home_with_answers_asks_first_and_without_goes_straight(qtbot, kiosk_app, catalog):
    vm = kiosk_app.viewmodel
    _to_form(kiosk_app, catalog)
    assert vm.screen == "form"
    overlay = find(kiosk_app, "leaveOverlay")
    # Nothing given yet: home at once.
    tap(qtbot, kiosk_app, "homeButton")
    assert vm.screen in ("attract", "take_card") and not overlay.isVisible()

    _to_form(kiosk_app, catalog)
    journey = kiosk_app.journey
    field = next(f for f in json.loads(journey.fieldsJson) if f["kind"] == "choice")
    tap(qtbot, kiosk_app, f"choice_{field['id']}_0")
    tap(qtbot, kiosk_app, "homeButton")
    assert overlay.isVisible() and vm.screen == "form"
    tap(qtbot, kiosk_app, "stayButton")
    assert not overlay.isVisible() and vm.screen == "form"
    assert journey.hasAnswers()
    tap(qtbot, kiosk_app, "homeButton")
    tap(qtbot, kiosk_app, "leaveButton")
    assert vm.screen in ("attract", "take_card") and not overlay.isVisible()


def test_errors_do_not_carry_over_to_the_next_session(qtbot, kiosk_app, catalog):
    vm = kiosk_app.viewmodel
    _to_form(kiosk_app, catalog)
    journey = kiosk_app.journey
    assert not journey.formDone()  # empty: the errors show
    assert any(f["problem"] for f in json.loads(journey.fieldsJson))
    vm.home()
    _to_form(kiosk_app, catalog)
    assert not any(f["problem"] for f in json.loads(journey.fieldsJson))


def test_an_idle_wipe_leaves_no_red_errors_for_the_next_resident(qtbot, kiosk_app, catalog):
    """The issue's case: the resident tried 下一步 with empty fields, walked away, the idle
    reset wiped the session; the next resident's form opens with no problem shown."""
    from tests.test_ui import _frozen_clock

    vm = kiosk_app.viewmodel
    journey = kiosk_app.journey

    def red_marks() -> list[str]:
        return [
            i.objectName()
            for i in kiosk_app.items()
            if i.objectName().startswith("problem_") and i.isVisible()
        ]

    _to_form(kiosk_app, catalog)
    assert not red_marks()  # nothing tried yet: no errors on arrival
    tap(qtbot, kiosk_app, "nextButton")
    assert vm.screen == "form"
    qtbot.waitUntil(lambda: bool(red_marks()), timeout=3000)
    now = _frozen_clock(vm)
    now.t += vm.clock.timeout_seconds + 1
    vm.checkIdle()
    assert vm.screen in ("attract", "take_card")
    _to_form(kiosk_app, catalog)
    assert vm.screen == "form"
    qtbot.waitUntil(  # the form's fields are drawn
        lambda: any(i.objectName().startswith("askedField_") for i in kiosk_app.items()),
        timeout=3000,
    )
    assert not any(f["problem"] for f in json.loads(journey.fieldsJson))
    assert not red_marks()
