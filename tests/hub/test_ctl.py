"""`kioskctl`, the admin's command line, against the running hub."""

from __future__ import annotations

import subprocess
import sys

import requests

from tests.conftest import ROOT


def kioskctl(hub, *args: str, token: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "central.ctl", "--hub", hub.url, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"KIOSK_HUB_ADMIN_TOKEN": hub.admin_token if token is None else token, "PATH": ""},
    )


def test_add_a_kiosk_enrol_it_and_list_it(hub):
    added = kioskctl(hub, "kiosk", "add", "ctl-kiosk", "社区一号机")
    assert added.returncode == 0, added.stderr
    code = added.stdout.strip()
    enrolled = requests.post(
        f"{hub.url}/v1/kiosks/enrol",
        json={"kiosk_id": "ctl-kiosk", "enrolment_code": code},
        timeout=10,
    )
    assert enrolled.status_code == 200
    listed = kioskctl(hub, "kiosks")
    assert listed.returncode == 0
    assert "ctl-kiosk" in listed.stdout and "社区一号机" in listed.stdout


def test_department_credentials_and_catalog_push(hub):
    token = kioskctl(hub, "department", "credentials", "police").stdout.strip()
    tasks = requests.get(
        f"{hub.url}/v1/department/tasks",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert tasks.status_code == 200
    pushed = kioskctl(hub, "catalog", "push")
    assert pushed.returncode == 0 and pushed.stdout.startswith("published catalog 2026.11-sample")


def test_mistakes_end_in_plain_words(hub):
    unknown = kioskctl(hub, "department", "credentials", "nowhere")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("kioskctl: the hub refused: the current catalog has no unit")
    refused = kioskctl(hub, "kiosks", token="wrong")
    assert refused.returncode == 1 and "(unauthorized)" in refused.stderr
    no_token = kioskctl(hub, "kiosks", token="")
    assert no_token.returncode == 1 and "no admin token" in no_token.stderr
    down = subprocess.run(
        [
            sys.executable,
            "-m",
            "central.ctl",
            "--hub",
            "http://127.0.0.1:9",
            "--admin-token",
            "x",
            "kiosks",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert down.returncode == 1 and "cannot be reached" in down.stderr
    for result in (unknown, refused, no_token, down):
        assert "Traceback" not in result.stderr


def _works(hub, token: str, path: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return requests.get(f"{hub.url}/v1{path}", headers=headers, timeout=10).status_code


def test_revoke_and_reissue_a_kiosk(hub):
    code = kioskctl(hub, "kiosk", "add", "ctl-revoked", "二号机").stdout.strip()
    token = requests.post(
        f"{hub.url}/v1/kiosks/enrol",
        json={"kiosk_id": "ctl-revoked", "enrolment_code": code},
        timeout=10,
    ).json()["token"]
    assert _works(hub, token, "/catalog") == 200
    revoked = kioskctl(hub, "kiosk", "revoke", "ctl-revoked")
    assert revoked.returncode == 0 and "revoked" in revoked.stderr
    assert _works(hub, token, "/catalog") == 401
    assert "revoked" in kioskctl(hub, "kiosks").stdout
    reissued = kioskctl(hub, "kiosk", "reissue", "ctl-revoked")
    assert reissued.returncode == 0 and "kiosk enrol" in reissued.stderr
    enrolled = requests.post(
        f"{hub.url}/v1/kiosks/enrol",
        json={"kiosk_id": "ctl-revoked", "enrolment_code": reissued.stdout.strip()},
        timeout=10,
    )
    assert enrolled.status_code == 200
    missing = kioskctl(hub, "kiosk", "revoke", "no-such-kiosk")
    assert missing.returncode == 1 and "no kiosk credential" in missing.stderr


def test_rotate_and_revoke_department_and_admin_credentials(hub):
    old = kioskctl(hub, "department", "credentials", "hrss").stdout.strip()
    listed = kioskctl(hub, "department", "list").stdout.splitlines()
    credential_id = [row.split()[0] for row in listed if "hrss" in row][-1]  # the newest
    rotated = kioskctl(hub, "department", "rotate", credential_id)
    assert rotated.returncode == 0, rotated.stderr
    new = rotated.stdout.strip()
    assert _works(hub, old, "/department/tasks") == 401
    assert _works(hub, new, "/department/tasks") == 200
    assert kioskctl(hub, "department", "revoke", credential_id).returncode == 0
    assert _works(hub, new, "/department/tasks") == 401
    assert "revoked" in kioskctl(hub, "department", "list").stdout

    added = kioskctl(hub, "admin", "add", "值班员")
    assert added.returncode == 0 and added.stdout.startswith("ya_")
    admin_id = added.stderr.split()[2]
    assert "值班员" in kioskctl(hub, "admin", "list", token=added.stdout.strip()).stdout
    rotated_admin = kioskctl(hub, "admin", "rotate", admin_id)
    assert _works(hub, added.stdout.strip(), "/admin/kiosks") == 401
    assert _works(hub, rotated_admin.stdout.strip(), "/admin/kiosks") == 200
    assert kioskctl(hub, "admin", "revoke", admin_id).returncode == 0
    assert _works(hub, rotated_admin.stdout.strip(), "/admin/kiosks") == 401
    wrong = kioskctl(hub, "admin", "revoke", "everyone")
    assert wrong.returncode == 1 and "'settings'" in wrong.stderr
