"""Deployment: the kiosk installed from its wheel runs without a checkout, and the systemd
unit is the one the Debian package needs (watchdog, cage, hidden cursor).

With KIOSK_TEST_DEB=1 (CI) the .deb itself is built, read by lintian, installed on this
machine with apt, run as the kiosk user from /opt, started under cage on the headless wlroots
backend for a screenshot of the attract screen (out/package/attract.png), its loaded system
libraries checked against the package's dependencies, upgraded under the running kiosk (which
leaves by itself, nobody being at it) with an application in its outbox and a receipt in its
print queue, refused a downgrade, and purged."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

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
        "PAMName=login",
        "Conflicts=getty@tty1.service",
        "After=dbus.socket systemd-logind.service",
        "Wants=network-online.target dbus.socket systemd-logind.service",
        "TTYVTDisallocate=yes",
        "Restart=always",
        "StartLimitBurst=10",
        "Environment=QT_QPA_PLATFORM=xcb",
        "PrivateTmp=yes",
        "ExecStart=/usr/bin/cage -s -- /opt/yijianshi-kiosk/bin/kiosk run --hide-cursor",
    ):
        assert line in unit.splitlines(), line
    from ui.cli import _parser

    args = _parser().parse_args(["run", "--hide-cursor"])
    assert args.hide_cursor


DEB = ROOT / "packaging" / "deb"


def _script(name: str, tmp_path: Path, version: str = "1.2.0", package: Path = DEB) -> Path:
    script = tmp_path / name
    script.write_text((package / name).read_text().replace("@VERSION@", version))
    script.chmod(0o755)
    return script


@pytest.mark.parametrize("package", [DEB, ROOT / "packaging" / "hub"], ids=["kiosk", "hub"])
def test_preinst_refuses_a_downgrade(tmp_path: Path, package: Path) -> None:
    preinst = _script("preinst", tmp_path, package=package)
    older = subprocess.run([preinst, "upgrade", "1.1.9"], capture_output=True, text=True)
    assert older.returncode == 0
    assert subprocess.run([preinst, "install"]).returncode == 0
    newer = subprocess.run([preinst, "upgrade", "1.3.0"], capture_output=True, text=True)
    assert newer.returncode == 1
    assert "refusing to go back to 1.2.0" in newer.stderr
    # Removed but not purged: the newer version's store is still there.
    kept = subprocess.run([preinst, "install", "1.3.0"], capture_output=True, text=True)
    assert kept.returncode == 1 and "refusing to go back to 1.2.0" in kept.stderr
    assert subprocess.run([preinst, "install", "1.1.0"]).returncode == 0


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


OUT = ROOT / "out" / "package"
NAME = "yijianshi-kiosk"
OPT = Path("/opt") / NAME
DATA = Path("/var/lib") / NAME / "data"
ETC_CONFIG = Path("/etc") / NAME / "kiosk.toml"
APT = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
# The kiosk user's commands start from an empty environment, as systemd starts the unit's
# (none of the test run's own variables, such as its XDG directories, reach them).
# Their temporary files go to the package's cache directory, which purge removes.
CLEAN = [
    "env",
    "-i",
    "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG=C.UTF-8",
    f"HOME=/var/lib/{NAME}",
    f"TMPDIR=/var/cache/{NAME}",
]


def _build(version: str, source: Path | None = None) -> Path:
    command = [str(ROOT / "packaging" / "deb" / "build.sh"), version]
    if source is not None:
        command.append(str(source))
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return ROOT / out.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def deb() -> Path:
    """The whole build (tens of seconds): only where KIOSK_TEST_DEB=1 asks for it."""
    if os.environ.get("KIOSK_TEST_DEB") != "1":
        pytest.skip("set KIOSK_TEST_DEB=1 to build the .deb")
    return _build("0.1.0+test1")


def test_the_built_package(deb: Path, tmp_path: Path) -> None:
    fields = subprocess.check_output(["dpkg-deb", "-f", deb], text=True)
    assert "Package: yijianshi-kiosk" in fields and "Version: 0.1.0+test1" in fields
    for dependency in ("pcscd", "fonts-noto-cjk", "espeak-ng", "cage", "xwayland"):
        assert dependency in fields
    listing = subprocess.check_output(["dpkg-deb", "-c", deb], text=True)
    for path in (
        "./opt/yijianshi-kiosk/bin/kiosk",
        "./opt/yijianshi-kiosk/share/yijianshi-kiosk/config/kiosk.toml",
        "./etc/yijianshi-kiosk/kiosk.toml",
        "./etc/logrotate.d/yijianshi-kiosk",
        "./lib/systemd/system/yijianshi-kiosk.service",
        "./lib/udev/rules.d/60-yijianshi-kiosk-receipt-printer.rules",
        "./lib/udev/rules.d/60-yijianshi-kiosk-serial.rules",
        "./usr/share/lintian/overrides/yijianshi-kiosk",
    ):
        assert path in listing, path
    assert "WebEngine" not in listing and "__pycache__" not in listing
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", deb, control], check=True)
    assert (control / "conffiles").read_text().split() == [
        "/etc/yijianshi-kiosk/kiosk.toml",
        "/etc/logrotate.d/yijianshi-kiosk",
    ]
    unpacked = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", deb, unpacked], check=True)
    kiosk = unpacked / "opt" / "yijianshi-kiosk" / "bin" / "kiosk"
    assert kiosk.read_text().splitlines()[0] == "#!/opt/yijianshi-kiosk/bin/python"


def test_the_lock_pins_every_dependency() -> None:
    """The package's virtualenv is built from the lock alone: a dependency added to
    pyproject.toml and not locked would be missing on the terminal."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = (ROOT / "packaging" / "requirements.lock").read_text().splitlines()
    locked = {canonicalize_name(line.split("==")[0]) for line in lock if "==" in line}
    wanted = {canonicalize_name(Requirement(d).name) for d in project["dependencies"]}
    assert wanted <= locked, f"run packaging/lock.py: {sorted(wanted - locked)} not locked"


