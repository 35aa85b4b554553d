"""Hub settings: defaults, a TOML file, the environment and the command line, in that order;
mistakes end the hub's start in plain words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from central.settings import Settings, load_settings
from kiosk.tomlfile import FileProblem
from tests.conftest import ROOT


def test_defaults_are_loopback_sqlite_and_no_sandbox(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    settings = load_settings()
    assert settings.host == "127.0.0.1"
    assert settings.db_url() == f"sqlite:///{tmp_path / 'yijianshi-hub' / 'hub.db'}"
    assert not settings.sandbox and settings.auto_handle_delay_seconds is None


def test_file_then_environment_then_flags(tmp_path, monkeypatch):
    config = tmp_path / "hub.toml"
    config.write_text('data_dir = "data"\nport = 9000\nsandbox = true\n', "utf-8")
    monkeypatch.setenv("KIOSK_HUB_PORT", "9001")
    settings = load_settings(config, port=None, auto_handle_delay_seconds=2.5)
    assert settings.data_dir == tmp_path / "data"  # relative to the file
    assert settings.port == 9001
    assert settings.auto_handle_delay_seconds == 2.5
    assert load_settings(config, port=9002).port == 9002


def test_mistakes_are_named(tmp_path, monkeypatch):
    config = tmp_path / "hub.toml"
    config.write_text("prot = 1\n", "utf-8")
    with pytest.raises(FileProblem, match="prot: is not a known setting"):
        load_settings(config)
    monkeypatch.setenv("KIOSK_HUB_PORT", "soon")
    with pytest.raises(FileProblem, match="port: must be a whole number, not 'soon'"):
        load_settings()
    monkeypatch.delenv("KIOSK_HUB_PORT")
    with pytest.raises(FileProblem, match="runs only with sandbox = true"):
        load_settings(auto_handle_delay_seconds=1.0)


def test_the_token_lifetime_is_hours_above_zero(tmp_path, monkeypatch):
    assert load_settings().token_lifetime_hours == 720.0  # 30 days
    config = tmp_path / "hub.toml"
    config.write_text("token_lifetime_hours = 48\n", "utf-8")
    assert load_settings(config).token_lifetime_hours == 48.0
    for wrong in ("0", "-1", "soon", "inf"):
        monkeypatch.setenv("KIOSK_HUB_TOKEN_LIFETIME_HOURS", wrong)
        with pytest.raises(FileProblem, match="token_lifetime_hours: must be a number of hours"):
            load_settings()


def test_an_admin_token_is_made_once_and_kept(tmp_path):
    settings = Settings(data_dir=tmp_path).with_admin_token()
    assert len(settings.admin_token) > 30
    assert (tmp_path / "admin.token").stat().st_mode & 0o077 == 0
    assert Settings(data_dir=tmp_path).with_admin_token().admin_token == settings.admin_token


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--db", "mysql://hub@localhost/hub"], "SQLite or PostgreSQL, not mysql"),
        (["--auto-handle", "5"], "runs only with sandbox = true"),
        (["--holidays", "/nonexistent/holidays.toml"], "holiday calendar not found"),
    ],
)
def test_the_hub_refuses_to_start_on_a_mistake(tmp_path: Path, args, expected):
    result = subprocess.run(
        [sys.executable, "-m", "central.cli", "serve", "--data-dir", str(tmp_path), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("kiosk-hub: cannot start:")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
