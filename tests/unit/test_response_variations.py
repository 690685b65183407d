"""Domain responses: each conversation gets its language's variations, from Rasa and from the actions."""

import itertools
from pathlib import Path

import pytest
import yaml

from actions.responses import response_text

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
RESPONSES = DOMAIN["responses"]

# For English speakers, actions/referral.py sends these texts from content/messages.yml instead.
FRENCH_ONLY = {"utter_not_a_report", "utter_dpj_fallback"}

SLOT_VALUES = {
    "language": ["fr", "en"],
    "tone": ["tu", "vous", None],
    "requested_slot": [None, "region", "role"],
}


def matches(variation: dict, slots: dict) -> bool:
    return all(slots.get(condition["name"]) == condition["value"] for condition in variation["condition"])


def rasa_candidates(name: str, slots: dict) -> list[dict]:
    """Return the variations Rasa 3.6 picks from at random: the matching conditioned ones, else the rest."""
    conditioned = [v for v in RESPONSES[name] if v.get("condition") and matches(v, slots)]
    return conditioned or [v for v in RESPONSES[name] if not v.get("condition")]


def is_english(variation: dict) -> bool:
    conditions = variation.get("condition") or []
    return any(c["name"] == "language" and c["value"] == "en" for c in conditions)


def slot_combinations(language: str):
    """Yield every combination of the other slots' values, in a conversation of `language`."""
    other_names = [name for name in SLOT_VALUES if name != "language"]
    for values in itertools.product(*(SLOT_VALUES[name] for name in other_names)):
        yield {"language": language, **dict(zip(other_names, values))}


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_english_conversation_gets_english(name):
    if name in FRENCH_ONLY:
        pytest.skip("sent from content/messages.yml in English")
    for slots in slot_combinations("en"):
        candidates = rasa_candidates(name, slots)
        assert candidates, slots
        assert all(is_english(variation) for variation in candidates), (slots, candidates)


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_french_conversation_gets_french(name):
    for slots in slot_combinations("fr"):
        candidates = rasa_candidates(name, slots)
        assert candidates, slots
        assert not any(is_english(variation) for variation in candidates), (slots, candidates)


def test_response_text_follows_language_and_tone():
    domain = {"responses": RESPONSES}

    assert response_text(domain, "utter_verified_label", language="en").startswith("_Contact details")
    assert response_text(domain, "utter_verified_label").startswith("_Coordonnées")
    assert response_text(domain, "utter_refuse_button", language="en") == "I'd rather not say"
    assert response_text(domain, "utter_dpj_fallback", "tu") == "la DPJ de ta région"
    assert response_text(domain, "utter_dpj_fallback", "vous") == "la DPJ de votre région"
    # An English young person still gets a text: the French default, since this one is French only.
    assert response_text(domain, "utter_dpj_fallback", "tu", "en") == "la DPJ de votre région"


def test_response_text_without_default_raises():
    domain = {"responses": {"utter_x": [{"condition": [{"name": "tone", "value": "tu"}], "text": "salut"}]}}

    with pytest.raises(KeyError, match="utter_x"):
        response_text(domain, "utter_x", "vous")