def _dependency_closure(control: Path) -> set[str]:
    """The Debian packages apt installs for a package with this control file's Depends and
    Pre-Depends on a bare Debian: each group of alternatives by its first (apt's choice), a
    virtual package by any of its providers."""
    fields = control.read_text()
    roots: list[list[str]] = []
    for field in ("Pre-Depends", "Depends"):
        for line in fields.splitlines():
            if line.startswith(f"{field}: "):
                for group in line.split(": ", 1)[1].split(","):
                    roots.append([a.split("(")[0].strip() for a in group.split("|")])
    names = sorted({name for group in roots for name in group})
    only = ("recommends", "suggests", "conflicts", "breaks", "replaces", "enhances")
    listing = subprocess.run(
        ["apt-cache", "depends", "--recurse", *(f"--no-{kind}" for kind in only), *names],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Each package's groups of alternatives; a virtual package's providers.
    needs: dict[str, list[list[str]]] = {}
    providers: dict[str, list[str]] = {}
    package = virtual = ""
    alternatives: list[str] = []
    for line in listing.splitlines():
        if not line.startswith(" "):
            package, virtual = line.strip("<>"), ""
            needs.setdefault(package, [])
        elif line.startswith("    "):
            providers.setdefault(virtual, []).append(line.strip())
        else:
            kind, _, name = line.strip().lstrip("|").partition(": ")
            if kind not in ("Depends", "PreDepends"):
                continue
            virtual = name.strip("<>") if name.startswith("<") else ""
            alternatives.append(name.strip("<>"))
            if not line.lstrip().startswith("|"):
                needs[package].append(alternatives)
                alternatives = []
    closure: set[str] = set()
    todo = [group[0] for group in roots]
    while todo:
        name = todo.pop()
        if name in closure:
            continue
        closure.add(name)
        todo += providers.get(name, [])
        todo += [group[0] for group in needs.get(name, [])]
    return closure


def _owners(libraries: set[str]) -> dict[str, str]:
    """The Debian package each shared library file comes from, by its path (with or without
    /usr in front: Debian 12 is /usr-merged, dpkg knows either)."""
    owners: dict[str, str] = {}
    for library in sorted(libraries):
        for path in {library, library.removeprefix("/usr"), "/usr" + library}:
            found = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
            if found.returncode == 0:
                owners[library] = found.stdout.split(":")[0]
                break
    return owners


def test_the_qt_platform_the_unit_uses_has_its_libraries_depended_on() -> None:
    """The unit runs Qt through cage's Xwayland (QT_QPA_PLATFORM=xcb): every system library
    the xcb platform plugin links comes with the package's dependencies, on a terminal where
    only Debian and this package are installed (the test machine has them all for other
    reasons)."""
    if not shutil.which("apt-cache") or not shutil.which("dpkg"):
        pytest.skip("needs Debian's apt-cache and dpkg")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugins = [
        qt / "plugins" / "platforms" / "libqxcb.so",
        *sorted((qt / "plugins" / "xcbglintegrations").glob("*.so")),
        qt / "plugins" / "platforminputcontexts" / "libqtvirtualkeyboardplugin.so",
    ]
    libraries: set[str] = set()
    for plugin in plugins:
        ldd = subprocess.run(["ldd", plugin], capture_output=True, text=True, check=True).stdout
        for line in ldd.splitlines():
            _, arrow, target = line.partition(" => ")
            path = target.split(" (")[0].strip()
            if arrow and path.startswith("/") and not path.startswith(str(qt)):
                libraries.add(os.path.realpath(path))
    owners = _owners(libraries)
    assert set(libraries) == set(owners), sorted(set(libraries) - set(owners))
    closure = _dependency_closure(DEB / "control")
    missing = sorted({f"{p} ({lib})" for lib, p in owners.items() if p not in closure})
    assert not missing, f"add to packaging/deb/control's Depends: {missing}"


# -- installed on this machine -------------------------------------------------------------


def _as_kiosk(
    *command: str | Path, stdin: str | None = None, check: bool = True, **env: str
) -> str:
    """A command as the kiosk user, from /, with the package's settings file."""
    environment = [*CLEAN, f"KIOSK_CONFIG={ETC_CONFIG}", "PYTHONDONTWRITEBYTECODE=1"]
    environment += [f"{k}={v}" for k, v in env.items()]
    done = subprocess.run(
        ["runuser", "-u", "kiosk", "--", *environment, *map(str, command)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd="/",
        timeout=180,
    )
    assert done.returncode == 0 or not check, done.stderr
    return done.stdout or done.stderr


def _apt(*args: str | Path) -> None:
    done = subprocess.run(
        ["apt-get", "-y", "-q", "--no-install-recommends", *map(str, args)],
        env=APT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def _installed_version() -> str:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status} ${Version}", NAME], capture_output=True, text=True
    )
    return done.stdout.split()[-1] if "install ok installed" in done.stdout else ""


@pytest.fixture
def on_this_machine() -> Iterator[None]:
    """One install at a time on a machine, and a purge whatever happens."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("installing the .deb needs root on Debian")
    lock = open("/run/lock/yijianshi-kiosk-package-test.lock", "w")  # noqa: SIM115
    fcntl.flock(lock, fcntl.LOCK_EX)
    # On a machine where systemd runs, the first install would start the kiosk on tty1 (and
    # its devices): policy-rc.d says no, as in an image build, for the time of the test.
    policy = Path("/usr/sbin/policy-rc.d")
    ours = not policy.exists()
    if ours:
        policy.write_text("#!/bin/sh\n# tests/test_package.py: start nothing\nexit 101\n")
        policy.chmod(0o755)
    try:
        if _installed_version():
            pytest.skip("yijianshi-kiosk is installed here for real; not touching it")
        yield
    finally:
        if _installed_version() or Path(OPT).exists():
            subprocess.run(["apt-get", "-y", "-q", "purge", NAME], env=APT, capture_output=True)
        if ours:
            policy.unlink()
        lock.close()


# An application, as the kiosk's outbox keeps it, and a receipt in its print queue: written
# through the store's own API by the installed kiosk, as its user.
_PUT = """
import json, sys
from kiosk.config import load_config
from kiosk.contract import ApplicationSubmit
from kiosk.printing.document import Document, Title
from services.storage import KioskData

config = load_config(None)
with KioskData(config.data_dir()) as data:
    entry = data.outbox().enqueue(ApplicationSubmit.model_validate_json(sys.stdin.read()))
    job = data.print_jobs().submit(Document("acceptance_notice", (Title("受理回执"),)))
    print(json.dumps({"entry": entry.id, "job": job.id, "store": data.store.version}))
"""


SESSION_CONFIG = f"""
[kiosk]
data_dir = "{DATA}"
[devices]
pcsc = false
idreader = false
fingerprint = false
[camera]
enabled = false
[printer]
enabled = false
[ui]
# wlroots' headless output: the window starts at this size, and cage would only fit it to the
# screen after its first frames.
width = 1280
height = 720
"""


@contextlib.contextmanager
def _session(tmp_path: Path) -> Iterator[_Session]:
    """The installed kiosk under cage, as the unit runs it, on wlroots' headless backend with
    the pixman renderer, its notifications (READY=1 once the first screen is up, STOPPING=1)
    on a socket of the test's; stopped at the end if it has not left by itself."""
    # Short: a socket's path has room for 107 bytes.
    runtime = Path(tempfile.mkdtemp(prefix="yjs-"))
    shutil.chown(runtime, "kiosk", "kiosk")
    notify_path = runtime / "notify"
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(notify_path))
    notify_path.chmod(0o666)
    notify.settimeout(1.0)
    unit = UNIT.read_text().splitlines()
    env = [line.split("=", 1)[1] for line in unit if line.startswith("Environment=")]
    session = {
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "NOTIFY_SOCKET": str(notify_path),
        "PCSCLITE_CSOCK_NAME": str(runtime / "no-pcscd"),
    }
    # The package's data directory, and no device: other tests on this machine have their
    # printer sinks on loopback and their virtual cards in the one pcscd.
    config = runtime / "kiosk.toml"
    config.write_text(SESSION_CONFIG)
    shutil.chown(config, "kiosk", "kiosk")
    session["KIOSK_CONFIG"] = str(config)
    exec_start = next(line for line in unit if line.startswith("ExecStart="))
    command = exec_start.removeprefix("ExecStart=").split()
    log = open(tmp_path / "cage.log", "w")  # noqa: SIM115
    variables = [*env, *(f"{k}={v}" for k, v in session.items())]
    # Xwayland's socket directory, as systemd-tmpfiles makes it at boot (x11.conf): were it
    # missing, cage would make it the kiosk user's, and nobody else's X server could use it.
    x11 = Path("/tmp/.X11-unix")
    if not x11.exists():
        x11.mkdir()
        x11.chmod(0o1777)
    cage = subprocess.Popen(
        ["runuser", "-u", "kiosk", "--", *CLEAN, *variables, *command],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd="/",
    )
    running = _Session(cage, notify, runtime, tmp_path / "cage.log")
    try:
        running.wait_for(b"READY=1", 120)
        yield running
    finally:
        if cage.poll() is None:
            cage.terminate()
        cage.wait(timeout=60)
        log.close()
        notify.close()
        # Whatever Xwayland left behind, should it not have been stopped cleanly.
        for left in [*Path("/tmp").glob(".X*-lock"), *x11.glob("X*")]:
            if left.owner() == "kiosk":
                left.unlink()
        OUT.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "cage.log", OUT / "cage.log")
        shutil.rmtree(runtime)


