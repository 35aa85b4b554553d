"""The credential life cycle over real HTTP: revocation and rotation that hold at once in
every hub process on one database, tokens that expire and are renewed (by the kiosk's own
client without anyone's help), and enrolment codes that an admin re-issues."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
import requests
from sqlalchemy import text

from central.auth import identify, token_hash
from central.db import Database
from central.errors import ApiError
from central.process import HubProcess
from kiosk.contract import Heartbeat
from kiosk.hubclient import HubClient, HubError, HubSettings
from kiosk.hubtoken import HubToken
from tests.hub.data import error_of
from tests.hub.fixtures import BACKENDS, Caller

BEAT = {"app_version": "0.1.0", "outbox_pending": 0}
SHORT_LIFETIME = 4.0  # seconds: the short-lived hub's tokens


def _db_url(request: pytest.FixtureRequest, data_dir) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres").create_database(f"cred_{uuid4().hex[:12]}")
    return f"sqlite:///{data_dir / 'hub.db'}"


@pytest.fixture(scope="module", params=BACKENDS)
def two_hubs(request, tmp_path_factory) -> Iterator[tuple[HubProcess, HubProcess]]:
    """Two hub processes on one database, as behind a load balancer."""
    first_dir = tmp_path_factory.mktemp(f"first-{request.param}")
    db_url = _db_url(request, first_dir)
    first = HubProcess(first_dir, db_url=db_url).start()
    second_dir = tmp_path_factory.mktemp(f"second-{request.param}")
    try:
        second = first.peer(second_dir).start()
    except Exception:
        first.stop()
        raise
    yield first, second
    second.stop()
    first.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def short_hub(request, tmp_path_factory) -> Iterator[HubProcess]:
    """A hub whose tokens last SHORT_LIFETIME seconds."""
    data_dir = tmp_path_factory.mktemp(f"short-{request.param}")
    hours = str(SHORT_LIFETIME / 3600)
    running = HubProcess(
        data_dir,
        db_url=_db_url(request, data_dir),
        settings={"token_lifetime_hours": hours},
    ).start()
    yield running
    running.stop()


def _admin(hub: HubProcess) -> Caller:
    return Caller(hub.url, hub.admin_token, "admin")


def _enrolled(hub: HubProcess, kiosk_id: str) -> tuple[Caller, dict]:
    code = _admin(hub).post("/admin/kiosks", json={"kiosk_id": kiosk_id, "name": kiosk_id})
    assert code.status_code == 201, code.text
    reply = requests.post(
        f"{hub.url}/v1/kiosks/enrol",
        json={"kiosk_id": kiosk_id, "enrolment_code": code.json()["enrolment_code"]},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    return Caller(hub.url, reply.json()["token"], kiosk_id), reply.json()


def _as(where: HubProcess | str, token: str) -> Caller:
    return Caller(where if isinstance(where, str) else where.url, token)


def _refused(call) -> requests.Response:
    """The first answer of `call()`, tried again and again, that is a 401."""
    answers: list[requests.Response] = []
    _until(lambda: answers.append(call()) or answers[-1].status_code == 401, what="a 401")
    return answers[-1]


def _until(condition, timeout: float = 30.0, what: str = "the condition"):
    """Wait for `condition()` to be truthy (each try is a real request), and return it."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
    return result


# -- revocation and rotation, at once in every hub process -----------------------------------


