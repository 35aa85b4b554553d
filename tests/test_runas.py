"""A `kiosk` command run by root on a terminal acts as the data directory's owner: what it
writes there (the store, the seal key) stays readable by the kiosk, which runs as its own user.
Run as root only (the test machine's CI is root); the owner is the system's "nobody"."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_kiosk


@pytest.fixture
def terminal() -> Iterator[tuple[Path, pwd.struct_passwd]]:
    """A data directory's parent owned by "nobody", as the package's /var/lib/yijianshi-kiosk
    is the kiosk's, and a settings file pointing into it."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    nobody = pwd.getpwnam("nobody")
    # Not under pytest's tmp_path: its directories are closed to other users.
    base = Path(tempfile.mkdtemp(prefix="kiosk-runas-"))
    base.chmod(0o755)
    var = base / "var"
    var.mkdir(mode=0o700)
    os.chown(var, nobody.pw_uid, nobody.pw_gid)
    config = base / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{var / "data"}"\n')
    config.chmod(0o644)
    try:
        yield config, nobody
    finally:
        shutil.rmtree(base)


def test_root_writes_the_store_as_the_data_directorys_owner(terminal) -> None:
    config, nobody = terminal
    done = run_kiosk("--config", str(config), "outbox", "status")
    assert done.returncode == 0, done.stderr
    assert "pending=0" in done.stdout
    data = config.parent / "var" / "data"
    written = [data, *data.rglob("*"), *(config.parent / "var").glob("data-keys/*")]
    assert len(written) > 2
    assert {path.owner() for path in written} == {nobody.pw_name}, [
        (str(p), p.owner()) for p in written
    ]


def test_root_keeps_its_own_data_directory(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n')
    done = run_kiosk("--config", str(config), "outbox", "status")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data").owner() == "root"


def test_other_commands_are_not_moved(terminal) -> None:
    """`kiosk config check` reads the settings only; it runs as whoever started it."""
    config, _ = terminal
    done = run_kiosk("--config", str(config), "config", "check")
    assert done.returncode == 0, done.stderr
    assert not (config.parent / "var" / "data").exists()


@pytest.fixture
def person() -> Iterator[pwd.struct_passwd]:
    """An account a person logs in to (a shell of her own)."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    name = f"kt{os.getpid() % 100000}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/bash", name], check=True)
    try:
        yield pwd.getpwnam(name)
    finally:
        subprocess.run(["userdel", name], check=False)


def test_a_persons_directory_is_not_followed(person, tmp_path: Path) -> None:
    """Root never becomes a person because her directory holds the data: only a service
    account (the package's "kiosk") is followed."""
    tmp_path.chmod(0o755)
    data = tmp_path / "data"
    data.mkdir()
    os.chown(data, person.pw_uid, person.pw_gid)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndata_dir = "{data}"\n')
    done = run_kiosk("--config", str(config), "outbox", "status")
    assert done.returncode == 0, done.stderr
    assert "acting as" not in done.stderr
    assert {p.owner() for p in data.rglob("*")} == {"root"}


def test_roots_own_directories_are_left_behind(terminal) -> None:
    """Root's XDG directories (runtime, cache, config) are closed to the kiosk's user: after
    the change the process uses the user's own, not root's."""
    config, nobody = terminal
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": "/run/user/0",
        "XDG_CACHE_HOME": "/root/.cache",
        "XDG_CONFIG_HOME": "/root/.config",
        "XDG_DATA_DIRS": "/usr/share",
    }
    code = (
        "import os, sys; from pathlib import Path; from services.runas import act_as_data_owner;"
        f"print(act_as_data_owner(Path({str(config.parent / 'var' / 'data')!r})));"
        "print(sorted(n for n in os.environ if n.startswith('XDG_')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.stdout.splitlines() == [nobody.pw_name, "['XDG_DATA_DIRS']"]
