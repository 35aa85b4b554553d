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
