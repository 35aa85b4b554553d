"""Start the peripherals this kiosk's configuration names, each on its own thread, all
reporting to one callback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress

from drivers.device import Device
from drivers.events import DriverEvent, StatusChanged
from kiosk.config import DevicesSection
from kiosk.devices import DeviceState, DeviceStatus

log = logging.getLogger(__name__)


class Peripherals:
    def __init__(self, devices: DevicesSection, on_event: Callable[[DriverEvent], None]) -> None:
        self._drivers: list[Device] = []
        self.fingerprint = None  # the sensor, for on-site capture, when there is one
        if devices.pcsc:
            self._start_pcsc(devices, on_event)
        if devices.idreader:
            self._start_idreader(devices, on_event)
        if devices.fingerprint:
            self._start_fingerprint(devices, on_event)

    def _start_fingerprint(self, devices: DevicesSection, on_event: Callable) -> None:
        from drivers.fingerprint.driver import FingerprintSensor

        if not devices.fingerprint_port and not devices.fingerprint_probe_ports:
            on_event(
                StatusChanged(DeviceState("fingerprint", DeviceStatus.ABSENT, "no port configured"))
            )
            return
        sensor = FingerprintSensor(
            on_event,
            port=devices.fingerprint_port or None,
            probe_ports=() if devices.fingerprint_port else devices.fingerprint_probe_ports,
        ).start()
        self._drivers.append(sensor)
        self.fingerprint = sensor

    def _start_pcsc(self, devices: DevicesSection, on_event: Callable) -> None:
        try:
            from drivers.pcsc.driver import PcscDriver
        except ImportError as e:  # pyscard missing: say so where technicians look
            log.error("PC/SC is unavailable: %s", e)
            on_event(StatusChanged(DeviceState("pcsc", DeviceStatus.ERROR, str(e))))
            return
        self._drivers.append(PcscDriver(on_event, readers=devices.pcsc_readers).start())

    def _start_idreader(self, devices: DevicesSection, on_event: Callable) -> None:
        from drivers.idreader.driver import IdReader

        if not devices.idreader_port and not devices.idreader_probe_ports:
            on_event(
                StatusChanged(DeviceState("idreader", DeviceStatus.ABSENT, "no port configured"))
            )
            return
        reader = IdReader(
            on_event,
            port=devices.idreader_port or None,
            baud=devices.idreader_baud,
            probe_ports=() if devices.idreader_port else devices.idreader_probe_ports,
        ).start()
        self._drivers.append(reader)

    def stop(self) -> None:
        for driver in self._drivers:
            with suppress(Exception):  # stopping must never keep the kiosk from exiting
                driver.stop()
        self._drivers.clear()
