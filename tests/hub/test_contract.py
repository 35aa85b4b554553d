"""The published contract: the running hub's OpenAPI document is the committed one, and
the database the migrations build is the one the hub's tables describe."""

from __future__ import annotations

import json

import requests
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from central.cli import OPENAPI_FILE
from central.tables import Base


def test_the_running_hub_serves_the_committed_openapi_document(hub):
    served = requests.get(f"{hub.url}/openapi.json", timeout=10).json()
    committed = json.loads(OPENAPI_FILE.read_text("utf-8"))
    assert served == committed, (
        "the API changed: if that was meant, run `kiosk-hub openapi > central/openapi.json`"
    )


def test_every_route_documents_its_errors_as_error_responses(hub):
    document = json.loads(OPENAPI_FILE.read_text("utf-8"))
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (
                        f"{method} {path} {status}"
                    )
    assert "HTTPValidationError" not in document["components"]["schemas"]


def test_the_migrations_build_exactly_the_tables_the_hub_uses(hub, hub_db):
    with hub_db.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_a_progress_link_carries_a_token_the_contract_takes_and_no_number():
    from kiosk.codes import new_progress_token, progress_link, read_code

    token = new_progress_token()
    assert len(token) == 24 and token != new_progress_token()
    scanned = read_code(progress_link("https://hub.example/", token))
    assert scanned is not None and (scanned.kind, scanned.value) == ("progress", token)
    for number in ("YJS-20261125-000042", "L-kiosk-01.a_b-20261125-0042"):
        assert read_code(progress_link("https://hub.example", number)) is None


def test_views_from_a_hub_without_the_journey_fields_still_parse():
    from kiosk.contract import ApplicationView

    old = {
        "acceptance_number": "YJS-20261125-000001",
        "onething_id": "birth",
        "situation_id": "newborn",
        "state": "accepted",
        "submitted_at": "2026-11-25T01:00:00Z",
        "due_date": "2026-12-01",
        "items": [],
        "documents": [],
    }
    view = ApplicationView.model_validate(old)
    assert (view.shared, view.commitments, view.local_number, view.rated) == ([], [], "", False)


def test_a_material_is_provided_one_way_only():
    import pytest
    from pydantic import ValidationError

    from kiosk.contract import ApplicationSubmit
    from tests.hub.data import birth_application

    ref = {"material_id": "household-register", "consent_id": "c1", "record_kind": "k"}
    with pytest.raises(ValidationError, match="listed twice"):
        ApplicationSubmit.model_validate(birth_application(shared=[ref, ref]))
    commitment = {"material_id": "household-register", "text": "承诺", "signature_material_id": "s"}
    with pytest.raises(ValidationError, match="one way only"):
        ApplicationSubmit.model_validate(birth_application(shared=[ref], commitments=[commitment]))
    with pytest.raises(ValidationError, match="at most 20 items"):
        ApplicationSubmit.model_validate(
            birth_application(shared=[{**ref, "material_id": f"m{n}"} for n in range(21)])
        )
