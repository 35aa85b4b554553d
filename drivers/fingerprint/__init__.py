"""The serial fingerprint sensor (ZFM-20 / R30x / AS608 family): packets (codec), one line to the
sensor (link), the sensor as the kiosk uses it (driver), and a simulated sensor on a pty (sim)."""

from drivers.fingerprint.codec import BadChecksum, Code, FingerprintError, PacketError, SysParams
from drivers.fingerprint.driver import Cancelled, CaptureTimeout, FingerprintSensor
from drivers.fingerprint.link import SensorError, SensorLink
from drivers.serialport import NoReply, PortLost

__all__ = [
    "BadChecksum",
    "Cancelled",
    "CaptureTimeout",
    "Code",
    "FingerprintError",
    "FingerprintSensor",
    "NoReply",
    "PacketError",
    "PortLost",
    "SensorError",
    "SensorLink",
    "SysParams",
]
