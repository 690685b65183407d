"""Gateway hardening: body size limit, rate limits, CORS off, headers, and what gets logged."""

import logging
import uuid

import httpx
import pytest
from fastapi.testclient import TestClient

from api.redaction import RedactionFilter
from tests.seed import first_phone
from tests.stack import seed_database
from tests.unit.gateway_app import gateway_app, serve


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'resources.sqlite3'}"
    seed_database(url)
    return url


@pytest.fixture(scope="module")
def client(database_url):
    with gateway_app(database_url) as app, TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def server_url(database_url):
    with gateway_app(database_url) as app, serve(app) as base_url:
        yield base_url


def chat_body(message: str, session_id: str | None = None) -> dict:
    return {"session_id": session_id or str(uuid.uuid4()), "message": message}


def test_body_over_limit_gets_413_in_french(client):
    response = client.post("/api/chat", json=chat_body("a" * 20_000))

    assert response.status_code == 413
    assert "trop volumineux" in response.json()["detail"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_chunked_body_over_limit_gets_413(server_url):
    def chunks():
        yield b'{"message": "'
        for _ in range(40):
            yield b"a" * 1024
        yield b'"}'

    response = httpx.post(
        server_url + "/api/chat", content=chunks(), headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert "trop volumineux" in response.json()["detail"]


def test_body_under_limit_reaches_length_check(client):
    response = client.post("/api/chat", json=chat_body("a" * 5_000))

    assert response.status_code == 200
    assert "trop long" in response.json()["messages"][0]["text"]


def test_rate_limit_per_session(database_url):
    with (
        gateway_app(database_url, GATEWAY_RATE_LIMIT_PER_SESSION="3/minute") as app,
        TestClient(app) as client,
    ):
        session_id = str(uuid.uuid4())
        statuses = [
            client.post("/api/chat", json=chat_body("bonjour", session_id)).status_code
            for _ in range(4)
        ]
        limited = client.post("/api/chat", json=chat_body("bonjour", session_id))
        other_session = client.post("/api/chat", json=chat_body("bonjour"))

    assert statuses == [200, 200, 200, 429]
    assert limited.status_code == 429
    assert "Attendez" in limited.json()["detail"]
    assert "[911](tel:911)" in limited.json()["detail"]
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert other_session.status_code == 200


def test_rate_limit_per_ip(database_url):
    with (
        gateway_app(database_url, GATEWAY_RATE_LIMIT_PER_IP="5/minute") as app,
        TestClient(app) as client,
    ):
        statuses = [client.post("/api/chat", json=chat_body("bonjour")).status_code for _ in range(6)]
        limited = client.post("/api/chat", json=chat_body("bonjour"))

    assert statuses == [200] * 5 + [429]
    assert "réessayez" in limited.json()["detail"]


def test_invalid_rate_limit_setting_fails_at_start(database_url):
    with pytest.raises(ValueError):
        with gateway_app(database_url, GATEWAY_RATE_LIMIT_PER_IP="sixty per minute"):
            pass


def test_cors_preflight_is_not_allowed(client):
    response = client.options(
        "/api/chat",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )

    assert "access-control-allow-origin" not in response.headers
    assert response.status_code == 405


def test_cross_origin_post_gets_no_cors_header(client):
    response = client.post(
        "/api/chat", json=chat_body("bonjour"), headers={"Origin": "https://evil.example"}
    )

    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_no_hsts_on_plain_http(client):
    # HSTS is meaningless over http: the TLS proxy in front of the gateway sets it.
    assert "strict-transport-security" not in client.get("/").headers


def test_chat_turn_logs_no_message_text(database_url, caplog):
    caplog.set_level(logging.DEBUG)
    message = "je m'appelle Julie Tremblay, mon numéro 514-555-1234, H2X 1Y4"

    with gateway_app(database_url) as app, TestClient(app) as client:
        reply = client.post("/api/chat", json=chat_body(message)).json()

    assert f"[{first_phone('info-social-811')}]" in reply["messages"][0]["text"]
    assert "degraded reply" in caplog.text
    for fragment in ("Julie", "Tremblay", "514-555-1234", "H2X 1Y4", "appelle"):
        assert fragment not in caplog.text


def test_gateway_installs_redaction_on_root_handlers(database_url, caplog):
    with gateway_app(database_url):
        root_filters = [
            log_filter for handler in logging.getLogger().handlers for log_filter in handler.filters
        ]
        logging.getLogger("api.test").warning("callback for 418-555-0199 at jo@example.org")

    assert any(isinstance(log_filter, RedactionFilter) for log_filter in root_filters)
    assert "418-555-0199" not in caplog.text
    assert "[phone]" in caplog.text
    assert "[email]" in caplog.text
