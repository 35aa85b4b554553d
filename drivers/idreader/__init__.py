"""The serial resident ID-card module (GA 467 style): frames (codec), one line to the module
(link), the polling driver (driver), and a simulated module on a pty (sim)."""

from drivers.idreader.codec import FrameError, IdReaderError, RecordError
from drivers.idreader.driver import IdReader
from drivers.idreader.link import ModuleError, ModuleLink, probe
from drivers.serialport import NoReply, PortLost

__all__ = [
    "FrameError",
    "IdReader",
    "IdReaderError",
    "ModuleError",
    "ModuleLink",
    "NoReply",
    "PortLost",
    "RecordError",
    "probe",
]
