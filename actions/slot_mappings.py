"""Fill the slots from every user message, whether or not the referral form is running.

Rasa calls `action_validate_slot_mappings` after each user message for slots with custom
mappings. Filling them here lets the form skip what the opening message already said, and
accept several answers in one message, in any order.
"""

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions.region import region_slots_from_message
from actions.understanding import (
    DANGER_INTENTS,
    INTERRUPTING_INTENTS,
    age_from_message,
    intent_name,
    language_from_message,
    role_from_answer,
    role_from_message,
    situation_from_answer,
    situation_from_message,
    tone_for_role,
    topic_from_message,
)

logger = logging.getLogger(__name__)


def is_interruption(tracker: Tracker) -> bool:
    """Tell whether the latest message must leave the form's slots alone."""
    return intent_name(tracker.latest_message) in INTERRUPTING_INTENTS


class ValidatePredefinedSlots(ValidationAction):
    """Extract role, situation, topic, age, region and language from the latest message."""

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # The extract methods already validated their values, so the slots set by this turn
        # are returned as they are instead of looking for validate_<slot> methods.
        return [SlotSet(slot, value) for slot, value in tracker.slots_to_validate().items()]

    def extract_role(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        message = tracker.latest_message
        asked_for_role = tracker.get_slot("requested_slot") == "role"

        # A short answer to the role question ("c moi qui a envoyé les photos") can look like
        # a FAQ to the NLU, so it counts unless the message is a danger.
        if asked_for_role and intent_name(message) not in DANGER_INTENTS:
            role = role_from_message(message) or role_from_answer(message.get("text") or "")
            return {"role": role} if role else {}

        if is_interruption(tracker):
            return {}
        role = role_from_message(message)
        return {"role": role} if role else {}

    def extract_tone(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        # Runs after extract_role, whose value the tracker already holds.
        tone = tone_for_role(tracker.get_slot("role"))
        if not tone or tone == tracker.get_slot("tone"):
            return {}
        return {"tone": tone}

    def extract_situation(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if is_interruption(tracker):
            return {}
        message = tracker.latest_message
        situation = situation_from_message(message)
        if not situation and tracker.get_slot("requested_slot") == "situation":
            situation = situation_from_answer(message.get("text") or "")
        if not situation:
            return {}
        # A danger already known stays a danger when the person adds details.
        if tracker.get_slot("situation") == "danger":
            return {}
        return {"situation": situation}

    def extract_topic(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        topic = topic_from_message(tracker.latest_message)
        return {"topic": topic} if topic else {}

    def extract_age(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        age = age_from_message(tracker.latest_message)
        return {"age": str(age)} if age is not None else {}

    def extract_language(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        language = language_from_message(tracker.latest_message)
        return {"language": language} if language else {}

    def extract_region(self, dispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        slots = region_slots_from_message(
            tracker.latest_message,
            tracker.get_slot("requested_slot"),
            tracker.get_slot("region_attempts"),
        )
        if slots:
            logger.info(
                "region extraction sender=%s region=%s candidates=%d attempts=%s",
                tracker.sender_id,
                slots.get("region"),
                len(slots.get("region_candidates") or []),
                slots.get("region_attempts"),
            )
        return slots