class _Session:
    def __init__(
        self, cage: subprocess.Popen[bytes], notify: socket.socket, runtime: Path, log: Path
    ) -> None:
        self.cage = cage
        self.notify = notify
        self.runtime = runtime
        self.log = log
        self.messages = b""

    def wait_for(self, message: bytes, seconds: float, *, alive: bool = True) -> None:
        """Until the kiosk has sent `message`; with `alive`, cage must run meanwhile."""
        deadline = time.monotonic() + seconds
        while message not in self.messages:
            if alive:
                assert self.cage.poll() is None, self.log.read_text()[-3000:]
            assert time.monotonic() < deadline, (message, self.log.read_text()[-3000:])
            with contextlib.suppress(TimeoutError):
                self.messages += self.notify.recv(4096) + b"\n"

    def screenshot(self) -> Path:
        """grim's picture of the output once it shows more than a blank screen (READY=1 comes
        with the first screen set up; its first frame may follow a moment later)."""
        shot = self.runtime / "attract.png"
        wayland = {"XDG_RUNTIME_DIR": str(self.runtime), "WAYLAND_DISPLAY": "wayland-0"}
        deadline = time.monotonic() + 60
        _as_kiosk("grim", shot, **wayland)
        while _blank(shot):
            assert time.monotonic() < deadline, "the screen stayed blank"
            time.sleep(0.5)
            _as_kiosk("grim", shot, **wayland)
        OUT.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, OUT / "attract.png")
        return OUT / "attract.png"


