"""Fuzzing the gateway in-process (uvicorn on a free port, Rasa down): no 5xx, French replies.

Schemathesis generates requests from the gateway's own /openapi.json; the hand-written cases in
fuzz_cases.py add what a schema cannot describe (broken JSON, invalid UTF-8, huge bodies).
"""

import json
import uuid

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.stack import seed_database
from tests.unit.fuzz_cases import BAD_BODIES, BODY_OVER_LIMIT, ODD_MESSAGES
from tests.unit.gateway_app import gateway_app, serve

JSON_HEADERS = {"content-type": "application/json"}
FUZZED_OPERATIONS = [("POST", "/api/chat"), ("GET", "/api/resources"), ("GET", "/api/places")]
MAX_EXAMPLES_PER_OPERATION = 60
# Words one of which every French reply of the gateway contains.
FRENCH_MARKERS = ("Vous", "Votre", "requête", "message", "page", "911")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    database_url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'resources.sqlite3'}"
    seed_database(database_url)
    # Fuzzing sends hundreds of requests from one IP; the limits are tested elsewhere.
    limits = {
        "GATEWAY_RATE_LIMIT_PER_IP": "100000/minute",
        "GATEWAY_RATE_LIMIT_PER_SESSION": "100000/minute",
    }
    with gateway_app(database_url, **limits) as app, serve(app) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def gateway_schema(server_url):
    return schemathesis.openapi.from_url(server_url + "/openapi.json")


def test_openapi_lists_fuzzed_operations(gateway_schema):
    # /healthz is left out because it returns 503 by design while Rasa is down, as it is here.
    operations = {(method.upper(), path) for path, methods in gateway_schema.items() for method in methods}
    assert set(FUZZED_OPERATIONS) <= operations


# The schemathesis pytest plugin (parametrize, from_fixture) fails on pytest 9, so each
# operation runs its hypothesis strategy directly.
@pytest.mark.parametrize(("method", "path"), FUZZED_OPERATIONS)
def test_openapi_operation_never_5xx(gateway_schema, method, path):
    operation = gateway_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call_without_server_error(case):
        case.call_and_validate(checks=[not_a_server_error])

    call_without_server_error()


def is_french(text: str) -> bool:
    return any(marker in text for marker in FRENCH_MARKERS)


@pytest.mark.parametrize("name", sorted(ODD_MESSAGES))
def test_odd_message_gets_french_reply(server_url, name):
    # json.dumps escapes to ASCII, so a lone surrogate travels as the JSON escape "\\ud83d".
    body = json.dumps({"session_id": str(uuid.uuid4()), "message": ODD_MESSAGES[name]})
    response = httpx.post(server_url + "/api/chat", content=body, headers=JSON_HEADERS)

    assert response.status_code == 200, response.text
    messages = response.json()["messages"]
    assert messages
    assert is_french(messages[0]["text"])


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
def test_bad_body_gets_french_4xx(server_url, name):
    response = httpx.post(server_url + "/api/chat", content=BAD_BODIES[name], headers=JSON_HEADERS)

    assert 400 <= response.status_code < 500, response.text
    assert is_french(response.json()["detail"])


def test_100_kb_body_gets_413(server_url):
    response = httpx.post(server_url + "/api/chat", content=BODY_OVER_LIMIT, headers=JSON_HEADERS)

    assert response.status_code == 413
    assert is_french(response.json()["detail"])


def test_script_is_not_echoed(server_url):
    response = httpx.post(
        server_url + "/api/chat",
        json={"session_id": str(uuid.uuid4()), "message": ODD_MESSAGES["script"]},
    )

    assert "<script>" not in response.text
