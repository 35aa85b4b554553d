"""Deployment: the kiosk installed from its wheel runs without a checkout, and the systemd
unit is the one the Debian package needs (watchdog, cage, hidden cursor)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT / "packaging" / "systemd" / "yijianshi-kiosk.service"


def test_installed_wheel_runs_without_a_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "--no-deps", "-q", "-w", wheels, ROOT], check=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    wheel = next(wheels.glob("yijianshi_kiosk-*.whl"))
    subprocess.run([*pip, "--python", python, "install", "--no-deps", "-q", wheel], check=True)
    # The dependencies from the test virtualenv, as a plain path (not its editable kiosk).
    site = Path(
        subprocess.check_output(
            [python, "-c", "import site; print(site.getsitepackages()[0])"], text=True
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run = dict(cwd=tmp_path, capture_output=True, text=True, timeout=120)
    where = subprocess.run([python, "-c", "import kiosk.paths as p; print(p.ROOT)"], **run)
    assert where.stdout.strip() == str(venv / "share" / "yijianshi-kiosk"), where.stderr
    version = subprocess.run([venv / "bin" / "kiosk", "--version"], **run)
    assert version.stdout.startswith("kiosk 0."), version.stderr
    catalog = subprocess.run([venv / "bin" / "kiosk", "catalog", "check"], **run)
    assert catalog.returncode == 0, catalog.stderr


def test_the_unit_runs_the_kiosk_under_cage_with_a_watchdog() -> None:
    unit = UNIT.read_text()
    for line in (
        "Type=notify",
        "NotifyAccess=all",
        "WatchdogSec=30",
        "User=kiosk",
        "TTYPath=/dev/tty1",
        "Restart=always",
        "StartLimitBurst=10",
        "ExecStart=/usr/bin/cage -s -- /opt/yijianshi-kiosk/bin/kiosk run --hide-cursor",
    ):
        assert line in unit.splitlines(), line
    from ui.cli import _parser

    args = _parser().parse_args(["run", "--hide-cursor"])
    assert args.hide_cursor
