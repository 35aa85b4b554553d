"""The receipt printer's udev rule (packaging/udev), read line by line as udev reads it: which
events reach which lines (GOTO and LABEL), and what each device gets. No udevd runs here (no
USB bus either), so this is a model of udev's matching for the keys the file uses — match
keys with == and != over |-alternatives and globs, ATTRS looking at parents too, GOTO jumps —
checked against the file itself; the vendors it lists are the ones the kiosk's permission
advice names."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from drivers.printer.usblink import RULE_VENDORS

UDEV = Path(__file__).resolve().parents[1] / "packaging" / "udev"
RULES = UDEV / "60-kiosk-receipt-printer.rules"
SERIAL = UDEV / "60-kiosk-serial.rules"
_KEY = re.compile(r'\s*([A-Z_]+)(?:\{([^}]*)\})?\s*(==|!=|\+=|=)\s*"([^"]*)"\s*,?')


@dataclass
class Event:
    subsystem: str
    kernel: str = ""
    action: str = "add"
    env: dict[str, str] = field(default_factory=dict)
    attr: dict[str, str] = field(default_factory=dict)  # the device's own
    parents: dict[str, str] = field(default_factory=dict)  # what ATTRS also finds above it


@dataclass
class Outcome:
    group: str = ""
    mode: str = ""
    symlinks: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _rules(path: Path = RULES) -> list[list[tuple[str, str, str, str]]]:
    out = []
    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keys, pos = [], 0
        while pos < len(line):
            m = _KEY.match(line, pos)
            assert m, f"cannot read {line[pos:]!r}"
            keys.append(m.groups(default=""))
            pos = m.end()
        out.append(keys)
    return out


def _value(event: Event, key: str, arg: str) -> str | None:
    match key:
        case "SUBSYSTEM":
            return event.subsystem
        case "KERNEL":
            return event.kernel
        case "ACTION":
            return event.action
        case "ENV":
            return event.env.get(arg, "")
        case "ATTR":
            return event.attr.get(arg)
        case "ATTRS":
            return event.attr.get(arg, event.parents.get(arg))
    raise AssertionError(f"the model does not know the key {key}")


def _matches(value: str | None, pattern: str) -> bool:
    return value is not None and any(fnmatch.fnmatchcase(value, p) for p in pattern.split("|"))


def apply(event: Event, path: Path = RULES) -> Outcome:
    rules, out = _rules(path), Outcome()
    labels = {k[0][3]: i for i, k in enumerate(rules) if k[0][0] == "LABEL"}
    i = 0
    while i < len(rules):
        keys = rules[i]
        i += 1
        tests = [k for k in keys if k[2] in ("==", "!=")]
        if not all(
            _matches(_value(event, key, arg), val) == (op == "==") for key, arg, op, val in tests
        ):
            continue
        for key, _arg, op, val in keys:
            if key == "GOTO":
                i = labels[val]
            elif key == "GROUP":
                out.group = val
            elif key == "MODE":
                out.mode = val
            elif key == "SYMLINK" and op == "+=":
                out.symlinks.append(val)
            elif key == "TAG" and op == "+=":
                out.tags.append(val)
    return out


def _device(vendor: str, interfaces: str = ":070102:", action: str = "add") -> Event:
    return Event(
        "usb",
        "1-1",
        action,
        env={"DEVTYPE": "usb_device", "ID_USB_INTERFACES": interfaces},
        attr={"idVendor": vendor, "idProduct": "5011"},
    )


def test_the_usbmisc_line_is_reached_and_names_the_printer():
    lp0 = Event("usbmisc", "lp0", parents={"idVendor": "0416", "idProduct": "5011"})
    out = apply(lp0)
    assert out.symlinks == ["receipt-printer"] and out.group == "lp" and out.mode == "0660"
    other = Event("usbmisc", "lp0", parents={"idVendor": "03f0"})  # an office printer
    assert apply(other).symlinks == []


@pytest.mark.parametrize("vendor", ["04b8", "0416"])
def test_printer_makers_devices_go_to_lp(vendor):
    out = apply(_device(vendor, interfaces=":ff0000:"))
    assert (out.group, out.mode, out.tags) == ("lp", "0660", ["uaccess"])


@pytest.mark.parametrize("vendor", ["0483", "1fc9", "28e9"])
def test_microcontroller_vendors_only_with_a_printer_interface(vendor):
    assert apply(_device(vendor, ":070102:")).group == "lp"
    assert apply(_device(vendor, ":030000:070101:")).group == "lp"
    # An ST-Link debugger or a development board: left alone.
    assert apply(_device(vendor, ":ff0000:080650:")).group == ""


def test_nothing_else_is_touched():
    assert apply(_device("1a86")).group == ""  # not a listed vendor
    assert apply(_device("0416", action="remove")).group == ""
    interface = Event(
        "usb",
        "1-1:1.0",
        env={"DEVTYPE": "usb_interface"},
        attr={"bInterfaceClass": "07"},
        parents={"idVendor": "0416"},
    )
    assert apply(interface).group == ""


def test_the_permission_advice_knows_the_rules_vendors():
    patterns = re.findall(r'idVendor\}=="([^"]+)"', RULES.read_text("utf-8"))
    in_rules = {v for p in patterns for v in p.split("|")}
    assert in_rules == {f"{v:04x}" for v in RULE_VENDORS}


def _tty(kernel: str, vendor: str, product: str, action: str = "add") -> Event:
    return Event("tty", kernel, action, parents={"idVendor": vendor, "idProduct": product})


@pytest.mark.parametrize(
    ("vendor", "product", "name"),
    [
        ("10c4", "ea60", "kiosk-idreader"),
        ("0403", "6001", "kiosk-idreader"),
        ("1a86", "7523", "kiosk-fingerprint"),
        ("067b", "2303", "kiosk-fingerprint"),
    ],
)
def test_the_id_module_and_the_fingerprint_sensor_get_stable_names(vendor, product, name):
    out = apply(_tty("ttyUSB3", vendor, product), SERIAL)
    assert (out.symlinks, out.group, out.mode) == ([name], "dialout", "0660")
    assert apply(_tty("ttyACM0", vendor, product), SERIAL).symlinks == [name]


def test_other_serial_devices_get_no_name():
    assert apply(_tty("ttyUSB0", "10c4", "ea70"), SERIAL).symlinks == []  # another CP210x
    assert apply(_tty("ttyUSB0", "2341", "0043"), SERIAL).symlinks == []  # an Arduino
    assert apply(_tty("ttyS0", "10c4", "ea60"), SERIAL).symlinks == []  # not a USB port
    assert apply(_tty("ttyUSB0", "10c4", "ea60", action="remove"), SERIAL).symlinks == []
    usb = Event("usb", "1-1", parents={"idVendor": "10c4", "idProduct": "ea60"})
    assert apply(usb, SERIAL).symlinks == []


def test_the_package_settings_probe_the_stable_names_first():
    import tomllib

    settings = tomllib.loads((UDEV.parent / "deb" / "kiosk.toml").read_text())["devices"]
    assert settings["idreader_probe_ports"][0] == "/dev/kiosk-idreader"
    assert settings["fingerprint_probe_ports"] == ["/dev/kiosk-fingerprint"]
    rules = SERIAL.read_text()
    assert 'SYMLINK+="kiosk-idreader"' in rules and 'SYMLINK+="kiosk-fingerprint"' in rules
