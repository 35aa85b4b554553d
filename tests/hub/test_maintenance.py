"""Field technicians at the hub: `kioskctl technician code KIOSK` issues a one-time code for
that kiosk only; the kiosk signs the technician in with it once; wrong codes are bounded and
audited; what the technician did, reported by the kiosk, joins the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests

from kiosk.contract import MaintenanceEvent, MaintenanceReport
from kiosk.hubclient import HubClient, HubError, HubSettings
from tests.hub.fixtures import enrol
from tests.hub.test_ctl import kioskctl


def _code(hub, kiosk_id: str) -> str:
    done = kioskctl(hub, "technician", "code", kiosk_id)
    assert done.returncode == 0, done.stderr
    assert "valid once until" in done.stderr
    return done.stdout.strip()


def test_a_hub_code_signs_a_technician_in_once_at_its_kiosk_only(hub, kiosk, other_kiosk):
    code = _code(hub, kiosk.name)
    assert len(code) == 8 and code.isdigit()
    other = HubClient(HubSettings(url=hub.url), other_kiosk.token)
    with pytest.raises(HubError) as refused:
        other.technician_sign_in(code)
    assert "not valid for this kiosk" in str(refused.value)

    client = HubClient(HubSettings(url=hub.url), kiosk.token)
    view = client.technician_sign_in(code)
    assert view.issued_for == kiosk.name and view.session.startswith("m")
    with pytest.raises(HubError):
        client.technician_sign_in(code)  # used once already

    at = datetime.now(UTC)
    client.maintenance_events(
        MaintenanceReport(
            events=[
                MaintenanceEvent(session=view.session, action="test:printer", outcome="ok", at=at),
                MaintenanceEvent(session=view.session, action="sign_out", outcome="ok", at=at),
            ]
        )
    )
    trail = kioskctl(hub, "technician", "events", kiosk.name)
    assert trail.returncode == 0, trail.stderr
    lines = trail.stdout.splitlines()
    assert any(f"{view.session}  sign_in  ok" in line for line in lines)
    assert any(f"{view.session}  test:printer  ok" in line for line in lines)
    assert any("code_issued  ok" in line for line in lines)


def test_wrong_codes_are_bounded_and_audited(hub):
    kiosk = enrol(hub, "wrong")
    client = HubClient(HubSettings(url=hub.url), kiosk.token)
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(HubError) as refused:
            client.technician_sign_in("00000000")
        assert f"{left} tries left" in str(refused.value)
    good = _code(hub, kiosk.name)
    with pytest.raises(HubError) as locked:
        client.technician_sign_in(good)  # even a good code waits out the lock
    assert "locked" in str(locked.value)
    trail = kioskctl(hub, "technician", "events", kiosk.name).stdout
    assert trail.count("sign_in  wrong_code") == 5 and "codes_locked" in trail


def test_a_code_for_an_unknown_kiosk_is_refused(hub):
    done = kioskctl(hub, "technician", "code", "no-such-kiosk")
    assert done.returncode == 1 and "no kiosk no-such-kiosk" in done.stderr


def test_a_diagnostic_bundle_needs_a_session_and_is_bounded_in_size(hub, kiosk):
    import base64

    from kiosk.contract import MAX_DIAGNOSTIC_BYTES, DiagnosticUpload

    client = HubClient(HubSettings(url=hub.url), kiosk.token)
    small = base64.b64encode(b"\x1f\x8b" + b"\0" * 64).decode()
    with pytest.raises(HubError) as refused:
        client.upload_diagnostics(DiagnosticUpload(session="m0000000000000000", data_base64=small))
    assert refused.value.status == 403
    # An offline session counts for its own day only (the hub's day, Asia/Shanghai here).
    from datetime import datetime
    from zoneinfo import ZoneInfo

    today = f"offline-{datetime.now(ZoneInfo('Asia/Shanghai')):%Y%m%d}"
    with pytest.raises(HubError) as stale:
        client.upload_diagnostics(DiagnosticUpload(session="offline-20200101", data_base64=small))
    assert stale.value.status == 403
    view = client.upload_diagnostics(DiagnosticUpload(session=today, data_base64=small))
    assert view.size == 66 and view.kiosk_id == kiosk.name
    big = b"x" * ((MAX_DIAGNOSTIC_BYTES * 4) // 3 + 128 * 1024)
    answer = requests.post(
        f"{hub.url}/v1/maintenance/diagnostics",
        data=big,
        headers={"Authorization": f"Bearer {kiosk.token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 413
    with pytest.raises(ValueError):
        DiagnosticUpload(session="offline-20261205", data_base64=base64.b64encode(b"PK").decode())


def test_a_kiosks_own_report_cannot_stand_in_for_the_hubs_sign_in_or_bundles(hub, admin, kiosk):
    """A kiosk reports its audit trail; what the hub vouches for (a successful sign-in, a
    bundle it stored) is kept apart, so a reported "sign_in ok" opens no upload, and a
    reported bundle neither shows nor breaks the admins' list."""
    import base64
    from datetime import UTC, datetime

    from kiosk.contract import DiagnosticUpload, MaintenanceEvent, MaintenanceReport

    client = HubClient(HubSettings(url=hub.url), kiosk.token)
    at = datetime.now(UTC)
    client.maintenance_events(
        MaintenanceReport(
            events=[
                MaintenanceEvent(session="m-made-up", action="sign_in", outcome="ok", at=at),
                MaintenanceEvent(
                    session="m-made-up", action="diagnostics_upload", outcome="x", at=at
                ),
            ]
        )
    )
    small = base64.b64encode(b"\x1f\x8b" + b"\0" * 64).decode()
    with pytest.raises(HubError) as refused:
        client.upload_diagnostics(DiagnosticUpload(session="m-forged", data_base64=small))
    assert refused.value.status == 403
    listed = admin.get("/admin/diagnostics")
    assert listed.status_code == 200
    assert not [b for b in listed.json() if b["session"] == "m-forged"]
    actions = {e["action"] for e in admin.get("/admin/maintenance-events").json()}
    assert {"kiosk:sign_in", "kiosk:diagnostics_upload"} <= actions


