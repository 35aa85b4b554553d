"""Configuration: defaults, overrides, and one plain message per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.tomlfile import FileProblem
from tests.conftest import run_kiosk


def _override(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    return path


def test_embedded_defaults_load():
    config = load_config()
    assert config.ui.language == "zh_CN"
    assert config.idle.warning_seconds == 15
    assert config.idle.elderly_timeout_seconds > config.idle.timeout_seconds


def test_override_changes_only_what_it_names(tmp_path):
    config = load_config(_override(tmp_path, "[idle]\ntimeout_seconds = 120\n"))
    assert config.idle.timeout_seconds == 120
    assert config.idle.warning_seconds == 15
    assert config.kiosk.id == "sandbox-0001"


def test_override_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_CONFIG", str(_override(tmp_path, '[ui]\nlanguage = "en"\n')))
    assert load_config().ui.language == "en"


def test_the_system_file_unless_kiosk_config_is_set_empty(tmp_path, monkeypatch):
    """The package's /etc/yijianshi-kiosk/kiosk.toml is in force where it exists; an empty
    KIOSK_CONFIG asks for the defaults alone (the tests, on a machine with a kiosk installed)."""
    import kiosk.config

    system = _override(tmp_path, '[ui]\nlanguage = "en"\n')
    monkeypatch.setattr(kiosk.config, "SYSTEM_OVERRIDE", system)
    monkeypatch.delenv("KIOSK_CONFIG")
    assert load_config().ui.language == "en"
    monkeypatch.setenv("KIOSK_CONFIG", "")
    assert load_config().ui.language == "zh_CN"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[idle]\ntimeout_seconds = "abc"\n',
            "idle.timeout_seconds: must be a whole number, not 'abc'",
        ),
        ("[idle]\ntimeout_secs = 30\n", "idle.timeout_secs: is not a known setting"),
        ('[ui]\nlanguage = "fr"\n', "ui.language: input should be 'zh_CN' or 'en'"),
        ("[ui]\nelderly_mode = 3\n", "ui.elderly_mode: must be true or false"),
        ("[idle]\nwarning_seconds = 100\n", "warning_seconds must be shorter than timeout_seconds"),
        ('[kiosk]\nid = "has spaces"\n', "kiosk.id:"),
        ("[idle\n", "not valid TOML"),
        ("[devices]\nfingerprint_baud = 56000\n", "devices.fingerprint_baud: 56000 is not a rate"),
    ],
)
def test_each_mistake_gets_one_plain_line_naming_the_key(tmp_path, text, message):
    path = _override(tmp_path, text)
    with pytest.raises(FileProblem) as e:
        load_config(path)
    assert message in str(e.value)
    assert str(path) in str(e.value)


def test_missing_override_file_is_named(tmp_path):
    with pytest.raises(FileProblem, match="file not found"):
        load_config(tmp_path / "nope.toml")


def test_kiosk_refuses_to_start_on_a_bad_file_without_a_traceback(tmp_path):
    path = _override(tmp_path, '[idle]\ntimeout_seconds = "soon"\n')
    result = run_kiosk("--config", str(path), "run")
    assert result.returncode == 2
    assert "idle.timeout_seconds: must be a whole number, not 'soon'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_time_zone_is_refused_in_plain_words(tmp_path):
    from kiosk.config import load_config
    from kiosk.tomlfile import FileProblem

    bad = tmp_path / "kiosk.toml"
    bad.write_text('[kiosk]\ntimezone = "Mars/Olympus"\n', "utf-8")
    with pytest.raises(FileProblem) as problem:
        load_config(bad)
    assert "kiosk.timezone" in str(problem.value) and "Mars/Olympus" in str(problem.value)
    assert load_config().kiosk.now().utcoffset().total_seconds() == 8 * 3600


def test_the_kept_fleet_configuration_is_in_force_at_start_and_stays_off_local_settings(
    tmp_path, caplog
):
    """A restart keeps the last pushed configuration; the technician's calibration and the
    kiosk's own wiring are not the push's to change; a kept bundle that no longer checks out
    is not used, and the log says so."""
    from kiosk.fleet import Bundle

    data = tmp_path / "data"
    (data / "fleet").mkdir(parents=True)
    (data / "calibration.toml").write_text("[camera]\nrotation = 90\n", "utf-8")
    root = tmp_path / "root.json"  # fleet configuration on (its root need not be read here)
    root.write_text("{}", "utf-8")
    override = _override(
        tmp_path,
        f'[kiosk]\ndata_dir = "{data}"\n[idle]\ntimeout_seconds = 100\n[fleet]\nroot = "{root}"\n',
    )
    kept = data / "fleet" / "current.json"
    kept.write_bytes(Bundle(5, "all", {"idle": {"timeout_seconds": 45}}).to_bytes())
    config = load_config(override)
    assert config.idle.timeout_seconds == 45 and config.camera.rotation == 90
    kept.write_bytes(Bundle(6, "all", {"camera": {"rotation": 0}}).to_bytes())
    config = load_config(override)
    assert config.idle.timeout_seconds == 100 and config.camera.rotation == 90
    assert "fleet configuration is not used" in caplog.text
    # Fleet configuration switched off: a push kept from before is not used.
    kept.write_bytes(Bundle(7, "all", {"idle": {"timeout_seconds": 45}}).to_bytes())
    off = _override(tmp_path, f'[kiosk]\ndata_dir = "{data}"\n[idle]\ntimeout_seconds = 100\n')
    assert load_config(off).idle.timeout_seconds == 100


def test_a_sensor_rate_the_probe_skips_still_loads(tmp_path):
    """A file (or a calibration) from before the rates were held to the probed ones: the
    kiosk starts and opens the sensor at that rate; only setting it anew is refused
    (drivers.fingerprint.driver.configure)."""
    path = _override(tmp_path, "[devices]\nfingerprint_baud = 76800\n")
    assert load_config(path).devices.fingerprint_baud == 76800
