"""Fingerprint image to the host, against the simulated sensor on a real pty at the sensor's real
wire timing: (a) a plain upload at 57600 baud as an efficiency against the wire limit (36,864
image bytes plus 11 bytes of overhead per data packet, 10 bits a byte); (b) the fast upload
(sensor raised to 115200 and 256-byte packets, then put back) against the plain one at 57600,
and the fast upload's fall back on a link that drops bytes above 57600. pyfingerprint is timed
too when it is installed (a benchmark-only dependency, never the project's).
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from drivers.fingerprint.codec import IMAGE_SIZE, OVERHEAD, upload_wire_bytes
from drivers.fingerprint.driver import FingerprintSensor
from drivers.fingerprint.sim import SimulatedSensor, generated_image

RUNS = 2
BAUD = 57600
PACKET = 128  # the family's usual default


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        image = fn()
        times.append(time.perf_counter() - t0)
        if isinstance(image, bytes) and image != generated_image("bench"):
            raise SystemExit("the uploaded image is not the one on the sensor")
    return times


def _pyfingerprint(sim: SimulatedSensor, runs: int) -> list[float] | None:
    if importlib.util.find_spec("pyfingerprint") is None:
        return None
    from pyfingerprint.pyfingerprint import PyFingerprint  # type: ignore[import-not-found]

    sensor = PyFingerprint(sim.path, BAUD, 0xFFFFFFFF, 0)
    sensor.verifyPassword()
    sensor.readImage()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "finger.bmp")
        times = _timed(lambda: sensor.downloadImage(out), runs)
    sensor._PyFingerprint__serial.close()  # it offers no close(); this is its port
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    wire = upload_wire_bytes(IMAGE_SIZE, PACKET) * 10 / BAUD
    ack_wire = (OVERHEAD + 1) * 10 / BAUD
    with SimulatedSensor(baud=BAUD, packet_size=PACKET, timing_scale=0.0) as sim:
        sim.place("bench")
        sensor = FingerprintSensor(port=sim.path, baud=BAUD)
        sensor.open()
        sensor.capture(timeout=5)
        plain = _timed(sensor.upload_image, runs)
        fast = _timed(sensor.upload_image_fast, runs)
        sensor.close()
        theirs = _pyfingerprint(sim, runs)
        sim.drop_above = BAUD
        sensor = FingerprintSensor(port=sim.path, baud=BAUD)
        sensor.capture(timeout=5)
        fallback = _timed(sensor.upload_image_fast, 1)
        after = _timed(sensor.upload_image_fast, 1)
        sensor.close()
    p, f = statistics.median(plain), statistics.median(fast)
    print(f"Fingerprint image upload (36,864 bytes), simulated sensor on a pty, {runs} runs each")
    limit = wire + ack_wire
    print(
        f"(a) plain at {BAUD} baud, {PACKET}-byte packets: median {p:.3f} s; "
        f"wire limit {limit:.3f} s → efficiency {limit / p:.1%}"
    )
    print(
        f"(b) fast (115200, 256-byte packets, restored after): median {f:.3f} s; "
        f"{p / f:.2f}x the plain upload at {BAUD}"
    )
    if theirs is None:
        print(
            "    pyfingerprint is not installed: no comparison with it (the plain upload above "
            "stands in; pip install pyfingerprint in a bench venv to add it)"
        )
    else:
        t = statistics.median(theirs)
        print(f"    pyfingerprint downloadImage at {BAUD}: median {t:.3f} s; fast is {t / f:.2f}x")
    print(
        f"    link dropping bytes above {BAUD}: first fast upload {fallback[0]:.3f} s "
        f"(115200 tried, fell back), next {after[0]:.3f} s (115200 not tried again)"
    )


if __name__ == "__main__":
    main()
