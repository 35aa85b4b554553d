"""Which interface and endpoints of a USB device print: read from its configuration
descriptor, as the device sends it (USB 2.0 §9.6: GET_DESCRIPTOR(CONFIGURATION) answers the
configuration, then each interface followed by its endpoints, class-specific descriptors mixed
in). Parsed from the bytes rather than trusted to fixed numbers: python-escpos assumes
interface 0 with endpoints 0x82 IN and 0x01 OUT, which fits Epson's printers, while the POS-58
boards (0416:5011) use 0x81 IN and 0x03 OUT, and some printers put the printer interface after
another.

The interface chosen is the printer class's (7) if there is one, else the first with a bulk OUT
endpoint (vendor-specific boards); its first bulk OUT endpoint takes the job, its first IN
endpoint (bulk, else interrupt) gives status answers. A printer without an IN endpoint cannot
answer a status query over USB.
"""

from __future__ import annotations

from dataclasses import dataclass

DT_CONFIG, DT_INTERFACE, DT_ENDPOINT = 2, 4, 5
CLASS_PRINTER = 7
BULK, INTERRUPT = 2, 3
DIR_IN = 0x80


class DescriptorProblem(ValueError):
    """The descriptor cannot be read, or offers nothing to print through; str() says which."""


@dataclass(frozen=True)
class Endpoint:
    address: int
    attributes: int
    max_packet: int

    @property
    def is_in(self) -> bool:
        return bool(self.address & DIR_IN)

    @property
    def transfer(self) -> int:
        return self.attributes & 0x03


@dataclass(frozen=True)
class Interface:
    number: int
    alternate: int
    cls: int
    subclass: int
    protocol: int
    endpoints: tuple[Endpoint, ...]


@dataclass(frozen=True)
class Configuration:
    value: int
    interfaces: tuple[Interface, ...]


@dataclass(frozen=True)
class PrinterEndpoints:
    interface: int
    alternate: int
    out_ep: int
    in_ep: int | None  # None: the printer cannot answer over USB
    in_packet: int = 64  # read whole packets: a shorter read of a longer answer overflows


def total_length(header: bytes) -> int:
    """wTotalLength of a configuration descriptor from its first 9 bytes."""
    if len(header) < 9 or header[1] != DT_CONFIG:
        raise DescriptorProblem("the device's answer is not a configuration descriptor")
    return int.from_bytes(header[2:4], "little")


def parse_configuration(data: bytes) -> Configuration:
    data = bytes(data)
    length = total_length(data)
    if len(data) < length:
        raise DescriptorProblem(
            f"the configuration descriptor is cut short ({len(data)} of {length} bytes)"
        )
    value = data[5]
    interfaces: list[Interface] = []
    current: dict | None = None
    endpoints: list[Endpoint] = []

    def close() -> None:
        if current is not None:
            interfaces.append(Interface(**current, endpoints=tuple(endpoints)))

    i = data[0]
    while i < length:
        size = data[i]
        if size < 2 or i + size > length:
            raise DescriptorProblem(f"a descriptor at byte {i} has a bad length ({size})")
        kind = data[i + 1]
        if kind == DT_INTERFACE and size >= 9:
            close()
            current = dict(
                number=data[i + 2],
                alternate=data[i + 3],
                cls=data[i + 5],
                subclass=data[i + 6],
                protocol=data[i + 7],
            )
            endpoints = []
        elif kind == DT_ENDPOINT and size >= 7 and current is not None:
            endpoints.append(
                Endpoint(data[i + 2], data[i + 3], int.from_bytes(data[i + 4 : i + 6], "little"))
            )
        i += size  # class-specific and unknown descriptors are stepped over
    close()
    return Configuration(value, tuple(interfaces))


def _first(eps: tuple[Endpoint, ...], is_in: bool, transfer: int) -> Endpoint | None:
    return next((e for e in eps if e.is_in == is_in and e.transfer == transfer), None)


def _listing(config: Configuration) -> str:
    def eps(f: Interface) -> str:
        return ", ".join(f"{'IN' if e.is_in else 'OUT'} 0x{e.address:02x}" for e in f.endpoints)

    return "; ".join(
        f"interface {f.number} (class {f.cls}): {eps(f) or 'no endpoints'}"
        for f in config.interfaces
    )


def choose(config: Configuration, out_ep: int = 0, in_ep: int = 0) -> PrinterEndpoints:
    """The interface and endpoints to print through; `out_ep`/`in_ep` (non-zero) are the
    configuration's, checked against what the device has."""
    candidates = [f for f in config.interfaces if f.alternate == 0] or list(config.interfaces)
    if out_ep:
        candidates = [f for f in candidates if any(e.address == out_ep for e in f.endpoints)]
        if not candidates:
            raise DescriptorProblem(
                f"the printer has no endpoint 0x{out_ep:02x} (usb_out_endpoint); it has: "
                f"{_listing(config)}. Set usb_out_endpoint = 0 to use its own"
            )
    printers = [f for f in candidates if f.cls == CLASS_PRINTER]
    others = [f for f in candidates if f.cls != CLASS_PRINTER]
    for f in printers + others:
        if out_ep:
            out = next((e for e in f.endpoints if e.address == out_ep and not e.is_in), None)
        else:
            out = _first(f.endpoints, False, BULK)
        if out is None:
            continue
        if in_ep:
            answer = next((e for e in f.endpoints if e.address == in_ep), None)
            if answer is None:
                raise DescriptorProblem(
                    f"the printer has no endpoint 0x{in_ep:02x} (usb_in_endpoint) beside OUT "
                    f"0x{out.address:02x}; it has: {_listing(config)}. Set usb_in_endpoint = 0 "
                    "to use its own"
                )
        else:
            answer = _first(f.endpoints, True, BULK) or _first(f.endpoints, True, INTERRUPT)
        return PrinterEndpoints(
            f.number,
            f.alternate,
            out.address,
            answer.address if answer else None,
            answer.max_packet if answer and answer.max_packet else 64,
        )
    raise DescriptorProblem(
        f"the device has no interface to print through (no bulk OUT endpoint): "
        f"{_listing(config) or 'no interfaces'}. Is it the printer?"
    )