def test_a_technicians_own_card_and_pin_open_maintenance_and_nothing_else(hub, admin, kiosk):
    """A technician is registered as staff with the role technician: their card and PIN
    sign in to maintenance mode (wrong PINs bounded by the staff registry), never to 帮办; a
    helper's card does not open maintenance mode."""
    from kiosk.contract import StaffSignIn
    from tests.hub.test_staff import staff_number

    card, helper_card = staff_number(), staff_number()
    added = kioskctl(
        hub, "staff", "add", "t901", "李工", "运维", "--card", card, "--pin", "9753",
        "--role", "technician",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    r = admin.post(
        "/admin/staff",
        json={
            "staff_id": "h902",
            "name": "王丽华",
            "service_centre": "示例中心",
            "card_number": helper_card,
            "pin": "2468",
        },
    )
    assert r.status_code == 201, r.text
    client = HubClient(HubSettings(url=hub.url), kiosk.token)
    with pytest.raises(HubError) as wrong:
        client.technician_sign_in(card_number=card, pin="1111")
    assert (wrong.value.code, wrong.value.status) == ("wrong_pin", 401)
    assert "4 tries left" in wrong.value.message
    view = client.technician_sign_in(card_number=card, pin="9753")
    assert view.session.startswith("m") and view.issued_for == kiosk.name
    with pytest.raises(HubError) as helper:
        client.technician_sign_in(card_number=helper_card, pin="2468")
    assert (helper.value.code, helper.value.status) == ("not_technician", 403)
    staff_answer = requests.post(
        f"{hub.url}/v1/staff/sign-in",
        json=StaffSignIn(card_number=card, pin="9753").model_dump(mode="json"),
        headers={"Authorization": f"Bearer {kiosk.token}"},
        timeout=10,
    )
    assert staff_answer.status_code == 403 and "not_staff" in staff_answer.text
    trail = kioskctl(hub, "technician", "events", kiosk.name).stdout
    assert f"{view.session}  sign_in  ok_card" in trail
    assert "sign_in  card_wrong_pin" in trail and "sign_in  not_technician" in trail


def _bundle_upload(client: HubClient, tag: bytes):
    import base64
    from zoneinfo import ZoneInfo

    from kiosk.contract import DiagnosticUpload

    today = f"offline-{datetime.now(ZoneInfo('Asia/Shanghai')):%Y%m%d}"
    data = base64.b64encode(b"\x1f\x8b" + tag + b"\0" * 64).decode()
    return client.upload_diagnostics(DiagnosticUpload(session=today, data_base64=data))


def test_diagnostic_bundles_are_kept_for_their_days_and_count_then_deleted(tmp_path):
    """Per kiosk, the newest `diagnostic_bundles_per_kiosk` within `diagnostic_bundle_days`:
    an older one goes at the next upload, blob and all, and the audit trail says so."""
    from datetime import timedelta

    from sqlalchemy import create_engine, update

    from central.blobs import FileBlobs
    from central.process import HubProcess
    from central.tables import MaintenanceEvent as Row

    hub = HubProcess(
        tmp_path / "hub",
        settings={"diagnostic_bundles_per_kiosk": 2, "diagnostic_bundle_days": 30},
    ).start()
    try:
        blobs = FileBlobs(hub.blob_dir)
        counted = enrol(hub, "counted")
        client = HubClient(HubSettings(url=hub.url), counted.token)
        first, second, third = (_bundle_upload(client, bytes([i])) for i in range(3))
        listed = kioskctl(hub, "technician", "bundles", counted.name).stdout
        assert first.bundle_id not in listed
        assert second.bundle_id in listed and third.bundle_id in listed
        assert not blobs.path(first.bundle_id).exists()
        assert blobs.path(third.bundle_id).exists()
        gone = kioskctl(hub, "technician", "bundle", first.bundle_id, "-o", str(tmp_path / "x"))
        assert gone.returncode == 1 and "HTTP 404" in gone.stderr
        trail = kioskctl(hub, "technician", "events", counted.name).stdout
        assert f"diagnostics_expired  {first.bundle_id}" in trail
        assert f"diagnostics_upload  {first.bundle_id}" in trail  # who sent it stays

        # Another kiosk's bundle past its days goes at that kiosk's next upload.
        aged = enrol(hub, "aged")
        other = HubClient(HubSettings(url=hub.url), aged.token)
        old = _bundle_upload(other, b"old")
        engine = create_engine(hub.database_url)
        with engine.begin() as db:
            db.execute(
                update(Row)
                .where(Row.outcome == old.bundle_id)
                .values(at=datetime.now(UTC) - timedelta(days=31))
            )
        engine.dispose()
        new = _bundle_upload(other, b"new")
        listed = kioskctl(hub, "technician", "bundles", aged.name).stdout
        assert old.bundle_id not in listed and new.bundle_id in listed
        assert not blobs.path(old.bundle_id).exists()
        # The first kiosk's were left alone.
        assert third.bundle_id in kioskctl(hub, "technician", "bundles", counted.name).stdout
    finally:
        hub.stop()


def test_the_hubs_periodic_job_expires_every_kiosks_old_bundles(tmp_path):
    """The hourly job (central.app) for kiosks that send nothing more: all kiosks at once."""
    from datetime import timedelta

    from central.hub import Hub
    from central.maintenance import bundles, expire_bundles
    from central.settings import Settings
    from central.tables import MaintenanceEvent as Row

    hub = Hub(Settings(data_dir=tmp_path / "hub", key_file=tmp_path / "keys" / "hub.keys"))
    hub.start()
    try:
        now = datetime.now(UTC)
        ids = {}
        with hub.db.write() as session:
            for kiosk_id, days in (("k1", 40), ("k1", 1), ("k2", 31), ("k3", 29)):
                bundle_id = f"diag-{len(ids):016x}-66"
                ids[bundle_id] = kiosk_id
                hub.documents.put(bundle_id, b"\x1f\x8b")
                session.add(
                    Row(
                        kiosk_id=kiosk_id,
                        session="m1",
                        action="diagnostics_upload",
                        outcome=bundle_id,
                        at=now - timedelta(days=days),
                    )
                )
        gone = expire_bundles(hub)
        assert sorted(gone) == ["diag-0000000000000000-66", "diag-0000000000000002-66"]
        assert [b.bundle_id for b in bundles(hub)] == [
            "diag-0000000000000001-66",
            "diag-0000000000000003-66",
        ]
        assert not hub.documents.store.path("diag-0000000000000000-66").exists()
        assert expire_bundles(hub) == []  # once expired, not again
    finally:
        hub.stop()
