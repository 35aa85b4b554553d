"""The USB link to a receipt printer, through pyusb (libusb).

Found by vendor and product id only, never as "the first USB device"; the interface and its
endpoints are read from the printer's configuration descriptor (drivers.printer.usbdesc)
unless the configuration names them. Not python-escpos's Usb printer: it claims interface 0
with fixed endpoints 0x82/0x01 and resets the device at every open, which this driver does for
every job and status poll.

What goes wrong is said in words a technician can act on: no such device plugged in, libusb
missing, the kiosk's user not allowed to open the device (which udev rule and which group),
another program holding it.
"""

from __future__ import annotations

import contextlib
import errno
import grp
import os
import pwd
import stat
from pathlib import Path
from typing import Any

from drivers.printer.link import LinkLost
from drivers.printer.usbdesc import (
    DT_CONFIG,
    DescriptorProblem,
    PrinterEndpoints,
    choose,
    parse_configuration,
    total_length,
)

UDEV_RULE = "packaging/udev/60-kiosk-receipt-printer.rules"
# Where the rule is on a terminal: the .deb's (packaging/deb/build.sh), or one copied by hand.
RULE_PLACES = (
    Path("/lib/udev/rules.d/60-yijianshi-kiosk-receipt-printer.rules"),
    Path("/etc/udev/rules.d/60-kiosk-receipt-printer.rules"),
)
RULE_GROUP = "lp"
# The vendors the rule gives to the group (whole devices, or printer-class interfaces).
RULE_VENDORS = frozenset({0x04B8, 0x0416, 0x0483, 0x1FC9, 0x28E9})
_GET_DESCRIPTOR = 0x06
_DEVICE_TO_HOST = 0x80


def device_node(bus: int, address: int) -> Path:
    return Path(f"/dev/bus/usb/{bus:03d}/{address:03d}")


def permission_words(node: Path, vendor: int, product: int) -> str:
    """Why the kiosk's user may not open `node`, and what to do, in words."""
    ident = f"{vendor:04x}:{product:04x}"
    user = pwd.getpwuid(os.geteuid()).pw_name
    try:
        st = node.stat()
        group = _group_name(st.st_gid)
        owner = f"owner {_user_name(st.st_uid)}, group {group}, mode {stat.S_IMODE(st.st_mode):04o}"
    except OSError:
        group, owner = "", "which cannot be looked at"
    steps = []
    if group != RULE_GROUP:
        installed = next((p for p in RULE_PLACES if p.exists()), None)
        if installed is None:
            steps.append(
                f"install the kiosk's udev rule ({UDEV_RULE}) in /etc/udev/rules.d/ and run "
                "`udevadm control --reload && udevadm trigger`; it gives receipt printers to "
                f"the group {RULE_GROUP}"
            )
        else:
            steps.append(
                f"the udev rule {installed} is installed but did not give this device to "
                f"{RULE_GROUP}: run `udevadm control --reload && udevadm trigger`, or unplug "
                "and plug the printer in again"
            )
        if vendor not in RULE_VENDORS:
            steps.append(
                f"the rule does not know vendor {vendor:04x}: add a line for it, like the "
                "04b8 line, to the rule"
            )
    if RULE_GROUP not in _groups_of_process():
        steps.append(
            f"add the kiosk's user to {RULE_GROUP} (`usermod -aG {RULE_GROUP} {user}`) and "
            "restart the kiosk: group membership is read when it starts"
        )
    if not steps:
        steps.append("check the device node's mode: the group needs read and write (0660)")
    return (
        f"the kiosk's user {user} may not use the USB printer {ident} at {node} ({owner}): "
        + "; ".join(steps)
        + "."
    )


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _groups_of_process() -> set[str]:
    return {_group_name(g) for g in {os.getegid(), *os.getgroups()}}


