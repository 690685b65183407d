"""Low NLU confidence: start the referral anyway when the message is clearly about a situation.

A worried parent's long message can fall just under the FallbackClassifier's threshold when two
situation intents score alike ("report_suspicion" and "luring_online"). Asking such a person to
rephrase loses them. So when the best guesses are situation or topic intents, the form starts
with the slots the message fills. A short or unrelated message still gets the request to rephrase.
"""

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.failures import degrade_on_failure
from actions.region import region_slots_from_message
from actions.understanding import (
    DANGER_INTENTS,
    SITUATION_BY_INTENT,
    TOPIC_BY_INTENT,
    role_from_message,
    tone_for_role,
)

logger = logging.getLogger(__name__)

# Below this confidence the guess is noise, while a clear message scores well above it.
MIN_SITUATION_CONFIDENCE = 0.2
MIN_WORDS = 5


def best_situation_intent(message: dict) -> str | None:
    """Return the best-ranked situation, topic or danger intent, when it is a real guess."""
    for ranked in message.get("intent_ranking") or []:
        name = ranked.get("name")
        if name == "nlu_fallback":
            continue
        if name in SITUATION_BY_INTENT or name in DANGER_INTENTS:
            confidence = ranked.get("confidence") or 0.0
            return name if confidence >= MIN_SITUATION_CONFIDENCE else None
        return None
    return None


class ActionHandleUnclear(Action):
    """Start the referral form from an unclear situation message, else ask to rephrase."""

    def name(self) -> str:
        return "action_handle_unclear"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        message = tracker.latest_message
        text = message.get("text") or ""
        intent = best_situation_intent(message)

        if tracker.active_loop or intent is None or len(text.split()) < MIN_WORDS:
            dispatcher.utter_message(response="utter_default")
            return []

        logger.info("unclear message read as intent=%s sender=%s", intent, tracker.sender_id)
        if intent in DANGER_INTENTS:
            # Safety first: a likely danger gets the emergency reply even at low confidence.
            return [FollowupAction("action_emergency")]

        slots = {"situation": SITUATION_BY_INTENT[intent], "topic": TOPIC_BY_INTENT.get(intent)}
        role = role_from_message(message)
        if role and not tracker.get_slot("role"):
            slots["role"] = role
            slots["tone"] = tone_for_role(role)
        as_answer = {**message, "intent": {"name": "inform"}}
        region_slots = region_slots_from_message(as_answer, None, tracker.get_slot("region_attempts"))
        if region_slots.get("region"):
            slots.update(region_slots)

        events: list[EventType] = [SlotSet(slot, value) for slot, value in slots.items() if value]
        return [*events, FollowupAction("referral_form")]
