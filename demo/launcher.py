"""`kiosk demo`: a sandbox hub on loopback, this kiosk enrolled with it, simulated devices,
and the kiosk in a window; on a machine with no display, PNGs of every screen and then the
live kiosk on a virtual display served by VNC on localhost only."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from central.demo_hub import start_sandbox_hub
from central.process import answers
from drivers.pcsc.daemon import start_pcscd
from kiosk.catalog.model import Catalog
from kiosk.config import Config
from ui.launcher import run_kiosk


def run_demo(config: Config, catalog: Catalog, *, out_dir: Path, port: int) -> int:
    """A sandbox hub on loopback (sample data, departments handled automatically), this
    kiosk enrolled with it, and the kiosk: in a window where there is a display; otherwise
    PNGs of every screen, then the live kiosk on a virtual display served by VNC on
    localhost only."""
    # `kill` or a service manager's stop must also take the helpers down: turn SIGTERM
    # into the same clean exit as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    hub = start_sandbox_hub(config)
    try:
        with _Children() as children:
            start_pcscd(children.start)
            if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
                return run_kiosk(config, catalog, windowed=True, simulated_devices=True)
            return _headless(config, catalog, children, out_dir, port)
    finally:
        if hub is not None:
            hub.stop()


def _headless(
    config: Config, catalog: Catalog, children: _Children, out_dir: Path, port: int
) -> int:
    from demo.render import render_set

    print("No display here. Rendering the kiosk's screens to PNG first...")
    paths = render_set(config, catalog, out_dir)
    print(f"  {len(paths)} screens written to {out_dir}/ (open them with any image viewer)")

    xvfb, vnc = shutil.which("Xvfb"), shutil.which("x11vnc")
    if not (xvfb and vnc):
        print(
            "Xvfb or x11vnc is missing, so the live kiosk cannot be served; "
            "the PNGs above show every screen."
        )
        return 0
    if answers("127.0.0.1", port):
        print(f"Port {port} is taken (another demo?): give --port, or stop the other one.")
        return 1
    width, height = config.ui.width, config.ui.height
    # Xvfb picks a free display itself and tells it on a pipe: two demos never collide.
    read_end, write_end = os.pipe()
    children.start(
        [
            xvfb,
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number.isdigit():
        print("The virtual display did not start; the PNGs above show every screen.")
        return 1
    display = f":{number}"
    vnc_proc = children.start(
        [
            vnc,
            "-display",
            display,
            "-localhost",
            "-rfbport",
            str(port),
            "-forever",
            "-shared",
            "-nopw",
            "-quiet",
        ]
    )
    deadline = time.monotonic() + 10
    while not answers("127.0.0.1", port):
        if vnc_proc.poll() is not None or time.monotonic() > deadline:
            print("The VNC server did not start; the PNGs above show every screen.")
            return 1
        time.sleep(0.1)
    print(
        f"The live kiosk is on a virtual display, served by VNC on localhost:{port} "
        f"only.\n  From another machine: ssh -L {port}:localhost:{port} <this host>, "
        f"then point a VNC viewer at localhost:{port}.\n  Stop with Ctrl-C."
    )
    # The renders above switched this process to offscreen; the live kiosk is on X.
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    kiosk = children.start(
        [sys.executable, "-m", "ui.cli", "run", "--simulated-devices"], env=env, quiet=False
    )
    return kiosk.wait()


class _Children:
    """Helper processes that end when the demo ends, however it ends."""

    def __init__(self) -> None:
        self._procs: list[subprocess.Popen] = []

    def start(
        self,
        cmd: list[str],
        env: dict[str, str] | None = None,
        quiet: bool = True,
        pass_fds: tuple[int, ...] = (),
    ) -> subprocess.Popen:
        out = subprocess.DEVNULL if quiet else None
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=out, pass_fds=pass_fds)
        self._procs.append(proc)
        return proc

    def __enter__(self) -> _Children:
        return self

    def __exit__(self, t: type | None, e: BaseException | None, tb: TracebackType | None) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