class UsbLink:
    """Status reads over USB are unreliable on many printers: the driver retries them."""

    def __init__(
        self, vendor: int, product: int, out_ep: int = 0, in_ep: int = 0, timeout: float = 5.0
    ) -> None:
        if not (vendor and product):
            raise ValueError("a USB printer is found by its vendor and product ids")
        self.vendor, self.product = vendor, product
        self.out_ep, self.in_ep = out_ep, in_ep
        self.timeout = timeout
        self.endpoints: PrinterEndpoints | None = None
        self._dev: Any = None

    @property
    def ident(self) -> str:
        return f"{self.vendor:04x}:{self.product:04x}"

    def open(self) -> None:
        try:
            import usb.core
            import usb.util
        except ImportError:
            raise LinkLost("pyusb is not installed: the kiosk cannot reach USB printers") from None
        try:
            dev = usb.core.find(idVendor=self.vendor, idProduct=self.product)
        except usb.core.NoBackendError:
            raise LinkLost(
                "libusb is not installed (Debian: libusb-1.0-0): USB printers cannot be used"
            ) from None
        if dev is None:
            raise LinkLost(
                f"no USB printer {self.ident} is plugged in (is it switched on? `lsusb` lists "
                "what is connected)"
            )
        self._dev = dev
        try:
            eps = choose(parse_configuration(self._descriptor(dev)), self.out_ep, self.in_ep)
            with contextlib.suppress(NotImplementedError):  # only libusb 1 can detach
                if dev.is_kernel_driver_active(eps.interface):
                    # The kernel's usblp holds printer-class interfaces (/dev/usb/lp0).
                    dev.detach_kernel_driver(eps.interface)
            try:
                dev.get_active_configuration()
            except usb.core.USBError:
                dev.set_configuration()  # not configured yet (no driver ever took it)
            usb.util.claim_interface(dev, eps.interface)
            if eps.alternate:
                dev.set_interface_altsetting(eps.interface, eps.alternate)
        except DescriptorProblem as e:
            self.close()
            raise LinkLost(f"the USB printer {self.ident}: {e}") from None
        except usb.core.USBError as e:
            words = self._words(e, "cannot be opened")
            self.close()
            raise LinkLost(words) from None
        self.endpoints = eps

    def _descriptor(self, dev: Any) -> bytes:
        """The active configuration's descriptor, all of it, as the device sends it."""
        index = 0  # printers have one configuration
        value = DT_CONFIG << 8 | index
        ms = int(self.timeout * 1000)
        head = bytes(dev.ctrl_transfer(_DEVICE_TO_HOST, _GET_DESCRIPTOR, value, 0, 9, ms))
        return bytes(
            dev.ctrl_transfer(_DEVICE_TO_HOST, _GET_DESCRIPTOR, value, 0, total_length(head), ms)
        )

    def _words(self, e: Exception, doing: str) -> str:
        code = getattr(e, "errno", None)
        if code == errno.EACCES:
            return permission_words(
                device_node(self._dev.bus, self._dev.address), self.vendor, self.product
            )
        if code == errno.EBUSY:
            return (
                f"the USB printer {self.ident} is held by another program (CUPS's usb backend, "
                "or a second kiosk): stop it, or remove the printer from CUPS"
            )
        if code in (errno.ENODEV, errno.ENOENT, errno.EPIPE):
            return f"the USB printer {self.ident} was unplugged or switched off"
        return f"the USB printer {self.ident} {doing}: {e}"

    def write(self, data: bytes) -> None:
        if self._dev is None or self.endpoints is None:
            raise LinkLost(f"the USB printer {self.ident} is not open")
        try:
            self._dev.write(self.endpoints.out_ep, data, int(self.timeout * 1000))
        except Exception as e:  # USBTimeoutError, USBError
            if type(e).__name__ == "USBTimeoutError":
                raise LinkLost(
                    f"the USB printer {self.ident} took no data for {self.timeout:g} s"
                ) from None
            raise LinkLost(self._words(e, "stopped taking data")) from None

    def read_byte(self, timeout: float) -> int | None:
        if self._dev is None or self.endpoints is None:
            raise LinkLost(f"the USB printer {self.ident} is not open")
        eps = self.endpoints
        if eps.in_ep is None:
            raise LinkLost(
                f"the USB printer {self.ident} has no way to answer (no IN endpoint): set "
                "[printer] status_query = false"
            )
        try:
            data = self._dev.read(eps.in_ep, eps.in_packet, max(1, int(timeout * 1000)))
        except Exception as e:
            if type(e).__name__ == "USBTimeoutError" or getattr(e, "errno", None) in (
                errno.ETIMEDOUT,
                errno.EAGAIN,
            ):
                return None
            raise LinkLost(self._words(e, "went away")) from None
        return data[-1] if len(data) else None

    def drain(self) -> None:
        if self._dev is None or self.endpoints is None or self.endpoints.in_ep is None:
            return
        with contextlib.suppress(Exception):
            self._dev.read(self.endpoints.in_ep, self.endpoints.in_packet, 20)

    def close(self) -> None:
        dev, self._dev = self._dev, None
        if dev is None:
            return
        import usb.util

        with contextlib.suppress(Exception):
            if self.endpoints is not None:
                usb.util.release_interface(dev, self.endpoints.interface)
        with contextlib.suppress(Exception):
            usb.util.dispose_resources(dev)
        self.endpoints = None
