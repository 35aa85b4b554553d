"""`kiosk print-test`: the technicians' test page, straight to the configured receipt printer,
or why it did not print, in plain words."""

from __future__ import annotations

from PIL import Image

from drivers.printer.sim import SimulatedPrinter
from tests.print_helpers import decode_qr
from ui.cli import main


def _override(tmp_path, port: int, enabled: bool = True) -> str:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f"[printer]\nenabled = {'true' if enabled else 'false'}\nport = {port}\npaper_mm = 58\n"
        "status_timeout_seconds = 2.0\n"
    )
    return str(path)


def test_the_test_page_prints_on_the_configured_printer(tmp_path, capsys):
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        assert main(["--config", _override(tmp_path, sim.port), "print-test"]) == 0
        assert sim.wait_for(1)
        (page,) = sim.receipts
        assert decode_qr(Image.open(page.path)) == "https://example.invalid/print-test"
    said = capsys.readouterr().out
    assert "test page printed (58 mm, raster, 127.0.0.1:" in said


def test_a_printer_that_does_not_answer_is_said_plainly(tmp_path, capsys):
    with SimulatedPrinter(tmp_path / "paper", paper_mm=58) as sim:
        sim.paper_out()
        assert main(["--config", _override(tmp_path, sim.port), "print-test"]) == 1
    assert "the test page did not print: the printer is out of paper" in capsys.readouterr().err
    assert main(["--config", _override(tmp_path, 1, enabled=False), "print-test"]) == 2
    assert "no receipt printer" in capsys.readouterr().err
