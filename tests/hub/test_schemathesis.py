"""The hub against its own OpenAPI document: schemathesis generates requests for every
operation from the document and sends them to a live hub as a kiosk, a department and the
admin. No answer may be a 5xx, and every answer must be one the document describes (its
status, content type and schema).

Schemathesis makes up mostly well-behaved strings: a NUL turns up in a path parameter about
once in a thousand cases. So each case is sent a second time with one of its strings spoiled
(a NUL, a broken surrogate, a bidi override, CR/LF), which is what a hostile client sends.

Bounded: a few examples per operation and role (KIOSK_SCHEMATHESIS_EXAMPLES, default 15), no
shrinking. Its own hub per backend, since the admin's requests may change what the hub holds.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from central.process import HubProcess
from tests.hub.fixtures import BACKENDS, _start_hub

EXAMPLES = int(os.environ.get("KIOSK_SCHEMATHESIS_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# What a hostile client puts in a string, as it goes into a JSON body or a query, and into a
# path (where schemathesis has already percent-encoded the parameter).
SPOILERS = ["\x00", "\ud800", "\u202e", "\r\n"]
PATH_SPOILERS = ["%00", "%0D%0A", "%E2%80%AE"]


def _strings(value: object, at: tuple = ()) -> list[tuple]:
    """The places of the strings in a case's body or parameters."""
    if isinstance(value, str):
        return [at]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _strings(v, (*at, k))]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in _strings(v, (*at, n))]
    return []


def _spoil(container: dict | list, at: tuple, spoiler: str) -> None:
    for step in at[:-1]:
        container = container[step]
    container[at[-1]] = container[at[-1]][:1] + spoiler + container[at[-1]][1:]


def spoiled(case: schemathesis.Case, data: st.DataObject) -> bool:
    """Spoil one string of the case in place; False if it has none."""
    parts = [
        (name, getattr(case, name))
        for name in ("path_parameters", "query", "body")
        if isinstance(getattr(case, name, None), dict | list)
    ]
    places = [(name, container, at) for name, container in parts for at in _strings(container)]
    if not places:
        return False
    name, container, at = data.draw(st.sampled_from(places))
    choices = PATH_SPOILERS if name == "path_parameters" else SPOILERS
    if name == "query":
        choices = [c for c in choices if c != "\ud800"]  # a URL cannot carry it at all
    _spoil(container, at, data.draw(st.sampled_from(choices)))
    return True


@pytest.fixture(scope="module", params=BACKENDS)
def fuzzed_hub(request: pytest.FixtureRequest) -> Iterator[HubProcess]:
    running = _start_hub(request, None)
    yield running
    running.stop()


def _token(hub: HubProcess, role: str) -> str:
    if role == "kiosk":
        return hub.enrol("fuzzed-kiosk")
    if role == "department":
        return hub.department_token("police")
    return hub.admin_token


@pytest.mark.parametrize("role", ["kiosk", "department", "admin"])
def test_no_answer_is_a_5xx_or_outside_the_openapi_document(fuzzed_hub, role):
    hub = fuzzed_hub
    token = _token(hub, role)
    schema = schemathesis.openapi.from_url(f"{hub.url}/openapi.json")
    failures: list[str] = []
    http = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        # A catalog is slow to make up (8 s for 15) and nearly always refused by the checker.
        examples = max(EXAMPLES // 5, 3) if operation.path == "/v1/admin/catalog" else EXAMPLES

        @given(case=operation.as_strategy(), data=st.data())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],  # no shrinking: report, do not dwell
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case: schemathesis.Case, data: st.DataObject) -> None:
            headers = {"Authorization": f"Bearer {token}"}
            response = case.call(base_url=hub.url, session=http, headers=headers, timeout=30)
            case.validate_response(response, checks=CHECKS, headers=headers)
            if spoiled(case, data):
                response = case.call(base_url=hub.url, session=http, headers=headers, timeout=30)
                assert response.status_code < 500, (
                    f"{response.status_code} for a spoiled string: {case.as_curl_command()}"
                )
                case.validate_response(response, checks=CHECKS, headers=headers)

        try:
            exercise()
        except Exception as e:  # one operation's failure must not hide another's
            failures.append(f"{operation.label}: {e}")
    assert not failures, "\n\n".join(failures)
