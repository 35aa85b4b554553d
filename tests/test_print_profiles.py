"""Printer profiles from python-escpos's capability database: the acceptance notice through the
real driver to a simulated printer of each profile (TM-T88V, the generic 80 and 58 mm
printers, the POS-5890 58 mm board), raster and native; the acceptance number whole on one
line; what a cutter-less printer gets; a printer that names another model is reported."""

from __future__ import annotations

import json

import pytest

from drivers.events import StatusChanged
from drivers.printer import native, raster
from drivers.printer.paper import paper, paper_for
from drivers.printer.sim import SimulatedPrinter
from kiosk.codes import SAMPLE_PROGRESS_TOKEN, progress_link
from kiosk.printing import profiles
from kiosk.printing.builders import build_acceptance_notice
from kiosk.printing.profiles import ProfileProblem, profile
from tests.print_helpers import decode_qr, driver_for, ink_columns
from tests.print_samples import PROGRESS_BASE, acceptance_data

LINK = progress_link(PROGRESS_BASE, SAMPLE_PROGRESS_TOKEN)
HUB_NUMBER = acceptance_data().acceptance_number
LOCAL_NUMBER = "L-sandbox-0001-20240506-000123"  # the default kiosk id's local number

# (what [printer] says, paper_mm) → (dots, columns, dpi)
PROFILES = {
    "TM-T88V": (("TM-T88V", None), (512, 42, 180)),
    "generic-80": (("", 80), (576, 48, 203)),
    "generic-58": (("", 58), (384, 32, 203)),
    "POS-5890": (("POS-5890", None), (384, 32, 203)),
}


def _notice(number: str = HUB_NUMBER):
    local = number.startswith("L-")
    data = acceptance_data(acceptance_number=number, offline=local)
    return build_acceptance_notice(data, PROGRESS_BASE)


@pytest.mark.parametrize("name", PROFILES)
def test_profile_measures_come_from_python_escpos(name):
    (key, mm), (dots, columns, dpi) = PROFILES[name]
    p = profile(key, mm)
    assert (p.dots, p.columns, p.dpi) == (dots, columns, dpi)
    assert p.paper_mm == (58 if dots == 384 else 80)


def test_capabilities_differ_by_profile():
    tm = profile("TM-T88V")
    assert tm.qr_code and tm.cutter == "partial" and tm.model == "Epson TM-T88V"
    pos = profile("POS-5890")
    assert not pos.qr_code and pos.cutter is None and pos.raster
    assert 0 in pos.code_pages and pos.code_pages[0] == "CP437"
    # Type is set in millimetres: the TM-T88's 180 dpi gets fewer dots for the same letters.
    assert paper_for(tm).body < paper(80).body
    assert paper_for(tm).text_width / tm.dots_per_mm == pytest.approx(
        paper(80).text_width / profile("", 80).dots_per_mm, rel=0.02
    )


@pytest.mark.parametrize("mode", ["raster", "native"])
@pytest.mark.parametrize("name", PROFILES)
def test_acceptance_notice_on_each_profile(tmp_path, name, mode):
    (key, mm), (dots, _, _) = PROFILES[name]
    with SimulatedPrinter(tmp_path, profile=profile(key, mm)) as sim:
        driver = driver_for(sim, mode)
        driver.print_document(_notice())
        driver.print_document(_notice(LOCAL_NUMBER))
        assert sim.wait_for(2, 10)
        assert sim.problems == [] and sim.spoiled == []
        for receipt in sim.receipts:
            assert receipt.path is not None and receipt.path.exists()
            assert receipt.image.width == dots
            if mode == "raster":  # drawn inside its margins, whatever the width
                left, right = ink_columns(receipt.image)
                assert left >= sim.p.margin and right < dots - sim.p.margin
            assert decode_qr(receipt.image) == LINK
        if mode == "native":
            for receipt, number in zip(sim.receipts, (HUB_NUMBER, LOCAL_NUMBER), strict=True):
                assert number in receipt.text.splitlines(), "the number wrapped"


@pytest.mark.parametrize("name", PROFILES)
@pytest.mark.parametrize("number", [HUB_NUMBER, LOCAL_NUMBER])
def test_the_acceptance_number_fits_one_line_in_both_modes(name, number):
    (key, mm), _ = PROFILES[name]
    p = paper_for(profile(key, mm))
    size = raster.number_size(number, p)
    assert raster.font(size, True).getlength(number) <= p.text_width
    assert size >= p.small
    wide, tall = native.number_size(number, p.columns)
    assert native.columns(number) * wide <= p.columns and tall == 2


