"""[printer] in the configuration: the profile and paper_mm (which wins), the print mode a
serial line's speed chooses, and what a USB printer must name; each mistake one plain line."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.printer.paper import paper_for
from kiosk.config import load_config
from kiosk.tomlfile import FileProblem
from services.print_service import printer_from_config


def _config(tmp_path: Path, printer: str):
    path = tmp_path / "kiosk.toml"
    path.write_text("[printer]\n" + printer, "utf-8")
    return load_config(path).printer


def _refused(tmp_path: Path, printer: str) -> str:
    with pytest.raises(FileProblem) as e:
        _config(tmp_path, printer)
    return str(e.value)


def test_defaults_are_a_generic_80_mm_printer_in_raster():
    cfg = load_config().printer
    p = cfg.printer_profile()
    assert (p.name, p.dots, p.columns) == ("default", 576, 48)
    assert cfg.print_mode() == "raster"


@pytest.mark.parametrize(
    ("printer", "dots", "columns"),
    [
        ('profile = "TM-T88V"\n', 512, 42),
        ('profile = "TM-T88V"\npaper_mm = 80\n', 512, 42),  # agreeing: fine
        ("paper_mm = 58\n", 384, 32),  # an existing configuration: the generic 58 mm printer
        ("paper_mm = 80\n", 576, 48),
        ('profile = "POS-5890"\n', 384, 32),
        ('profile = "CT-S651"\n', 640, 48),
        ('profile = "default"\npaper_mm = 58\n', 384, 32),
    ],
)
def test_the_profile_decides_and_paper_mm_sizes_the_generic_one(tmp_path, printer, dots, columns):
    cfg = _config(tmp_path, printer)
    p = cfg.printer_profile()
    assert (p.dots, p.columns) == (dots, columns)
    # And it is what the print service lays receipts out for.
    assert printer_from_config(cfg).paper == paper_for(p)


@pytest.mark.parametrize(
    ("printer", "words"),
    [
        ('profile = "TM-T88V"\npaper_mm = 58\n', "prints 80 mm paper, 512 dots wide, but paper_mm"),
        ('profile = "TM-T99"\n', "knows no printer profile 'TM-T99'"),
        ('profile = "OCD-300"\n', "too narrow for a receipt"),
        ('profile = "TM-U220"\nmode = "raster"\n', "cannot print raster images"),
        ("paper_mm = 76\n", "printer.paper_mm"),
    ],
)
def test_profile_mistakes_are_refused_in_words(tmp_path, printer, words):
    assert words in _refused(tmp_path, printer)


@pytest.mark.parametrize(
    ("printer", "mode"),
    [
        ('connection = "serial"\nserial_port = "/dev/ttyUSB0"\nserial_baud = 9600\n', "native"),
        ('connection = "serial"\nserial_port = "/dev/ttyUSB0"\nserial_baud = 57600\n', "native"),
        ('connection = "serial"\nserial_port = "/dev/ttyUSB0"\nserial_baud = 115200\n', "raster"),
        ('connection = "network"\n', "raster"),
        (
            'connection = "serial"\nserial_port = "/dev/ttyUSB0"\nserial_baud = 9600\n'
            'mode = "raster"\n',
            "raster",  # said so: kept
        ),
        ('connection = "usb"\nusb_vendor = 0x0416\nusb_product = 0x5011\n', "raster"),
    ],
)
def test_auto_mode_is_native_on_a_slow_serial_line(tmp_path, printer, mode):
    assert _config(tmp_path, printer).print_mode() == mode


def test_a_serial_printer_needs_its_port(tmp_path):
    assert "needs serial_port" in _refused(tmp_path, 'connection = "serial"\n')


def test_a_usb_printer_needs_vendor_and_product(tmp_path):
    words = _refused(tmp_path, 'connection = "usb"\n')
    assert "usb_vendor and usb_product" in words and "0416:5011" in words
    assert "usb_vendor" in _refused(tmp_path, 'connection = "usb"\nusb_product = 0x5011\n')


def test_usb_endpoints_are_checked(tmp_path):
    usb = 'connection = "usb"\nusb_vendor = 0x0416\nusb_product = 0x5011\n'
    cfg = _config(tmp_path, usb + "usb_out_endpoint = 0x03\nusb_in_endpoint = 0x81\n")
    assert (cfg.usb_out_endpoint, cfg.usb_in_endpoint) == (0x03, 0x81)
    assert "IN endpoints are 0x81 to 0x8f" in _refused(tmp_path, usb + "usb_in_endpoint = 0x01\n")
    assert "printer.usb_out_endpoint" in _refused(tmp_path, usb + "usb_out_endpoint = 0x81\n")


def test_a_disabled_printer_is_not_judged(tmp_path):
    assert not _config(tmp_path, 'enabled = false\nconnection = "usb"\n').enabled