def _the_libraries_come_with_the_package(session: _Session) -> None:
    """Every shared library the running kiosk has loaded from the system (Qt's platform,
    its plugins, OpenGL, fonts, sound) is in a package the kiosk's package depends on: on a
    terminal with nothing else installed it would be missing."""
    libraries = set()
    for line in Path(f"/proc/{_kiosk_pid()}/maps").read_text().splitlines():
        path = line.split(maxsplit=5)[-1]
        if ".so" in Path(path).name and path.startswith("/") and not path.startswith(str(OPT)):
            libraries.add(os.path.realpath(path))
    owners = _owners(libraries)
    assert libraries == set(owners), sorted(libraries - set(owners))
    closure = _dependency_closure(DEB / "control")
    missing = sorted({f"{p} ({lib})" for lib, p in owners.items() if p not in closure})
    assert not missing, f"add to packaging/deb/control's Depends: {missing}"


def _kiosk_pid() -> str:
    """The kiosk's process under cage."""
    kiosk = [
        pid
        for pid in os.listdir("/proc")
        if pid.isdigit()
        and _cmdline(pid)[1:3] == [str(OPT / "bin" / "kiosk"), "run"]
        and Path(f"/proc/{pid}").owner() == "kiosk"
    ]
    assert kiosk, "no kiosk process under cage"
    return kiosk[0]


