"""Fleet configuration over TUF, for real: the reference hub on loopback serving the signed
repository, the admins' keys and signatures, the kiosks' ngclient."""

from __future__ import annotations

import pytest

from central.fleetadmin import FleetAdmin
from central.process import HubProcess
from kiosk.fleet import Bundle, BundleProblem, checked, group_name
from services.fleet import FleetClient


@pytest.fixture
def hub(tmp_path):
    hub = HubProcess(tmp_path / "hub").start()
    yield hub
    hub.stop()


@pytest.fixture
def admin(hub, tmp_path):
    admin = FleetAdmin(tmp_path / "admin-keys", hub.admin, hub.url + "/fleet/")
    admin.keygen()
    return admin


def kiosk(tmp_path, hub, admin, name, group):
    root = (admin.keys_dir / "root.json").read_bytes()
    return FleetClient(tmp_path / name, root, hub.url + "/fleet/", group)


def test_a_bad_setting_is_refused_before_it_is_signed():
    with pytest.raises(BundleProblem, match="idle"):
        checked(Bundle(0, "all", {"idle": {"timeout_seconds": "soon"}}))
    with pytest.raises(BundleProblem, match="not by a fleet push"):
        checked(Bundle(0, "all", {"printer": {"profile": "TM-T88V"}}))


@pytest.mark.parametrize("name", ["", "../all", "east/2", "canary east", "东区", "-x", "a" * 65])
def test_a_group_name_that_could_reach_another_path_is_refused_in_plain_words(name):
    with pytest.raises(BundleProblem, match="cannot name a group: use 1 to 64 plain letters"):
        group_name(name)


def test_group_names_of_letters_digits_dashes_and_underscores_are_taken():
    for name in ("all", "canary", "east-2", "Town_7", "a" * 64):
        assert group_name(name) == name


def test_staged_roll_out_promote_and_roll_back(tmp_path, hub, admin):
    """Five kiosks on the real hub, two of them moved to the canary group by a signed
    assignment: each step shows in their heartbeats and in `config status`."""
    from kiosk.contract import Heartbeat
    from kiosk.hubclient import HubClient, HubSettings

    names = [f"roll-{i}" for i in range(5)]
    tokens = {name: hub.enrol(name) for name in names}
    kiosks = {
        name: FleetClient(
            tmp_path / name,
            (admin.keys_dir / "root.json").read_bytes(),
            hub.url + "/fleet/",
            kiosk_id=name,
        )
        for name in names
    }

    def poll_and_beat() -> dict[str, str]:
        """Every kiosk looks once and reports; what the hub then shows, by kiosk."""
        for name, k in kiosks.items():
            k.poll()
            HubClient(HubSettings(hub.url), tokens[name]).heartbeat(
                Heartbeat(app_version="t", outbox_pending=0, config_version=k.state.version)
            )
        rows = hub.admin("GET", "/admin/kiosks")
        return {r["kiosk_id"]: r["config_version"] for r in rows if r["kiosk_id"] in kiosks}

    def status() -> dict[str, str]:
        lines = admin.status(hub.admin("GET", "/admin/kiosks"))
        return {line.split()[0]: line for line in lines if line.split()[0] in kiosks}

    first = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert set(poll_and_beat().values()) == {first.version}
    admin.assign("canary", names[:2])
    canary = admin.publish(Bundle(0, "canary", {"idle": {"timeout_seconds": 120}}), "canary")
    seen = poll_and_beat()
    assert [seen[n] for n in names] == [canary.version] * 2 + [first.version] * 3
    assert {kiosks[n].state.group for n in names} == {"canary", "all"}
    lines = status()
    assert "group canary" in lines[names[0]] and "up to date" in lines[names[0]]
    assert "group all" in lines[names[4]] and "up to date" in lines[names[4]]
    promoted = admin.promote("canary", "all")
    # Before the others look again, status shows them behind.
    assert "BEHIND" in status()[names[3]]
    seen = poll_and_beat()
    assert all(kiosks[n].current().settings == canary.settings for n in names[2:])
    assert [seen[n] for n in names[2:]] == [promoted.version] * 3
    back = admin.rollback("all")
    assert back.settings == first.settings and back.serial > promoted.serial
    seen = poll_and_beat()
    assert [seen[n] for n in names[2:]] == [back.version] * 3
    assert [seen[n] for n in names[:2]] == [canary.version] * 2  # the canary stays
    assert all("up to date" in line for line in status().values())
    # Back to the default group: the two follow "all" again.
    admin.assign("all", names[:2])
    seen = poll_and_beat()
    assert set(seen.values()) == {back.version}


def test_a_tampered_bundle_is_refused_and_the_last_good_one_kept(tmp_path, hub, admin):
    k = kiosk(tmp_path, hub, admin, "k", "all")
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "好"}}), "all")
    assert k.poll() is not None
    admin.publish(Bundle(0, "all", {"notice": {"text": "新"}}), "all")
    for stored in (hub.data_dir / "fleet" / "targets" / "groups").glob("*.all.json"):
        if b"\\u65b0" in stored.read_bytes() or "新".encode() in stored.read_bytes():
            stored.write_bytes(stored.read_bytes().replace("新".encode(), "坏".encode()))
    assert k.poll() is None
    assert "LengthOrHashMismatch" in k.state.error or "Mismatch" in k.state.error
    assert k.current().version == good.version


