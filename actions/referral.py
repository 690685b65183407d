"""The referral: the region's DPJ and matching services, then how to react."""

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.content_store import message, resource_references, select_guidance
from actions.failures import degrade_on_failure
from actions.formatting import fill_references, service_message
from actions.responses import response_text
from actions.services import find_referral, region_or_none, services_for_references
from resources_db.matching import MatchRequest

logger = logging.getLogger(__name__)

MAX_SERVICES = 4


def emergency_sent_this_turn(tracker: Tracker) -> bool:
    """Tell whether the emergency reply, with 911 and the DPJ, was already sent for this message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == "action_emergency":
            return True
    return False


def match_request_from(tracker: Tracker) -> MatchRequest:
    """Build the matching request from the conversation's slots."""
    topic = tracker.get_slot("topic")
    situation = tracker.get_slot("situation")
    return MatchRequest(
        region=region_or_none(tracker.get_slot("region")),
        area=tracker.get_slot("area"),
        role=tracker.get_slot("role"),
        situation=situation,
        topics=(topic,) if topic and topic != "general" else (),
        urgent=situation == "danger",
        language=tracker.get_slot("language") or "fr",
        limit=MAX_SERVICES,
    )


class ActionGiveReferral(Action):
    """Send the ranked services with tel: links, the guidance text and the not-a-report line."""

    def name(self) -> str:
        return "action_give_referral"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        request = match_request_from(tracker)
        role = tracker.get_slot("role")
        services = find_referral(request)

        # Right after the emergency reply, the person needs what to do next, not a second list.
        list_services = not emergency_sent_this_turn(tracker)
        if list_services and request.region:
            dispatcher.utter_message(
                response="utter_referral_intro", region_name=tracker.get_slot("region_name")
            )
        elif list_services:
            dispatcher.utter_message(response="utter_referral_intro_province")

        verified_label = response_text(domain, "utter_verified_label", language=request.language)
        for service in services if list_services else []:
            dispatcher.utter_message(text=service_message(service, verified_label))

        english = request.language == "en"
        guidance = select_guidance(role, request.situation, tracker.get_slot("topic"), request.language)
        referenced = services_for_references(resource_references(guidance.text))
        dpj = next((service for service in services if service.is_dpj), None)
        if english:
            dpj_fallback = message("dpj_fallback", None, "en")
        else:
            dpj_fallback = response_text(domain, "utter_dpj_fallback", tracker.get_slot("tone"))
        dispatcher.utter_message(text=fill_references(guidance.text, referenced, dpj, dpj_fallback))

        if english:
            dispatcher.utter_message(text=message("not_a_report", None, "en"))
        else:
            dispatcher.utter_message(response="utter_not_a_report")

        dispatcher.utter_message(response="utter_referral_followup")
        dispatcher.utter_message(json_message={"expecting": None, "referral": True})

        logger.info(
            "referral sent sender=%s guidance=%s services=%s",
            tracker.sender_id,
            guidance.id,
            ",".join(service.resource_id for service in services),
        )
        return []
