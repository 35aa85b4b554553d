"""A `kiosk` command run by root on a terminal acts as the data directory's owner: what it
writes there (the store, the seal key) stays readable by the kiosk, which runs as its own user.
Run as root only (the test machine's CI is root); the owner is the system's "nobody"."""

from __future__ import annotations

import os
import pwd
import shutil
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