def test_targets_signed_by_a_wrong_key_are_refused(tmp_path, hub, admin):
    from central.fleet import generate_key

    k = kiosk(tmp_path, hub, admin, "k", "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "好"}}), "all")
    (admin.keys_dir / "targets.key").rename(admin.keys_dir / "real.key")
    generate_key(admin.keys_dir / "targets.key")
    with pytest.raises(Exception, match="422"):  # the hub checks the signature
        admin.publish(Bundle(0, "all", {"notice": {"text": "坏"}}), "all")
    assert k.poll() is not None and k.current().settings["notice"]["text"] == "好"


def test_rollback_freeze_and_endless_data_are_refused(tmp_path, hub, admin):
    from datetime import UTC, datetime, timedelta

    from tuf.api.metadata import Metadata, MetaFile, Timestamp

    from central.fleet import load_key

    k = kiosk(tmp_path, hub, admin, "k", "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    timestamp = hub.data_dir / "fleet" / "metadata" / "timestamp.json"
    old = timestamp.read_bytes()
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    assert k.poll() is not None and k.state.version == good.version
    # Rollback: the older timestamp served again.
    new = timestamp.read_bytes()
    timestamp.write_bytes(old)
    assert k.poll() is None and "version" in k.state.error.lower()
    # Freeze: a genuinely signed timestamp that has expired.
    current = Metadata.from_bytes(new)
    frozen = Metadata(
        Timestamp(
            version=current.signed.version + 1,
            expires=datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1),
            snapshot_meta=MetaFile(version=current.signed.snapshot_meta.version),
        )
    )
    keys = hub.key_file.with_name("fleet-online.key")
    frozen.sign(load_key(keys))
    timestamp.write_bytes(frozen.to_bytes())
    assert k.poll() is None and "Expired" in k.state.error
    # Endless data: a timestamp far larger than any real one.
    timestamp.write_bytes(b"{" + b" " * 10_000_000)
    assert k.poll() is None and k.state.error
    # Through all of it, the last good configuration stays in force.
    assert k.current().version == good.version


def test_the_heartbeat_reports_the_configuration_version(tmp_path, hub, admin):
    from kiosk.contract import Heartbeat
    from kiosk.hubclient import HubClient, HubSettings

    k = kiosk(tmp_path, hub, admin, "k", "all")
    token = hub.enrol("fleet-kiosk")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    k.poll()
    HubClient(HubSettings(hub.url), token).heartbeat(
        Heartbeat(app_version="t", outbox_pending=0, config_version=k.state.version)
    )
    row = next(r for r in hub.admin("GET", "/admin/kiosks") if r["kiosk_id"] == "fleet-kiosk")
    assert row["config_version"] == k.state.version


def test_the_sync_worker_adopts_a_push_and_reports_it_in_its_heartbeat(tmp_path, hub, admin):
    import threading
    import time

    from kiosk.hubclient import HubSettings
    from services.sync import SyncOptions, SyncWorker

    adopted: list[Bundle] = []
    seen = threading.Event()
    k = kiosk(tmp_path, hub, admin, "k", "all")
    worker = SyncWorker(
        tmp_path / "k",
        SyncOptions(
            hub=HubSettings(hub.url),
            token=hub.enrol("fleet-sync"),
            heartbeat_seconds=0.2,
            idle_poll_seconds=0.1,
            fleet=k,
            fleet_refresh_seconds=0.2,
            on_config=lambda b: (adopted.append(b), seen.set()),
        ),
    )
    pushed = admin.publish(Bundle(0, "all", {"idle": {"timeout_seconds": 60}}), "all")
    worker.start()
    try:
        assert seen.wait(30)
        assert adopted[0].version == pushed.version

        def reported() -> bool:
            rows = hub.admin("GET", "/admin/kiosks")
            return any(r["config_version"] == pushed.version for r in rows)

        deadline = time.monotonic() + 30
        while not reported():  # each look is a request: the 0.2 s heartbeat comes first
            assert time.monotonic() < deadline
    finally:
        worker.stop()


def test_kioskctl_config_new_publish_and_status(tmp_path, hub):
    import subprocess
    import sys

    from tests.conftest import ROOT

    def ctl(*args: str, token: str = hub.admin_token) -> subprocess.CompletedProcess:
        env = {**__import__("os").environ, "KIOSK_HUB_ADMIN_TOKEN": token}
        return subprocess.run(
            [sys.executable, "-m", "central.ctl", "--hub", hub.url, *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )

    keys = tmp_path / "keys"
    assert ctl("config", "keygen", "--keys", str(keys)).returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[printer]\nprofile = "TM-T88V"\n')
    refused = ctl("config", "new", str(bad), "-o", str(tmp_path / "bad.json"))
    assert refused.returncode == 1 and "not by a fleet push" in refused.stderr
    good = tmp_path / "good.toml"
    good.write_text('[notice]\ntext = "本周六照常办理"\n[catalog]\nonethings = ["birth"]\n')
    assert ctl("config", "new", str(good), "-o", str(tmp_path / "b.json")).returncode == 0
    out = ctl(
        "config", "publish", str(tmp_path / "b.json"), "--group", "canary", "--keys", str(keys)
    )
    assert out.returncode == 0, out.stderr
    assert "group canary" in out.stdout
    added = ctl("kiosk", "add", "ctl-kiosk", "镇上", "--group", "east", "--keys", str(keys))
    assert added.returncode == 0 and "fleet group east" in added.stderr, added.stderr
    assert "group east" in ctl("config", "status").stdout
    moved = ctl("config", "assign", "canary", "ctl-kiosk", "--keys", str(keys))
    assert moved.returncode == 0, moved.stderr
    status = ctl("config", "status")
    assert status.returncode == 0
    assert "ctl-kiosk" in status.stdout and "group canary" in status.stdout
    assert "never reported" in status.stdout
    assert "targets" in status.stdout and "signed until" in status.stdout
    # Signed by the targets key's holder, who has no admin credential; uploaded by one who has.
    signed = tmp_path / "signed.json"
    out = ctl(
        "config",
        "sign",
        str(tmp_path / "b.json"),
        "--group",
        "canary",
        "--keys",
        str(keys),
        "-o",
        str(signed),
        token="",
    )
    assert out.returncode == 0 and "signed configuration" in out.stdout, out.stderr
    assert ctl("config", "upload", str(signed), token="").returncode == 1  # no credential
    out = ctl("config", "upload", str(signed))
    assert out.returncode == 0 and "published configuration" in out.stdout, out.stderr
    assert ctl("config", "upload", str(signed)).returncode == 1  # the same version twice
    renewed = ctl("config", "renew", "--keys", str(keys))
    assert renewed.returncode == 0 and "signed again: targets" in renewed.stdout, renewed.stderr
    # The catalog: unsigned, it would never reach this hub's kiosks; refused unless meant so.
    unsigned = ctl("catalog", "push")
    assert unsigned.returncode == 1 and "--keys" in unsigned.stderr
    signed = ctl("catalog", "push", "--keys", str(keys))
    assert signed.returncode == 0 and "signed catalog" in signed.stdout, signed.stderr
    assert ctl("catalog", "push", "--unsigned").returncode == 0


def test_the_hub_down_for_a_week_leaves_the_kiosk_serving_with_a_warning(
    tmp_path, hub, admin, monkeypatch
):
    import time

    k = kiosk(tmp_path, hub, admin, "k", "all")
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    assert k.stale(time.time()) == ""
    hub.stop()
    assert k.poll() is None and k.state.error  # unreachable: said, not fatal
    week = time.time() + 7 * 24 * 3600  # the simulated clock
    assert "expired" in k.stale(week)
    assert k.current().version == good.version
    # The technician's check (kiosk doctor, the maintenance screen) says the same.
    from kiosk.config import load_config
    from services.doctor import Verdict, check_fleet

    override = tmp_path / "kiosk.toml"
    root = admin.keys_dir / "root.json"
    override.write_text(
        f'[kiosk]\ndata_dir = "{tmp_path / "k"}"\n[fleet]\nroot = "{root}"\n'
        f'[hub]\nurl = "{hub.url}"\n',
        "utf-8",
    )
    config = load_config(override)
    assert config.notice.text == "一"  # the kept configuration is in force after a restart
    now = check_fleet(config)
    assert now.verdict is Verdict.OK and good.version in now.detail
    later = check_fleet(config, now=week)
    assert later.verdict is Verdict.WARN and "过期" in later.words
    # The kiosk's clock moved on a week for real (TUF's reference time and its own): still
    # unreachable, it says so and serves on; once the hub is back and has signed a fresh
    # timestamp and snapshot for that day, the kiosk confirms its configuration again.
    import datetime as dt
    import types

    from tuf.ngclient._internal import trusted_metadata_set

    from central.fleet import FleetRepository

    class _WeekLater(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.now(tz) + dt.timedelta(days=7)

    monkeypatch.setattr(
        trusted_metadata_set,
        "datetime",
        types.SimpleNamespace(datetime=_WeekLater, timezone=dt.timezone),
    )
    monkeypatch.setattr(
        "services.fleet.time", types.SimpleNamespace(time=lambda: time.time() + 7 * 24 * 3600)
    )
    assert k.poll() is None and not k.state.refused and k.state.error
    assert load_config(override).notice.text == "一"
    hub.start()
    repository = FleetRepository(hub.data_dir / "fleet", hub.key_file.with_name("fleet-online.key"))
    assert repository.refresh_timestamp(now=_WeekLater.now(dt.UTC).replace(microsecond=0))
    assert k.poll() is None and k.state.error == "" and not k.state.refused
    assert k.current().version == good.version
    assert k.stale(week) == ""
    assert check_fleet(config, now=week).verdict is Verdict.OK


def test_a_power_cut_between_download_and_switch_keeps_the_last_good_one(tmp_path, hub, admin):
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    k = kiosk(tmp_path, hub, admin, "k", "all")
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from services.fleet import FleetClient\n"
        "k = FleetClient(Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), sys.argv[3])\n"
        "k.before_switch = lambda: (print('downloaded', flush=True), time.sleep(600))\n"
        "k.poll()\n"
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            script,
            str(tmp_path / "k"),
            str(admin.keys_dir / "root.json"),
            hub.url + "/fleet/",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "downloaded"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    again = FleetClient(
        tmp_path / "k", (admin.keys_dir / "root.json").read_bytes(), hub.url + "/fleet/"
    )
    assert again.current().version == good.version  # the kept one, whole
    assert again.poll() is not None and again.current().settings["notice"]["text"] == "二"


def test_the_switch_is_on_the_disk_before_and_after_the_rename(tmp_path, hub, admin, monkeypatch):
    """A power cut is more than a SIGKILL: the new configuration's bytes reach the disk before
    it takes the old one's name, and the new name after, or the kiosk could wake up to an
    empty current.json and lose its last good configuration."""
    import os

    from services import fleet

    k = kiosk(tmp_path, hub, admin, "k", "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    done: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        done.append(f"fsync {os.readlink(f'/proc/self/fd/{fd}')}")
        real_fsync(fd)

    def replace(src, dst) -> None:
        done.append(f"replace {src} {dst}")
        real_replace(src, dst)

    monkeypatch.setattr(fleet.os, "fsync", fsync)
    monkeypatch.setattr(fleet.os, "replace", replace)
    assert k.poll() is not None
    download, current = str(k.dir / "download.json"), str(k.current_path)
    i = done.index(f"replace {download} {current}")
    assert f"fsync {download}" in done[:i] and f"fsync {k.dir}" in done[i + 1 :]


def test_mix_and_match_and_an_unusable_bundle_are_refused(tmp_path, hub, admin):
    from tuf.api.metadata import Metadata, TargetFile

    k = kiosk(tmp_path, hub, admin, "k", "all")
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    # An unusable configuration that still got signed (the admin's check bypassed).
    targets = admin.current_targets()
    bad = Bundle(targets.signed.version + 1, "all", {"idle": {"timeout_seconds": 1}})
    data = bad.to_bytes()
    targets.signed.targets["groups/all.json"] = TargetFile.from_data("groups/all.json", data)
    admin._sign_and_upload(targets, {"groups/all.json": data})
    assert k.poll() is None and "idle" in k.state.error
    assert k.current().version == good.version
    # Mix and match: the newest targets' file replaced by an older targets metadata.
    metadata = hub.data_dir / "fleet" / "metadata"
    newest = max(metadata.glob("*.targets.json"), key=lambda p: int(p.name.split(".")[0]))
    older = metadata / f"{int(newest.name.split('.')[0]) - 1}.targets.json"
    assert Metadata.from_bytes(older.read_bytes()).signed.version < int(newest.name.split(".")[0])
    newest.write_bytes(older.read_bytes())
    fresh = kiosk(tmp_path, hub, admin, "fresh", "all")
    assert fresh.poll() is None and "version" in fresh.state.error.lower()
    assert fresh.current() is None


@pytest.mark.parametrize("role", ["targets", "timestamp"])
def test_key_rotation_is_followed_by_kiosks_shipped_with_the_old_root(tmp_path, hub, admin, role):
    """Rotated, the new key is followed by every kiosk, and the retired key (the reason to
    rotate: it may have leaked) signs nothing any kiosk takes."""
    from central.fleet import FleetRepository, load_key

    k = kiosk(tmp_path, hub, admin, "k", "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    online = hub.key_file.with_name("fleet-online.key")
    retired = tmp_path / "retired.key"
    retired.write_bytes(
        (admin.keys_dir / "targets.key" if role == "targets" else online).read_bytes()
    )
    admin.rotate(role)
    after = admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    assert k.poll() is not None and k.state.version == after.version
    # A kiosk installed later, with the first root, follows the chain of roots too.
    late = kiosk(tmp_path, hub, admin, "late", "all")
    assert late.poll() is not None and late.state.version == after.version
    # Whoever kept the retired key signs with it, and serves that as the hub would.
    repository = FleetRepository(hub.data_dir / "fleet", online)
    if role == "targets":
        targets = repository.targets()
        del targets.signed.targets["groups/all.json"]
        targets.signed.version += 1
        targets.signatures.clear()
        targets.sign(load_key(retired))
        with pytest.raises(Exception, match="422"):  # the hub checks it against the new root
            hub.admin("POST", "/admin/fleet/publish", json={"targets": targets.to_bytes().decode()})
        metadata = repository.metadata_dir / f"{targets.signed.version}.targets.json"
        metadata.write_bytes(targets.to_bytes())
        repository._sign_timestamp(repository._sign_snapshot(targets.signed.version))
    else:
        timestamp = repository.timestamp()
        timestamp.signed.version += 1
        timestamp.signatures.clear()
        timestamp.sign(load_key(retired))
        (repository.metadata_dir / "timestamp.json").write_bytes(timestamp.to_bytes())
    assert k.poll() is None and "UnsignedMetadataError" in k.state.error
    assert k.current().version == after.version


def test_the_catalog_comes_signed_to_a_kiosk_with_a_fleet_root(tmp_path, hub, admin):
    """The hub's unsigned catalog (PUT /admin/catalog) does not reach a kiosk with a fleet
    root; the admins' signed one does, and one that fails the catalog's checks is refused with
    the one in use kept."""
    import json
    import threading

    from kiosk.catalog import load_catalog
    from kiosk.catalog_cache import CatalogCache
    from kiosk.hubclient import HubSettings
    from services.sync import SyncOptions, SyncWorker

    body = load_catalog().model_dump(mode="json")
    hub.admin("PUT", "/admin/catalog", json={**body, "version": "unsigned-1"})
    taken: list[str] = []
    arrived = threading.Event()
    k = kiosk(tmp_path, hub, admin, "k", "all")
    worker = SyncWorker(
        tmp_path / "k",
        SyncOptions(
            hub=HubSettings(hub.url),
            token=hub.enrol("catalog-kiosk"),
            heartbeat_seconds=0.2,
            idle_poll_seconds=0.1,
            catalog_refresh_seconds=0.1,
            fleet=k,
            fleet_refresh_seconds=0.2,
            on_catalog=lambda c: (taken.append(c.version), arrived.set()),
        ),
    )
    broken = {**body, "version": "signed-broken", "onethings": body["onethings"][:1] * 2}
    admin.publish_catalog(json.dumps(broken, ensure_ascii=False).encode())
    worker.start()
    try:
        deadline = __import__("time").monotonic() + 30
        while "catalog refused" not in k.state.error:
            assert __import__("time").monotonic() < deadline, k.state.error
            arrived.wait(0.1)
        assert taken == []  # neither the unsigned one nor the broken signed one
        admin.publish_catalog(json.dumps({**body, "version": "signed-2"}).encode())
        assert arrived.wait(30)
    finally:
        worker.stop()
    assert taken == ["signed-2"]
    assert CatalogCache(tmp_path / "k").load()[1].version == "signed-2"  # the next start's


def test_the_admins_sign_nothing_over_what_a_tampered_hub_serves(tmp_path, hub, admin):
    """The admin tools start every signature from the targets the hub serves: a hub that
    serves targets of its own making (another group for a kiosk), or an older version, is
    refused there, before the targets key signs it over."""
    import json

    from central.fleet import FleetRefused

    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    timestamp = hub.data_dir / "fleet" / "metadata" / "timestamp.json"
    old = timestamp.read_bytes()
    admin.assign("canary", ["kiosk-1"])
    new = timestamp.read_bytes()
    # An older state of the repository served again.
    timestamp.write_bytes(old)
    with pytest.raises(FleetRefused, match="older"):
        admin.assign("canary", ["kiosk-2"])
    timestamp.write_bytes(new)
    # The current targets, edited by whoever controls the hub.
    served = admin._served_targets()
    path = hub.data_dir / "fleet" / "metadata" / f"{served.signed.version}.targets.json"
    forged = json.loads(path.read_bytes())
    forged["signed"]["expires"] = "2099-01-01T00:00:00Z"
    path.write_bytes(json.dumps(forged).encode())
    for attempt in (
        lambda: admin.assign("evil", ["kiosk-1"]),
        lambda: admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all"),
        lambda: admin.publish_catalog(b"{}"),
    ):
        with pytest.raises(FleetRefused, match="not signed by your targets key"):
            attempt()


def test_targets_signed_here_and_uploaded_elsewhere_still_guard_against_an_older_hub(
    tmp_path, hub, admin
):
    """`config sign` in the signers' folder, `config upload` from a folder with the root
    only: once the signers have seen that version on the hub, the hub serving an older one
    again is refused by them, as after a publish of their own."""
    import shutil

    from central.fleet import FleetRefused

    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    timestamp = hub.data_dir / "fleet" / "metadata" / "timestamp.json"
    old = timestamp.read_bytes()
    uploads = tmp_path / "uploader"
    uploads.mkdir()
    shutil.copy(admin.keys_dir / "root.json", uploads / "root.json")
    uploader = FleetAdmin(uploads, hub.admin, hub.url + "/fleet/")
    for text in ("二", "三"):
        _, body = admin.sign(Bundle(0, "all", {"notice": {"text": text}}), "all")
        uploader.upload(body)
    admin.current_targets()  # the signers look at the hub (any command does)
    timestamp.write_bytes(old)  # an older state of the repository served again
    with pytest.raises(FleetRefused, match="older"):
        admin.sign(Bundle(0, "all", {"notice": {"text": "四"}}), "all")


def test_a_push_that_does_not_fit_this_kiosks_own_settings_is_refused_not_adopted(
    tmp_path, hub, admin
):
    """Valid on its own, an elderly time-out shorter than this kiosk's own time-out cannot be
    used here: it is refused and reported, and the last good configuration stays."""
    from functools import partial

    from kiosk.config import load_config
    from services.sync import _fits

    override = tmp_path / "kiosk.toml"
    override.write_text("[idle]\ntimeout_seconds = 150\n", "utf-8")
    config = load_config(override)
    k = FleetClient(
        tmp_path / "k",
        (admin.keys_dir / "root.json").read_bytes(),
        hub.url + "/fleet/",
        fits=partial(_fits, config),
    )
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "好"}}), "all")
    assert k.poll() is not None
    admin.publish(Bundle(0, "all", {"idle": {"elderly_timeout_seconds": 120}}), "all")
    assert k.poll() is None and "elderly" in k.state.error
    assert k.current().version == good.version


def test_the_hub_signs_a_fresh_snapshot_before_a_quiet_week_freezes_its_kiosks(
    tmp_path, hub, admin
):
    """Without a publish, the snapshot (7 days) would expire under a timestamp the hub keeps
    fresh, and ngclient would refuse the repository: the hub's refresh re-signs both."""
    from datetime import UTC, datetime, timedelta

    from central.fleet import SNAPSHOT_DAYS, FleetRepository

    k = kiosk(tmp_path, hub, admin, "k", "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    repository = FleetRepository(hub.data_dir / "fleet", hub.key_file.with_name("fleet-online.key"))
    before = repository.timestamp().signed.snapshot_meta.version
    now = datetime.now(UTC)
    assert not repository.refresh_timestamp(now=now + timedelta(minutes=1))
    later = now + timedelta(days=SNAPSHOT_DAYS / 2 + 0.5)
    assert repository.refresh_timestamp(now=later)
    ts = repository.timestamp().signed
    assert ts.snapshot_meta.version == before + 1
    snapshot = repository._read(f"{ts.snapshot_meta.version}.snapshot.json").signed
    assert snapshot.expires > now + timedelta(days=SNAPSHOT_DAYS)
    # The kiosk takes the re-signed snapshot: nothing changed, nothing refused.
    assert k.poll() is None and k.state.error == ""


def _forge_earlier_targets(hub, version: int, key) -> bytes:
    """A hub taken over rewrites its targets `version` to name settings of its own for the
    group "all", signed with `key`; returns the genuine file it replaced."""
    from tuf.api.metadata import Metadata, TargetFile

    metadata = hub.data_dir / "fleet" / "metadata"
    genuine = (metadata / f"{version}.targets.json").read_bytes()
    evil = Bundle(version, "all", {"notice": {"text": "假"}}).to_bytes()
    forged = Metadata.from_bytes(genuine)
    forged.signed.targets["groups/all.json"] = TargetFile.from_data("groups/all.json", evil)
    forged.signatures.clear()
    forged.sign(key)
    digest = forged.signed.targets["groups/all.json"].hashes["sha256"]
    (hub.data_dir / "fleet" / "targets" / "groups" / f"{digest}.all.json").write_bytes(evil)
    (metadata / f"{version}.targets.json").write_bytes(forged.to_bytes())
    return genuine


def test_a_rollback_signs_nothing_from_a_history_the_hub_forged(tmp_path, hub, admin):
    """`config rollback` reads earlier targets from the hub: a hub taken over that plants a
    forged earlier version, naming settings of its own, is refused there, before the targets
    key signs them for every kiosk. Versions signed by a key retired since still count."""

    from central.fleet import FleetRefused, generate_key

    first = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    admin.rotate("targets")  # the history is signed by the retired key now
    served = admin._served_targets().signed.version
    # Whoever controls the hub rewrites the version before the present one.
    genuine = _forge_earlier_targets(hub, served - 1, generate_key(tmp_path / "attacker.key"))
    metadata = hub.data_dir / "fleet" / "metadata"
    with pytest.raises(FleetRefused, match="none of your targets keys signed"):
        admin.rollback("all")
    assert admin._served_targets().signed.version == served  # nothing was published
    # The genuine history, signed by the retired key, is used.
    (metadata / f"{served - 1}.targets.json").write_bytes(genuine)
    back = admin.rollback("all")
    assert back.settings == first.settings


def test_a_hub_taken_over_cannot_sign_a_bundle_for_the_kiosks(tmp_path, hub, admin, caplog):
    """Whoever holds the hub holds its online key: targets it signs with that key, or with a
    key of its own, under a genuine snapshot and timestamp, are refused by the kiosk in one
    log line, and the last good configuration stays in force."""
    import logging

    from tuf.api.metadata import TargetFile

    from central.fleet import FleetRepository, generate_key

    k = kiosk(tmp_path, hub, admin, "k", "all")
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "好"}}), "all")
    assert k.poll() is not None
    online = hub.key_file.with_name("fleet-online.key")
    repository = FleetRepository(hub.data_dir / "fleet", online)
    for n, signer in enumerate((repository.online_signer(), generate_key(tmp_path / "evil.key"))):
        targets = repository.targets()
        evil = Bundle(targets.signed.version + 1, "all", {"notice": {"text": f"坏{n}"}}).to_bytes()
        target = TargetFile.from_data("groups/all.json", evil)
        targets.signed.targets["groups/all.json"] = target
        targets.signed.version += 1
        targets.signatures.clear()
        targets.sign(signer)
        stored = repository._target_path(target.path, target.hashes["sha256"])
        stored.write_bytes(evil)
        metadata = repository.metadata_dir / f"{targets.signed.version}.targets.json"
        metadata.write_bytes(targets.to_bytes())
        repository._sign_timestamp(repository._sign_snapshot(targets.signed.version))
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="services.fleet"):
            assert k.poll() is None
        assert "UnsignedMetadataError" in k.state.error and k.state.refused
        [line] = [r.getMessage() for r in caplog.records]
        assert f"refused, keeping {good.version}" in line and "targets" in line
        assert k.current().version == good.version


