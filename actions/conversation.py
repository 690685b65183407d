"""Greeting with the disclaimer, lines staffed by people, and refusals to answer."""

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.content_store import message
from actions.failures import degrade_on_failure
from actions.formatting import service_message
from actions.responses import response_text
from actions.services import (
    DEFAULT_HUMAN_LINE_IDS,
    HUMAN_LINE_IDS,
    PROVINCE_WIDE,
    find_by_ids,
)

logger = logging.getLogger(__name__)

# Slot values set when a person declines a question, so that the form can go on without it.
REFUSAL_DEFAULTS = {
    "region": {"region": PROVINCE_WIDE, "area": None, "region_candidates": None},
    "role": {"role": "autre"},
    "situation": {"situation": "soupcon"},
}


class ActionGreet(Action):
    """Greet with the disclaimer: not an emergency service, nothing kept, how to leave fast."""

    def name(self) -> str:
        return "action_greet"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        role = tracker.get_slot("role")
        language = tracker.get_slot("language") or "fr"
        dispatcher.utter_message(text=message("disclaimer", role, language))
        dispatcher.utter_message(response="utter_greet_back")
        return []


class ActionHumanHelp(Action):
    """Send the help lines staffed by people, chosen for the person's role."""

    def name(self) -> str:
        return "action_human_help"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        role = tracker.get_slot("role")
        line_ids = HUMAN_LINE_IDS.get(role or "", DEFAULT_HUMAN_LINE_IDS)
        dispatcher.utter_message(response="utter_human_help")

        verified_label = response_text(domain, "utter_verified_label", language=tracker.get_slot("language"))
        for line in find_by_ids(line_ids):
            dispatcher.utter_message(text=service_message(line, verified_label))
        return []


class ActionHandleRefusal(Action):
    """Accept a refusal to answer the current question and let the form go on without it."""

    def name(self) -> str:
        return "action_handle_refusal"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        defaults = REFUSAL_DEFAULTS.get(requested or "", {})
        dispatcher.utter_message(response="utter_refusal_ok")
        logger.info("question declined sender=%s slot=%s", tracker.sender_id, requested)
        return [SlotSet(slot, value) for slot, value in defaults.items()]