def test_a_kiosk_revoked_through_one_hub_is_refused_by_the_other_at_once(two_hubs):
    first, second = two_hubs
    kiosk, _ = _enrolled(first, f"two-{uuid4().hex[:8]}")
    at_second = _as(second, kiosk.token)
    # The second process has seen the token work, twice: what it might remember.
    assert at_second.post("/kiosks/heartbeat", json=BEAT).status_code == 204
    assert at_second.post("/kiosks/heartbeat", json=BEAT).status_code == 204

    revoked = _admin(first).post(f"/admin/kiosks/{kiosk.name}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]

    # The very next request, in the other process, is refused, and says why.
    status, code, message = error_of(at_second.post("/kiosks/heartbeat", json=BEAT))
    assert (status, code) == (401, "credential_revoked") and "revoked" in message
    assert error_of(kiosk.get("/catalog"))[:2] == (401, "credential_revoked")
    kiosks = _admin(second).get("/admin/kiosks").json()
    [listed] = [k for k in kiosks if k["kiosk_id"] == kiosk.name]
    assert listed["revoked_at"]


def test_department_and_admin_credentials_rotated_or_revoked_in_one_hub_stop_in_the_other(
    two_hubs,
):
    first, second = two_hubs
    issued = _admin(second).post("/admin/departments/police/credentials").json()
    old = _as(first, issued["token"])
    assert old.get("/department/tasks").status_code == 200

    rotated = _admin(second).post(f"/admin/departments/credentials/{issued['id']}/rotate")
    assert rotated.status_code == 200 and rotated.json()["unit"] == "police"
    assert error_of(old.get("/department/tasks"))[:2] == (401, "unauthorized")
    new = _as(first, rotated.json()["token"])
    assert new.get("/department/tasks").status_code == 200

    assert _admin(first).post(f"/admin/departments/credentials/{issued['id']}/revoke").ok
    assert error_of(_as(second, new.token).get("/department/tasks"))[:2] == (
        401,
        "credential_revoked",
    )
    [row] = [
        c
        for c in _admin(first).get("/admin/departments/credentials").json()
        if c["id"] == issued["id"]
    ]
    assert row["revoked_at"] and "token" not in row
    again = _admin(first).post(f"/admin/departments/credentials/{issued['id']}/rotate")
    assert error_of(again)[:2] == (409, "credential_revoked")

    named = _admin(first).post("/admin/admins", json={"name": "王科长"})
    assert named.status_code == 201 and named.json()["token"].startswith("ya_")
    admin_id, admin_token = named.json()["id"], named.json()["token"]
    assert _as(second, admin_token).get("/admin/kiosks").status_code == 200
    rotated_admin = _as(second, admin_token).post(f"/admin/admins/{admin_id}/rotate")
    assert rotated_admin.status_code == 200
    assert error_of(_as(first, admin_token).get("/admin/kiosks"))[0] == 401
    newer = rotated_admin.json()["token"]
    assert _as(first, newer).get("/admin/kiosks").status_code == 200
    assert _admin(second).post(f"/admin/admins/{admin_id}/revoke").ok
    assert error_of(_as(first, newer).get("/admin/kiosks"))[:2] == (401, "credential_revoked")
    assert error_of(_as(first, newer).post("/credentials/renew"))[:2] == (
        401,
        "credential_revoked",
    )


def test_unknown_credentials_are_404_to_the_admin(admin):
    for path in (
        "/admin/kiosks/nobody/revoke",
        "/admin/kiosks/nobody/enrolment",
        "/admin/departments/credentials/999999/revoke",
        "/admin/departments/credentials/999999/rotate",
        "/admin/admins/999999/revoke",
        "/admin/admins/999999/rotate",
    ):
        assert error_of(admin.post(path))[0] == 404, path


def test_only_the_admin_revokes_or_rotates(kiosk, department):
    police = department("police")
    for caller in (kiosk, police):
        for path in (f"/admin/kiosks/{kiosk.name}/revoke", "/admin/admins/1/rotate"):
            assert error_of(caller.post(path))[:2] == (403, "forbidden")
    assert kiosk.post("/kiosks/heartbeat", json=BEAT).status_code == 204


def test_the_settings_admin_token_is_retired_in_every_process_once_a_named_admin_exists(
    tmp_path,
):
    first = HubProcess(tmp_path / "a").start()
    second = first.peer(tmp_path / "b")
    try:
        second.start()
        settings = _admin(first)
        lonely = settings.post("/admin/admins/settings-token/revoke")
        assert error_of(lonely)[:2] == (409, "last_admin")
        named = settings.post("/admin/admins", json={"name": "值班管理员"}).json()["token"]
        assert _admin(second).get("/admin/kiosks").status_code == 200
        assert settings.post("/admin/admins/settings-token/revoke").status_code == 200
        status, code, message = error_of(_admin(second).get("/admin/kiosks"))
        assert (status, code) == (401, "credential_revoked") and "settings" in message
        assert _as(second, named).get("/admin/kiosks").status_code == 200
        assert _as(first, named).post("/credentials/renew").status_code == 200
    finally:
        second.stop()
        first.stop()


# -- renewal and expiry ----------------------------------------------------------------------


def test_a_renewed_token_replaces_the_old_one_which_lasts_only_the_overlap(hub, hub_db):
    kiosk, enrolled = _enrolled(hub, f"renew-{uuid4().hex[:8]}")
    assert enrolled["expires_in"] == 720 * 3600  # the default: 30 days
    renewed = kiosk.post("/credentials/renew")
    assert renewed.status_code == 200, renewed.text
    body = renewed.json()
    assert body["token"].startswith("yk_") and body["token"] != kiosk.token
    assert body["expires_at"] >= enrolled["expires_at"]
    new = _as(hub, body["token"])
    assert new.post("/kiosks/heartbeat", json=BEAT).status_code == 204
    # The old one still works for a few minutes: its renewal's answer might have been lost.
    assert kiosk.post("/kiosks/heartbeat", json=BEAT).status_code == 204
    with hub_db.connect() as db:
        [(until,)] = db.execute(
            text("SELECT valid_until FROM renewed_tokens WHERE owner = :o"), {"o": kiosk.name}
        ).all()
    assert until is not None

    # As if that answer had been lost: renewing again with the old token drops the unseen one.
    again = kiosk.post("/credentials/renew")
    assert again.status_code == 200
    assert error_of(new.post("/kiosks/heartbeat", json=BEAT))[:2] == (401, "unauthorized")
    newest = _as(hub, again.json()["token"])
    assert newest.post("/kiosks/heartbeat", json=BEAT).status_code == 204

    # Revocation stops the overlap too.
    assert _admin(hub).post(f"/admin/kiosks/{kiosk.name}/revoke").ok
    for token in (kiosk, newest):
        assert error_of(token.post("/kiosks/heartbeat", json=BEAT))[:2] == (
            401,
            "credential_revoked",
        )


def test_departments_renew_and_the_settings_admin_token_does_not(admin, department):
    police = department("police")
    renewed = police.post("/credentials/renew")
    assert renewed.status_code == 200 and renewed.json()["token"].startswith("yd_")
    assert _as(police.url, renewed.json()["token"]).get("/department/tasks").status_code == 200
    assert error_of(admin.post("/credentials/renew"))[:2] == (409, "not_renewable")
    no_one = requests.post(f"{admin.url}/v1/credentials/renew", timeout=10)
    assert error_of(no_one)[:2] == (401, "unauthorized")


def test_an_expired_token_is_refused_in_plain_words_and_cannot_be_renewed(short_hub):
    kiosk, enrolled = _enrolled(short_hub, f"expire-{uuid4().hex[:8]}")
    assert enrolled["expires_in"] == int(SHORT_LIFETIME)
    refused = _refused(lambda: kiosk.post("/kiosks/heartbeat", json=BEAT))
    status, code, message = error_of(refused)
    assert (status, code) == (401, "token_expired")
    assert "expired" in message and "enrol the kiosk again" in message
    assert error_of(kiosk.post("/credentials/renew"))[:2] == (401, "token_expired")
    # The admin re-issues its enrolment code: the kiosk is back.
    code = _admin(short_hub).post(f"/admin/kiosks/{kiosk.name}/enrolment").json()
    back = requests.post(
        f"{short_hub.url}/v1/kiosks/enrol",
        json={"kiosk_id": kiosk.name, "enrolment_code": code["enrolment_code"]},
        timeout=10,
    )
    assert back.status_code == 200
    assert _as(short_hub.url, back.json()["token"]).get("/catalog").status_code == 200


def test_a_token_replaced_by_renewal_stops_at_its_own_expiry(short_hub):
    kiosk, _ = _enrolled(short_hub, f"overlap-{uuid4().hex[:8]}")
    renewed = kiosk.post("/credentials/renew").json()
    assert _as(short_hub, renewed["token"]).get("/catalog").status_code == 200
    refused = _refused(lambda: kiosk.get("/catalog"))
    assert error_of(refused)[:2] == (401, "token_expired")
    assert "replaced by a renewed one" in error_of(refused)[2]


def test_the_kiosk_renews_its_token_by_itself_and_never_sees_a_refusal(short_hub, tmp_path):
    """The kiosk's own client, as the sync worker and the desk use it: heartbeats for more
    than twice the token's lifetime, with the hub refusing expired tokens all along."""
    kiosk_id = f"self-{uuid4().hex[:8]}"
    code = _admin(short_hub).post("/admin/kiosks", json={"kiosk_id": kiosk_id, "name": "x"})
    reply = HubClient(HubSettings(short_hub.url)).enrol(kiosk_id, code.json()["enrolment_code"])
    path = tmp_path / "kiosk" / "hub.token"
    HubToken(path).save(reply.token, reply.expires_in)  # as `kiosk enrol` does

    token = HubToken(path)
    client = HubClient(HubSettings(short_hub.url, read_timeout=5), token)
    beat = Heartbeat(app_version="0.1.0", outbox_pending=0)
    first_token, started = token.token(), time.monotonic()
    _until(
        lambda: (
            client.heartbeat(beat) is None
            and token.renewals >= 3
            and time.monotonic() - started > 2 * SHORT_LIFETIME
        ),
        timeout=60,
        what="three renewals",
    )
    assert token.token() != first_token
    assert HubToken(path).token() == token.token()  # kept on disk, for the next start
    for written in (path, token.expiry_path):
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    # The first token is long gone at the hub.
    stale = _as(short_hub, first_token).post("/kiosks/heartbeat", json=BEAT)
    assert error_of(stale)[0] == 401


def test_a_kiosk_enrolled_before_tokens_expired_renews_at_the_first_request(hub, tmp_path):
    path = tmp_path / "hub.token"
    kiosk, _ = _enrolled(hub, f"legacy-{uuid4().hex[:8]}")
    path.write_text(kiosk.token)  # no expiry file
    token = HubToken(path)
    HubClient(HubSettings(hub.url), token).heartbeat(Heartbeat(app_version="0", outbox_pending=0))
    assert token.renewals == 1 and token.token() != kiosk.token
    assert 0 < token.expires_in() <= 720 * 3600


def test_a_renewal_that_fails_leaves_the_current_token_working(hub, tmp_path):
    kiosk, _ = _enrolled(hub, f"down-{uuid4().hex[:8]}")
    path = tmp_path / "hub.token"
    HubToken(path).save(kiosk.token, 0)  # due at once
    token = HubToken(path)
    dead = HubClient(HubSettings("http://127.0.0.1:9", connect_timeout=1), token)
    with pytest.raises(HubError):
        dead.heartbeat(Heartbeat(app_version="0", outbox_pending=0))
    assert token.token() == kiosk.token and token.renewals == 0 and not token.due()


# -- enrolment re-issue ------------------------------------------------------------------------


def test_reissuing_the_enrolment_code_stops_the_old_token_and_the_old_code(hub, admin):
    kiosk, _ = _enrolled(hub, f"reissue-{uuid4().hex[:8]}")
    first = admin.post(f"/admin/kiosks/{kiosk.name}/enrolment")
    assert first.status_code == 201 and first.json()["kiosk_id"] == kiosk.name
    assert error_of(kiosk.post("/kiosks/heartbeat", json=BEAT))[:2] == (401, "unauthorized")
    second = admin.post(f"/admin/kiosks/{kiosk.name}/enrolment").json()["enrolment_code"]

    def enrol(code: str) -> requests.Response:
        body = {"kiosk_id": kiosk.name, "enrolment_code": code}
        return requests.post(f"{hub.url}/v1/kiosks/enrol", json=body, timeout=10)

    assert error_of(enrol(first.json()["enrolment_code"]))[:2] == (401, "invalid_enrolment_code")
    assert enrol(second).status_code == 200


def test_a_revoked_kiosk_cannot_enrol_with_a_waiting_code_until_the_admin_reissues(hub, admin):
    kiosk_id = f"waiting-{uuid4().hex[:8]}"
    code = admin.post("/admin/kiosks", json={"kiosk_id": kiosk_id, "name": "x"}).json()
    assert admin.post(f"/admin/kiosks/{kiosk_id}/revoke").ok
    body = {"kiosk_id": kiosk_id, "enrolment_code": code["enrolment_code"]}
    refused = requests.post(f"{hub.url}/v1/kiosks/enrol", json=body, timeout=10)
    assert error_of(refused)[:2] == (401, "invalid_enrolment_code")
    fresh = admin.post(f"/admin/kiosks/{kiosk_id}/enrolment").json()["enrolment_code"]
    body["enrolment_code"] = fresh
    assert requests.post(f"{hub.url}/v1/kiosks/enrol", json=body, timeout=10).status_code == 200
    [listed] = [k for k in admin.get("/admin/kiosks").json() if k["kiosk_id"] == kiosk_id]
    assert listed["enrolled"] and listed["revoked_at"] is None


def test_a_running_kiosk_picks_up_the_token_of_its_new_enrolment(hub, admin, tmp_path):
    """Staff run `kiosk enrol NEWCODE` while the kiosk runs: its client, refused with the
    old token, reads the file again and goes on."""
    kiosk, _ = _enrolled(hub, f"pickup-{uuid4().hex[:8]}")
    path = tmp_path / "hub.token"
    HubToken(path).save(kiosk.token, 3600)
    running = HubToken(path)
    client = HubClient(HubSettings(hub.url), running)
    beat = Heartbeat(app_version="0", outbox_pending=0)
    client.heartbeat(beat)

    code = admin.post(f"/admin/kiosks/{kiosk.name}/enrolment").json()["enrolment_code"]
    reply = HubClient(HubSettings(hub.url)).enrol(kiosk.name, code)
    HubToken(path).save(reply.token, reply.expires_in)  # another process: `kiosk enrol`

    client.heartbeat(beat)  # no HubError
    assert running.token() == reply.token


# -- the migration, on a database with tokens issued before they expired ---------------------


def test_tokens_issued_before_the_migration_keep_working_and_now_expire(empty_database):
    db = Database(empty_database)
    db.migrate(to="0002")
    now = datetime.now(UTC)
    with db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO kiosks (id, name, created_at, token_hash, app_version, "
                "catalog_version, outbox_pending, devices) "
                "VALUES ('k1', 'k1', :t, :h, '', '', 0, '[]')"
            ),
            {"t": now, "h": token_hash("yk_old")},
        )
        c.execute(
            text(
                "INSERT INTO department_credentials (unit, token_hash, created_at) "
                "VALUES ('police', :h, :t)"
            ),
            {"t": now, "h": token_hash("yd_old")},
        )
    db.migrate()
    with db.read() as session:
        for token, kind in (("yk_old", "kiosk"), ("yd_old", "department")):
            assert identify(session, token, "", now).kind == kind
        later = now + timedelta(days=31)
        for token in ("yk_old", "yd_old"):
            with pytest.raises(ApiError) as refused:
                identify(session, token, "", later)
            assert refused.value.code == "token_expired"
    db.dispose()
