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
