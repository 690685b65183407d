"""Turn the place a person gives (city, borough, postal code, region) into region slots."""

import re
from typing import Any

from actions.understanding import INTERRUPTING_INTENTS, Message, entity_values, fold, intent_name
from resources_db.places import resolve_place, region_names

# Buttons send the region code itself as the place ("/inform{"place": "01"}").
REGION_CODE_PATTERN = re.compile(r"^\s*(0[1-9]|1[0-7])\s*$")

# Nord-du-Québec parts as the region buttons send them ("10-nunavik").
AREA_CODE_PATTERN = re.compile(r"^\s*10-(nunavik|eeyou|jamesie)\s*$")


# Short answers to the region question are often read as small talk ("au chalet" as goodbye
# at 0.63, "Narnia" as insult at 0.53). Below this confidence such a message still counts as
# an answer: a place it names fills the region, and an unknown one counts as a failed attempt.
SMALL_TALK_INTENTS = frozenset({"greet", "goodbye", "thanks", "insult", "affirm", "deny"})
SMALL_TALK_ANSWER_MAX_CONFIDENCE = 0.9


# Words for people that are also place names (the hamlet of Parent, the former town of
# Grand-Mère): as an entity outside the region question, they name the writer, not a place.
PERSON_WORDS = frozenset({"parent", "parents", "grand-mere", "grand mere", "grandmere", "mere", "pere"})


def is_person_word(text: str) -> bool:
    return fold(text).strip() in PERSON_WORDS


def resolved_slots(region_code: str, area: str | None, region_name: str) -> dict[str, Any]:
    """Return the slot values of a place that resolved to one region."""
    return {
        "region": region_code,
        "area": area,
        "region_name": region_name,
        "region_candidates": None,
        "region_attempts": 0,
    }


def slots_for_code(text: str) -> dict[str, Any] | None:
    """Return the slots for a region code sent by a button, or None for any other text."""
    names = region_names()

    area_match = AREA_CODE_PATTERN.match(text)
    if area_match:
        return resolved_slots("10", area_match.group(1), names["10"])

    code_match = REGION_CODE_PATTERN.match(text)
    if code_match:
        code = code_match.group(1)
        return resolved_slots(code, None, names[code])
    return None


def slots_for_place(text: str) -> tuple[str, dict[str, Any]]:
    """Resolve one place text; return the resolution status and the slots it sets."""
    from_code = slots_for_code(text)
    if from_code:
        return "resolved", from_code

    resolution = resolve_place(text)
    if resolution.status == "resolved" and resolution.best:
        best = resolution.best
        return "resolved", resolved_slots(best.region_code, best.area, best.region_name)

    if resolution.status == "ambiguous":
        candidates = [
            {
                "region": match.region_code,
                "area": match.area,
                "region_name": match.region_name,
                "place": match.matched_name,
            }
            for match in resolution.candidates
        ]
        return "ambiguous", {"region": None, "region_candidates": candidates}

    return "unknown", {"region": None, "region_candidates": None}


def is_uncertain_small_talk(message: Message) -> bool:
    """Tell whether NLU read the message as small talk, but without much confidence."""
    intent = message.get("intent") or {}
    return (
        intent.get("name") in SMALL_TALK_INTENTS
        and (intent.get("confidence") or 0.0) < SMALL_TALK_ANSWER_MAX_CONFIDENCE
    )


def region_slots_from_message(
    message: Message, requested_slot: str | None, attempts: float | None
) -> dict[str, Any]:
    """Return the region slots that a user message sets, or {} when it names no place.

    Place entities count in any message. The whole text counts as a place only when the form
    has just asked for the region and the message is not an interruption (danger, FAQ…), or
    is small talk that NLU is unsure of.
    """
    asked_for_region = requested_slot == "region"
    if intent_name(message) in INTERRUPTING_INTENTS and not (asked_for_region and is_uncertain_small_talk(message)):
        return {}

    texts = [text for text in entity_values(message, "place") if not is_person_word(text)]
    if not texts and asked_for_region:
        texts = [message.get("text") or ""]
    if not texts:
        return {}

    outcomes = [slots_for_place(text) for text in texts]
    for status, slots in outcomes:
        if status == "resolved":
            return slots
    for status, slots in outcomes:
        if status == "ambiguous":
            return {**slots, "region_attempts": (attempts or 0) + 1}

    # An unknown place counts as a failed answer only when the region was asked for.
    if not asked_for_region:
        return {}
    return {"region": None, "region_candidates": None, "region_attempts": (attempts or 0) + 1}