def test_an_oversized_bundle_is_refused(tmp_path, hub, admin):
    """Endless data where the bundle should be is cut at its signed length and refused; a
    bundle signed as larger than a configuration can be is refused before it is fetched."""
    from tuf.api.metadata import TargetFile

    k = kiosk(tmp_path, hub, admin, "k", "all")
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "好"}}), "all")
    assert k.poll() is not None
    pushed = admin.publish(Bundle(0, "all", {"notice": {"text": "新"}}), "all")
    groups = hub.data_dir / "fleet" / "targets" / "groups"
    [stored] = [p for p in groups.glob("*.all.json") if p.read_bytes() == pushed.to_bytes()]
    stored.write_bytes(pushed.to_bytes() + b" " * 50_000_000)
    assert k.poll() is None and "Length" in k.state.error
    assert k.current().version == good.version
    # Signed, with the admin's check bypassed: too large for a configuration.
    targets = admin.current_targets()
    big = Bundle(targets.signed.version + 1, "all", {}, note="x" * 100_000).to_bytes()
    targets.signed.targets["groups/all.json"] = TargetFile.from_data("groups/all.json", big)
    admin._sign_and_upload(targets, {"groups/all.json": big})
    assert k.poll() is None and "more than 65536" in k.state.error
    assert not (k.dir / "download.json").exists()  # not fetched
    assert k.current().version == good.version


