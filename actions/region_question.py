"""Ask for the region: plain question, buttons for an ambiguous place, or the region list."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.failures import degrade_on_failure
from actions.responses import response_text
from resources_db.places import region_names

REFUSE_PAYLOAD = "/refuse_info"

# Nord-du-Québec is offered by part, because each part has its own DPJ.
NORD_PARTS = (("10-jamesie", "Jamésie"), ("10-eeyou", "Eeyou Istchee"), ("10-nunavik", "Nunavik"))


def place_payload(value: str) -> str:
    """Return the payload of a button that answers the region question with `value`."""
    return '/inform{"place": "%s"}' % value


def region_buttons(refuse_title: str) -> list[dict]:
    """Return one button per region, Nord-du-Québec split into its parts, then a refusal."""
    buttons = []
    for code, name in sorted(region_names().items()):
        if code == "10":
            buttons.extend(
                {"title": f"{name} – {part}", "payload": place_payload(value)}
                for value, part in NORD_PARTS
            )
            continue
        buttons.append({"title": name, "payload": place_payload(code)})
    buttons.append({"title": refuse_title, "payload": REFUSE_PAYLOAD})
    return buttons


def candidate_buttons(candidates: list[dict], refuse_title: str) -> list[dict]:
    """Return one button per candidate region of an ambiguous place, then a refusal."""
    buttons = []
    for candidate in candidates:
        value = candidate["region"]
        if candidate.get("area"):
            value = f"{value}-{candidate['area']}"
        title = f"{candidate['place']} ({candidate['region_name']})"
        buttons.append({"title": title, "payload": place_payload(value)})
    buttons.append({"title": refuse_title, "payload": REFUSE_PAYLOAD})
    return buttons


class ActionAskRegion(Action):
    """Ask the form's region question; after a miss, offer buttons instead of a blank."""

    def name(self) -> str:
        return "action_ask_region"

    @degrade_on_failure
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        candidates = tracker.get_slot("region_candidates") or []
        attempts = tracker.get_slot("region_attempts") or 0
        refuse_title = response_text(domain, "utter_refuse_button", language=tracker.get_slot("language"))

        if candidates:
            dispatcher.utter_message(
                response="utter_region_ambiguous",
                buttons=candidate_buttons(candidates, refuse_title),
            )
        elif attempts >= 1:
            dispatcher.utter_message(
                response="utter_region_unknown", buttons=region_buttons(refuse_title)
            )
        else:
            dispatcher.utter_message(response="utter_ask_region")

        dispatcher.utter_message(json_message={"expecting": "region"})
        return []
