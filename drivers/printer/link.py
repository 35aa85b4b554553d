"""The byte pipe to the printer: network (TCP 9100) and serial (pyserial) over python-escpos's
connections, USB over pyusb directly (drivers.printer.usblink). Everything has a timeout: a
printer that takes no bytes or answers nothing is offline, never a hang.

A link is opened for one operation (a job, a status poll) and closed after: a printer that
was switched off and on, or a network printer that dropped us, starts clean every time.
"""

from __future__ import annotations

import contextlib
import socket
import time
from typing import Protocol

from kiosk.config import PrinterSection


class LinkLost(OSError):
    """The printer cannot be reached, or went away mid-operation; str() says how."""


class Link(Protocol):
    def open(self) -> None: ...
    def write(self, data: bytes) -> None: ...
    def read_byte(self, timeout: float) -> int | None: ...
    def drain(self) -> None: ...
    def close(self) -> None: ...


class NetworkLink:
    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        from escpos.printer import Network

        self.host, self.port = host, port
        self.timeout = timeout
        self._printer = Network(host, port, timeout=timeout)
        self._sock: socket.socket | None = None

    def open(self) -> None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as e:
            raise LinkLost(f"cannot connect to {self.host}:{self.port}: {e}") from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # python-escpos writes and reads through its `device`; give it ours, which has the
        # timeouts this driver needs.
        self._printer.device = sock
        self._sock = sock

    def write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except (OSError, AssertionError) as e:
            raise LinkLost(f"the printer stopped taking data: {e}") from None

    def read_byte(self, timeout: float) -> int | None:
        assert self._sock is not None
        self._sock.settimeout(timeout)
        try:
            data = self._sock.recv(1)
        except TimeoutError:
            return None
        except OSError as e:
            raise LinkLost(f"the connection dropped: {e}") from None
        finally:
            with contextlib.suppress(OSError):
                self._sock.settimeout(self.timeout)
        if not data:
            raise LinkLost("the printer closed the connection")
        return data[0]

    def drain(self) -> None:
        """Throw away answers nobody asked for (a printer may send status on its own)."""
        if self._sock is None:
            return
        self._sock.setblocking(False)
        try:
            while self._sock.recv(256):
                pass
        except (BlockingIOError, OSError):
            pass
        finally:
            self._sock.settimeout(self.timeout)

    def close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)
            self._sock.close()
            self._sock = None
            self._printer.device = None


class SerialLink:
    def __init__(self, port: str, baud: int, flow: str = "dsrdtr", timeout: float = 5.0) -> None:
        from escpos.printer import Serial

        self._printer = Serial(
            devfile=port,
            baudrate=baud,
            timeout=timeout,
            xonxoff=flow == "xonxoff",
            dsrdtr=flow == "dsrdtr",
        )
        self.flow = flow
        self.timeout = timeout

    def open(self) -> None:
        try:
            self._printer.open()
        except Exception as e:
            raise LinkLost(f"the serial printer cannot be opened: {e}") from None
        if self._printer.device is None:
            raise LinkLost("the serial printer cannot be opened")
        dev = self._printer.device
        dev.rtscts = self.flow == "rtscts"
        # A printer holding flow control forever is offline, not a reason to hang.
        dev.write_timeout = max(self.timeout, 30.0)

    def write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
            self._printer.device.flush()
        except Exception as e:
            raise LinkLost(f"the serial printer stopped taking data: {e}") from None

    def read_byte(self, timeout: float) -> int | None:
        dev = self._printer.device
        dev.timeout = timeout
        try:
            data = dev.read(1)
        except Exception as e:
            raise LinkLost(f"the serial port went away: {e}") from None
        return data[0] if data else None

    def drain(self) -> None:
        with contextlib.suppress(Exception):
            self._printer.device.reset_input_buffer()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._printer.close()


def link_for(cfg: PrinterSection, timeout: float = 5.0) -> Link:
    if cfg.connection == "network":
        return NetworkLink(cfg.host, cfg.port, timeout)
    if cfg.connection == "usb":
        from drivers.printer.usblink import UsbLink  # pyusb only where a printer is on USB

        return UsbLink(
            cfg.usb_vendor, cfg.usb_product, cfg.usb_out_endpoint, cfg.usb_in_endpoint, timeout
        )
    return SerialLink(cfg.serial_port, cfg.serial_baud, cfg.serial_flow, timeout)


def settle(seconds: float) -> None:
    """A short pause between retries of an unreliable read."""
    time.sleep(seconds)
