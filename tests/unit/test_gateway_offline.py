"""The gateway on its own: Rasa is not running, so every chat turn is the degraded reply.

The degraded reply must still give 911, Info-Social 811 and the youth lines, with the numbers
of the resource database.
"""

import json
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.stack import free_port, seed_database

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client(tmp_path_factory, monkeypatch_module):
    database_url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'resources.sqlite3'}"
    seed_database(database_url)

    # Nothing listens on this port, so every Rasa request fails at once.
    closed_port = free_port()
    monkeypatch_module.setenv("DATABASE_URL", database_url)
    monkeypatch_module.setenv("GATEWAY_RASA_URLS", f"http://127.0.0.1:{closed_port}")
    monkeypatch_module.setenv("GATEWAY_ACTION_SERVER_URL", f"http://127.0.0.1:{closed_port}")

    from api.fixed_replies import fixed_replies
    from api.main import create_app
    from api.settings import get_settings
    from resources_db.engine import get_engine
    from resources_db.settings import get_settings as get_database_settings

    for cached in (fixed_replies, get_settings, get_engine, get_database_settings):
        cached.cache_clear()
    with TestClient(create_app()) as test_client:
        yield test_client
    for cached in (fixed_replies, get_settings, get_engine, get_database_settings):
        cached.cache_clear()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def seed_phone_numbers(resource_id: str) -> list[str]:
    seed = json.loads((REPO_ROOT / "resources_db/data/resources/resources.json").read_text("utf-8"))
    entry = next(item for item in seed["organizations"] if item["id"] == resource_id)
    return [phone["number"] for phone in entry["phones"]]


def chat(client: TestClient, message: str) -> dict:
    response = client.post("/api/chat", json={"session_id": str(uuid.uuid4()), "message": message})
    assert response.status_code == 200
    return response.json()


def test_degraded_reply_gives_emergency_lines_from_seed(client):
    text = chat(client, "bonjour")["messages"][0]["text"]

    assert "[911](tel:911)" in text
    assert f"[{seed_phone_numbers('info-social-811')[0]}]" in text
    assert f"[{seed_phone_numbers('tel-jeunes')[0]}]" in text
    assert "/ressources" in text


def test_degraded_reply_is_urgent_when_lexicon_sees_danger(client):
    reply = chat(client, "il est chez nous en ce moment pis il la menace")
    assert reply["urgent"] is True
    assert "911" in reply["messages"][0]["text"]


def test_too_long_message_gets_polite_french_reply(client):
    text = chat(client, "a" * 1001)["messages"][0]["text"]
    assert "trop long" in text
    assert "1001" in text


def test_empty_message_after_control_characters(client):
    text = chat(client, "\x00\x07  \x1b")["messages"][0]["text"]
    assert "vide" in text


def test_session_id_must_be_random_uuid(client):
    response = client.post(
        "/api/chat", json={"session_id": str(uuid.uuid1()), "message": "bonjour"}
    )
    assert response.status_code == 422
    assert "requête" in response.json()["detail"]


def test_broken_json_gets_french_error(client):
    response = client.post(
        "/api/chat", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "911" in response.json()["emergency"]


def test_security_headers(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["checks"] == {"rasa": False, "action_server": False, "database": True}