def test_targets_and_root_near_their_end_are_renewed(tmp_path, hub, admin, monkeypatch):
    """The admins' targets and root expire (90 and 365 days): `config status` asks for a
    renewal a month before; targets left to lapse are refused by every kiosk, which keeps its
    configuration, until `config renew` signs them again."""
    from datetime import UTC, datetime, timedelta

    from central import fleetadmin
    from central.fleet import FleetRepository, load_key

    k = kiosk(tmp_path, hub, admin, "k", "all")
    monkeypatch.setattr(fleetadmin, "TARGETS_DAYS", 10)
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "好"}}), "all")
    assert k.poll() is not None
    root_line, targets_line = admin.status([])
    assert "RENEW within" in targets_line and "RENEW" not in root_line
    # Left to lapse: the targets the admins signed last, now past their expiry.
    targets = admin.current_targets()
    targets.signed.version += 1
    targets.signed.expires = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    targets.signatures.clear()
    targets.sign(load_key(admin.keys_dir / "targets.key"))
    repository = FleetRepository(hub.data_dir / "fleet", hub.key_file.with_name("fleet-online.key"))
    (repository.metadata_dir / f"{targets.signed.version}.targets.json").write_bytes(
        targets.to_bytes()
    )
    repository._sign_timestamp(repository._sign_snapshot(targets.signed.version))
    assert k.poll() is None and "Expired" in k.state.error
    assert k.current().version == good.version
    assert "EXPIRED" in admin.status([])[1]
    # Renewed: the targets, and the root too when it is near its end.
    monkeypatch.setattr(fleetadmin, "TARGETS_DAYS", 90)
    monkeypatch.setattr(fleetadmin, "RENEW_DAYS", 400)
    renewed = admin.renew()
    assert renewed[0].startswith("root 2 ") and renewed[1].startswith("targets ")
    monkeypatch.setattr(fleetadmin, "RENEW_DAYS", 30)
    assert not any("RENEW" in line or "EXPIRED" in line for line in admin.status([]))
    assert k.poll() is None and k.state.error == ""  # the same configuration, confirmed
    assert k.current().version == good.version
    late = kiosk(tmp_path, hub, admin, "late", "all")  # shipped with root 1
    assert late.poll() is not None and late.state.version == good.version


