"""Capture to the departments' standards, in one run, side by side:

1. the camera preview at 1280 × 720 in photo mode, without and with liveness (the blink
   challenge's 68 landmarks on every analysed frame), with the face analysis in the kiosk's
   process (before) and in its own (after): frames a second painted (aim ≥ 25) and the
   GUI-thread stalls (p50, p95, max; aim < 16 ms), as bench/camera_preview.py measures them;
2. QR codes on the degraded set (drivers.camera.qrset): the kiosk's reader (zxing-cpp at full
   resolution) against zbar (`pyzbar` and Debian's libzbar0, both set up by
   scripts/setup.sh), the ratio of their read rates;
3. pages on the generated desks (drivers.camera.pageset): the kiosk's page finder against the
   textbook one (the largest four-cornered Canny contour, as the kiosk first had it): pages
   found with the right corners, wrong outlines reported as pages, and "pages" on empty desks.

    .venv/bin/python bench/capture.py [preview seconds] [QR frames per kind] [pages per desk]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import camera_preview  # bench/, beside this file
import qr as qr_bench


def _textbook_page(image: np.ndarray):
    """The largest four-cornered contour of the Canny edges, at 640 px wide."""
    scale = 640 / image.shape[1]
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(gray, 50, 150), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        quad = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
        if len(quad) == 4 and cv2.contourArea(quad) > 0.1 * small.shape[0] * small.shape[1]:
            from drivers.camera.document import order_corners

            return order_corners(quad.reshape(4, 2).astype(np.float32) / scale)
    return None


def pages(per_desk: int) -> None:
    from drivers.camera.document import find_page
    from drivers.camera.pageset import page_set

    finders = {
        "kiosk": lambda im: o.corners if (o := find_page(im)) is not None else None,
        "textbook Canny": _textbook_page,
    }
    found = {n: Counter() for n in finders}
    wrong, phantom = Counter(), Counter()
    total, empty = Counter(), 0
    ms: dict[str, list[float]] = {n: [] for n in finders}
    for sample in page_set(per_desk=per_desk):
        if sample.corners is None:
            empty += 1
        else:
            total[sample.desk] += 1
        for name, finder in finders.items():
            t0 = time.perf_counter()
            corners = finder(sample.image)
            ms[name].append((time.perf_counter() - t0) * 1000)
            if sample.corners is None:
                phantom[name] += corners is not None
            elif corners is not None:
                if float(np.abs(corners - sample.corners).max()) < 15:
                    found[name][sample.desk] += 1
                else:
                    wrong[name] += 1
    pages_n = sum(total.values())
    print(f"\nPages: {pages_n} pages on 4 desks (half cluttered), {empty} empty desks")
    print(f"{'desk':10}" + "".join(f"{n:>18}" for n in finders))
    for desk in total:
        print(f"{desk:10}" + "".join(f"{found[n][desk]:>12}/{total[desk]:<5}" for n in finders))
    rates = {n: sum(found[n].values()) / pages_n for n in finders}
    print(f"{'found':10}" + "".join(f"{rates[n]:>18.0%}" for n in finders))
    print(f"{'wrong':10}" + "".join(f"{wrong[n]:>18}" for n in finders))
    print(f"{'phantom':10}" + "".join(f"{phantom[n]:>18}" for n in finders))
    print(f"{'ms median':10}" + "".join(f"{np.median(ms[n]):>18.1f}" for n in finders))
    base = rates["textbook Canny"]
    ratio = f"{rates['kiosk'] / base:.2f}×" if base else "∞ (the textbook finder found none)"
    print(f"kiosk / textbook: {ratio}")


def qr_codes(per_kind: int) -> None:
    from drivers.camera.qr import read_qr
    from drivers.camera.qrset import KINDS, degraded_set

    readers = {"zxing-cpp (kiosk)": lambda image: read_qr(image)[0]}
    zbar = qr_bench._zbar_reader()
    if zbar is not None:
        readers["zbar"] = zbar
    read = {n: Counter() for n in readers}
    total = Counter()
    for sample in degraded_set(per_kind):
        total[sample.kind] += 1
        for name, reader in readers.items():
            read[name][sample.kind] += reader(sample.image) == sample.text
    frames = sum(total.values())
    print(f"\nQR codes: {frames} degraded 1280×720 frames ({per_kind} of each kind)")
    print(f"{'kind':14}" + "".join(f"{n:>20}" for n in readers))
    for kind in KINDS:
        print(f"{kind:14}" + "".join(f"{read[n][kind] / total[kind]:>20.0%}" for n in readers))
    rates = {n: sum(read[n].values()) / frames for n in readers}
    print(f"{'all':14}" + "".join(f"{rates[n]:>20.1%}" for n in readers))
    if zbar is None:
        print("zbar: not installed (scripts/setup.sh installs pyzbar and libzbar0)")
    elif rates["zbar"]:
        print(f"kiosk / zbar: {rates['zxing-cpp (kiosk)'] / rates['zbar']:.2f}×")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 6.0
    per_kind = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    per_desk = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    camera_preview.compare(seconds)  # before and after the face process, ± liveness
    qr_codes(per_kind)
    pages(per_desk)


if __name__ == "__main__":
    main()
