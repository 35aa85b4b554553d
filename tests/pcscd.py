"""A real pcscd for tests, with vsmartcard's vpcd readers, that tests can stop and restart.

Use it from a test module:

    from tests.pcscd import VPCD_READER, pcscd_fixture  # noqa: F401 (registers "pcscd")

    def test_something(pcscd):          # Pcscd, running, with "Virtual PCD 00 00" listed
        pcscd.restart()                 # stop and start again, waiting for the readers
        pcscd.stop(); pcscd.start(readers=False)   # up without the vpcd readers (unplugged)

(or call `tests.pcscd.daemon()` from a fixture of your own).

pcscd owns /run/pcscd, so it needs root. When it cannot run (not root, not installed, or a
pcscd the tests did not start is already there) the tests fail saying why, unless
KIOSK_TESTS_NO_PCSC=1, which skips them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from drivers.pcsc.daemon import listed_readers

VPCD_READER = "Virtual PCD 00 00"  # vpcd slot 0, TCP 35963
VPCD_READER_2 = "Virtual PCD 00 01"  # vpcd slot 1, TCP 35964
VPCD_PORTS = {VPCD_READER: 35963, VPCD_READER_2: 35964}
SYSTEM_CONFIG = Path("/etc/reader.conf.d")
PIDFILE = Path("/run/pcscd/pcscd.pid")
SKIP_ENV = "KIOSK_TESTS_NO_PCSC"


class PcscdUnavailable(RuntimeError):
    pass


def readers() -> list[str] | None:
    """The readers pcscd lists now, or None when pcscd does not answer."""
    return listed_readers()


def _foreign_pcscd() -> int | None:
    try:
        pid = int(PIDFILE.read_text().split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return pid


class Pcscd:
    """`pcscd -f` as a child process: started, stopped and restarted at will."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.empty_config = log_dir / "no-readers.conf.d"
        self.empty_config.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @staticmethod
    def check_can_run() -> None:
        """PcscdUnavailable, in words a person can act on, if this machine cannot run it."""
        if shutil.which("pcscd", path=os.environ.get("PATH", "") + ":/usr/sbin") is None:
            raise PcscdUnavailable(
                "pcscd is not installed: apt-get install pcscd vsmartcard-vpcd "
                "(scripts/setup.sh installs packaging/debian-packages.txt)"
            )
        if not (SYSTEM_CONFIG / "vpcd").exists():
            raise PcscdUnavailable(
                f"vsmartcard-vpcd is not installed ({SYSTEM_CONFIG}/vpcd is missing): "
                "apt-get install vsmartcard-vpcd"
            )
        if os.geteuid() != 0:
            raise PcscdUnavailable(
                "the PC/SC tests start their own pcscd, which needs root (it owns /run/pcscd)"
            )
        _stop_systemd_pcscd()
        if (pid := _foreign_pcscd()) is not None:
            raise PcscdUnavailable(
                f"a pcscd the tests did not start is running (pid {pid}): stop it first "
                "(systemctl stop pcscd.socket pcscd), the tests stop and restart their own"
            )

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, *, readers: bool = True, timeout: float = 10.0) -> None:
        """Start pcscd and wait until it answers (and lists the vpcd readers, if `readers`;
        without them it runs with no reader at all, as when the only reader is unplugged)."""
        if self.running:
            raise RuntimeError("pcscd is already running")
        self.starts += 1
        config = SYSTEM_CONFIG if readers else self.empty_config
        log = open(self.log_dir / f"pcscd-{self.starts}.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            # A pcscd left behind by a killed test run would make the next run fail ("a
            # pcscd the tests did not start is running"): the kernel stops it with us.
            ["setpriv", "--pdeathsig", "TERM", "pcscd", "--foreground", "--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PATH": os.environ.get("PATH", "") + ":/usr/sbin"},
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise PcscdUnavailable(
                    f"pcscd exited at once (status {self.proc.returncode}): {self._log_tail()}"
                )
            listed = _readers_quietly()
            if listed is not None and (not readers or VPCD_READER in listed):
                return
            time.sleep(0.05)
        self.stop()
        raise PcscdUnavailable(
            f"pcscd did not list {VPCD_READER!r} within {timeout:.0f} s: {self._log_tail()}"
        )

    def stop(self, timeout: float = 5.0) -> None:
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def restart(self, *, readers: bool = True) -> None:
        self.stop()
        self.start(readers=readers)

    def _log_tail(self) -> str:
        path = self.log_dir / f"pcscd-{self.starts}.log"
        lines = path.read_text(errors="replace").strip().splitlines()
        return " | ".join(lines[-3:]) or "(no output)"


def _stop_systemd_pcscd() -> None:
    """On a machine run by systemd, the pcscd package enables socket activation, which owns
    /run/pcscd/pcscd.comm and would start a pcscd of its own: stop it for the tests and
    start it again when they end. Elsewhere (containers) there is nothing to do."""
    if not Path("/run/systemd/system").is_dir() or shutil.which("systemctl") is None:
        return
    units = ["pcscd.socket", "pcscd.service"]
    active = [u for u in units if _systemctl("is-active", "--quiet", u) == 0]
    if not active:
        return
    if _systemctl("stop", *units) != 0:
        raise PcscdUnavailable(f"cannot stop the system's {' and '.join(active)} for the tests")
    atexit.register(_systemctl, "start", *active)


def _systemctl(*args: str) -> int:
    return subprocess.run(["systemctl", *args], check=False, capture_output=True).returncode


def _readers_quietly() -> list[str] | None:
    try:
        return readers()
    except Exception:
        return None


_daemon: Pcscd | None = None


def daemon() -> Pcscd:
    """The session's pcscd, started with its readers if it is not running with them. Fails
    (or skips, with KIOSK_TESTS_NO_PCSC=1) the calling test when pcscd cannot run here."""
    global _daemon
    if _daemon is None:
        try:
            Pcscd.check_can_run()
        except PcscdUnavailable as e:
            if os.environ.get(SKIP_ENV) == "1":
                pytest.skip(f"PC/SC tests skipped ({SKIP_ENV}=1): {e}")
            pytest.fail(f"{e}\n(set {SKIP_ENV}=1 to skip the PC/SC tests)", pytrace=False)
        _daemon = Pcscd(Path(tempfile.mkdtemp(prefix="kiosk-pcscd-")))
        atexit.register(_daemon.stop)
    listed = _readers_quietly() if _daemon.running else None
    if listed is None or VPCD_READER not in listed:
        _daemon.stop()
        try:
            _daemon.start()
        except PcscdUnavailable as e:
            pytest.fail(str(e), pytrace=False)
    return _daemon


@pytest.fixture(name="pcscd")
def pcscd_fixture() -> Pcscd:
    """pcscd running with the vpcd readers listed. One daemon serves the whole session (it
    starts in about a second); a test that stops it or starts it without readers gets it
    back for the next test; it is stopped when the test process exits."""
    return daemon()
