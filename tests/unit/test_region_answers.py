"""Answers to the region question that NLU reads as small talk."""

from actions.region import region_slots_from_message


def message(text: str, intent: str, confidence: float) -> dict:
    return {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}


def test_unsure_goodbye_counts_as_failed_attempt():
    slots = region_slots_from_message(message("au chalet", "goodbye", 0.63), "region", 1)

    assert slots["region"] is None
    assert slots["region_attempts"] == 2


def test_unsure_small_talk_naming_a_place_fills_region():
    slots = region_slots_from_message(message("Rimouski", "greet", 0.55), "region", 0)

    assert slots["region"] == "01"


def test_confident_goodbye_leaves_region_alone():
    assert region_slots_from_message(message("bye", "goodbye", 1.0), "region", 1) == {}


def test_unsure_small_talk_outside_region_question_is_ignored():
    assert region_slots_from_message(message("au chalet", "goodbye", 0.63), "role", 1) == {}


def test_faq_during_region_question_is_ignored():
    assert region_slots_from_message(message("c'est quoi la DPJ", "faq", 0.6), "region", 1) == {}
