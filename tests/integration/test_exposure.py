"""What the running stack exposes and what it writes to its logs.

Rasa and the action server listen on loopback only, Rasa's HTTP API is off, hostile input gets
French replies, and personal data typed in a conversation reaches none of the three logs.
"""

import json
import socket
import uuid

import httpx
import pytest

from tests.integration.conftest import Conversation
from tests.integration.dialogue import all_text
from tests.unit.fuzz_cases import BAD_BODIES, ODD_MESSAGES

pytestmark = pytest.mark.stack

JSON_HEADERS = {"content-type": "application/json"}
PERSONAL_MESSAGE = "je m'appelle Rosalie Bergeron, mon cell 819-555-0142, j'habite au 77 rue Wellington"
PERSONAL_FRAGMENTS = ("Rosalie", "Bergeron", "819-555-0142", "Wellington")


def non_loopback_addresses() -> list[str]:
    """Return this machine's IPv4 addresses other than 127.0.0.0/8."""
    addresses = set()
    try:
        addresses.update(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        pass
    # Connecting a UDP socket sends nothing; it only picks the outgoing interface's address.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            addresses.add(probe.getsockname()[0])
        except OSError:
            pass
    return sorted(address for address in addresses if not address.startswith("127."))


def connection_refused(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=3):
            return False
    except ConnectionRefusedError:
        return True


@pytest.mark.parametrize("process", ["rasa", "actions", "gateway"])
def test_process_refuses_non_loopback_address(stack, process):
    addresses = non_loopback_addresses()
    if not addresses:
        pytest.skip("this machine has no non-loopback IPv4 address to connect to")
    port = {"rasa": stack.rasa_port, "actions": stack.actions_port, "gateway": stack.gateway_port}[process]

    for address in addresses:
        assert connection_refused(address, port), f"{process} answers on {address}:{port}"


def test_rasa_http_api_is_disabled(stack):
    rasa_url = f"http://127.0.0.1:{stack.rasa_port}"
    session_id = str(uuid.uuid4())
    Conversation(stack.gateway_url).say("bonjour")

    tracker = httpx.get(f"{rasa_url}/conversations/{session_id}/tracker", timeout=10)
    model = httpx.get(f"{rasa_url}/status", timeout=10)

    assert tracker.status_code in (403, 404)
    assert model.status_code in (403, 404)


@pytest.mark.parametrize("name", sorted(ODD_MESSAGES))
def test_odd_message_gets_french_reply_from_stack(stack, name):
    body = json.dumps({"session_id": str(uuid.uuid4()), "message": ODD_MESSAGES[name]})
    response = httpx.post(stack.gateway_url + "/api/chat", content=body, headers=JSON_HEADERS, timeout=60)

    assert response.status_code == 200, response.text
    reply = response.json()
    assert reply["messages"], f"empty reply for {name}"
    assert "<script>" not in response.text
    assert "Je ne peux pas répondre normalement" not in all_text(reply)


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
def test_bad_body_gets_4xx_from_stack(stack, name):
    response = httpx.post(
        stack.gateway_url + "/api/chat", content=BAD_BODIES[name], headers=JSON_HEADERS, timeout=30
    )

    assert 400 <= response.status_code < 500, response.text


def test_personal_data_reaches_no_log(stack, conversation):
    conversation.say(PERSONAL_MESSAGE)
    conversation.say("Rosalie Bergeron a 15 ans")

    for process in ("gateway", "rasa", "actions"):
        log = stack.log_tail(process, chars=5_000_000)
        for fragment in PERSONAL_FRAGMENTS:
            assert fragment not in log, f"{fragment!r} found in the {process} log"
