"""Degraded replies when Rasa is slow or failing, or the action server is down.

Small HTTP servers stand in for Rasa and the action server so that each fault can be produced
on demand: a server that never answers, one that answers 500, one whose action server is gone.
The real processes are killed in tests/integration/test_faults.py.
"""

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from tests.seed import first_phone
from tests.stack import free_port, seed_database
from tests.unit.gateway_app import gateway_app

BOT_TEXT = "Dans quelle ville ou région habitez-vous?"
DEGRADED_START = "Je ne peux pas répondre normalement"


def handler_answering(status: int, body: object) -> type[BaseHTTPRequestHandler]:
    payload = json.dumps(body).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def reply(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            self.rfile.read(length)
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = reply
        do_POST = reply

        def log_message(self, *args) -> None:
            pass

    return Handler


@contextmanager
def http_server(status: int, body: object) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_answering(status, body))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers, like a hung Rasa."""
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'resources.sqlite3'}"
    seed_database(url)
    return url


def chat(database_url: str, rasa_url: str, actions_url: str, **environment: str) -> dict:
    settings = {"GATEWAY_RASA_URLS": rasa_url, "GATEWAY_ACTION_SERVER_URL": actions_url, **environment}
    with gateway_app(database_url, **settings) as app, TestClient(app) as client:
        response = client.post(
            "/api/chat", json={"session_id": str(uuid.uuid4()), "message": "bonjour"}
        )
    assert response.status_code == 200
    return response.json()


def assert_degraded(reply: dict) -> None:
    text = reply["messages"][0]["text"]
    assert text.startswith(DEGRADED_START)
    assert "[911](tel:911)" in text
    assert f"[{first_phone('info-social-811')}]" in text


def test_slow_rasa_gets_degraded_reply_after_timeout(database_url):
    with silent_server() as rasa_url, http_server(200, {"status": "ok"}) as actions_url:
        started = time.monotonic()
        reply = chat(database_url, rasa_url, actions_url, GATEWAY_RASA_TIMEOUT_SECONDS="1")
        elapsed = time.monotonic() - started

    assert_degraded(reply)
    assert elapsed < 10


def test_rasa_500_gets_degraded_reply(database_url):
    with http_server(500, {"error": "boom"}) as rasa_url, http_server(200, {}) as actions_url:
        reply = chat(database_url, rasa_url, actions_url)

    assert_degraded(reply)


def test_action_server_down_gets_degraded_reply(database_url):
    rasa_reply = [{"recipient_id": "x", "text": "Je n'ai pas bien compris."}]
    with http_server(200, rasa_reply) as rasa_url:
        reply = chat(database_url, rasa_url, f"http://127.0.0.1:{free_port()}")

    assert_degraded(reply)


def test_action_server_up_passes_bot_reply(database_url):
    rasa_reply = [{"recipient_id": "x", "text": BOT_TEXT}, {"custom": {"expecting": "region"}}]
    with http_server(200, rasa_reply) as rasa_url, http_server(200, {"status": "ok"}) as actions_url:
        reply = chat(database_url, rasa_url, actions_url)

    assert reply["messages"][0]["text"] == BOT_TEXT
    assert reply["expecting"] == "region"
