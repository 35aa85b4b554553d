"""USB receipt printers: the interface and endpoints read from a configuration descriptor,
the words a technician gets when the printer cannot be opened.

No USB device exists here, so the descriptors are byte strings as devices send them: the
POS-58's (0416:5011) device and configuration header as a user's pyusb dump shows them
(python-escpos issue #636; its interface and bulk endpoints 0x81 IN / 0x03 OUT as these boards
have them), an Epson TM-style printer (0x01 OUT / 0x82 IN), a composite device. The one test
of UsbLink.open past "not plugged in" stands a small pyusb-shaped device at usb.core.find,
since nothing better exists without hardware; pyusb's own errors are the real classes.
"""

from __future__ import annotations

import contextlib
import errno
import grp
import os

import pytest
import usb.core
from hypothesis import given
from hypothesis import strategies as hs

from drivers.printer.link import LinkLost
from drivers.printer.usbdesc import DescriptorProblem, choose, parse_configuration
from drivers.printer.usblink import UsbLink, permission_words


def _config(*parts: bytes, value: int = 1) -> bytes:
    body = b"".join(parts)
    total = 9 + len(body)
    count = sum(1 for i in _starts(body) if body[i + 1] == 4 and body[i + 3] == 0)
    return bytes([9, 2, total & 0xFF, total >> 8, count, value, 0, 0xC0, 0x32]) + body


def _starts(body: bytes):
    i = 0
    while i < len(body):
        yield i
        i += body[i]


def _interface(number: int, cls: int, endpoints: int, alternate: int = 0) -> bytes:
    return bytes([9, 4, number, alternate, endpoints, cls, 1 if cls == 7 else 0, 2, 0])


def _endpoint(address: int, transfer: int = 2, packet: int = 64) -> bytes:
    return bytes([7, 5, address, transfer, packet & 0xFF, packet >> 8, 0])


POS58 = _config(_interface(0, 7, 2), _endpoint(0x81), _endpoint(0x03))
EPSON = _config(_interface(0, 7, 2), _endpoint(0x01), _endpoint(0x82))
# A HID interface (with its class descriptor) before a vendor-specific one that prints.
COMPOSITE = _config(
    _interface(0, 3, 1),
    bytes([9, 0x21, 0x11, 0x01, 0, 1, 0x22, 0x20, 0]),
    _endpoint(0x83, transfer=3, packet=8),
    _interface(1, 0xFF, 2),
    _endpoint(0x02),
    _endpoint(0x81, transfer=3, packet=16),
)
OUT_ONLY = _config(_interface(0, 7, 1), _endpoint(0x02))


def test_pos58_endpoints_come_from_its_descriptor():
    assert len(POS58) == 32  # wTotalLength 0x20, as in the dump
    eps = choose(parse_configuration(POS58))
    assert (eps.interface, eps.out_ep, eps.in_ep, eps.in_packet) == (0, 0x03, 0x81, 64)


def test_epson_endpoints_come_from_its_descriptor():
    eps = choose(parse_configuration(EPSON))
    assert (eps.out_ep, eps.in_ep) == (0x01, 0x82)


def test_a_composite_device_prints_through_its_bulk_interface():
    config = parse_configuration(COMPOSITE)
    assert [f.cls for f in config.interfaces] == [3, 0xFF]
    eps = choose(config)
    assert (eps.interface, eps.out_ep, eps.in_ep, eps.in_packet) == (1, 0x02, 0x81, 16)


def test_a_printer_without_an_in_endpoint_cannot_answer():
    assert choose(parse_configuration(OUT_ONLY)).in_ep is None


def test_configured_endpoints_are_checked_against_the_device():
    config = parse_configuration(POS58)
    assert choose(config, out_ep=0x03, in_ep=0x81).out_ep == 0x03
    with pytest.raises(DescriptorProblem) as e:
        choose(config, out_ep=0x01)  # python-escpos's default, wrong for this board
    assert "no endpoint 0x01" in str(e.value) and "OUT 0x03" in str(e.value)
    with pytest.raises(DescriptorProblem, match="no endpoint 0x82"):
        choose(config, in_ep=0x82)


def test_a_device_with_nothing_to_print_through():
    keyboard = _config(_interface(0, 3, 1), _endpoint(0x81, transfer=3))
    with pytest.raises(DescriptorProblem, match="no bulk OUT endpoint"):
        choose(parse_configuration(keyboard))


def test_broken_descriptors_are_problems_not_crashes():
    with pytest.raises(DescriptorProblem, match="cut short"):
        parse_configuration(POS58[:20])
    with pytest.raises(DescriptorProblem, match="not a configuration"):
        parse_configuration(b"\x12\x01" + bytes(16))


