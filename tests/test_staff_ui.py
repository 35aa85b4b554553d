"""The staff's controls on the real QML screens (offscreen): the sign-in panel takes the
staff card and a PIN without letting taps or the card through to the resident's screens,
and 请工作人员帮忙 is on every screen."""

from __future__ import annotations

from drivers.events import CardInserted
from drivers.idreader.samples import sample
from tests.test_ui import find, tap


def test_the_sign_in_panel_keeps_the_card_and_taps_to_itself(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    staff = kiosk_app.staff
    tap(qtbot, kiosk_app, "staffSignInButton")
    assert staff.step == "card" and find(kiosk_app, "staffPanel").isVisible()
    vm.driverEvent.emit(CardInserted(reader="module", identity=sample(4)))
    qtbot.waitUntil(lambda: staff.step == "pin")
    assert vm.screen == "attract" and not vm.session.has_personal_data
    for key in "2468":
        tap(qtbot, kiosk_app, f"pinKey_{key}")
    tap(qtbot, kiosk_app, "pinKey_OK")
    # Not enrolled: nothing can check the PIN, and it says so.
    qtbot.waitUntil(lambda: staff.problem == "offline")
    assert vm.screen == "attract"
    tap(qtbot, kiosk_app, "staffCancel")
    assert staff.step == "" and vm.screen == "attract"


def test_the_sign_in_panel_left_alone_closes_and_forgets_the_card(qtbot, kiosk_app):
    from ui.staff import PANEL_IDLE_S

    staff = kiosk_app.staff
    now = [1000.0]
    staff.clock = lambda: now[0]
    tap(qtbot, kiosk_app, "staffSignInButton")
    kiosk_app.viewmodel.driverEvent.emit(CardInserted(reader="module", identity=sample(4)))
    qtbot.waitUntil(lambda: staff.step == "pin")
    staff._check_idle()
    assert staff.step == "pin"  # not yet
    now[0] += PANEL_IDLE_S + 1
    staff._check_idle()
    assert staff.step == "" and staff._card == ""
    assert not find(kiosk_app, "staffPanel").isVisible()


def test_help_is_on_every_screen_and_says_what_became_of_the_call(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    staff = kiosk_app.staff
    for screen in ("attract", "browse"):
        if screen == "browse":
            tap(qtbot, kiosk_app, "personalButton")
        assert vm.screen == screen
        tap(qtbot, kiosk_app, "helpButton")
        qtbot.waitUntil(lambda: staff.helpState == "unavailable")
        assert "服务台" in find(kiosk_app, "helpMessage").property("text")
        tap(qtbot, kiosk_app, "helpDone")
        assert staff.helpState == "none" and vm.screen == screen