def test_the_kiosks_runtime_hands_an_adopted_push_to_the_screens(tmp_path, hub, admin):
    """The kiosk as it starts (Runtime from its configuration): the sync worker it builds
    polls the repository with the kiosk's root, and an adopted push reaches the screens'
    listeners and the heartbeat."""
    import time

    from kiosk.config import load_config
    from kiosk.hubtoken import HubToken
    from services.runtime import Runtime
    from tests.test_services_journey import Screens

    data = tmp_path / "data"
    override = tmp_path / "kiosk.toml"
    override.write_text(
        f'[kiosk]\nid = "rt-kiosk"\ndata_dir = "{data}"\n[hub]\nurl = "{hub.url}"\n'
        f'[fleet]\nroot = "{admin.keys_dir / "root.json"}"\n',
        "utf-8",
    )
    config = load_config(override)
    HubToken(config.token_path()).save(hub.enrol("rt-kiosk"), 3600)
    pushed = admin.publish(Bundle(0, "all", {"notice": {"text": "本周六照常办理"}}), "all")
    screens = Screens()
    runtime = Runtime(config, screens.post)
    heard: list[Bundle] = []
    runtime.listen_configs(heard.append)
    assert runtime.sync is not None
    runtime.sync.start()
    try:
        screens.until(lambda: heard, timeout=30)
        assert [b.version for b in heard] == [pushed.version]

        def reported() -> bool:
            rows = hub.admin("GET", "/admin/kiosks")
            return any(r["config_version"] == pushed.version for r in rows)

        deadline = time.monotonic() + 30
        while not reported():
            assert time.monotonic() < deadline
    finally:
        runtime.sync.stop()


