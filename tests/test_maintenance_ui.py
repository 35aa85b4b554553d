"""Maintenance mode on the real QML screens (offscreen) against a real hub and the printer
simulator: the hidden corner held on the attract screen opens the code pad, the hub's code is
typed on it, and 开始测试 shows the printer's verdict — fine, then out of paper."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest

from central.process import HubProcess
from drivers.printer.sim import SimulatedPrinter
from kiosk.hubtoken import HubToken
from tests.conftest import ROOT
from tests.hub.test_ctl import kioskctl
from tests.test_ui import find, find_all, tap

KIOSK_ID = "kiosk-maint-ui"


def _hold(qtbot, app, name: str) -> None:
    item = find(app, name)
    # Below the top bar once the screen is laid out.
    qtbot.waitUntil(lambda: item.mapToScene(QPointF(0, 0)).y() > 0)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mousePress(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: app.maintenance.step == "code", timeout=6000)
    QTest.mouseRelease(
        app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
    )


def _scroll(app) -> None:
    at = QPointF(app.window.width() / 2, app.window.height() / 2)
    wheel = QWheelEvent(
        at,
        app.window.mapToGlobal(at),
        QPoint(0, -120),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QCoreApplication.sendEvent(app.window, wheel)


def _key(qtbot, app, name: str) -> None:
    """A key of the visible pad (the staff panel has one too, hidden)."""
    (item,) = find_all(app, name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.wait(10)


def _offline_kiosk(config, catalog, data_dir, **sections):
    """A kiosk whose hub is out of reach (a day code signs a technician in), its data in
    `data_dir`; `sections` replace the configuration's own."""
    from ui.app import create_app

    cfg = config.model_copy(
        update={
            "kiosk": config.kiosk.model_copy(update={"data_dir": str(data_dir)}),
            "hub": config.hub.model_copy(update={"url": "http://127.0.0.1:9"}),  # unreachable
            "ui": config.ui.model_copy(
                update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
            ),
            **sections,
        }
    )
    secret = cfg.maintenance_secret_path()
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(b"per-kiosk-secret\n")
    return create_app(cfg, catalog, windowed=True), cfg


def test_a_technician_signs_in_with_the_hub_code_and_tests_the_printer(
    qtbot, qapp, config, catalog, tmp_path
):
    from ui.app import create_app

    hub = HubProcess(tmp_path / "hub").start()
    try:
        token = hub.enrol(KIOSK_ID)
        with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
            cfg = config.model_copy(
                update={
                    "kiosk": config.kiosk.model_copy(
                        update={"id": KIOSK_ID, "data_dir": str(tmp_path / "data")}
                    ),
                    "hub": config.hub.model_copy(update={"url": hub.url}),
                    "printer": config.printer.model_copy(
                        update={"port": sim.port, "paper_mm": 58, "status_timeout_seconds": 2.0}
                    ),
                    "ui": config.ui.model_copy(
                        update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
                    ),
                }
            )
            HubToken(cfg.token_path()).save(token, 3600)
            app = create_app(cfg, catalog, windowed=True)
            try:
                m = app.maintenance
                assert find(app, "maintenanceCorner").property("visible")
                _hold(qtbot, app, "maintenanceCorner")
                code = kioskctl(hub, "technician", "code", KIOSK_ID).stdout.strip()
                for key in code:
                    _key(qtbot, app, f"pinKey_{key}")
                _key(qtbot, app, "pinKey_OK")
                qtbot.waitUntil(lambda: m.step == "menu", timeout=10000)
                assert app.viewmodel.screen == "attract"

                tap(qtbot, app, "maintenanceTest_printer")
                qtbot.waitUntil(lambda: m.devices[0]["verdict"] == "ok", timeout=10000)
                sim.paper_out()
                qtbot.waitUntil(lambda: m.busy == "", timeout=5000)
                tap(qtbot, app, "maintenanceTest_printer")
                qtbot.waitUntil(lambda: m.devices[0]["verdict"] == "fail", timeout=10000)
                assert m.devices[0]["words"] == "打印机缺纸，请装纸"
                tap(qtbot, app, "maintenanceSignOut")
                assert m.step == ""
                # The audit trail goes to the hub on sign-out.
                audit = app.maintenance._tasks.service
                qtbot.waitUntil(lambda: audit.pending() == [], timeout=10000)
            finally:
                app.close()
        trail = kioskctl(hub, "technician", "events", KIOSK_ID).stdout
        assert "sign_in  ok" in trail and "test:printer  fail" in trail and "sign_out  ok" in trail
    finally:
        hub.stop()


