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


DEB = ROOT / "packaging" / "deb"


def _script(name: str, tmp_path: Path, version: str = "1.2.0") -> Path:
    script = tmp_path / name
    script.write_text((DEB / name).read_text().replace("@VERSION@", version))
    script.chmod(0o755)
    return script


def test_preinst_refuses_a_downgrade(tmp_path: Path) -> None:
    preinst = _script("preinst", tmp_path)
    older = subprocess.run([preinst, "upgrade", "1.1.9"], capture_output=True, text=True)
    assert older.returncode == 0
    assert subprocess.run([preinst, "install"]).returncode == 0
    newer = subprocess.run([preinst, "upgrade", "1.3.0"], capture_output=True, text=True)
    assert newer.returncode == 1
    assert "refusing to go back to 1.2.0" in newer.stderr


def test_postinst_and_purge_in_a_root_of_their_own(tmp_path: Path) -> None:
    """The maintainer scripts' file work, chroot-free: DPKG_ROOT, as dpkg sets it with
    --force-script-chrootless, sends it into a directory instead of this machine."""
    root = tmp_path / "root"
    root.mkdir()
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DPKG_ROOT": str(root)}
    subprocess.run([_script("postinst", tmp_path), "configure", ""], env=env, check=True)
    data = root / "var" / "lib" / "yijianshi-kiosk"
    assert data.is_dir() and data.stat().st_mode & 0o777 == 0o700
    (data / "data").mkdir()
    (data / "data" / "outbox.db").write_bytes(b"kept")
    # An upgrade's configure keeps the data; a remove too; purge removes it.
    subprocess.run([_script("postinst", tmp_path), "configure", "1.1.0"], env=env, check=True)
    subprocess.run([_script("postrm", tmp_path), "remove"], env=env, check=True)
    assert (data / "data" / "outbox.db").read_bytes() == b"kept"
    subprocess.run([_script("postrm", tmp_path), "purge"], env=env, check=True)
    assert not data.exists()


def test_the_built_package(tmp_path: Path) -> None:
    """The whole build (minutes): only where KIOSK_TEST_DEB=1 asks for it."""
    import os

    import pytest

    if os.environ.get("KIOSK_TEST_DEB") != "1":
        pytest.skip("set KIOSK_TEST_DEB=1 to build the .deb")
    out = subprocess.run(
        [ROOT / "packaging" / "deb" / "build.sh", "0.1.0+test1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    deb = ROOT / out.strip().splitlines()[-1]
    fields = subprocess.check_output(["dpkg-deb", "-f", deb], text=True)
    assert "Package: yijianshi-kiosk" in fields and "Version: 0.1.0+test1" in fields
    for dependency in ("pcscd", "fonts-noto-cjk", "espeak-ng", "cage"):
        assert dependency in fields
    listing = subprocess.check_output(["dpkg-deb", "-c", deb], text=True)
    for path in (
        "./opt/yijianshi-kiosk/bin/kiosk",
        "./opt/yijianshi-kiosk/share/yijianshi-kiosk/config/kiosk.toml",
        "./etc/yijianshi-kiosk/kiosk.toml",
        "./lib/systemd/system/yijianshi-kiosk.service",
    ):
        assert path in listing, path
    assert "WebEngine" not in listing
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", deb, control], check=True)
    assert (control / "conffiles").read_text().split() == ["/etc/yijianshi-kiosk/kiosk.toml"]
    unpacked = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
    kiosk = unpacked / "opt" / "yijianshi-kiosk" / "bin" / "kiosk"
    assert kiosk.read_text().splitlines()[0] == "#!/opt/yijianshi-kiosk/bin/python"
