"""The printers from the maintenance screen: 打印测试页, 打印测试小票 (a sample receipt marked
测试) and the A4 printer's test page, each through the kiosk's own print queue on the
maintenance worker, against the TCP ESC/POS printer simulator; the verdict in plain words,
the printer's profile in the detail, every print audited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drivers.printer.sim import SimulatedPrinter
from services.print_service import PrintService
from tests.print_helpers import driver_for
from tests.test_ui import find, tap

RENDERS = Path(os.environ.get("KIOSK_RENDERS", "")) if os.environ.get("KIOSK_RENDERS") else None


def _render(app, name: str) -> None:
    if RENDERS is not None:
        RENDERS.mkdir(parents=True, exist_ok=True)
        app.window.grabWindow().save(str(RENDERS / name))


@pytest.fixture
def printing(qtbot, qapp, config, catalog, tmp_path):
    """Maintenance mode signed in, the receipt printer a simulator behind the kiosk's print
    service, the A4 printer a folder."""
    from ui.app import create_app

    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        cfg = config.model_copy(
            update={
                "kiosk": config.kiosk.model_copy(update={"data_dir": str(tmp_path / "data")}),
                "printer": config.printer.model_copy(
                    update={
                        "port": sim.port,
                        "paper_mm": 58,
                        "status_timeout_seconds": 2.0,
                        "office_printer": f"pdf:{tmp_path / 'a4'}",
                    }
                ),
                "ui": config.ui.model_copy(
                    update={"fullscreen": False, "width": 1920, "height": 1080, "voice": "mock"}
                ),
            }
        )
        service = PrintService(tmp_path / "spool", driver_for(sim, mode="native"))
        service.start()
        app = create_app(cfg, catalog, windowed=True)
        try:
            m = app.maintenance
            m._tasks.service._print_service = lambda: service  # the running kiosk's
            m._tasks.service.session = "offline-20261205"  # signed in (test_maintenance_ui)
            m._set(step="menu")
            qtbot.waitUntil(lambda: find(app, "maintenancePrint_test_page").isVisible())
            yield app, sim, tmp_path
        finally:
            app.close()
            service.stop()


def _printer(m) -> dict:
    return next(d for d in m.devices if d["name"] == "printer")


def test_the_test_page_and_a_sample_receipt_arrive_at_the_printer(qtbot, printing):
    app, sim, _ = printing
    m = app.maintenance
    tap(qtbot, app, "maintenancePrint_test_page")
    assert m.busy == "printer"  # on the worker: the screen is free meanwhile
    qtbot.waitUntil(lambda: m.busy == "", timeout=15000)
    row = _printer(m)
    assert (row["verdict"], row["code"]) == ("ok", "printer.test_page"), row
    assert "profile" in row["detail"] and "58 mm" in row["detail"]
    assert sim.wait_for(1)
    assert "打印测试" in sim.receipts[0].text
    assert "测试页已打印" in find(app, "maintenanceDevice_printer").property("text")
    _render(app, "maintenance-printer-test-page.png")

    tap(qtbot, app, "maintenancePrint_sample_receipt")
    qtbot.waitUntil(lambda: m.busy == "", timeout=15000)
    assert _printer(m)["code"] == "printer.sample_printed", _printer(m)
    assert sim.wait_for(2)
    sample = sim.receipts[1].text.replace("\n", "")
    assert "【测试】" in sample and "不是受理凭证" in sample and "示例" in sample
    trail = [(e.action, e.outcome) for e in m._tasks.service.pending()]
    assert ("print:test_page", "ok") in trail and ("print:sample_receipt", "ok") in trail
    app.viewmodel.setLanguage("en")
    qtbot.waitUntil(
        lambda: "Test receipt printed" in find(app, "maintenanceDevice_printer").property("text")
    )
    _render(app, "maintenance-printer-sample-en.png")


def test_a_printer_out_of_paper_says_the_test_page_waits_for_paper(qtbot, printing):
    """Out of paper, the test page waits in the queue and the screen says it will print once
    paper is in; a second tap meanwhile adds no second copy."""
    app, sim, _ = printing
    m = app.maintenance
    sim.paper_out()
    tap(qtbot, app, "maintenancePrint_test_page")
    qtbot.waitUntil(lambda: m.busy == "", timeout=20000)
    row = _printer(m)
    assert (row["verdict"], row["code"]) == ("fail", "printer.test_queued"), row
    assert "装好纸后会自动打出" in find(app, "maintenanceDevice_printer").property("text")
    _render(app, "maintenance-printer-paper-out.png")
    tap(qtbot, app, "maintenancePrint_test_page")
    qtbot.waitUntil(lambda: m.busy == "", timeout=20000)
    assert _printer(m)["code"] == "printer.test_queued"
    sim.paper_in()
    assert sim.wait_for(1)
    qtbot.waitUntil(lambda: m._tasks.service._queued_test is None, timeout=20000)
    assert len(sim.receipts) == 1  # the one queued, printed once


def test_the_a4_printers_test_page(qtbot, printing):
    app, _, tmp_path = printing
    m = app.maintenance
    tap(qtbot, app, "maintenancePrint_office_page")
    qtbot.waitUntil(lambda: m.busy == "", timeout=15000)
    assert _printer(m)["code"] == "printer.office_printed", _printer(m)
    (pdf,) = (tmp_path / "a4").glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_without_a_running_kiosk_the_test_page_goes_straight_to_the_printer(config, tmp_path):
    """From the kiosk's shell (no print service running) as `kiosk print-test` does."""
    from services.maintenance import Maintenance

    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        cfg = config.model_copy(
            update={
                "kiosk": config.kiosk.model_copy(update={"data_dir": str(tmp_path / "data")}),
                "printer": config.printer.model_copy(
                    update={"port": sim.port, "paper_mm": 58, "status_timeout_seconds": 2.0}
                ),
            }
        )
        m = Maintenance(cfg)
        with pytest.raises(PermissionError):
            m.print_test("test_page")  # only in maintenance mode
        m.session = "offline-20261205"
        check = m.print_test("sample_receipt")
        assert (check.verdict.value, check.code) == ("ok", "printer.sample_printed"), check
        assert sim.wait_for(1)
        assert [(e.action, e.outcome) for e in m.pending()] == [("print:sample_receipt", "ok")]
