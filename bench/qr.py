"""QR codes read from the degraded set (drivers.camera.qrset: 1280 × 720 frames with small
modules, low contrast, focus and motion blur, keystone, noise, glare, inverted codes), side by
side: the kiosk's reader (zxing-cpp at full resolution, drivers.camera.qr), the same with
OpenCV's detectors as a last try, the kiosk's former reader (OpenCV's two detectors on the frame
downscaled to 960 px), and zbar when `pyzbar` and Debian's libzbar0 are installed (not project
dependencies). Read rate per kind and overall, and milliseconds a frame (median, p95).

    .venv/bin/python bench/qr.py [frames per kind]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter

import cv2
import numpy as np

PER_KIND = 20


def _old_reader():
    """The reader the kiosk had before zxing-cpp, kept here as the baseline."""
    detectors = (cv2.QRCodeDetectorAruco(), cv2.QRCodeDetector())

    def read(image: np.ndarray) -> str:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        scale = min(1.0, 960 / gray.shape[1])
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        for detector in detectors:
            try:
                text, points, _ = detector.detectAndDecode(gray)
            except cv2.error:
                continue
            if text and points is not None:
                return text
        return ""

    return read


def _zbar_reader():
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError):
        return None

    def read(image: np.ndarray) -> str:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        for code in pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE]):
            return code.data.decode("utf-8", "replace")
        return ""

    return read


def main() -> None:
    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else PER_KIND
    from drivers.camera.qr import opencv_detectors, read_qr
    from drivers.camera.qrset import KINDS, degraded_set

    opencv = opencv_detectors()
    readers = {
        "zxing-cpp (kiosk)": lambda image: read_qr(image)[0],
        "zxing-cpp + OpenCV": lambda image: read_qr(image, opencv)[0],
        "OpenCV @960 (old)": _old_reader(),
    }
    zbar = _zbar_reader()
    if zbar:
        readers["zbar"] = zbar
    read = {name: Counter() for name in readers}
    times: dict[str, list[float]] = {name: [] for name in readers}
    total = Counter()
    for sample in degraded_set(per_kind):
        total[sample.kind] += 1
        for name, reader in readers.items():
            start = time.perf_counter()
            text = reader(sample.image)
            times[name].append((time.perf_counter() - start) * 1000)
            read[name][sample.kind] += text == sample.text
    frames = sum(total.values())
    print(f"QR codes read, {frames} degraded 1280x720 frames ({per_kind} of each kind)")
    names = list(readers)
    print(f"{'kind':14}" + "".join(f"{n:>22}" for n in names))
    for kind in KINDS:
        row = "".join(f"{read[n][kind] / total[kind]:>22.0%}" for n in names)
        print(f"{kind:14}{row}")
    print(f"{'all':14}" + "".join(f"{sum(read[n].values()) / frames:>22.1%}" for n in names))
    for n in names:
        ms = sorted(times[n])
        p95 = ms[int(0.95 * (len(ms) - 1))]
        print(f"  {n}: {statistics.median(ms):.1f} ms a frame (median), {p95:.1f} ms (p95)")
    if not zbar:
        print("  zbar: not installed (pip install pyzbar; apt-get install libzbar0)")


if __name__ == "__main__":
    main()
