"""Whole conversations through the gateway, against the real model and servers."""

import pytest

from tests.integration.dialogue import all_text, answer_until_referral
from tests.seed import first_phone, phone_numbers

pytestmark = pytest.mark.stack


def test_parent_rimouski_gets_bas_saint_laurent_dpj(conversation):
    opening = conversation.say(
        "Bonjour, je pense que ma fille de 15 ans se fait exploiter par un gars plus vieux"
    )
    # The opening says the role and the situation: only the region is left to ask.
    assert opening["expecting"] == "region", conversation.transcript()

    referral = conversation.say("on habite à Rimouski")
    text = all_text(referral)

    assert referral["expecting"] is None, conversation.transcript()
    assert "(tel:+18004639009)" in text
    assert first_phone("dpj-bas-saint-laurent") == "1 800 463-9009"
    assert "[1 800 463-9009](tel:+18004639009)" in text
    assert "2026-12-04" in text
    # The DPJ comes before any other service: no phone link precedes its message.
    messages = [message["text"] for message in referral["messages"]]
    dpj_index = next(i for i, message in enumerate(messages) if "tel:+18004639009" in message)
    assert not any("tel:" in message for message in messages[:dpj_index]), conversation.transcript()
    assert first_phone("dpj-montreal") not in text


def test_danger_mid_form_gets_911_first(conversation):
    opening = conversation.say(
        "Bonjour, je pense que ma fille de 15 ans se fait exploiter par un gars plus vieux"
    )
    assert opening["expecting"] == "region", conversation.transcript()

    danger = conversation.say("il est chez nous en ce moment pis il la menace")

    assert danger["urgent"] is True, conversation.transcript()
    assert "[911](tel:911)" in danger["messages"][0]["text"], conversation.transcript()
    # After the emergency reply, the form still wants the region for the DPJ.
    assert danger["expecting"] == "region", conversation.transcript()

    referral = conversation.say("Rimouski")
    assert "[1 800 463-9009](tel:+18004639009)" in all_text(referral), conversation.transcript()


def test_danger_as_first_message_gets_911_first(conversation):
    reply = conversation.say("il est chez nous en ce moment pis il la menace")
    assert reply["urgent"] is True
    assert "911" in reply["messages"][0]["text"], conversation.transcript()


def test_montreal_parent_gets_montreal_dpj(conversation):
    replies = answer_until_referral(
        conversation,
        "Mon gars de 14 ans reçoit des cadeaux d'un homme de 30 ans, ça m'inquiète",
        {"region": "on est à Montréal", "role": "je suis son père", "situation": "c'est un doute"},
    )
    text = all_text(replies[-1])
    assert f"[{first_phone('dpj-montreal')}](tel:+15148963100)" in text, conversation.transcript()


def test_young_person_in_gatineau_sms_style(conversation):
    replies = answer_until_referral(
        conversation,
        "slt jsp trop quoi faire un gars me demande des nudes pis il dit qu'il va les envoyer a tout le monde",
        {
            "role": "c moi le jeune",
            "region": "chu a gatineau",
            "situation": "ca arrive en ce moment",
        },
    )
    text = all_text(replies[-1])
    outaouais = phone_numbers("dpj-outaouais")
    assert any(f"[{number}]" in text for number in outaouais), conversation.transcript()
    # A young person is addressed with "tu".
    assert " tu " in f" {text} " or " ta " in f" {text} ", conversation.transcript()
    assert " vous " not in f" {text.lower()} ", conversation.transcript()
