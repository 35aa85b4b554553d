"""Helpers for the printing tests: a simulated printer, a driver on it, QR decoding."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from drivers.printer.driver import ReceiptPrinter
from drivers.printer.link import NetworkLink
from drivers.printer.sim import SimulatedPrinter


def driver_for(sim: SimulatedPrinter, mode: str = "raster", **kw) -> ReceiptPrinter:
    # Generous: the simulator answers a status query only after drawing the job before it.
    kw.setdefault("status_timeout", 1.0)
    # The kiosk lays out for the simulated printer's own profile unless told otherwise.
    paper = kw.pop("paper", sim.p)
    return ReceiptPrinter(
        lambda: NetworkLink("127.0.0.1", sim.port, timeout=2.0), paper, mode=mode, **kw
    )


def decode_qr(img: Image.Image) -> str:
    """The text of the QR code on a receipt ("" if none is found): the camera's own reader."""
    arr = np.array(img.convert("L"))
    # A receipt is narrow: no scaling down; now and then a code reads at another scale.
    for scale in (1, 2, 1.5, 3):
        a = cv2.resize(arr, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
        for detector in (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector()):
            text = detector.detectAndDecode(a)[0]
            if text:
                return text
    return ""


def ink_columns(img: Image.Image) -> tuple[int, int]:
    """The leftmost and rightmost columns with any black dot."""
    arr = np.array(img.convert("L")) < 128
    cols = np.where(arr.any(axis=0))[0]
    return (int(cols[0]), int(cols[-1])) if len(cols) else (0, 0)
