"""Encryption at rest (issue #13): what a resident gives the hub through its API is nowhere in
plaintext in hub.db, a PostgreSQL dump or the blob store; files are owner-only; the keys are
kept apart from the data, and the hub will not start without the right ones."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import random
import secrets
import stat
import subprocess
import tomllib
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from central import at_rest
from central.db import Database
from central.keys import KeyFile, KeyProblem, Keys
from central.process import HubProcess
from central.settings import Settings
from central.throwaway_postgres import server_binaries
from tests.conftest import ROOT
from tests.hub.data import (
    BIRTH_FORM,
    MOTHER,
    birth_application,
    fresh_id_number,
    photo_upload,
    search_body,
    submit,
)
from tests.hub.fixtures import BACKENDS, Caller, enrol

# A JPEG's magic bytes around random ones: no other test, and no chance, plants these.
PHOTO = b"\xff\xd8\xff\xe0" + secrets.token_bytes(4000) + b"\xff\xd9"


def _name() -> str:
    return "".join(chr(random.randrange(0x4E00, 0x9FA5)) for _ in range(4))


def _planted(kiosk: Caller) -> dict[str, str]:
    """An application with a new ID number, name, form answer, postal address and photo,
    through the API as a kiosk sends it; what was planted."""
    planted = {
        "number": fresh_id_number(),
        "name": _name(),
        "baby_name": _name(),
        "address": f"{_name()}路{random.randrange(100, 999)}号",
    }
    form = BIRTH_FORM | {
        "applicant-name": planted["name"],
        "applicant-id-number": planted["number"],
        "child-name": planted["baby_name"],
        "household-address": planted["address"],
    }
    photo = photo_upload(PHOTO) | {"file_name": f"{planted['name']}.jpg"}
    body = birth_application(
        applicant={"number": planted["number"], "name": planted["name"]},
        form=form,
        delivery={"method": "post", "address": planted["address"]},
    )
    body["materials"] = [m for m in body["materials"] if m["material_id"] != "photo"] + [photo]
    answer = submit(kiosk, body)
    assert answer.status_code == 201, answer.text
    planted["acceptance_number"] = answer.json()["acceptance_number"]
    return planted


def _needles(planted: dict[str, str]) -> dict[str, bytes]:
    """What must not be found: the text as UTF-8, and the photo raw and as base64."""
    found = {k: v.encode() for k, v in planted.items() if k != "acceptance_number"}
    found["photo"] = PHOTO[100:164]
    found["photo, base64"] = base64.b64encode(PHOTO)[300:364]
    return found


def _files(root: Path) -> Iterator[Path]:
    # hub.log is the logs' business (no personal data in logs), not the data's at rest.
    return (p for p in root.rglob("*") if p.is_file() and p.name != "hub.log")


def _postgres_text(db_url: str) -> bytes:
    """The database as pg_dump writes it; where there is no pg_dump, every text, JSON and
    bytea value of every table."""
    url = make_url(db_url)
    binaries = server_binaries()
    if binaries is not None and (binaries / "pg_dump").exists():
        dump = subprocess.run(
            [
                str(binaries / "pg_dump"),
                "-h",
                str(url.query["host"]),
                "-p",
                str(url.query["port"]),
                "-U",
                "postgres",
                "--data-only",
                str(url.database),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        assert b"COPY public.applications" in dump.stdout
        return dump.stdout
    engine = create_engine(db_url)
    out = []
    with engine.connect() as c:
        columns = c.execute(
            text(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'public'"
            )
        ).all()
        for table, column, kind in columns:
            if kind in ("text", "character varying", "json", "jsonb", "bytea"):
                for (value,) in c.execute(text(f'SELECT "{column}" FROM "{table}"')):
                    out.append(bytes(value) if kind == "bytea" else str(value).encode())
    engine.dispose()
    return b"\n".join(out)


def test_what_a_resident_gives_is_nowhere_in_plaintext(hub, kiosk, hub_unsealed):
    planted = _planted(kiosk)
    # The control: the hub did keep them, and gives them back with its keys.
    view = kiosk.get(f"/applications/{planted['acceptance_number']}")
    assert view.status_code == 200
    blob_names = [p.name for p in (hub.data_dir / "blobs").rglob("*") if p.is_file()]
    assert any(hub_unsealed.documents.get(n) == PHOTO for n in blob_names)

    at_rest_bytes = {str(p): p.read_bytes() for p in _files(hub.data_dir)}
    assert any(name.endswith("hub.db") for name in at_rest_bytes) == (not hub.db_url)
    if hub.db_url:
        at_rest_bytes["pg_dump"] = _postgres_text(hub.db_url)
    for what, needle in _needles(planted).items():
        holding = [name for name, data in at_rest_bytes.items() if needle in data]
        assert holding == [], f"the {what} is in plaintext in {holding}"


def test_documents_are_in_the_blob_store_not_the_database(hub, kiosk, hub_db):
    _planted(kiosk)
    with hub_db.connect() as c:
        columns = set(c.execute(text("SELECT * FROM documents LIMIT 0")).keys())
        sealed = c.execute(text("SELECT applicant_number, form FROM applications")).all()
    assert "data" not in columns
    assert all(n.startswith("s1.") and f.startswith("s1.") for n, f in sealed)


@pytest.fixture
def stopped_hub(request, tmp_path) -> Iterator[HubProcess]:
    """A sandbox hub that has started once, holds an application, and is stopped again."""
    db_url = ""
    if getattr(request, "param", "sqlite") == "postgresql":
        db_url = request.getfixturevalue("postgres").create_database(f"ar_{uuid.uuid4().hex[:8]}")
    hub = HubProcess(tmp_path / "hub", db_url=db_url).start()
    try:
        _planted(enrol(hub))
    finally:
        hub.stop()
    yield hub


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_directories_are_owner_only(stopped_hub):
    hub = stopped_hub
    assert _mode(hub.data_dir) == 0o700
    db_files = [p for p in hub.data_dir.iterdir() if p.name.startswith("hub.db")]
    assert db_files and {_mode(p) for p in db_files} == {0o600}
    blobs = hub.data_dir / "blobs"
    directories = [blobs, *(p for p in blobs.rglob("*") if p.is_dir())]
    files = [p for p in blobs.rglob("*") if p.is_file()]
    assert len(files) == 3  # the registration form, the photo and the signature
    assert {_mode(p) for p in directories} == {0o700}
    assert {_mode(p) for p in files} == {0o600}
    assert _mode(hub.key_file) == 0o600 and _mode(hub.key_file.parent) == 0o700
    assert not hub.key_file.is_relative_to(hub.data_dir)


def test_looser_modes_of_an_older_hub_are_tightened_at_start(stopped_hub):
    os.chmod(stopped_hub.data_dir, 0o755)
    os.chmod(stopped_hub.data_dir / "hub.db", 0o644)
    stopped_hub.start()
    stopped_hub.stop()
    assert _mode(stopped_hub.data_dir) == 0o700
    assert _mode(stopped_hub.data_dir / "hub.db") == 0o600


def _serve(hub: HubProcess, *extra: str) -> subprocess.CompletedProcess[str]:
    """`kiosk-hub serve` as the hub process would run it; it must end at once, refusing."""
    command = [a for a in hub.command() if a != "--sandbox"] + list(extra)
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def _refused(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("kiosk-hub: cannot start:")
    assert expected in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("stopped_hub", BACKENDS, indirect=True)
def test_the_hub_refuses_to_start_when_its_key_file_is_missing_but_data_exists(stopped_hub):
    kept = stopped_hub.key_file.with_name("kept")
    stopped_hub.key_file.rename(kept)
    _refused(_serve(stopped_hub), "is missing, but the hub's data")
    assert not stopped_hub.key_file.exists()  # no new keys were made in its place
    kept.rename(stopped_hub.key_file)
    stopped_hub.start().stop()  # with its keys back, it starts


@pytest.mark.parametrize("stopped_hub", BACKENDS, indirect=True)
def test_the_hub_refuses_another_hubs_keys(stopped_hub, tmp_path):
    other = tmp_path / "other-keys" / "hub.keys"
    KeyFile(other).create(None)
    _refused(_serve(stopped_hub, "--key-file", str(other)), "is not the one this database")
    same_subject_key = tomllib.loads(stopped_hub.key_file.read_text())["subject_key"]
    text_ = other.read_text().replace(
        tomllib.loads(other.read_text())["subject_key"], same_subject_key
    )
    other.write_text(text_)
    _refused(_serve(stopped_hub, "--key-file", str(other)), "do not open this database's data")


def test_the_hub_refuses_a_key_file_others_can_read(stopped_hub):
    os.chmod(stopped_hub.key_file, 0o644)
    _refused(_serve(stopped_hub), "can be read by others (mode 0644)")


def test_the_hub_refuses_a_key_file_in_its_data_directory(tmp_path):
    hub = HubProcess(tmp_path / "hub", key_file=tmp_path / "hub" / "hub.keys")
    _refused(_serve(hub), "is inside data_dir")


# -- a hub from before encryption at rest --------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def old_hub(request, tmp_path) -> tuple[HubProcess, Database]:
    """A stopped hub whose database an older hub wrote (revision 0002): personal fields and
    documents in plaintext, the subject-hash key in hub_secrets."""
    db_url = ""
    if request.param == "postgresql":
        db_url = request.getfixturevalue("postgres").create_database(f"old_{uuid.uuid4().hex[:8]}")
    hub = HubProcess(tmp_path / "hub", db_url=db_url)
    hub.data_dir.mkdir()
    db = Database(db_url or f"sqlite:///{hub.data_dir / 'hub.db'}")
    db.migrate(to="0002")
    return hub, db


OLD_KEY = secrets.token_hex(32)
OLD_TOKEN = "yk_" + secrets.token_urlsafe(32)


def test_an_older_hubs_data_is_sealed_and_its_key_moved_out_at_upgrade(old_hub):
    hub, db = old_hub
    number, name = MOTHER, _name()  # a sample resident: the search needs her card
    applicant_hash = hmac.new(OLD_KEY.encode(), number.encode(), hashlib.sha256).hexdigest()
    now = datetime.now(UTC)
    with db.engine.begin() as c:
        c.execute(text("INSERT INTO hub_secrets VALUES ('subject_key', :k)"), {"k": OLD_KEY})
        c.execute(
            text(
                "INSERT INTO kiosks (id, name, created_at, token_hash, app_version, "
                "catalog_version, outbox_pending, devices) VALUES ('k1', 'k1', :t, :h, '', '', "
                "0, '[]')"
            ),
            {"t": now, "h": hashlib.sha256(OLD_TOKEN.encode()).hexdigest()},
        )
        c.execute(
            text(
                "INSERT INTO applications (acceptance_number, kiosk_id, idempotency_key, "
                "request_hash, catalog_etag, onething_id, situation_id, applicant_type, "
                "applicant_number, applicant_hash, applicant_name, form, delivery, "
                "accepted_by, terminal, state, reason, submitted_at, due_date) VALUES "
                "('YJS-20260101-000001', 'k1', 'key', 'h', 'e', 'birth', 'newborn', 'person', "
                ":n, :hash, :name, :form, :delivery, 'self-service', 't', 'accepted', '', :t, :d)"
            ),
            {
                "n": number,
                "hash": applicant_hash,
                "name": name,
                "form": '{"baby_name": "陈小宝"}',
                "delivery": '{"method": "pickup", "place": "便民服务中心"}',
                "t": now,
                "d": date(2026, 1, 5),
            },
        )
        c.execute(
            text(
                "INSERT INTO tasks (application_id, seq, step_id, step_name, unit, items, "
                "on_fail, state, due_date, claimed_by, reason, note) VALUES (1, 0, 's', 's', "
                "'u', '[]', 'return', 'done', :d, '', '', '')"
            ),
            {"d": date(2026, 1, 5)},
        )
        c.execute(
            text(
                "INSERT INTO documents (id, application_id, task_id, kind, material_id, "
                "file_name, content_type, size, sha256, data, created_at) VALUES ('d1', 1, 1, "
                "'result', '', :f, 'image/jpeg', :s, '', :data, :t)"
            ),
            {"f": f"{name}.jpg", "s": len(PHOTO), "data": PHOTO, "t": now},
        )
    db.dispose()

    hub.start()
    try:
        kiosk = Caller(hub.url, OLD_TOKEN)
        # The upgraded data reads back through the API as before: the document from the
        # blob store, the application found by its applicant's hash made with the old key.
        document = kiosk.get("/documents/d1")
        assert document.status_code == 200 and document.content == PHOTO
        found = kiosk.post("/applications/search", json=search_body(number)).json()
        assert [a["acceptance_number"] for a in found] == ["YJS-20260101-000001"]
    finally:
        hub.stop()
    keys = KeyFile(hub.key_file).load()
    assert isinstance(keys, Keys) and keys.subject_key == OLD_KEY.encode()
    db = Database(hub.db_url or f"sqlite:///{hub.data_dir / 'hub.db'}")
    with db.engine.connect() as c:
        secrets_left = set(c.execute(text("SELECT name FROM hub_secrets")).scalars())
        row = c.execute(text("SELECT applicant_number, applicant_name, form FROM applications"))
        sealed = row.one()
    db.dispose()
    assert "subject_key" not in secrets_left
    assert all(value.startswith("s1.") for value in sealed)
    at_rest_bytes = [p.read_bytes() for p in _files(hub.data_dir)]
    if hub.db_url:
        at_rest_bytes.append(_postgres_text(hub.db_url))
    for needle in (number.encode(), name.encode(), PHOTO[100:164]):
        assert not any(needle in data for data in at_rest_bytes)


# -- a key management service instead of a key file ----------------------------------------------


class FromVault:
    """A provider as a deployment would write one (here the keys are made up in memory)."""

    keys = Keys({"vault-1": secrets.token_bytes(32)}, "vault-1", secrets.token_bytes(32))

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def describe(self) -> str:
        return "the test vault"

    def load(self) -> Keys:
        return self.keys

    def create(self, subject_key: bytes | None) -> Keys:
        raise AssertionError("a vault's keys are made in the vault")


def test_a_deployment_can_supply_the_keys_through_a_provider(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data",
        key_file=tmp_path / "unused" / "hub.keys",
        key_provider=f"{__name__}:FromVault",
    )
    db = Database(f"sqlite:///{settings.data_dir / 'hub.db'}")
    prepared = at_rest.prepare(settings, db)
    assert prepared.keys is FromVault.keys and prepared.where == "the test vault"
    assert not settings.key_path().exists()
    db.dispose()


def test_a_provider_that_cannot_be_loaded_is_named(tmp_path):
    settings = Settings(data_dir=tmp_path, key_provider="no.such.module:factory")
    with pytest.raises(KeyProblem, match=r"no\.such\.module:factory"):
        at_rest.prepare(settings, Database(f"sqlite:///{tmp_path / 'hub.db'}"))
