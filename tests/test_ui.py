"""The real QML kiosk, driven by taps in an offscreen window (pytest-qt)."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from tests.conftest import FakeTime


def find(app, name: str) -> QQuickItem:
    """The item named `name`, waiting briefly for views to create their delegates."""
    deadline = time.monotonic() + 3
    while (item := app.find(name)) is None:
        assert time.monotonic() < deadline, f"no item named {name!r} on screen"
        QTest.qWait(20)
    return item


def find_all(app, name: str) -> list[QQuickItem]:
    return [i for i in app.items() if i.objectName() == name and i.isVisible()]


def tap(qtbot, app, name: str) -> None:
    item = find(app, name)
    assert item.isVisible(), f"{name} is not visible"
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.wait(10)


def _frozen_clock(vm) -> FakeTime:
    """The idle clock on a time that moves only when the test moves it, touched just now."""
    now = FakeTime()
    vm.clock.now = now
    vm.touched()
    return now


def test_attract_to_birth_notice_by_touch(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    assert vm.screen == "attract"
    tap(qtbot, kiosk_app, "personalButton")
    assert vm.screen == "browse"
    tap(qtbot, kiosk_app, "stage_birth")
    tap(qtbot, kiosk_app, "onething_birth")
    assert vm.screen == "questions"
    assert "省内" in find(kiosk_app, "questionText").property("text")
    assert find(kiosk_app, "questionCount").property("text") == "第 1 问，共 1 问"
    tap(qtbot, kiosk_app, "option0")
    assert vm.screen == "notice"
    qtbot.waitUntil(lambda: find(kiosk_app, "guideQr").property("progress") == 1.0)
    assert len(find_all(kiosk_app, "sharedBadge")) == 3
    assert {f"material{i}" for i in range(4)} <= {i.objectName() for i in kiosk_app.items()}


def test_idle_warning_counts_down_and_reset_wipes_the_session(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    now = _frozen_clock(vm)
    tap(qtbot, kiosk_app, "personalButton")
    tap(qtbot, kiosk_app, "onething_birth")
    tap(qtbot, kiosk_app, "option0")
    old_session = vm.session
    assert old_session.has_personal_data

    now.t += vm.clock.timeout_seconds - 15
    vm.checkIdle()
    overlay = find(kiosk_app, "idleOverlay")
    assert overlay.isVisible()
    assert find(kiosk_app, "idleCountdown").property("text") == "15"

    # A touch during the warning keeps the session.
    tap(qtbot, kiosk_app, "continueButton")
    vm.checkIdle()
    assert not overlay.isVisible() and vm.screen == "notice"

    now.t += vm.clock.timeout_seconds + 1
    vm.checkIdle()
    assert vm.screen == "attract"
    assert vm.session is not old_session and not vm.session.has_personal_data
    assert not find(kiosk_app, "idleOverlay").isVisible()


def test_no_idle_warning_on_an_untouched_attract_screen(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    now = _frozen_clock(vm)
    now.t += 10_000
    vm.checkIdle()
    assert not vm.idleWarning and vm.screen == "attract"


def test_elderly_mode_enlarges_type_and_targets_and_gives_more_time(qtbot, kiosk_app, config):
    vm = kiosk_app.viewmodel

    def sizes() -> tuple[float, float]:
        """The smallest touch target on screen, and the largest type (the staff's corner
        door is staff-sized in either mode: it is not the resident's)."""
        buttons = [
            i.height()
            for i in kiosk_app.items()
            if i.property("primary") is not None
            and i.isVisible()
            and i.objectName() != "staffSignInButton"
        ]
        fonts = [
            i.property("font").pixelSize()
            for i in kiosk_app.items()
            if isinstance(i.property("text"), str)
            and i.property("contentWidth") is not None
            and i.isVisible()
        ]
        return min(buttons), max(fonts)

    normal_target, normal_type = sizes()
    tap(qtbot, kiosk_app, "elderlyButton")
    assert vm.elderly

    def enlarged() -> bool:
        elderly_target, elderly_type = sizes()
        return elderly_target >= 1.5 * normal_target and elderly_type >= 1.5 * normal_type

    # The bindings re-lay the screen over a few frames: a loaded machine takes longer.
    qtbot.waitUntil(enlarged, timeout=10_000)
    assert vm.clock.timeout_seconds == config.idle.elderly_timeout_seconds
    # ...and the receipt's number stays longer before the rating comes (kiosk.idle).
    assert vm.receiptSeconds == config.idle.policy().receipt_seconds(elderly=True) == 30
    tap(qtbot, kiosk_app, "elderlyButton")
    assert not vm.elderly and vm.clock.timeout_seconds == config.idle.timeout_seconds
    assert vm.receiptSeconds == config.idle.policy().receipt_seconds(elderly=False) == 20


def texts(app) -> list[str]:
    return [
        i.property("text")
        for i in app.items()
        if i.isVisible() and isinstance(i.property("text"), str)
    ]


def test_language_switch_translates_the_screen_and_the_catalog(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    assert "个人办事" in texts(kiosk_app)
    tap(qtbot, kiosk_app, "languageButton")
    assert vm.language == "en"
    assert "For individuals" in texts(kiosk_app) and "个人办事" not in texts(kiosk_app)
    tap(qtbot, kiosk_app, "personalButton")
    assert vm.stages[0]["name"] == "Birth"
    assert "Birth" in texts(kiosk_app)
    tap(qtbot, kiosk_app, "languageButton")
    assert vm.language == "zh_CN" and vm.stages[0]["name"] == "出生"


def test_the_question_count_says_the_total_as_far_as_the_answers_tell_it(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    tap(qtbot, kiosk_app, "personalButton")
    vm.chooseOnething("disability-services")  # 1 question, or 3 for a card already held

    def count() -> str:
        return find(kiosk_app, "questionCount").property("text")

    qtbot.waitUntil(lambda: count() == "第 1 问，共 1～3 问")
    tap(qtbot, kiosk_app, "option1")  # 已经有了: two more
    qtbot.waitUntil(lambda: count() == "第 2 问，共 3 问")
    tap(qtbot, kiosk_app, "languageButton")
    qtbot.waitUntil(lambda: count() == "Question 2 of 3")
    tap(qtbot, kiosk_app, "backButton")
    qtbot.waitUntil(lambda: count() == "Question 1 of 1–3")


def test_home_button_ends_the_session_but_keeps_the_residents_modes(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    tap(qtbot, kiosk_app, "elderlyButton")
    tap(qtbot, kiosk_app, "personalButton")
    tap(qtbot, kiosk_app, "onething_birth")
    tap(qtbot, kiosk_app, "homeButton")
    assert vm.screen == "attract" and not vm.session.has_personal_data
    assert vm.elderly  # still the same person at the kiosk


def test_modes_left_on_the_attract_screen_revert_for_the_next_resident(qtbot, kiosk_app, config):
    vm = kiosk_app.viewmodel
    now = _frozen_clock(vm)
    tap(qtbot, kiosk_app, "languageButton")
    tap(qtbot, kiosk_app, "elderlyButton")
    now.t += vm.clock.timeout_seconds - 5
    vm.checkIdle()
    assert vm.idleWarning  # someone may still be there: ask first
    now.t += 10
    vm.checkIdle()
    assert vm.language == config.ui.language and vm.elderly == config.ui.elderly_mode
    assert not vm.idleWarning


def test_a_text_field_brings_up_the_pinyin_keyboard(qtbot, kiosk_app):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlComponent

    qtbot.waitUntil(lambda: kiosk_app.find("inputPanel") is not None, timeout=5000)
    panel = kiosk_app.find("inputPanel")
    # The input method is one per process: start from a keyboard put away.
    QGuiApplication.inputMethod().hide()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)
    component = QQmlComponent(kiosk_app.engine)
    component.setData(b"import QtQuick\nTextInput { width: 400; height: 60 }", "file:///field.qml")
    field = component.create()
    field.setParentItem(kiosk_app.window.contentItem())
    field.forceActiveFocus()
    QGuiApplication.inputMethod().show()
    qtbot.waitUntil(panel.isVisible, timeout=3000)
    # The keyboard loads its layouts after it shows: the first time in a process, its locale
    # follows a moment later.
    qtbot.waitUntil(lambda: QGuiApplication.inputMethod().locale().name() == "zh_CN", timeout=5000)
    # Its height comes with its layout, a frame or more after it shows on a busy machine.
    qtbot.waitUntil(lambda: panel.height() > 300, timeout=5000)  # a keyboard to touch
    field.deleteLater()


def test_a_catalog_from_the_hub_waits_for_the_session_to_end(qtbot, kiosk_app, catalog):
    import threading

    vm = kiosk_app.viewmodel
    newer = catalog.model_copy(update={"version": "2026.12-hub"})
    tap(qtbot, kiosk_app, "personalButton")
    # Emitted on another thread, as the sync worker does.
    threading.Thread(target=vm.hubCatalog.emit, args=(newer,)).start()
    qtbot.waitUntil(lambda: vm._next_catalog is newer)  # arrived, kept for later
    assert vm.catalog.version == catalog.version  # mid-session: unchanged
    tap(qtbot, kiosk_app, "homeButton")
    assert vm.catalog.version == "2026.12-hub"


def test_a_fleet_configuration_is_put_in_force_between_residents(qtbot, kiosk_app, config):
    """A push names the one-things this kiosk offers, a notice and the idle time: the
    resident on the screens keeps what she has; the next one gets the push, and a later push
    that leaves a setting out gives the kiosk its own value back."""
    import threading

    from kiosk.fleet import Bundle

    vm = kiosk_app.viewmodel
    push = Bundle(
        3,
        "all",
        {
            "catalog": {"onethings": ["birth", "retirement"]},
            "notice": {"text": "本周六照常办理", "text_en": "Open this Saturday"},
            "idle": {"timeout_seconds": 77},
        },
    )
    tap(qtbot, kiosk_app, "personalButton")
    before = [s["id"] for s in vm.stages]
    threading.Thread(target=vm.hubConfig.emit, args=(push,)).start()
    qtbot.waitUntil(lambda: vm._next_config is not None)  # received, waiting for the next one
    assert [s["id"] for s in vm.stages] == before and vm.noticeText == ""  # mid-session
    tap(qtbot, kiosk_app, "homeButton")
    qtbot.waitUntil(lambda: vm.noticeText == "本周六照常办理")
    assert "本周六照常办理" in texts(kiosk_app)
    assert vm.config.idle.timeout_seconds == 77
    tap(qtbot, kiosk_app, "personalButton")
    assert {s["id"] for s in vm.stages} == {"birth", "retirement"}
    assert [o["id"] for o in _onethings(qtbot, kiosk_app, "birth")] == ["birth"]
    tap(qtbot, kiosk_app, "homeButton")
    # The next push leaves the notice and the one-things out: the kiosk's own values return.
    vm.hubConfig.emit(Bundle(4, "all", {"idle": {"timeout_seconds": 90}}))
    qtbot.waitUntil(lambda: vm.config.idle.timeout_seconds == 90)
    assert vm.noticeText == "" and vm.config.catalog.onethings == config.catalog.onethings
    tap(qtbot, kiosk_app, "personalButton")
    assert [s["id"] for s in vm.stages] == before


def _onethings(qtbot, kiosk_app, stage: str) -> list[dict]:
    tap(qtbot, kiosk_app, f"stage_{stage}")
    return kiosk_app.viewmodel.onethings


# -- cards -----------------------------------------------------------------------------------


def _emit_from_driver_thread(vm, event) -> None:
    """As a driver does: on its own thread; the view model must get it on the GUI thread."""
    import threading

    thread = threading.Thread(target=vm.driverEvent.emit, args=(event,))
    thread.start()
    thread.join()


def _card(valid_until=None):
    from datetime import date

    from drivers.events import CardInserted
    from kiosk.identity import CardType, Identity

    identity = Identity(
        "林晓燕",
        "330106199403120623",
        CardType.SOCIAL_SECURITY,
        "Virtual PCD 00",
        valid_until=valid_until or date(2036, 3, 12),
    )
    return CardInserted("Virtual PCD 00", identity)


def test_a_card_on_the_attract_screen_shows_the_masked_identity(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    _emit_from_driver_thread(vm, _card())
    qtbot.waitUntil(lambda: vm.screen == "confirm")
    assert find(kiosk_app, "identityName").property("text") == "林*燕"
    shown = " ".join(texts(kiosk_app))
    assert "3301**********0623" in shown and "330106199403120623" not in shown
    tap(qtbot, kiosk_app, "confirmButton")
    assert vm.screen == "browse"


def test_an_expired_card_is_explained_with_its_date(qtbot, kiosk_app):
    from datetime import date

    vm = kiosk_app.viewmodel
    _emit_from_driver_thread(vm, _card(valid_until=date(2020, 3, 12)))
    qtbot.waitUntil(lambda: vm.screen == "card_problem")
    assert "2020年3月12日" in find(kiosk_app, "problemText").property("text")


def test_taking_the_card_out_pauses_and_the_end_asks_for_it_aloud(qtbot, kiosk_app):
    from drivers.events import CardRemoved

    vm = kiosk_app.viewmodel
    _emit_from_driver_thread(vm, _card())
    qtbot.waitUntil(lambda: vm.screen == "confirm")
    tap(qtbot, kiosk_app, "confirmButton")
    _emit_from_driver_thread(vm, CardRemoved("Virtual PCD 00"))
    qtbot.waitUntil(lambda: find(kiosk_app, "pausedOverlay").isVisible())
    _emit_from_driver_thread(vm, _card())  # the same card back: the session goes on
    qtbot.waitUntil(lambda: not find(kiosk_app, "pausedOverlay").isVisible())
    assert vm.screen == "browse"

    tap(qtbot, kiosk_app, "homeButton")  # the end, with the card still in
    assert vm.screen == "take_card" and not vm.session.has_personal_data
    qtbot.waitUntil(lambda: vm.voice.active)
    assert vm.voice.spoken[-1] == "请取走您的证件"
    _emit_from_driver_thread(vm, CardRemoved("Virtual PCD 00"))
    qtbot.waitUntil(lambda: vm.screen == "attract")


def test_reader_status_is_shown_live(qtbot, kiosk_app):
    from drivers.events import StatusChanged
    from kiosk.devices import DeviceState, DeviceStatus

    vm = kiosk_app.viewmodel
    tap(qtbot, kiosk_app, "personalButton")
    tap(qtbot, kiosk_app, "onething_birth")
    tap(qtbot, kiosk_app, "option0")
    tap(qtbot, kiosk_app, "startButton")
    assert vm.screen == "identify"
    _emit_from_driver_thread(vm, StatusChanged(DeviceState("pcsc:A", DeviceStatus.OFFLINE)))
    qtbot.waitUntil(lambda: find(kiosk_app, "readersUnavailable").isVisible())
    _emit_from_driver_thread(vm, StatusChanged(DeviceState("idreader", DeviceStatus.READY)))
    qtbot.waitUntil(lambda: not find(kiosk_app, "readersUnavailable").isVisible())
    _emit_from_driver_thread(vm, _card())
    qtbot.waitUntil(lambda: vm.screen == "confirm")
    tap(qtbot, kiosk_app, "confirmButton")
    assert vm.screen == "form"  # on from the notice where the resident asked for the card


def _at_the_birth_form(vm, resident) -> None:
    """The birth one-thing's form, for `resident`, whose card was read and confirmed."""
    from drivers.events import CardInserted

    vm.start()
    vm.chooseOnething("birth")
    vm.answer(0)
    vm.identify()
    vm.driverEvent.emit(CardInserted(resident.reader, resident))
    vm.confirmIdentity()


def test_idle_in_the_middle_of_the_form_gives_more_time_then_wipes_everything(
    qtbot, kiosk_app, config
):
    from drivers.events import CardRemoved
    from drivers.idreader.samples import sample

    vm, journey = kiosk_app.viewmodel, kiosk_app.journey
    now = FakeTime()
    vm.clock.now = now
    mother = sample(1)
    _at_the_birth_form(vm, mother)
    assert vm.screen == "form"
    journey.setValue("child-name", "陈小满")
    application = vm.session.application
    # Typing takes thought: the form gets twice the idle time before the warning.
    assert vm.clock.timeout_seconds == 2 * config.idle.timeout_seconds
    now.t += vm.clock.timeout_seconds - 10
    vm.checkIdle()
    assert vm.idleWarning and vm.screen == "form"
    now.t += 11
    vm.checkIdle()
    # Nobody came back: nothing of hers survives, and the card is asked for.
    assert vm.screen == "take_card" and vm.session.application is None
    assert application.typed == {} and application.known == {}
    assert json.loads(journey.fieldsJson) == []
    vm.driverEvent.emit(CardRemoved(mother.reader))
    assert vm.screen == "attract"


def test_elderly_mode_says_each_screen_aloud_once(qtbot, kiosk_app):
    vm = kiosk_app.viewmodel
    vm.setElderly(True)
    tap(qtbot, kiosk_app, "personalButton")
    tap(qtbot, kiosk_app, "onething_birth")
    tap(qtbot, kiosk_app, "option0")
    tap(qtbot, kiosk_app, "startButton")
    assert vm.voice.spoken[-1] == "请把身份证放在读卡区，或把社保卡插入读卡器"
    vm.back()
    vm.identify()  # back and forth at once: not said twice in a row
    assert vm.voice.spoken.count("请把身份证放在读卡区，或把社保卡插入读卡器") == 1
    vm.setElderly(False)
    vm.home()
    assert vm.voice.spoken[-1] != "请刷身份证或社保卡"  # not in the standard mode


def test_a_reader_problem_is_said_as_one_not_as_the_cards(qtbot, kiosk_app):
    from drivers.events import CardUnreadable
    from kiosk.identity import ReadFailure

    vm = kiosk_app.viewmodel
    vm.setElderly(True)
    vm.start()
    vm.identify()
    _emit_from_driver_thread(
        vm, CardUnreadable("Virtual PCD 00", "pcscd went away", ReadFailure.READER_LOST)
    )
    qtbot.waitUntil(lambda: vm.screen == "card_problem")
    assert vm.problem["kind"] == "reader_down"
    assert vm.voice.spoken[-1] == "读卡器出了故障，这不是您的证件的问题。请联系工作人员"
    tap(qtbot, kiosk_app, "readAloudButton")  # 读一读: the cause and what to do, in full
    said = vm.voice.spoken[-1]
    assert said == "读卡器出了故障。这不是您的证件的问题。请联系工作人员，或到窗口办理。"
    assert "擦" not in "".join(vm.voice.spoken)


def test_the_review_shows_nothing_personal_in_full(qtbot, kiosk_app):
    from demo.render import BIRTH_ANSWERS
    from drivers.idreader.samples import sample
    from kiosk.contract import LicenceRecord

    vm, journey = kiosk_app.viewmodel, kiosk_app.journey
    mother = sample(1)
    _at_the_birth_form(vm, mother)
    app = vm.session.application
    home = "浙江省杭州市西湖区文三路478号3幢2单元501室"
    app.learn(
        [
            LicenceRecord(
                kind="household_register", name="居民户口簿", issuer="x", fields={"address": home}
            )
        ],
        "consent",
    )
    for field_id, value in BIRTH_ANSWERS.items():
        journey.setValue(field_id, value)
    shown = {f["id"]: f["shown"] for f in json.loads(journey.fieldsJson)}
    assert shown["applicant-id-number"] == "3301**********0623"
    assert shown["applicant-name"] == "林*燕"
    assert shown["household-address"] == "浙江省杭州市西湖区****"
    assert shown["phone"] == "1380***8000"
    assert shown["child-name"] == "陈小满"  # not personal to show back to her
    journey.setDelivery("post")
    assert json.loads(journey.reviewJson)["address"] == "浙江省杭州市西湖区****"


def test_read_aloud_on_the_review_reads_it_all_but_nothing_personal(qtbot, kiosk_app, catalog):
    from demo.render import ScreenState, drive

    vm = kiosk_app.viewmodel
    state = ScreenState(screen="review", onething="birth", situation="newborn", card="valid")
    drive(vm, catalog, state, kiosk_app.journey)
    qtbot.waitUntil(kiosk_app.screen_loaded, timeout=5000)
    tap(qtbot, kiosk_app, "readAloudButton")
    said = vm.voice.spoken[-1]
    for wanted in ("陈小满", "杭州市妇产科医院", "出生一件事办理登记表", "部门已有", "确认提交"):
        assert wanted in said
    app = vm.session.application
    for personal in (app.applicant.id_number, app.applicant.name, "13800138000"):
        assert personal not in said


def test_a_receipt_that_may_have_printed_asks_her_to_look_and_offers_a_reprint(
    qtbot, kiosk_app, catalog
):
    from demo.render import ScreenState, drive

    state = ScreenState(screen="receipt", onething="birth", situation="newborn", card="valid")
    drive(kiosk_app.viewmodel, catalog, state, kiosk_app.journey)
    journey = kiosk_app.journey
    journey.set_print_state("may_have_printed")
    assert find(kiosk_app, "printState").property("text") == (
        "收据可能已打印，请查看出纸口；没有的话点重新打印"
    )
    assert find(kiosk_app, "screenQr").isVisible()  # the progress page, whatever she finds
    button = find(kiosk_app, "reprintButton")
    assert button.isVisible() and button.property("text") == "重新打印"
    # Nothing moves on by itself: the choice is hers.
    assert kiosk_app.viewmodel.screen == "receipt"
    tap(qtbot, kiosk_app, "reprintButton")
    qtbot.waitUntil(lambda: journey.printState != "may_have_printed")
    journey.set_print_state("done")
    assert find(kiosk_app, "reprintButton").property("text") == "再打印一份"


def test_the_notice_prints_from_its_own_button_and_tells_its_own_state(qtbot, kiosk_app):
    vm, journey = kiosk_app.viewmodel, kiosk_app.journey
    tap(qtbot, kiosk_app, "personalButton")
    tap(qtbot, kiosk_app, "onething_birth")
    tap(qtbot, kiosk_app, "option0")
    assert vm.screen == "notice"
    # These screens have no receipt printer: the notice says so, in plain words.
    tap(qtbot, kiosk_app, "printGuideButton")
    state = find(kiosk_app, "guideState")
    qtbot.waitUntil(lambda: state.isVisible() and "本机不能打印" in state.property("text"))
    assert journey.printState == ""

    # With one, the notice's job tells its states to the notice, not to the receipt's.
    asked = []
    journey._journey.print_guide = asked.append
    tap(qtbot, kiosk_app, "printGuideButton")
    assert asked == [vm.session] and "正在打印告知单" in state.property("text")
    journey.print_state(vm.session.id, "paper_out")
    assert "打印纸用完了" in state.property("text")
    tap(qtbot, kiosk_app, "printGuideButton")  # still waiting for paper: no second copy
    assert len(asked) == 1
    journey.print_state(vm.session.id, "done")
    assert "告知单已打印" in state.property("text") and journey.printState == ""
    # Once done, what comes next is another paper's (the receipt's).
    journey.print_state(vm.session.id, "printing")
    assert journey.printState == "printing" and journey.guideState == "done"


def test_elderly_mode_comes_by_itself_for_a_card_holder_of_60_and_one_tap_declines(
    qtbot, kiosk_app
):
    from datetime import date

    from drivers.events import CardInserted
    from kiosk.identity import CardType, Identity

    vm = kiosk_app.viewmodel
    assert not vm.elderly
    elder = Identity(
        "沈秀英",
        "330106194208170024",
        CardType.RESIDENT_ID,
        "Virtual PCD 00",
        birth_date=date(1942, 8, 17),
        valid_from=date(2016, 5, 9),
    )
    _emit_from_driver_thread(vm, CardInserted("Virtual PCD 00", elder))
    qtbot.waitUntil(lambda: vm.screen == "confirm")
    assert vm.elderly and vm.elderlyOffered
    assert find(kiosk_app, "elderlyOffered").isVisible()
    tap(qtbot, kiosk_app, "declineElderlyButton")
    assert not vm.elderly and not vm.elderlyOffered