def test_unreadable_kept_metadata_is_a_warning_not_a_crash(tmp_path, hub, admin):
    """A timestamp left unreadable on the kiosk's disk (a power cut as ngclient wrote it):
    the technician's check goes by what it can read (the snapshot), it does not fail; the
    next poll fetches the timestamp again."""
    import time

    k = kiosk(tmp_path, hub, admin, "k", "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    week = time.time() + 8 * 24 * 3600
    for unreadable in (b"", b'{"signed": {"_type": "timestamp"}}', b"\xff\xfe"):
        (k.metadata_dir / "timestamp.json").write_bytes(unreadable)
        assert k.stale(time.time()) == ""
        assert k.stale(week) == "expired"
    assert k.poll() is None and k.state.error == ""
    assert k.stale(time.time()) == ""


def test_a_rollback_takes_nothing_the_retired_key_signed_after_its_rotation(tmp_path, hub, admin):
    """The retired targets key may have leaked (the reason to rotate it): a hub taken over
    that serves, as an earlier version, targets signed by it after the rotation gets nothing
    signed by the key in force through a rollback. What it genuinely signed still counts."""

    from central.fleet import FleetRefused, load_key

    first = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    leaked = load_key(admin.keys_dir / "targets.key")
    admin.rotate("targets")
    admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "三"}}), "all")
    served = admin._served_targets().signed.version
    genuine = _forge_earlier_targets(hub, served - 1, leaked)
    metadata = hub.data_dir / "fleet" / "metadata"
    with pytest.raises(FleetRefused, match="none of your targets keys signed"):
        admin.rollback("all")
    assert admin._served_targets().signed.version == served  # nothing was published
    (metadata / f"{served - 1}.targets.json").write_bytes(genuine)
    assert admin.rollback("all").settings == {"notice": {"text": "二"}}
    assert admin.rollback("all").settings == {"notice": {"text": "三"}}
    assert first.serial < served


