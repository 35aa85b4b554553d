"""The hub's logs never carry a resident's data, whatever the failure: a resident's planted
ID number, name and form answers are sent in requests that fail in every way we can cause
(a database refusing the row, a NUL PostgreSQL cannot store, the database stopped under
the hub, malformed and invalid requests), and then searched for in everything the hub
wrote: its stdout and stderr and every file in its data directory."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from central.process import HubProcess
from central.throwaway_postgres import PostgresServer, server_binaries
from tests.hub.data import (
    BIRTH_FORM,
    MOTHER,
    birth_application,
    card_of,
    fresh_id_number,
    lookup_body,
    search_body,
)
from tests.hub.fixtures import BACKENDS, Caller, enrol

NAME = "郑秘芸"  # made up for this test
FORM_ANSWER = "宝宝隐秘名"


@pytest.fixture(params=BACKENDS)
def logged_hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[HubProcess]:
    """A hub of its own at the default log level (info: every request is logged), on a
    PostgreSQL server of its own, which the test may stop."""
    db_url = ""
    server = None
    if request.param == "postgresql":
        bin_dir = server_binaries()
        assert bin_dir is not None, "PostgreSQL is not installed"
        server = PostgresServer(bin_dir).start()
        db_url = server.create_database("hub")
    hub = HubProcess(tmp_path / "hub", db_url=db_url, log_level="info")
    hub.postgres = server  # type: ignore[attr-defined]
    try:
        yield hub.start()
    finally:
        hub.stop()
        if server is not None:
            server.stop()


def _application(number: str, name: str = NAME) -> dict:
    return birth_application(
        applicant={"number": number, "name": name},
        form={
            **BIRTH_FORM,
            "applicant-name": name,
            "applicant-id-number": number,
            "child-name": FORM_ANSWER,
        },
    )


def _submit(kiosk: Caller, body: dict) -> requests.Response:
    return kiosk.post("/applications", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})


def _refuse_every_application(hub: HubProcess) -> None:
    """Make the database itself refuse a new application: its error message then quotes
    the row it was given (PostgreSQL: "Failing row contains (…)")."""
    engine = create_engine(hub.db_url or f"sqlite:///{hub.data_dir / 'hub.db'}")
    with engine.begin() as c:
        if engine.dialect.name == "postgresql":
            c.execute(
                text("ALTER TABLE applications ADD CONSTRAINT planted CHECK (false) NOT VALID")
            )
        else:
            c.execute(
                text(
                    "CREATE TRIGGER planted BEFORE INSERT ON applications "
                    "BEGIN SELECT RAISE(ABORT, 'planted'); END"
                )
            )
    engine.dispose()


def _everything_written(hub: HubProcess) -> str:
    """The hub's stdout and stderr (HubProcess sends both to hub.log) and every other file
    in its data directory but the database itself, as text."""
    out = []
    for path in sorted(hub.data_dir.rglob("*")):
        if path.is_file() and not path.name.startswith("hub.db"):
            out.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(out)


def test_no_failure_puts_personal_data_in_the_logs(logged_hub: HubProcess) -> None:
    hub = logged_hub
    kiosk = enrol(hub)
    number = fresh_id_number()

    # Accepted: a baseline that the data gets through when nothing fails.
    accepted = _submit(kiosk, _application(fresh_id_number(), "王平常"))
    assert accepted.status_code == 201, accepted.text

    # A look-up and a search for the person with a made-up card: refused and alerted (the
    # alert and the refusal's log line carry the number masked only).
    card = {**card_of(MOTHER), "holder_number": number}
    looked_up = kiosk.post("/sharing/lookup", json=lookup_body(MOTHER, number=number, card=card))
    assert looked_up.status_code == 403, looked_up.text
    searched = kiosk.post(
        "/applications/search", json=search_body(MOTHER, number=number, card=card)
    )
    assert searched.status_code == 403, searched.text

    # Malformed JSON carrying the data, and a request that does not fit the contract.
    broken = json.dumps(_application(number), ensure_ascii=False)[:-5]
    answer = kiosk.post(
        "/applications",
        data=broken.encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex},
    )
    assert answer.status_code == 422, answer.text
    wrong = _application(number)
    wrong["applicant"]["subject_type"] = number  # not a subject type
    assert _submit(kiosk, wrong).status_code == 422

    # A NUL in the name: PostgreSQL cannot store it (a 500 unless the hub refuses it first).
    _submit(kiosk, _application(number, NAME + "\x00"))

    # The database refuses the row: an error inside the database, quoting the row.
    _refuse_every_application(hub)
    refused = _submit(kiosk, _application(number))
    assert refused.status_code == 500, refused.text

    # The database goes away under the hub.
    server: PostgresServer | None = hub.postgres  # type: ignore[attr-defined]
    if server is not None:
        server.halt()
        gone = _submit(kiosk, _application(number))
        assert gone.status_code >= 500, gone.text

    written = _everything_written(hub)
    # The failures were logged (so the search below searched something) ...
    assert "unexpected" in written and "on POST /v1/applications" in written, written[-3000:]
    # ... and none of the resident's data was, in any spelling JSON might give it.
    planted = [number, NAME, FORM_ANSWER, number[6:14] + number[14:]]
    planted += [json.dumps(p)[1:-1] for p in (NAME, FORM_ANSWER)]  # \\u-escaped
    for secret in planted:
        assert secret not in written, f"{secret!r} is in the hub's log:\n{written[-3000:]}"
