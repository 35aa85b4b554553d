"""Fingerprint image to the host, against the simulated sensor on a real pty at the sensor's real
wire timing: (a) a plain upload at 57600 baud as an efficiency against the wire limit (36,864
image bytes plus 11 bytes of overhead per data packet, 10 bits a byte); (b) the same sensor
once the technician has set it to 115200 baud and 256-byte packets (`kiosk doctor fingerprint
--set-baud 115200`), against its own wire limit and the upload at 57600; (c) a link that
carries nothing above 57600, with a calibration that says 115200: the sensor is found and
uploads at 57600, and not one SetSysPara is written. pyfingerprint is timed too when it is
installed (a benchmark-only dependency, never the project's).
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
FAST = 115200
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
    with SimulatedSensor(baud=BAUD, packet_size=PACKET, timing_scale=0.0) as sim:
        sim.place("bench")
        sensor = FingerprintSensor(port=sim.path, baud=BAUD, packet_size=PACKET)
        sensor.open()
        sensor.capture(timeout=5)
        plain = _timed(sensor.upload_image, runs)
        sensor.close()
        theirs = _pyfingerprint(sim, runs)
        sensor = FingerprintSensor(port=sim.path, baud=BAUD, packet_size=PACKET)
        sensor.configure(baud=FAST, packet_size=256)  # once, by the technician
        sim.place("bench")
        sensor.capture(timeout=5)
        writes = sim.flash_writes
        fast = _timed(sensor.upload_image, runs)
        assert sim.flash_writes == writes, "an upload wrote the sensor's settings"
        sensor.configure(baud=BAUD, packet_size=PACKET)
        sensor.close()
        sim.drop_above, sim.drop_every = BAUD, 1
        writes = sim.flash_writes
        sensor = FingerprintSensor(port=sim.path, baud=FAST, packet_size=PACKET)
        sensor.capture(timeout=5)
        capped = _timed(sensor.upload_image, 1)
        capped_writes = sim.flash_writes - writes
        sensor.close()
    p, f = statistics.median(plain), statistics.median(fast)
    limit = _limit(BAUD, PACKET)
    fast_limit = _limit(FAST, 256)
    print(f"Fingerprint image upload (36,864 bytes), simulated sensor on a pty, {runs} runs each")
    print(
        f"(a) at {BAUD} baud, {PACKET}-byte packets: median {p:.3f} s; "
        f"wire limit {limit:.3f} s → efficiency {limit / p:.1%}"
    )
    print(
        f"(b) set once to {FAST} baud, 256-byte packets: median {f:.3f} s; wire limit "
        f"{fast_limit:.3f} s → efficiency {fast_limit / f:.1%}; {p / f:.2f}x the upload at {BAUD}"
    )
    if theirs is None:
        print(
            "    pyfingerprint is not installed: no comparison with it (the upload at 57600 "
            "stands in; pip install pyfingerprint in a bench venv to add it)"
        )
    else:
        t = statistics.median(theirs)
        print(f"    pyfingerprint downloadImage at {BAUD}: median {t:.3f} s; ours {t / p:.2f}x")
    print(
        f"(c) link carrying nothing above {BAUD}, calibration saying {FAST}: found at {BAUD}, "
        f"upload {capped[0]:.3f} s, SetSysPara written {capped_writes} times"
    )


def _limit(baud: int, packet: int) -> float:
    return (upload_wire_bytes(IMAGE_SIZE, packet) + OVERHEAD + 1) * 10 / baud


if __name__ == "__main__":
    main()