def test_a_rotation_the_hub_did_not_take_changes_no_key(tmp_path, hub, admin):
    """`config rotate targets` with the hub out of reach: the key in force stays in force
    (publishing goes on), and the rotation tried again retires that key, not a new one."""
    from central.fleet import load_key

    k = kiosk(tmp_path, hub, admin, "k", "all")
    in_force = load_key(admin.keys_dir / "targets.key").public_key.keyid
    hub_call = admin.call

    def down(method, path, **kw):
        if method == "POST":
            raise ConnectionError("the hub cannot be reached")
        return hub_call(method, path, **kw)

    admin.call = down
    with pytest.raises(ConnectionError):
        admin.rotate("targets")
    admin.call = hub_call
    assert load_key(admin.keys_dir / "targets.key").public_key.keyid == in_force
    assert admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    admin.rotate("targets")
    [retired] = admin.keys_dir.glob("targets.*.retired.key")
    assert load_key(retired).public_key.keyid == in_force
    after = admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    assert k.poll() is not None and k.state.version == after.version
    assert admin.rollback("all").settings == {"notice": {"text": "一"}}


def _reply_lost(admin):
    """The admin API as over a link that drops the reply to a POST the hub has taken."""
    hub_call = admin.call

    def lost(method, path, **kw):
        answer = hub_call(method, path, **kw)
        if method == "POST":
            raise ConnectionError("the connection was reset before the reply")
        return answer

    admin.call = lost
    return hub_call


