"""Answer the frequently asked questions from the content files, in "tu" or "vous"."""

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.content_store import faq_answer, resource_references
from actions.failures import degrade_on_failure
from actions.formatting import fill_references
from actions.responses import response_text
from actions.services import find_dpj, services_for_references
from actions.understanding import Message, entity_values

logger = logging.getLogger(__name__)

RETRIEVAL_INTENT = "faq"


def faq_key_from_message(message: Message) -> str | None:
    """Return the FAQ key: a `faq_key` entity from a button, else the ResponseSelector's pick."""
    from_button = entity_values(message, "faq_key")
    if from_button:
        return from_button[0]

    # The ResponseSelector reports under "default" unless config.yml names its retrieval intent.
    selectors = message.get("response_selector") or {}
    selector = selectors.get(RETRIEVAL_INTENT) or selectors.get("default") or {}
    response_key = (selector.get("response") or {}).get("intent_response_key") or ""
    _, _, key = response_key.partition("/")
    return key or None


class ActionAnswerFaq(Action):
    """Send the FAQ answer that the ResponseSelector picked."""

    def name(self) -> str:
        return "action_answer_faq"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        key = faq_key_from_message(tracker.latest_message)
        try:
            entry = faq_answer(key or "", tracker.get_slot("role"))
        except KeyError:
            logger.warning("unknown FAQ key sender=%s key=%s", tracker.sender_id, key)
            dispatcher.utter_message(response="utter_default")
            return []

        referenced = services_for_references(resource_references(entry.text))
        dpj_lines = find_dpj(
            tracker.get_slot("region"), tracker.get_slot("area"), tracker.get_slot("language") or "fr"
        )
        dpj = dpj_lines[0] if dpj_lines else None
        dpj_fallback = response_text(domain, "utter_dpj_fallback", tracker.get_slot("tone"))
        dispatcher.utter_message(text=fill_references(entry.text, referenced, dpj, dpj_fallback))
        logger.info("faq answered sender=%s key=%s", tracker.sender_id, key)
        return []
