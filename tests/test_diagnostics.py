"""导出诊断包: the bundle holds versions, scrubbed configuration, the checks and counts, and no
resident's ID number, name or image — the test opens the archive and searches every file."""

from __future__ import annotations

import tarfile

from drivers.camera import scenes
from drivers.idreader.samples import sample
from kiosk.config import load_config
from kiosk.hubclient import HubSettings
from services.desk import Desk
from services.maintenance import Maintenance
from tests.test_services_journey import _application
from ui.cli import main


def test_the_bundle_has_what_a_technician_needs_and_no_personal_data(tmp_path, capsys):
    data = tmp_path / "data"
    override = tmp_path / "kiosk.toml"
    override.write_text(
        f'[kiosk]\nid = "kiosk-diag"\ndata_dir = "{data}"\n'
        '[hub]\nurl = "http://127.0.0.1:9"\nclient_key = "/etc/kiosk/secret-client.key"\n'
        f'[camera]\nsource = "{tmp_path / "gone.png"}"\n'
    )
    # A resident's application waits in the outbox, their photo lies in the data directory.
    resident = sample(1)
    desk = Desk(data, HubSettings(url="http://127.0.0.1:9"), "", "kiosk-diag", "01")
    desk.submit(_application(), "self-service", "session-1")
    scenes.write_image(scenes.draw("portrait"), data / "photo.png")

    config = load_config(override)
    m = Maintenance(config)
    m.session = "offline-20261205"
    exported = m.export(tmp_path / "usb", checks=None)
    assert exported.problem == "unreachable" and not exported.bundle_id  # no hub here
    bundle = exported.path
    assert (
        main(["--config", str(override), "doctor", "camera", "--bundle", str(tmp_path / "b")]) == 1
    )
    assert "diagnostic bundle: " in capsys.readouterr().out

    for archive in (bundle, *sorted((tmp_path / "b").glob("*.tar.gz"))):
        with tarfile.open(archive) as tar:
            members = {m.name.split("/", 1)[1]: tar.extractfile(m).read() for m in tar.getmembers()}
        assert {"versions.json", "config.json", "checks.txt", "queues.json"} <= set(members)
        everything = b"".join(members.values())
        for secret in (resident.id_number, resident.name, "陈志远", "文三路", "secret-client"):
            assert secret.encode() not in everything, secret
        assert b"\x89PNG" not in everything and b"\xff\xd8\xff" not in everything
    assert b'"pending": 1' in members["queues.json"]
    assert b"(removed)" in members["config.json"]
    assert b"fail  camera" in members["checks.txt"]
    trail = [(e.action, e.outcome) for e in m.pending()]
    assert trail == [("export", "ok"), ("upload", "failed")]


def test_the_kiosk_log_is_kept_by_day_and_goes_into_the_bundle(tmp_path):
    import logging

    from kiosk.logsafe import NoExceptionMessages
    from services.diagnostics import export, start_file_log

    override = tmp_path / "kiosk.toml"
    override.write_text(f'[kiosk]\nid = "kiosk-log"\ndata_dir = "{tmp_path / "data"}"\n')
    config = load_config(override)
    root = logging.getLogger()
    level = root.level
    path = start_file_log(config)
    handler = root.handlers[-1]
    try:
        logging.getLogger("kiosk.test").info("printer status: paper_out")
        number, name = "1101011990" + "03070011", "林" + "晓燕"  # not in the source lines
        try:
            raise ValueError(f"{number} {name}")
        except ValueError:
            logging.getLogger("kiosk.test").exception("could not save the form")
        handler.flush()
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(level)
    assert any(isinstance(f, NoExceptionMessages) for f in handler.filters)
    text = path.read_text()
    assert "printer status: paper_out" in text and "could not save the form" in text
    assert "110101199003070011" not in text and "林晓燕" not in text
    with tarfile.open(export(config, tmp_path / "usb", checks=[])) as tar:
        names = [m.name.split("/", 1)[1] for m in tar.getmembers()]
    assert "logs/kiosk.log" in names


def test_the_bundle_holds_the_devices_recent_status_changes(tmp_path):
    """A fault and its end are in the kiosk's log (a device's everyday busy and ready are
    not); the bundle gathers them, oldest first, from every day's log."""
    import logging

    from kiosk.devices import DeviceStatus
    from services.diagnostics import export, start_file_log
    from tests.test_device_base import Toy

    override = tmp_path / "kiosk.toml"
    override.write_text(f'[kiosk]\nid = "kiosk-history"\ndata_dir = "{tmp_path / "data"}"\n')
    config = load_config(override)
    logs = config.data_dir() / "logs"
    logs.mkdir(parents=True)
    (logs / "kiosk.log.2026-12-04").write_text(
        "2026-12-04 09:00:00,000 WARNING drivers.device: printer: error: paper out\n"
        "2026-12-04 09:00:01,000 INFO kiosk.journey: something else\n"
    )
    root = logging.getLogger()
    level = root.level
    start_file_log(config)
    handler = root.handlers[-1]
    try:
        toy = Toy()
        toy._set_status(DeviceStatus.READY, "open")  # the first word: not a change to keep
        toy._set_status(DeviceStatus.OFFLINE, "cable pulled")
        toy._set_status(DeviceStatus.READY, "open")  # the fault's end
        toy._set_status(DeviceStatus.BUSY, "working")  # everyday
        toy._set_status(DeviceStatus.READY, "open")
        handler.flush()
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(level)
    with tarfile.open(export(config, tmp_path / "usb", checks=[])) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/device-history.txt"))
        history = tar.extractfile(member).read().decode().splitlines()
    assert [line.split(" drivers.device: ")[1] for line in history] == [
        "printer: error: paper out",
        "toy: offline: cable pulled",
        "toy: ready: open",
    ]
