"""Serial receipt printers: on a line slower than 115200 baud the kiosk prints native GB18030
text by default, and the receipt keeps its layout (the acceptance number on one line, its QR
code) on every profile, 58 mm included. Through the real configuration, print service
factory, driver and pyserial, to the simulated printer on a pty at the configured baud."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import serial

from drivers.printer.simserial import SerialSimulatedPrinter
from kiosk.codes import SAMPLE_PROGRESS_TOKEN, progress_link
from kiosk.config import load_config
from kiosk.printing.builders import build_acceptance_notice
from services.print_service import printer_from_config
from tests.print_helpers import decode_qr
from tests.print_samples import PROGRESS_BASE, acceptance_data

LINK = progress_link(PROGRESS_BASE, SAMPLE_PROGRESS_TOKEN)
LOCAL_NUMBER = "L-sandbox-0001-20240506-000123"


def _printer_config(tmp_path: Path, port: str, baud: int, profile: str, extra: str = ""):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[printer]\nconnection = "serial"\nserial_port = "{port}"\nserial_baud = {baud}\n'
        f'serial_flow = "none"\n{profile}\nstatus_timeout_seconds = 2.0\n{extra}',
        "utf-8",
    )
    return load_config(path).printer


PROFILES = {  # the printer on the line: its profile and paper, and what [printer] says
    "TM-T88V": (("TM-T88V", None), 'profile = "TM-T88V"', 512),
    "generic-58": (("", 58), "paper_mm = 58", 384),
    "POS-5890": (("POS-5890", None), 'profile = "POS-5890"', 384),
}


@pytest.mark.parametrize("name", PROFILES)
def test_a_slow_serial_printer_gets_native_text_with_the_same_layout(tmp_path, name):
    (key, mm), profile, dots = PROFILES[name]
    link = tmp_path / "ttyPRN"
    with SerialSimulatedPrinter(
        tmp_path / "p", baud=9600, link=link, profile=key, paper_mm=mm
    ) as sim:
        cfg = _printer_config(tmp_path, sim.path, 9600, profile)
        assert cfg.print_mode() == "native"
        driver = printer_from_config(cfg)
        for i, number in enumerate((acceptance_data().acceptance_number, LOCAL_NUMBER)):
            data = acceptance_data(acceptance_number=number, offline=number.startswith("L-"))
            before = sim.bytes_received
            driver.print_document(build_acceptance_notice(data, PROGRESS_BASE))
            # A native receipt takes seconds on the line; raster would take a minute or two.
            assert (sim.bytes_received - before) * 10 / 9600 < 15
            # Printed (and, without a cutter, torn off) before the next.
            assert sim.printer.wait_for(i + 1, 10)
        assert sim.printer.problems == [] and sim.printer.spoiled == []
        for receipt, number in zip(
            sim.printer.receipts, (acceptance_data().acceptance_number, LOCAL_NUMBER), strict=True
        ):
            assert receipt.image.width == dots
            assert number in receipt.text.splitlines(), "the acceptance number wrapped"
            assert decode_qr(receipt.image) == LINK


def test_a_fast_serial_printer_gets_raster(tmp_path):
    with SerialSimulatedPrinter(tmp_path / "paper", baud=115200, paper_mm=58) as sim:
        cfg = _printer_config(tmp_path, sim.path, 115200, "paper_mm = 58")
        assert cfg.print_mode() == "raster"
        printer_from_config(cfg).print_document(
            build_acceptance_notice(acceptance_data(), PROGRESS_BASE)
        )
        assert sim.printer.wait_for(1, 10)
        (receipt,) = sim.printer.receipts
        assert receipt.text == "" and decode_qr(receipt.image) == LINK
        assert sim.wire_seconds > 4  # ~60 KB of image: seconds even at 115200


def test_raster_on_a_slow_line_when_the_configuration_says_so(tmp_path):
    with SerialSimulatedPrinter(tmp_path / "paper", baud=9600, paper_mm=58) as sim:
        cfg = _printer_config(tmp_path, sim.path, 9600, "paper_mm = 58", 'mode = "raster"\n')
        assert printer_from_config(cfg).mode == "raster"


def test_a_host_at_another_baud_is_not_heard(tmp_path):
    from drivers.printer.driver import PrintFailed

    with SerialSimulatedPrinter(tmp_path / "paper", baud=9600, paper_mm=58) as sim:
        cfg = _printer_config(tmp_path, sim.path, 19200, "paper_mm = 58")
        driver = printer_from_config(cfg)
        with pytest.raises(PrintFailed) as e:
            driver.print_document(build_acceptance_notice(acceptance_data(), PROGRESS_BASE))
        assert "not answering" in str(e.value)


def test_kiosk_sim_printer_on_a_serial_line(tmp_path):
    options = ["--baud", "9600", "--profile", "POS-5890", "--out", str(tmp_path / "paper")]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "drivers.sim_cli",
            "printer",
            "--serial",
            str(tmp_path / "tty"),
            *options,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        path = proc.stdout.readline().split(":", 1)[1].strip()
        proc.stdout.readline()
        assert "POS5890" in proc.stdout.readline()
        with serial.Serial(path, 9600, timeout=2) as line:
            line.write(b"\x10\x04\x01")
            assert line.read(1) == b"\x12"
            line.write(b"\x1b@\x1c&\xc4\xe3\xba\xc3\n")  # 你好 in GB18030, in Chinese mode
            # No cutter: the slip is torn off once the printer stops.
            deadline = time.monotonic() + 5
            while not list((tmp_path / "paper").glob("receipt-*.png")):
                assert time.monotonic() < deadline, "no receipt"
                time.sleep(0.05)
        proc.stdin.write("state\nquit\n")
        proc.stdin.flush()
        out, _ = proc.communicate(timeout=10)
        assert "1 receipt(s)" in out and "0 problem(s)" in out
    finally:
        if proc.poll() is None:
            proc.kill()
