"""Every result `kiosk doctor` can give has a code the screens word (services.doctor.WORDS):
`--json` never says "code": "" and an English screen never shows the Chinese it could not
look up. Every check is walked in its skip path (nothing configured) and its fail path
(everything configured, nothing there)."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

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


# -- the report a technician reads in a hurry ----------------------------------------------------


def _checks() -> list[doctor.Check]:
    hub_detail = "; ".join(f"fact number {i} about the hub and its certificate" for i in range(8))
    return [
        doctor.Check.of("printer", Verdict.FAIL, "printer.paper_out", "paper out; 58 mm"),
        doctor.Check.of("card", Verdict.FAIL, "card.no_reader", "pcscd running"),
        doctor.Check.of("document_camera", Verdict.OK, "document_camera.ok", "1920x1080"),
        doctor.Check.of("hub", Verdict.WARN, "hub.sync_stale", hub_detail),
        doctor.Check.of("fleet", Verdict.SKIP, "fleet.none", "no [fleet] root"),
    ]


def test_the_report_wraps_at_the_terminal_and_ends_with_a_summary():
    lines = doctor.report_text(_checks(), width=80).splitlines()
    assert all(doctor._columns(line) <= 80 for line in lines), lines
    # Every name fits its column: the words start in one column on every check's line.
    firsts = [line for line in lines if not line.startswith(" ")][:-1]  # not the summary
    assert len(firsts) == len(_checks())
    starts = [line.index(c.words) for c, line in zip(_checks(), firsts, strict=True)]
    assert len(set(starts)) == 1 and lines[2].startswith("ok    document_camera 高拍仪正常")
    hub = [line for line in lines if line.startswith(("warn  hub", " "))]
    assert len(hub) >= 4 and all(line.startswith(" " * starts[0]) for line in hub[1:])
    assert lines[-1] == "2 failed: printer, card; 1 warning: hub"


def test_piped_a_report_has_one_line_per_check_and_json_is_as_before():
    import json

    lines = doctor.report_text(_checks()).splitlines()
    assert len(lines) == len(_checks()) + 1 and lines[0].startswith("fail  printer         ")
    assert doctor.summary(_checks()[2:3]) == "all well: 1 ok"
    assert doctor.summary(_checks()[2:]) == "1 warning: hub"
    report = json.loads(doctor.report_json(_checks()))
    assert set(report["checks"][0]) == {"name", "verdict", "words", "detail", "seconds", "code"}


@given(
    st.text(alphabet=st.sampled_from("ab 检查;[]0.s"), max_size=300),
    st.integers(min_value=1, max_value=120),
)
def test_wrapping_keeps_every_character_and_the_width(text, width):
    lines = doctor._wrap(text, width, width)
    room = max(width, 10)
    assert all(doctor._columns(line) <= room for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
