"""Faults in the middle of a conversation: the action server dies, then Rasa dies.

Every reply must still be a non-empty French reply that gives 911 and Info-Social 811, with the
numbers of the resource seed. This module starts its OWN stack, because it kills processes and
the `stack` fixture is shared by the whole session.
"""

import tempfile
from pathlib import Path

import pytest

from tests.integration.conftest import Conversation
from tests.integration.dialogue import all_text
from tests.seed import first_phone
from tests.stack import remove_workdir, start_stack

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def own_stack():
    workdir = Path(tempfile.mkdtemp(prefix="ensemble-faults-"))
    running = start_stack(workdir)
    yield running
    running.stop_all()
    remove_workdir(workdir)


def assert_gives_emergency_lines(reply: dict, transcript: str) -> None:
    text = all_text(reply)
    assert reply["messages"], "empty reply:\n" + transcript
    assert "[911](tel:911)" in text, transcript
    assert f"[{first_phone('info-social-811')}]" in text, transcript
    assert f"[{first_phone('tel-jeunes')}]" in text, transcript


def test_replies_survive_action_server_then_rasa_failure(own_stack):
    conversation = Conversation(own_stack.gateway_url)

    first = conversation.say("Bonjour, je suis inquiète pour ma fille de 14 ans")
    assert first["messages"], conversation.transcript()
    assert "Je ne peux pas répondre normalement" not in all_text(first), conversation.transcript()

    own_stack.stop("actions")
    for text in ("je suis sa mère", "j'habite à Sherbrooke"):
        reply = conversation.say(text)
        assert_gives_emergency_lines(reply, conversation.transcript())

    own_stack.stop("rasa")
    for text in ("allo?", "il est chez nous en ce moment pis il la menace"):
        reply = conversation.say(text)
        assert_gives_emergency_lines(reply, conversation.transcript())
    assert reply["urgent"] is True

    gateway_log = own_stack.log_tail("gateway", chars=100_000)
    assert "degraded reply" in gateway_log
    assert "Sherbrooke" not in gateway_log
