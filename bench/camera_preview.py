"""The camera preview pipeline at 1280 × 720 with face guidance on, offscreen with the real
QML preview (CameraPreview in the photo screen, software scene graph, as on VNC): frames a
second painted in the GUI thread (aim ≥ 25), milliseconds of face analysis a frame (median,
p95), and the GUI-thread stalls while previewing (aim < 16 ms at the worst), measured by a
1 ms QTimer that records every gap between its ticks (p50, p95, max).

The face analysis runs where the kiosk runs it, in its own process (drivers.camera.faceproc);
`in_process=True` measures it as it was before, on the worker's analysis thread in the kiosk's
process with the models loaded on the GUI thread. `main` runs the four (before and after,
with and without liveness) in one go.

The source is a looping Motion-JPEG video of the simulator's portrait scene at 30 frames a
second, read and decoded by the worker as a USB camera's MJPG stream would be.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SECONDS = 6.0
HOLD = 0.5  # seconds of a good pose before the photo takes itself


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(
    seconds: float = SECONDS, liveness: bool = False, in_process: bool = False
) -> dict[str, float | str]:
    """The preview's figures for `seconds`: fps painted and received, analysis ms (median,
    p95) and analyses a second, the longest GUI-thread stall, the drift of None's count.
    With `liveness`, the photo mode also runs the blink challenge's 68 landmarks on every
    analysed frame (the still portrait never blinks, so it runs all the time)."""
    from ui.app import prepare_environment

    prepare_environment(offscreen=True)
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlComponent, QQmlEngine
    from PySide6.QtQuick import QQuickWindow

    from drivers.camera import scenes
    from kiosk.config import CameraSection
    from ui.camera import CameraViewModel

    app = QGuiApplication.instance() or QGuiApplication(["bench"])
    with tempfile.TemporaryDirectory() as tmp:
        portrait = scenes.draw("portrait")
        if liveness:
            # The resident blinks once in each two-second loop; the photo then takes itself
            # and the face is compared with a reference (the descriptors, dlib's heaviest).
            from drivers.camera import ga461

            points = ga461.landmarks(portrait)[0]
            shut = scenes.eyes_shut(portrait, [points[36:42], points[42:48]])
            video = scenes.write_video(
                [portrait] * 26 + [shut] * 4 + [portrait] * 30, Path(tmp) / "b.avi", 30
            )
        else:
            video = scenes.write_video(portrait, Path(tmp) / "p.avi", 30, 2.0)
        camera = CameraViewModel(
            CameraSection(source=str(video), fps=30, hold_seconds=HOLD, liveness=liveness),
            face_process=not in_process,
        )
        if liveness:
            camera.set_reference(scenes._photo())
        # As the kiosk does a moment after start-up, on the GUI thread: before, the face models
        # were loaded there; now the face process is started, and loads them by itself.
        t0 = time.perf_counter()
        if in_process:
            from drivers.camera.verify import preload

            preload()
        else:
            camera.warm_up()
        warm_up_ms = (time.perf_counter() - t0) * 1000
        if camera.face_process is not None and not camera.face_process.wait_ready(60):
            raise SystemExit("the face analysis process did not start")
        # Every photo taken is retaken at once: the GA 461 crop (68 landmarks on the whole
        # frame) runs again and again, as when residents follow each other.
        captures = [0]

        def taken() -> None:
            if camera.photoTaken:
                captures[0] += 1
                QTimer.singleShot(0, camera.retakePhoto)

        camera.photoChanged.connect(taken)
        engine = QQmlEngine()
        engine.addImportPath(str(Path(__file__).resolve().parents[1] / "ui" / "qml"))
        engine.addImageProvider("camera", camera.image_provider())
        window = QQuickWindow()
        window.resize(1920, 1080)
        component = QQmlComponent(engine)
        component.setData(b"import Kiosk\nPhotoScreen { width: 1920; height: 1080 }", QUrl())
        screen = component.createWithInitialProperties({"camera": camera})
        if screen is None:
            raise SystemExit(component.errorString())
        screen.setParentItem(window.contentItem())
        window.show()

        # The real event loop, as the kiosk runs it: exec(), not a processEvents() loop.
        def run_for(seconds: float) -> None:
            QTimer.singleShot(int(seconds * 1000), app.quit)
            app.exec()

        run_for(0.2)
        if camera.worker is None or camera.worker.analyser is None:
            raise SystemExit("the camera did not start")
        analyser = camera.worker.analyser
        costs: list[float] = []
        inner = analyser.analyse

        def timed(frame):
            t0 = time.perf_counter()
            result = inner(frame)
            costs.append((time.perf_counter() - t0) * 1000)
            return result

        analyser.analyse = timed

        # Warm up (first frames, QML compiled), then measure.
        run_for(1.0)
        costs.clear()
        none_refs = sys.getrefcount(None)
        captures[0] = 0
        shown0, received0 = camera.frames_shown, camera.frames_received
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def tick() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            last[0] = now

        ticker = QTimer()
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.setInterval(1)
        ticker.timeout.connect(tick)
        ticker.start()
        last[0] = clock.nsecsElapsed()
        t0 = time.perf_counter()
        run_for(seconds)
        elapsed = time.perf_counter() - t0
        none_drift = sys.getrefcount(None) - none_refs
        ticker.stop()
        shown = camera.frames_shown - shown0
        received = camera.frames_received - received0
        guidance = camera.guidance
        camera.shutdown()
        screen.deleteLater()
        window.close()

    return {
        "elapsed": elapsed,
        "fps": shown / elapsed,
        "received_fps": received / elapsed,
        "median_ms": statistics.median(costs) if costs else float("nan"),
        "p95_ms": statistics.quantiles(costs, n=20)[-1] if len(costs) >= 20 else float("nan"),
        "analyses_per_s": len(costs) / elapsed,
        "guidance": guidance,
        "none_drift": none_drift,
        "stall_ms": max(gaps, default=float("nan")),
        "stall_p50_ms": _percentile(gaps, 0.5),
        "stall_p95_ms": _percentile(gaps, 0.95),
        "stalls_over_16": sum(g >= 16 for g in gaps),
        "warm_up_ms": warm_up_ms,
        "in_process": in_process,
        "captures": captures[0],
    }


def report(m: dict, label: str = "photo mode") -> None:
    print(
        f"Camera preview, 1280×720 MJPG at 30 fps, {label}, {m['elapsed']:.1f} s, "
        f"{os.cpu_count()} cores"
    )
    print(
        f"frames to the UI: {m['fps']:.1f} fps painted ({m['received_fps']:.1f} fps from the "
        f"worker); aim ≥ 25 → {m['fps'] / 25:.2f}×"
    )
    print(
        f"face analysis: median {m['median_ms']:.1f} ms, p95 {m['p95_ms']:.1f} ms a frame "
        f"({m['analyses_per_s']:.1f} analyses a second; guidance now '{m['guidance']}'; "
        f"{m['captures']} photos taken and retaken)"
    )
    print(f"references to None gained/lost while previewing: {m['none_drift']:+d} (0: sound)")
    print(
        f"GUI-thread stall: p50 {m['stall_p50_ms']:.1f} ms, p95 {m['stall_p95_ms']:.1f} ms, "
        f"longest {m['stall_ms']:.1f} ms ({m['stalls_over_16']} of 16 ms or more); "
        f"aim < 16 ms → {16 / m['stall_ms']:.2f}× headroom"
    )
    what = "face models loaded" if m["in_process"] else "face process started"
    print(f"GUI thread blocked at warm-up ({what}): {m['warm_up_ms']:.0f} ms")


VARIANTS = (
    ("before: analysis in the kiosk's process", True),
    ("after: analysis in its own process", False),
)


def compare(seconds: float = SECONDS) -> list[tuple[str, dict]]:
    """Before and after, without and with liveness, each in a fresh camera; a summary table."""
    rows = []
    for liveness in (False, True):
        for label, in_process in VARIANTS:
            m = measure(seconds, liveness=liveness, in_process=in_process)
            name = f"{label}, {'liveness, verify' if liveness else 'GA 461 landmarks'}"
            report(m, name)
            print()
            rows.append((name, m))
    print(
        f"{'':62}{'fps':>6}{'stall p50':>10}{'p95':>7}{'max':>7}{'≥16':>5}{'photos':>7}"
        f"{'warm-up':>9}"
    )
    for name, m in rows:
        print(
            f"{name:62}{m['fps']:6.1f}{m['stall_p50_ms']:10.1f}{m['stall_p95_ms']:7.1f}"
            f"{m['stall_ms']:7.1f}{m['stalls_over_16']:5d}{m['captures']:7d}{m['warm_up_ms']:9.0f}"
        )
    return rows


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else SECONDS
    compare(seconds)


if __name__ == "__main__":
    main()