def test_every_verdict_code_is_worded_on_the_screens_as_the_shell_words_it():
    """The screens word a check by its code through Qt's translation; the shell has the same
    Chinese (services.doctor.WORDS). Both say the same, and every code has its English."""
    import re
    import xml.etree.ElementTree as ET

    from services.doctor import WORDS
    from tests.test_translations import TS

    qml = (ROOT / "ui" / "qml" / "Kiosk" / "MaintenancePanel.qml").read_text()
    worded = dict(re.findall(r'case "([a-z_.-]+)": return qsTr\("([^"]+)"\)', qml))
    assert {c: worded.get(c) for c in WORDS} == WORDS
    english = {
        m.findtext("source"): m.findtext("translation")
        for m in ET.parse(TS).getroot().iter("message")
    }
    assert all(english.get(words) for words in WORDS.values())


def test_a_technicians_card_and_pin_open_maintenance_and_cards_stay_out_of_sessions(
    qtbot, qapp, config, catalog, tmp_path
):
    from drivers.events import CardInserted
    from drivers.idreader.samples import sample
    from ui.app import create_app

    technician, resident = sample(4), sample(1)
    hub = HubProcess(tmp_path / "hub").start()
    try:
        token = hub.enrol(KIOSK_ID)
        added = kioskctl(
            hub, "staff", "add", "t901", "李工", "运维", "--card", technician.id_number,
            "--pin", "9753", "--role", "technician",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        cfg = config.model_copy(
            update={
                "kiosk": config.kiosk.model_copy(
                    update={"id": KIOSK_ID, "data_dir": str(tmp_path / "data")}
                ),
                "hub": config.hub.model_copy(update={"url": hub.url}),
                "ui": config.ui.model_copy(
                    update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
                ),
            }
        )
        HubToken(cfg.token_path()).save(token, 3600)
        app = create_app(cfg, catalog, windowed=True)
        try:
            vm, m = app.viewmodel, app.maintenance
            qtbot.waitUntil(
                lambda: find(app, "maintenanceCorner").mapToScene(QPointF(0, 0)).y() > 0
            )
            m.open()
            vm.driverEvent.emit(CardInserted(reader="module", identity=technician))
            qtbot.waitUntil(lambda: m.step == "pin")
            assert vm.screen == "attract" and not vm.session.has_personal_data
            for key in "1111":
                _key(qtbot, app, f"pinKey_{key}")
            _key(qtbot, app, "pinKey_OK")
            qtbot.waitUntil(lambda: m.problem != "" and m.busy == "", timeout=10000)
            assert m.problem == "wrong_pin", (m.problem, m._tasks.service.pending())
            assert m.step == "pin" and m.problemCount == 4
            assert "还可以试 4 次" in find(app, "maintenanceProblem").property("text")
            for key in "9753":
                _key(qtbot, app, f"pinKey_{key}")
            _key(qtbot, app, "pinKey_OK")
            qtbot.waitUntil(lambda: m.step == "menu", timeout=10000)
            # The card test's card, in maintenance mode, is not a resident's session either.
            vm.driverEvent.emit(CardInserted(reader="module", identity=resident))
            qtbot.waitUntil(lambda: m.devices[2]["verdict"] == "ok")
            assert vm.screen == "attract" and not vm.session.has_personal_data
            # It shows as the ID module's read, masked.
            row = m.devices[2]
            assert (row["name"], row["code"]) == ("idreader", "idreader.read")
            assert resident.masked_number in row["detail"]
            assert resident.id_number not in row["detail"] and resident.name not in row["detail"]
            m.signOut()
            qtbot.waitUntil(lambda: m._tasks.service.pending() == [], timeout=10000)
        finally:
            app.close()
        trail = kioskctl(hub, "technician", "events", KIOSK_ID).stdout
        assert "sign_in  ok_card" in trail and "sign_in_card  wrong_pin" in trail
        assert "test:idreader  ok" in trail
    finally:
        hub.stop()


def test_the_pin_step_left_alone_closes_and_forgets_the_technicians_card(
    qtbot, qapp, config, catalog, tmp_path
):
    """As the staff panel: a technician called away after reading the card does not leave
    its number in memory, nor the pad in the residents' way; a touch keeps it open."""
    from drivers.events import CardInserted
    from drivers.idreader.samples import sample
    from ui.app import create_app
    from ui.maintenance import PANEL_IDLE_S

    cfg = config.model_copy(
        update={
            "kiosk": config.kiosk.model_copy(update={"data_dir": str(tmp_path / "data")}),
            "ui": config.ui.model_copy(
                update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
            ),
        }
    )
    app = create_app(cfg, catalog, windowed=True)
    try:
        m = app.maintenance
        now = [1000.0]
        m.clock = lambda: now[0]
        qtbot.waitUntil(lambda: find(app, "maintenanceCorner").mapToScene(QPointF(0, 0)).y() > 0)
        m.open()
        app.viewmodel.driverEvent.emit(CardInserted(reader="module", identity=sample(4)))
        qtbot.waitUntil(lambda: m.step == "pin")
        assert m._card != ""
        now[0] += PANEL_IDLE_S - 1
        _key(qtbot, app, "pinKey_1")  # a touch: the minute starts again
        now[0] += PANEL_IDLE_S - 1
        m._check_idle()
        assert m.step == "pin"  # not yet
        now[0] += 2
        m._check_idle()
        assert m.step == "" and m._card == ""
        assert not find(app, "maintenancePinPad").isVisible()
    finally:
        app.close()


def test_the_menu_left_alone_signs_out_audited_and_back_to_the_residents_screens(
    qtbot, qapp, config, catalog, tmp_path
):
    """A technician who walks away does not leave calibration and USB export open: after
    MENU_IDLE_S without a touch (never while a test or an export runs) maintenance mode signs
    out, audited as a sign-out, and the residents' screen is back."""
    from kiosk.maintenance import day_code
    from ui.maintenance import MENU_IDLE_S

    app, cfg = _offline_kiosk(config, catalog, tmp_path / "data")
    try:
        m = app.maintenance
        service = m._tasks.service
        now = [1000.0]
        m.clock = lambda: now[0]
        qtbot.waitUntil(lambda: find(app, "maintenanceCorner").mapToScene(QPointF(0, 0)).y() > 0)
        m.open()
        m.enterCode(day_code(b"per-kiosk-secret", cfg.kiosk.id, cfg.kiosk.now().date()))
        qtbot.waitUntil(lambda: m.step == "menu", timeout=10000)
        assert find(app, "maintenanceSignOut").isVisible()

        now[0] += MENU_IDLE_S - 1
        tap(qtbot, app, "maintenanceSummary")  # a touch: the five minutes start again
        now[0] += MENU_IDLE_S - 1
        m._check_idle()
        assert m.step == "menu"
        _scroll(app)  # the wheel, scrolling the list, is the technician there too
        now[0] += MENU_IDLE_S - 1
        m._check_idle()
        assert m.step == "menu"
        m._set(busy="export")  # an export (or a test) running is not the technician gone
        now[0] += MENU_IDLE_S * 3
        m._check_idle()
        assert m.step == "menu"
        m._set(busy="")
        now[0] += MENU_IDLE_S - 1  # counted from the end of the export
        m._check_idle()
        assert m.step == "menu"
        now[0] += 2
        m._check_idle()
        assert m.step == "" and m.devices[0]["verdict"] == ""
        assert not find(app, "maintenanceSignOut").isVisible()
        assert app.viewmodel.screen == "attract"
        qtbot.waitUntil(lambda: service.session == "", timeout=5000)
        trail = [(e.action, e.outcome) for e in service.pending()]
        assert trail[-1] == ("sign_out", "idle") and ("sign_in", "ok_offline") in trail
    finally:
        app.close()


def test_the_menu_opens_with_the_warning_of_an_expired_fleet_configuration(
    qtbot, qapp, config, catalog, tmp_path
):
    """The kiosk serves residents on a fleet configuration whose signed metadata expired (the
    hub out of reach): the technician's menu says so as it opens, without a test tapped."""
    from datetime import UTC, datetime, timedelta

    from tuf.api.metadata import Metadata, MetaFile, Timestamp

    from kiosk.maintenance import day_code
    from tests.test_ui import texts

    data = tmp_path / "data"
    (data / "fleet" / "metadata").mkdir(parents=True)
    expired = Metadata(
        Timestamp(
            version=3,
            expires=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1),
            snapshot_meta=MetaFile(version=3),
        )
    )
    (data / "fleet" / "metadata" / "timestamp.json").write_bytes(expired.to_bytes())
    root = tmp_path / "root.json"
    root.write_bytes(b"{}")  # the root of trust shipped with the kiosk (not read here)
    fleet = config.fleet.model_copy(update={"root": str(root)})
    app, cfg = _offline_kiosk(config, catalog, data, fleet=fleet)
    try:
        m = app.maintenance
        qtbot.waitUntil(lambda: find(app, "maintenanceCorner").mapToScene(QPointF(0, 0)).y() > 0)
        m.open()
        m.enterCode(day_code(b"per-kiosk-secret", cfg.kiosk.id, cfg.kiosk.now().date()))
        qtbot.waitUntil(lambda: m.step == "menu", timeout=10000)
        fleet = lambda: next(d for d in m.devices if d["name"] == "fleet")  # noqa: E731
        qtbot.waitUntil(lambda: fleet()["verdict"] == "warn", timeout=10000)
        assert fleet()["code"] == "fleet.expired"
        qtbot.waitUntil(lambda: any("中心下发的配置已过期" in t for t in texts(app)))
        assert all(d["verdict"] == "" for d in m.devices if d["name"] != "fleet")  # no test ran
    finally:
        app.close()