@given(hs.binary(max_size=80))
def test_any_bytes_parse_or_are_refused_in_words(data):
    with contextlib.suppress(DescriptorProblem):
        choose(parse_configuration(bytes([9, 2]) + data))


# -- the link ------------------------------------------------------------------------------


def test_a_printer_not_plugged_in_is_said_so():
    # The real pyusb and libusb, on a machine without the printer.
    with pytest.raises(LinkLost) as e:
        UsbLink(0x0416, 0x5011, timeout=0.5).open()
    assert "0416:5011" in str(e.value)
    assert "is plugged in" in str(e.value) or "libusb is not installed" in str(e.value)


def test_the_link_needs_vendor_and_product():
    with pytest.raises(ValueError, match="vendor and product"):
        UsbLink(0, 0)


def test_permission_words_name_the_rule_the_group_and_the_user(tmp_path):
    node = tmp_path / "005"
    node.write_bytes(b"")
    os.chmod(node, 0o600)
    words = permission_words(node, 0x0416, 0x5011)
    group = grp.getgrgid(node.stat().st_gid).gr_name
    assert f"group {group}, mode 0600" in words
    assert "packaging/udev/60-kiosk-receipt-printer.rules" in words
    assert "udevadm control --reload && udevadm trigger" in words
    if "lp" not in {grp.getgrgid(g).gr_name for g in os.getgroups()}:
        assert "usermod -aG lp" in words
    assert "does not know vendor" not in words
    assert "does not know vendor 1a86" in permission_words(node, 0x1A86, 0x7584)


def test_permission_words_when_the_rule_worked_but_the_user_is_not_in_lp(tmp_path):
    try:
        lp = grp.getgrnam("lp").gr_gid
    except KeyError:
        pytest.skip("no group lp on this machine")
    node = tmp_path / "005"
    node.write_bytes(b"")
    os.chown(node, -1, lp)
    os.chmod(node, 0o660)
    words = permission_words(node, 0x0416, 0x5011)
    assert "install the kiosk's udev rule" not in words
    if lp not in os.getgroups():
        assert "usermod -aG lp" in words and "restart the kiosk" in words


class _Device:
    """pyusb-shaped, at the usb.core.find boundary: answers GET_DESCRIPTOR with a real
    configuration descriptor and records what the link does with it."""

    bus, address = 1, 5

    def __init__(self, descriptor: bytes, deny: bool = False) -> None:
        self.descriptor, self.deny = descriptor, deny
        self.claimed: list[int] = []
        self.written: list[tuple[int, bytes]] = []
        self.detached: list[int] = []

    def ctrl_transfer(self, request_type, request, value, index, length, timeout=None):
        if self.deny:
            raise usb.core.USBError("Access denied (insufficient permissions)", -3, errno.EACCES)
        assert (request_type, request, value >> 8) == (0x80, 6, 2)
        return self.descriptor[:length]

    def is_kernel_driver_active(self, interface):
        return True

    def detach_kernel_driver(self, interface):
        self.detached.append(interface)

    def get_active_configuration(self):
        return object()

    def write(self, endpoint, data, timeout=None):
        self.written.append((endpoint, bytes(data)))
        return len(data)

    def read(self, endpoint, size, timeout=None):
        assert endpoint == 0x81 and size == 64
        return bytes([0x12])


def test_the_link_prints_through_the_discovered_endpoints(monkeypatch):
    dev = _Device(POS58)
    monkeypatch.setattr(usb.core, "find", lambda **match: dev)
    monkeypatch.setattr(usb.util, "claim_interface", lambda d, i: d.claimed.append(i))
    monkeypatch.setattr(usb.util, "release_interface", lambda d, i: None)
    monkeypatch.setattr(usb.util, "dispose_resources", lambda d: None)
    link = UsbLink(0x0416, 0x5011)
    link.open()
    link.write(b"\x1b@")
    assert link.read_byte(0.5) == 0x12
    link.close()
    assert dev.detached == [0] and dev.claimed == [0] and dev.written == [(0x03, b"\x1b@")]


def test_the_link_explains_a_permission_refusal(monkeypatch):
    monkeypatch.setattr(usb.core, "find", lambda **match: _Device(POS58, deny=True))
    monkeypatch.setattr(usb.util, "dispose_resources", lambda d: None)
    with pytest.raises(LinkLost) as e:
        UsbLink(0x0416, 0x5011).open()
    words = str(e.value)
    assert "may not use the USB printer 0416:5011 at /dev/bus/usb/001/005" in words
    assert "60-kiosk-receipt-printer.rules" in words