@pytest.mark.parametrize("role", ["targets", "timestamp"])
def test_a_rotation_whose_reply_was_lost_is_completed_when_tried_again(tmp_path, hub, admin, role):
    """The hub took the new root but its reply never came: the rotation tried again finds
    it there and completes it (no second rotation, no "tampered" refusal), and publishing
    goes on under the new key; kiosks follow."""
    from tuf.api.metadata import Metadata

    from central.fleet import load_key

    k = kiosk(tmp_path, hub, admin, "k", "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    in_force = load_key(admin.keys_dir / "targets.key").public_key.keyid
    hub_call = _reply_lost(admin)
    with pytest.raises(ConnectionError):
        admin.rotate(role)
    admin.call = hub_call
    served = Metadata.from_bytes(admin._get("metadata/root.json")).signed.version
    # Completed, not done again: the hub's root is the one sent before.
    assert Metadata.from_bytes(admin.rotate(role)).signed.version == served == 2
    assert Metadata.from_bytes(admin._get("metadata/root.json")).signed.version == served
    assert not (admin.keys_dir / "root.pending.json").exists()
    retired = list(admin.keys_dir.glob("targets.*.retired.key"))
    if role == "targets":
        assert [load_key(p).public_key.keyid for p in retired] == [in_force]
        assert load_key(admin.keys_dir / "targets.key").public_key.keyid != in_force
    else:
        assert retired == []
    after = admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    assert k.poll() is not None and k.state.version == after.version
    assert admin.rollback("all").settings == {"notice": {"text": "一"}}


def test_a_renewal_whose_reply_was_lost_leaves_the_next_command_working(
    tmp_path, hub, admin, monkeypatch
):
    """A renewal of the root (within RENEW_DAYS of its expiry) whose reply was lost: the
    next command takes the hub's root as the admins' own rather than refusing everything."""
    from tuf.api.metadata import Metadata

    from central import fleetadmin

    k = kiosk(tmp_path, hub, admin, "k", "all")
    monkeypatch.setattr(fleetadmin, "RENEW_DAYS", fleetadmin.ROOT_DAYS + 1)
    hub_call = _reply_lost(admin)
    with pytest.raises(ConnectionError):
        admin.renew()
    admin.call = hub_call
    after = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None and k.state.version == after.version
    latest = Metadata.from_bytes((admin.keys_dir / "root.latest.json").read_bytes())
    assert latest.signed.version == 2


def test_a_full_disk_at_the_switch_keeps_the_last_good_one_and_says_so(
    tmp_path, hub, admin, monkeypatch
):
    """The disk full as the new configuration is switched in: the poll says so in the
    kiosk's state (the technician's check and the heartbeat), the last good configuration
    stays, and the next poll adopts the new one."""
    import errno
    import os

    from services import fleet

    k = kiosk(tmp_path, hub, admin, "k", "all")
    good = admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert k.poll() is not None
    pushed = admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fleet.os, "fsync", full)
    assert k.poll() is None
    assert "No space" in k.state.error and k.state.refused
    assert k.current().version == good.version == k.state.version
    again = kiosk(tmp_path, hub, admin, "k", "all")  # what another process reads
    assert "No space" in again.state.error and again.state.refused
    monkeypatch.setattr(fleet.os, "fsync", real_fsync)
    assert k.poll() is not None and k.state.error == ""
    assert k.current().version == pushed.version


def test_kioskctl_config_says_what_went_wrong_without_a_traceback(
    tmp_path, hub, admin, monkeypatch, capsys
):
    """A history the hub no longer serves, metadata it garbles, a signed file missing or not
    what `config sign` writes: one line and exit status 1, never a traceback."""
    from central.ctl import main

    monkeypatch.setenv("KIOSK_HUB_ADMIN_TOKEN", hub.admin_token)
    keys = str(admin.keys_dir)
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    served = admin._served_targets().signed.version
    metadata = hub.data_dir / "fleet" / "metadata"
    earlier = metadata / f"{served - 1}.targets.json"
    genuine = earlier.read_bytes()
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", "utf-8")
    for garble, args in (
        (lambda: earlier.unlink(), ["rollback", "all"]),
        (lambda: earlier.write_bytes(b"<html>"), ["rollback", "all"]),
        (lambda: earlier.write_bytes(genuine), ["upload", str(tmp_path / "missing.json")]),
        (lambda: None, ["upload", str(listed)]),
    ):
        garble()
        capsys.readouterr()
        assert main(["--hub", hub.url, "config", *args, "--keys", keys]) == 1
        assert capsys.readouterr().err.strip()
    bundle = tmp_path / "b.json"
    bundle.write_bytes(Bundle(0, "", {"notice": {"text": "三"}}).to_bytes())
    for args in (["assign", "../east", "k1"], ["publish", str(bundle), "--group", "canary east"]):
        assert main(["--hub", hub.url, "config", *args, "--keys", keys]) == 1
        assert "cannot name a group" in capsys.readouterr().err
    assert admin._served_targets().signed.version == served


def test_a_kiosk_whose_root_file_is_unreadable_starts_and_says_so(tmp_path, hub, admin):
    """The shipped root.json lost or unreadable: the kiosk starts all the same (residents
    are served on its configuration), polls on with the root its metadata already holds,
    and, never bootstrapped, says why it cannot confirm any configuration."""
    import shutil

    from kiosk.config import load_config
    from kiosk.hubtoken import HubToken
    from services.sync import sync_worker

    shipped = tmp_path / "root.json"
    shutil.copy(admin.keys_dir / "root.json", shipped)
    override = tmp_path / "kiosk.toml"
    override.write_text(
        f'[kiosk]\nid = "lost-root"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[hub]\nurl = "{hub.url}"\n[fleet]\nroot = "{shipped}"\n',
        "utf-8",
    )
    token = HubToken(tmp_path / "token.json")
    admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
    assert sync_worker(load_config(override), token).options.fleet.poll() is not None
    shipped.unlink()
    pushed = admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
    fleet = sync_worker(load_config(override), token).options.fleet
    assert fleet.poll() is not None and fleet.state.version == pushed.version
    shutil.rmtree(tmp_path / "data" / "fleet" / "metadata")
    fleet = sync_worker(load_config(override), token).options.fleet
    assert fleet.poll() is None and fleet.state.refused and "root" in fleet.state.error
    assert fleet.current().version == pushed.version
