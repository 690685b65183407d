"""The emergency reply: 911 first, then the suicide-prevention lines or the region's DPJ."""

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.failures import degrade_on_failure
from actions.formatting import phone_link, service_message
from actions.region import region_slots_from_message
from actions.responses import response_text
from actions.services import EMERGENCY_ID, SUICIDE_LINE_IDS, find_by_ids, find_dpj
from actions.understanding import (
    age_from_message,
    intent_name,
    role_from_message,
    tone_for_role,
    topic_from_message,
)

logger = logging.getLogger(__name__)


def slots_from_danger_message(tracker: Tracker) -> dict[str, Any]:
    """Return what a danger message says besides the danger: role, place, age, topic.

    The slot-mapping action leaves danger messages alone so that the form yields to the
    emergency rule, so this action records those details itself.
    """
    message = dict(tracker.latest_message)
    # Read the place as if the message were an answer, so the interruption guard is skipped.
    message["intent"] = {"name": "inform"}
    slots: dict[str, Any] = {}

    role = role_from_message(message)
    if role and not tracker.get_slot("role"):
        slots["role"] = role
        slots["tone"] = tone_for_role(role)
    age = age_from_message(message)
    if age is not None:
        slots["age"] = str(age)
    topic = topic_from_message(tracker.latest_message)
    if topic:
        slots["topic"] = topic

    region_slots = region_slots_from_message(message, None, tracker.get_slot("region_attempts"))
    if region_slots.get("region"):
        slots.update(region_slots)
    return slots


class ActionEmergency(Action):
    """Send 911 before anything else, then the line that fits the danger."""

    def name(self) -> str:
        return "action_emergency"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = intent_name(tracker.latest_message)
        slots = slots_from_danger_message(tracker)
        role = slots.get("role") or tracker.get_slot("role")
        region = slots.get("region") or tracker.get_slot("region")
        area = slots.get("area") or tracker.get_slot("area")
        language = tracker.get_slot("language") or "fr"

        emergency = find_by_ids([EMERGENCY_ID])
        # 911 stays reachable even if the database lost its emergency entry.
        emergency_link = phone_link(emergency[0].phones[0]) if emergency else "[911](tel:911)"
        dispatcher.utter_message(json_message={"urgent": True})
        dispatcher.utter_message(response="utter_emergency", emergency_link=emergency_link)

        verified_label = response_text(domain, "utter_verified_label", language=language)
        if intent == "suicide_risk":
            dispatcher.utter_message(response="utter_emergency_suicide")
            for line in find_by_ids(SUICIDE_LINE_IDS):
                dispatcher.utter_message(text=service_message(line, verified_label))
        else:
            slots["situation"] = "danger"
            dpj_lines = find_dpj(region, area, language)
            if dpj_lines:
                dispatcher.utter_message(response="utter_emergency_then_dpj")
                for line in dpj_lines:
                    dispatcher.utter_message(text=service_message(line, verified_label))

        logger.info(
            "emergency reply sender=%s intent=%s region=%s role_known=%s",
            tracker.sender_id,
            intent,
            region,
            role is not None,
        )
        return [SlotSet(slot, value) for slot, value in slots.items()]
