"""Every result `kiosk doctor` can give has a code the screens word (services.doctor.WORDS):
`--json` never says "code": "" and an English screen never shows the Chinese it could not
look up. Every check is walked in its skip path (nothing configured) and its fail path
(everything configured, nothing there)."""

from __future__ import annotations

import os

from central.process import free_port
from kiosk.config import load_config
from services import doctor
from services.doctor import WORDS, Verdict


def _config(tmp_path, body: str):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\nid = "kiosk-codes"\ndata_dir = "{tmp_path / "data"}"\n{body}')
    return load_config(path)


def _assert_coded(checks: list[doctor.Check]) -> None:
    assert [c.name for c in checks] == list(doctor.NAMES)
    for c in checks:
        assert c.code in WORDS, (c.name, c.code, c.words)
        assert c.words == WORDS[c.code], (c.name, c.code, c.words)
        assert c.code.split(".")[0] in (c.name, "error", "not_configured", "busy"), c


def test_every_check_not_configured_has_a_code(tmp_path):
    config = _config(
        tmp_path,
        f'[hub]\nurl = "http://127.0.0.1:{free_port()}"\n'
        "[printer]\nenabled = false\n[camera]\nenabled = false\n"
        "[document_camera]\nenabled = false\n"
        '[devices]\npcsc = false\nidreader = false\n[ui]\nvoice = ""\n',
    )
    checks = doctor.run_checks(config)
    _assert_coded(checks)
    skipped = {c.name: c.code for c in checks if c.verdict is Verdict.SKIP}
    assert skipped["document_camera"] == "document_camera.none"
    assert skipped["camera"] == "camera.none"


def test_every_check_with_its_device_missing_has_a_code(tmp_path):
    controller, peer = os.openpty()  # serial ports where nothing answers
    try:
        silent = os.ttyname(peer)
        config = _config(
            tmp_path,
            f'[hub]\nurl = "http://127.0.0.1:{free_port()}"\n'
            f"[printer]\nport = {free_port()}\nstatus_timeout_seconds = 0.5\n"
            f'[camera]\nsource = "{tmp_path / "no-camera.png"}"\n'
            f'[document_camera]\nenabled = true\nsource = "{tmp_path / "no-desk.png"}"\n'
            f'[fleet]\nroot = "{tmp_path / "no-root.json"}"\n'
            f'[devices]\npcsc = false\nidreader_port = "{tmp_path / "ttyNone"}"\n'
            f'fingerprint_port = "{silent}"\n[ui]\nvoice = "mock"\n',
        )
        checks = doctor.run_checks(config)
    finally:
        os.close(controller)
        os.close(peer)
    _assert_coded(checks)
    failed = {c.name: c.code for c in checks if c.verdict is Verdict.FAIL}
    assert failed["document_camera"] == "document_camera.cannot_open"
    assert failed["fingerprint"] == "fingerprint.silent"
    assert failed["idreader"] == "idreader.fail"
