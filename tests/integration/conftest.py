"""Conversations through the gateway of the test stack (see tests/conftest.py)."""

import uuid

import httpx
import pytest


class Conversation:
    """One chat session through the gateway, as the web page holds it."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session_id = str(uuid.uuid4())
        self.turns: list[tuple[str, dict]] = []

    def say(self, text: str) -> dict:
        response = httpx.post(
            self.base_url + "/api/chat",
            json={"session_id": self.session_id, "message": text},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        reply = response.json()
        self.turns.append((text, reply))
        return reply

    def transcript(self) -> str:
        lines = []
        for text, reply in self.turns:
            lines.append(f"> {text}")
            lines.extend(f"< {message['text']}" for message in reply["messages"])
        return "\n".join(lines)


@pytest.fixture
def conversation(stack):
    """A conversation on the test stack; every phone number of its replies is checked at the end."""
    # dialogue.py imports Conversation from this module, so this import waits until here.
    from tests.integration.dialogue import assert_numbers_from_seed

    conversation = Conversation(stack.gateway_url)
    yield conversation
    assert_numbers_from_seed(conversation)