def test_the_same_blocks_in_the_same_order_in_both_modes(tmp_path):
    """The native receipt's lines follow the document: title, kiosk, number label, number,
    … as raster draws them (a rough check of layout; the PNGs are looked at)."""
    with SimulatedPrinter(tmp_path, profile=profile("", 58)) as sim:
        driver_for(sim, "native").print_document(_notice())
        assert sim.wait_for(1, 5)
        lines = [ln for ln in sim.receipts[0].text.splitlines() if ln.strip("- ")]
    assert lines[:4] == ["受理通知书", "示例街道便民服务中心自助终端", "受理编号：", HUB_NUMBER]


def test_a_printer_without_cutter_gets_no_cut_and_is_torn_off(tmp_path):
    pos = paper_for(profile("POS-5890"))
    job = raster.job_bytes(_notice(), pos)
    assert b"\x1dV" not in job[-8:] and job.endswith(b"\x1bd\x04")
    assert b"\x1dV\x42\x00" in raster.job_bytes(_notice(), paper(58))[-8:]
    # Its QR code is an image: the POS-5890 draws none itself.
    assert b"\x1d(k" not in native.job_bytes(_notice(), pos)
    assert b"\x1d(k" in native.job_bytes(_notice(), paper_for(profile("TM-T88V")))
    with SimulatedPrinter(tmp_path, profile="POS-5890") as sim:
        driver_for(sim, "native").print_document(_notice())
        assert sim.wait_for(1, 5) and decode_qr(sim.receipts[0].image) == LINK


def test_a_printer_of_another_model_is_reported_in_plain_words(tmp_path):
    events = []
    with SimulatedPrinter(tmp_path, profile="TM-T88V") as sim:
        # The kiosk set up for a generic 80 mm printer; a TM-T88V is on the line.
        driver = driver_for(sim, paper=paper(80), on_event=events.append)
        driver.status()
        assert "TM-T88V" in driver.profile_problem
        words = events[-1].state.detail
        assert 'profile = "TM-T88V"' in words and "cut off at the right edge" in words
        assert "512 dots" in words
        # What the kiosk sends is wider than the printer prints.
        driver.print_document(_notice())
        assert any("does not fit the paper" in problem for problem in sim.problems)
    with SimulatedPrinter(tmp_path / "right", profile="TM-T88V") as sim:
        driver = driver_for(sim, on_event=events.append)
        driver.status()
        assert driver.profile_problem == ""
    states = [e.state for e in events if isinstance(e, StatusChanged)]
    assert "profile" not in states[-1].detail


def test_a_printer_that_names_no_model_is_not_judged(tmp_path):
    with SimulatedPrinter(tmp_path, paper_mm=58) as sim:  # generic: answers no GS I
        driver = driver_for(sim, paper=paper(80))
        driver.status()
        assert driver.profile_problem == ""


def test_unknown_and_contradictory_profiles_are_refused_in_words():
    with pytest.raises(ProfileProblem, match="did you mean TM-T88V"):
        profile("TM-T88")
    with pytest.raises(ProfileProblem, match=r"prints 58 mm paper.*paper_mm says 80"):
        profile("POS-5890", 80)
    with pytest.raises(ProfileProblem, match="customer display"):
        profile("OCD-300")
    assert profile("tm-t88v").name == "TM-T88V"


def test_a_capabilities_file_of_our_own(tmp_path, monkeypatch):
    own = {
        "profiles": {
            "KIOSK-80": {
                "name": "Kiosk 80",
                "vendor": "Local",
                "features": {"bitImageRaster": True, "qrCode": True, "paperFullCut": True},
                "fonts": {"0": {"columns": 53}},
                "media": {"dpi": 203, "width": {"mm": 80, "pixels": 640}},
                "codePages": {"0": "CP437"},
            }
        }
    }
    path = tmp_path / "capabilities.json"
    path.write_text(json.dumps(own), "utf-8")
    monkeypatch.setenv("ESCPOS_CAPABILITIES_FILE", str(path))
    p = profile("KIOSK-80")
    assert (p.dots, p.columns, p.cutter, p.paper_mm) == (640, 53, "full", 80)
    assert profiles.names() == ["KIOSK-80"]
    assert raster.end_of_receipt(True, p.cutter).endswith(b"\x1dV\x41\x00")
