"""Cold start to the attract screen: from launching the interpreter to the first frame.

Each run is a new process (as when the kiosk starts), offscreen with the software scene
graph (as on a terminal without a GPU driver). The file cache is warm after the first run;
the first run's figure (the least cached) is shown separately. Aim: under 1.5 s on a 2-core machine.
The voice (services.speech, espeak-ng) is started with the screens as on a terminal; it finds
its voices on its own thread, and the run also tells when it was ready, after the first frame.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AIM = 1.5
RUNS = 7

CHILD = r"""
import time
t0 = time.perf_counter()
phases = {}
from kiosk.config import load_config
from kiosk.catalog import load_catalog, check_catalog
from ui.app import create_app, prepare_environment
phases["imports"] = time.perf_counter() - t0
config = load_config()
catalog = load_catalog()
problems = check_catalog(catalog)
phases["config+catalog"] = time.perf_counter() - t0
prepare_environment(offscreen=True)
kiosk = create_app(config, catalog, windowed=True)
phases["qml loaded"] = time.perf_counter() - t0
from PySide6.QtCore import QTimer
def voice_ready():
    # The voice (espeak-ng, on its own thread) is found after the first frame, never before
    # it: the figure says how long after start a prompt can be spoken.
    if not kiosk.own_speaker.ready.is_set():
        return QTimer.singleShot(5, voice_ready)
    phases["voice ready"] = time.perf_counter() - t0
    phases["voice"] = kiosk.own_speaker.state.status.value
    print("PHASES " + __import__("json").dumps(phases), flush=True)
    kiosk.app.quit()
def first_frame():
    if "first frame" not in phases:
        phases["first frame"] = time.perf_counter() - t0
        # CPU time (all threads) to the first frame: what the start costs on its own,
        # whatever else the machine is doing (a shared or busy machine stretches the wall clock).
        phases["cpu, first frame"] = time.process_time()
        voice_ready()
kiosk.window.frameSwapped.connect(first_frame)
kiosk.app.exec()
"""


def one_run() -> tuple[float, dict[str, float]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    phases: dict[str, float] = {}
    for line in proc.stdout:
        if line.startswith("PHASES "):
            phases = json.loads(line[7:])
            total = phases["first frame"] + (time.perf_counter() - start) - phases["voice ready"]
            break
    else:
        raise SystemExit("the kiosk did not reach its first frame")
    proc.wait(timeout=30)
    return total, phases


def main() -> None:
    print(f"cold start to the attract screen, {RUNS} runs, {os.cpu_count()} cores")
    stack = [name for name in ("espeak-ng", "speech-dispatcher") if shutil.which(name)]
    print(f"  speech stack installed: {', '.join(stack) or 'none'}")
    print(f"  load average at start: {os.getloadavg()[0]:.1f}")
    first, _ = one_run()
    runs = [one_run() for _ in range(RUNS - 1)]
    totals = [t for t, _ in runs]
    median = statistics.median(totals)
    print(f"  first run                  {first:6.3f} s")
    print(
        f"  later runs: median         {median:6.3f} s   min {min(totals):.3f}  "
        f"max {max(totals):.3f}"
    )
    cpu = statistics.median(p["cpu, first frame"] for _, p in runs)
    print(f"  CPU time to first frame    {cpu:6.3f} s (median)")
    print("  phases of the median run (s since interpreter start, in-process clock):")
    _, phases = sorted(runs)[len(runs) // 2]
    for name, t in phases.items():
        print(f"    {name:<16} {t:6.3f}" if isinstance(t, float) else f"    {name:<16} {t}")
    print(
        f"  median / aim ({AIM} s)       {median / AIM:6.2f}  "
        f"({'within' if median <= AIM else 'OVER'} the aim)"
    )


if __name__ == "__main__":
    main()
