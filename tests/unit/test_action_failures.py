"""An action that raises sends the degraded signal, and the gateway turns it into its reply."""

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.failures import DEGRADED_SIGNAL, degrade_on_failure
from api.rasa_client import read_replies


class BrokenAction(Action):
    def name(self) -> str:
        return "action_broken"

    @degrade_on_failure
    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="911 first")
        raise RuntimeError("database gone")


def test_failing_action_sends_degraded_signal():
    dispatcher = CollectingDispatcher()
    tracker = Tracker("session-1", {}, {}, [], False, None, {}, "action_listen")

    events = asyncio.run(BrokenAction().run(dispatcher, tracker, {}))

    assert events == []
    assert dispatcher.messages[0]["text"] == "911 first"
    assert dispatcher.messages[-1]["custom"] == DEGRADED_SIGNAL


def test_gateway_reads_degraded_signal():
    reply = read_replies([{"text": "911 first"}, {"custom": {"degraded": True}}])
    assert reply.degraded is True
    assert [message["text"] for message in reply.messages] == ["911 first"]
