"""Documents through the real driver to the simulated printer over TCP: what comes out on
paper (the QR code decoded back), raster and native, 58 and 80 mm; status queries."""

from __future__ import annotations

from datetime import datetime

import pytest

from drivers.events import StatusChanged
from drivers.printer.driver import PrintFailed
from drivers.printer.paper import paper
from drivers.printer.raster import SLICE_ROWS, raster_commands, render
from drivers.printer.sim import Offline, SimulatedPrinter
from drivers.printer.status import PrinterStatus
from kiosk.codes import SAMPLE_PROGRESS_TOKEN, booking_text, progress_link
from kiosk.devices import DeviceStatus
from kiosk.printing.builders import build_acceptance_notice, build_appointment_slip, build_guide
from tests.print_helpers import decode_qr, driver_for, ink_columns
from tests.print_samples import PROGRESS_BASE, acceptance_data, booking

LINK = progress_link(PROGRESS_BASE, SAMPLE_PROGRESS_TOKEN)


@pytest.mark.parametrize("mode", ["raster", "native"])
@pytest.mark.parametrize("mm", [58, 80])
def test_acceptance_notice_prints_with_its_qr_code(tmp_path, mm, mode):
    doc = build_acceptance_notice(acceptance_data(), PROGRESS_BASE)
    with SimulatedPrinter(tmp_path, paper_mm=mm) as sim:
        driver_for(sim, mode).print_document(doc)
        assert sim.wait_for(1, 5)
        (receipt,) = sim.receipts
        assert receipt.path is not None and receipt.path.exists()
        assert receipt.image.width == paper(mm).dots
        assert decode_qr(receipt.image) == LINK
        assert sim.problems == []
        assert sim.spoiled == []
        if mode == "native":  # the paper itself carries every §6.2.3 field, as text
            printed = receipt.text.replace("\n", "")
            for label in ("受理编号", "窗口序号", "所收材料", "受理人员", "办结时限", "取件方式"):
                assert label in printed, label
            assert acceptance_data().acceptance_number in printed


def test_raster_slices_are_at_most_255_rows():
    img = render(build_acceptance_notice(acceptance_data(), PROGRESS_BASE), paper(58))
    data = raster_commands(img)
    rows, i = [], 0
    while i < len(data):
        assert data[i : i + 4] == b"\x1dv0\x00"
        w, h = (
            int.from_bytes(data[i + 4 : i + 6], "little"),
            int.from_bytes(data[i + 6 : i + 8], "little"),
        )
        rows.append(h)
        i += 8 + w * h
    assert max(rows) <= SLICE_ROWS and sum(rows) == img.height


def test_long_fields_stay_within_the_paper(tmp_path):
    long = "超长的事项名称" * 12 + " Averyveryverylongwordwithoutanyspacesatallthatmustbesplit"
    data = acceptance_data(onething_name=long, situation=long, kiosk_name=long)
    doc = build_acceptance_notice(data, PROGRESS_BASE)
    for mode in ("raster", "native"):
        with SimulatedPrinter(tmp_path / mode, paper_mm=58) as sim:
            driver_for(sim, mode).print_document(doc)
            assert sim.wait_for(1, 5)
            left, right = ink_columns(sim.receipts[0].image)
            assert left >= 0 and right < 384
            assert sim.problems == []
    # Raster keeps its margins: nothing drawn in the outer 8 dots.
    left, right = ink_columns(render(doc, paper(58)))
    assert left >= 8 and right < 384 - 8


def test_guide_and_appointment_slip(tmp_path, catalog):
    from kiosk.notice import build_notice

    onething = catalog.onething("birth")
    notice = build_notice(catalog, onething, onething.situations[0])
    guide = build_guide(notice, "示例终端", datetime(2024, 5, 6, 9, 0))
    slip = build_appointment_slip(booking(), "出生一件事", "示例终端", datetime(2024, 5, 6, 9))
    with SimulatedPrinter(tmp_path, paper_mm=80) as sim:
        driver = driver_for(sim)
        driver.print_document(guide)
        driver.print_document(slip)
        assert sim.wait_for(2, 5)
        assert decode_qr(sim.receipts[0].image) == notice.full_guide_url
        assert decode_qr(sim.receipts[1].image) == booking_text(booking().code)


def test_status_is_reported_in_plain_words(tmp_path):
    events = []
    with SimulatedPrinter(tmp_path) as sim:
        driver = driver_for(sim, on_event=events.append)
        assert driver.status() is PrinterStatus.ONLINE
        sim.paper_low()
        assert driver.status() is PrinterStatus.PAPER_LOW
        sim.paper_out()
        assert driver.status() is PrinterStatus.PAPER_OUT
        sim.paper_in()
        sim.open_cover()
        assert driver.status() is PrinterStatus.COVER_OPEN
        sim.close_cover()
        sim.offline(Offline.REFUSE)
        assert driver.status() is PrinterStatus.OFFLINE
        sim.online()
        assert driver.status() is PrinterStatus.ONLINE
    states = [e.state for e in events if isinstance(e, StatusChanged)]
    assert [s.status for s in states] == [
        DeviceStatus.READY,
        DeviceStatus.READY,
        DeviceStatus.ERROR,
        DeviceStatus.ERROR,
        DeviceStatus.OFFLINE,
        DeviceStatus.READY,
    ]
    assert all(s.name == "printer" for s in states)
    assert "out of paper" in states[2].detail and "cover" in states[3].detail


def test_a_printer_that_never_answers_is_offline_not_a_hang(tmp_path):
    with SimulatedPrinter(tmp_path) as sim:
        sim.offline(Offline.SILENT)
        driver = driver_for(sim, status_timeout=0.2)
        assert driver.status() is PrinterStatus.OFFLINE
        with pytest.raises(PrintFailed) as e:
            driver.print_document(build_acceptance_notice(acceptance_data(), PROGRESS_BASE))
        assert e.value.status is PrinterStatus.OFFLINE
        # Two status queries (one per call), and not a byte of the job.
        assert sim.receipts == [] and sim.bytes_received == 6


def test_without_status_support_bytes_written_is_done(tmp_path):
    with SimulatedPrinter(tmp_path) as sim:
        sim.offline(Offline.SILENT)  # answers nothing, prints anyway
        driver_for(sim, status_query=False).print_document(
            build_acceptance_notice(acceptance_data(), PROGRESS_BASE)
        )
        # Silent printers still print what they get.
        assert sim.wait_for(1, 5) and sim.bytes_received > 10_000


def test_paper_out_mid_job_fails_the_job(tmp_path):
    with SimulatedPrinter(tmp_path) as sim:
        driver = driver_for(sim)
        sim.fault_after(20_000, "paper_out")
        with pytest.raises(PrintFailed) as e:
            driver.print_document(build_acceptance_notice(acceptance_data(), PROGRESS_BASE))
        assert e.value.status is PrinterStatus.PAPER_OUT
        assert sim.receipts == []


def test_confirmed_by_process_id_where_the_printer_has_it_else_by_status(tmp_path):
    doc = build_acceptance_notice(acceptance_data(), PROGRESS_BASE)
    for process_ids, how in ((True, "printed"), (False, "received")):
        with SimulatedPrinter(tmp_path / how, process_ids=process_ids) as sim:
            driver = driver_for(sim)
            assert driver.print_document(doc).how == how
            assert driver.process_ids is process_ids and len(sim.receipts) == 1