# The X server's screen saver and power saving, as the kiosk's X server (cage's Xwayland)
# has them: printed as "timeout dpms".
_XSCREENSAVER = """
import ctypes
x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
d = ctypes.c_void_p(x.XOpenDisplay(None))
timeout, interval, blanking, exposures, n = (ctypes.c_int() for _ in range(5))
x.XGetScreenSaver(d, *map(ctypes.byref, (timeout, interval, blanking, exposures)))
dpms = x.XQueryExtension(d, b"DPMS", *map(ctypes.byref, (n, n, n)))
print(timeout.value, dpms)
"""


def _the_screen_never_blanks() -> None:
    """Nothing in the session blanks the screen or powers it down: cage runs no idle
    manager, and its Xwayland, the kiosk's X server, has no screen saver timeout and no DPMS."""
    environ = Path(f"/proc/{_kiosk_pid()}/environ").read_bytes().decode().split("\0")
    display = next(v for v in environ if v.startswith("DISPLAY=")).removeprefix("DISPLAY=")
    answer = _as_kiosk(OPT / "bin" / "python", "-c", _XSCREENSAVER, DISPLAY=display)
    assert answer.split() == ["0", "0"], answer


def _cmdline(pid: str) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


def _blank(png: Path) -> bool:
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    step = max(1, image.width() // 40)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, 200, 7)}
    return len(colours) <= 3


def _lintian(deb: Path) -> subprocess.Popen[str]:
    """lintian reads every file of the 200+ MB package for minutes: it runs beside the rest."""
    return subprocess.Popen(
        ["lintian", "--tag-display-limit", "0", deb],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_installed_run_upgraded_and_purged(deb: Path, on_this_machine: None, tmp_path: Path):
    lintian = _lintian(deb)
    try:
        _install_run_upgrade_purge(deb, tmp_path)
        report, _ = lintian.communicate(timeout=900)
    finally:
        if lintian.poll() is None:
            lintian.kill()
            lintian.wait()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "lintian.txt").write_text(report)
    errors = [line for line in report.splitlines() if line.startswith("E:")]
    assert not errors, "\n".join(errors[:40])


def _install_run_upgrade_purge(deb: Path, tmp_path: Path) -> None:
    _apt("install", deb)
    assert _installed_version() == "0.1.0+test1"

    # The kiosk runs from /opt as its own user, with no checkout anywhere near.
    assert _as_kiosk(OPT / "bin" / "kiosk", "--version").strip() == "kiosk 0.1.0+test1"
    report = _as_kiosk(OPT / "bin" / "kiosk", "doctor", "hub", "--json", check=False)
    assert report.startswith("{"), report
    doctor = json.loads(report)
    assert [c["name"] for c in doctor["checks"]] == ["hub"]
    assert "not enrolled" in doctor["checks"][0]["detail"]
    data_dir = DATA.parent
    assert data_dir.owner() == "kiosk" and data_dir.stat().st_mode & 0o777 == 0o700
    groups = subprocess.check_output(["id", "-nG", "kiosk"], text=True).split()
    assert {"dialout", "lp", "video", "input"} <= set(groups)

    # The units and the files beside them, as systemd, logrotate and udev read them.
    verify = subprocess.run(
        ["systemd-analyze", "verify", f"/lib/systemd/system/{NAME}.service"],
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0 and NAME not in verify.stderr, verify.stderr
    assert Path(f"/etc/systemd/system/graphical.target.wants/{NAME}.service").is_symlink()
    rotate = subprocess.run(
        ["logrotate", "-d", f"/etc/logrotate.d/{NAME}"], capture_output=True, text=True
    )
    assert rotate.returncode == 0 and "error" not in rotate.stderr.lower(), rotate.stderr
    assert "kiosk.log" in rotate.stderr
    if shutil.which("udevadm") and Path("/sys/class/tty/ptmx").exists():
        udev = subprocess.run(
            ["udevadm", "test", "--action=add", "/sys/class/tty/ptmx"],
            capture_output=True,
            text=True,
        )
        ours = [line for line in udev.stderr.splitlines() if NAME in line]
        assert len(ours) == 2 and all(line.startswith("Reading rules file") for line in ours)

    # The attract screen, under cage; the kiosk stays up, between two residents, through
    # the upgrade below.
    with _session(tmp_path) as session:
        shot = session.screenshot()
        from PySide6.QtGui import QImage

        assert QImage(str(shot)).size().toTuple() == (1280, 720) and not _blank(shot)
        _the_libraries_come_with_the_package(session)
        _the_screen_never_blanks()

        # An application in the outbox and a receipt in the print queue, then a newer
        # package with one more store migration.
        from tests.hub.data import birth_application

        put = json.loads(
            _as_kiosk(OPT / "bin" / "python", "-c", _PUT, stdin=json.dumps(birth_application()))
        )
        source = tmp_path / "src"
        files = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT)
        for name in files.decode().splitlines():
            if not name.startswith("out/") and (ROOT / name).is_file():
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, source / name)
        migrations = source / "kiosk" / "store" / "migrations"
        number = put["store"] + 1
        (migrations / f"{number:04d}_package_upgrade.sql").write_text(
            "CREATE TABLE package_upgrade (id INTEGER PRIMARY KEY);\n"
        )
        newer = _build("0.1.0+test2", source)
        assert "STOPPING=1" not in session.messages.decode()
        _apt("install", newer)
        # The running kiosk, at its attract screen (nobody at it), sees the new version on
        # disk and leaves by itself for systemd to start the new one (ui/systemd.py checks
        # every 30 s); cage ends with it.
        session.wait_for(b"STOPPING=1", 90, alive=False)
        assert b"STATUS=restarting for the new version" in session.messages
        assert session.cage.wait(timeout=60) == 0, session.log.read_text()[-3000:]
    assert _installed_version() == "0.1.0+test2"
    assert _as_kiosk(OPT / "bin" / "kiosk", "--version").strip() == "kiosk 0.1.0+test2"
    with sqlite3.connect(f"file:{DATA / 'kiosk.sqlite3'}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == number  # migrated
        state = db.execute("SELECT state FROM outbox WHERE id = ?", (put["entry"],)).fetchone()
        job = db.execute("SELECT status FROM print_jobs WHERE id = ?", (put["job"],)).fetchone()
    assert state == ("pending",) and job == ("sealed",)
    assert "pending=1" in _as_kiosk(OPT / "bin" / "kiosk", "outbox", "status")

    # Back to the older one: refused, and the newer one stays.
    older = subprocess.run(["dpkg", "-i", deb], capture_output=True, text=True, env=APT)
    assert older.returncode != 0 and "refusing to go back" in older.stderr
    assert _installed_version() == "0.1.0+test2"

    # Purge: nothing of the kiosk is left.
    _apt("purge", NAME)
    assert _installed_version() == ""
    for path in (OPT, DATA.parent, ETC_CONFIG.parent, Path("/var/cache") / NAME):
        assert not path.exists(), path
    assert not list(Path("/etc/systemd/system").glob(f"*/{NAME}.service"))
    assert subprocess.run(["getent", "passwd", "kiosk"], capture_output=True).returncode == 2


def test_the_hub_package_installed_and_purged(on_this_machine: None) -> None:
    """The hub's package: its own virtualenv without Qt, its unit as systemd reads it, its
    command as its user; purge keeps the data (the province's records) and nothing else."""
    if os.environ.get("KIOSK_TEST_DEB") != "1":
        pytest.skip("set KIOSK_TEST_DEB=1 to build the .deb")
    out = subprocess.run(
        [ROOT / "packaging" / "hub" / "build.sh", "0.1.0+test1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    hub = ROOT / out.strip().splitlines()[-1]
    listing = subprocess.check_output(["dpkg-deb", "-c", hub], text=True)
    assert "./etc/yijianshi-hub/hub.toml" in listing and "PySide6" not in listing
    preinst = subprocess.check_output(["dpkg-deb", "-I", hub, "preinst"], text=True)
    assert "refusing to go back to 0.1.0+test1" in preinst
    try:
        _apt("install", hub)
        verify = subprocess.run(
            ["systemd-analyze", "verify", "/lib/systemd/system/yijianshi-hub.service"],
            capture_output=True,
            text=True,
        )
        assert verify.returncode == 0 and "yijianshi-hub" not in verify.stderr, verify.stderr
        command = ["/opt/yijianshi-hub/bin/kiosk-hub", "openapi"]
        openapi = subprocess.run(
            ["runuser", "-u", "yijianshi-hub", "--", *CLEAN[:4], *command],
            capture_output=True,
            text=True,
            cwd="/",
            timeout=120,
        )
        assert '"/v1/applications"' in openapi.stdout, openapi.stderr
        assert Path("/var/lib/yijianshi-hub").owner() == "yijianshi-hub"
        _apt("purge", "yijianshi-hub")
        assert not Path("/opt/yijianshi-hub").exists()
        assert not list(Path("/etc/systemd/system").glob("*/yijianshi-hub.service"))
    finally:
        subprocess.run(
            ["apt-get", "-y", "-q", "purge", "yijianshi-hub"], env=APT, capture_output=True
        )
        subprocess.run(["deluser", "--quiet", "--system", "yijianshi-hub"], capture_output=True)
        shutil.rmtree("/var/lib/yijianshi-hub", ignore_errors=True)
        shutil.rmtree("/etc/yijianshi-hub", ignore_errors=True)
