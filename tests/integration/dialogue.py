"""Drive a conversation the way a person would, and read the facts out of the bot's replies."""

import csv
import re
from functools import lru_cache
from pathlib import Path

from tests.integration.conftest import Conversation
from tests.seed import phone_numbers, seed_entries

MAX_TURNS = 6


def all_text(reply: dict) -> str:
    return "\n".join(message["text"] for message in reply["messages"])


def answer_until_referral(
    conversation: Conversation, opening: str, answers: dict[str, str]
) -> list[dict]:
    """Send the opening, then answer each question from `answers` until the referral.

    Returns every reply. Fails with the transcript when the bot asks something that
    `answers` has no answer for, or when no referral came within MAX_TURNS.
    """
    replies = [conversation.say(opening)]
    for _ in range(MAX_TURNS):
        expecting = replies[-1]["expecting"]
        if expecting is None:
            return replies
        assert expecting in answers, (
            f"the bot asked for {expecting!r}, which this person was not going to be asked:\n"
            + conversation.transcript()
        )
        replies.append(conversation.say(answers[expecting]))
    raise AssertionError("no referral within the turn limit:\n" + conversation.transcript())


# Markdown phone links as the actions and the gateway write them: [1 800 463-9009](tel:+18004639009).
PHONE_LINK = re.compile(r"\[([^\]]+)\]\((tel|sms):([^)\s]+)\)")

# Ten-digit North American numbers written as plain text ("514 896-3100", "1-800-463-9009").
PLAIN_PHONE = re.compile(r"(?<![\d\[])(?:1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}(?![\d\]])")

EMERGENCY_LINK = "[911](tel:911)"

DPJ_ROUTING_PATH = Path(__file__).resolve().parents[2] / "resources_db/data/dpj_routing.csv"


def reply_texts(reply: dict) -> list[str]:
    return [message["text"] for message in reply["messages"]]


def phone_link(number: str) -> str:
    """Return the start of the Markdown link that shows `number` ("[514 896-3100](")."""
    return f"[{number}]("


def has_phone_link(text: str, resource_id: str) -> bool:
    """Tell whether the text links any phone number of one seed entry."""
    return any(phone_link(number) in text for number in phone_numbers(resource_id))


def link_position(text: str, resource_id: str) -> int:
    """Return where the first phone link of a seed entry starts in the text, or -1."""
    positions = [text.find(phone_link(number)) for number in phone_numbers(resource_id)]
    found = [position for position in positions if position >= 0]
    return min(found) if found else -1


def dial_digits(number: str) -> str:
    """Return the digits to dial, without the North American country code 1."""
    digits = re.sub(r"\D", "", number)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


@lru_cache(maxsize=1)
def seed_dial_digits() -> frozenset[str]:
    """Return the dial digits of every phone number in the resource seed."""
    return frozenset(
        dial_digits(phone["number"])
        for entry in seed_entries().values()
        for phone in entry["phones"]
    )


def numbers_missing_from_seed(text: str) -> list[str]:
    """Return each phone number of a reply text that the resource seed does not contain.

    A link counts as missing when its label or its tel:/sms: target is not a seed number, or
    when the label and the target are different numbers.
    """
    known = seed_dial_digits()
    missing = []
    for label, scheme, target in PHONE_LINK.findall(text):
        label_digits, target_digits = dial_digits(label), dial_digits(target)
        if label_digits not in known or target_digits not in known or label_digits != target_digits:
            missing.append(f"[{label}]({scheme}:{target})")

    without_links = PHONE_LINK.sub("", text)
    missing.extend(
        number for number in PLAIN_PHONE.findall(without_links) if dial_digits(number) not in known
    )
    return missing


def assert_emergency_first(reply: dict, conversation: Conversation) -> None:
    """Check that a reply is an emergency reply whose first visible message gives 911."""
    assert reply["urgent"] is True, conversation.transcript()
    assert reply["messages"], conversation.transcript()
    assert EMERGENCY_LINK in reply["messages"][0]["text"], conversation.transcript()


def guidance_text(reply: dict) -> str:
    """Return the how-to-react message of a referral: the one written as a "• " bullet list."""
    bullets = [text for text in reply_texts(reply) if text.startswith("• ")]
    assert len(bullets) == 1, f"expected one guidance message, got {len(bullets)}: {reply_texts(reply)}"
    return bullets[0]


# Words that only a "tu" text or only a "vous" text uses when it speaks to the reader.
TU_WORDS = re.compile(r"\b(tu|te|toi|ton|ta|tes)\b|\bt'", re.IGNORECASE)
VOUS_WORDS = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)


def tu_words(text: str) -> list[str]:
    """Return the "tu" forms of address in the text ("tu", "toi", "ta", "t'"…)."""
    return [match.group(0) for match in TU_WORDS.finditer(text)]


def vous_words(text: str) -> list[str]:
    """Return the "vous" forms of address in the text ("vous", "votre", "vos")."""
    return [match.group(0) for match in VOUS_WORDS.finditer(text)]


@lru_cache(maxsize=1)
def all_dpj_ids() -> tuple[str, ...]:
    """Return the resource id of every DPJ named in the routing table, once each."""
    with DPJ_ROUTING_PATH.open(encoding="utf-8", newline="") as handle:
        ids = [row["resource_id"] for row in csv.DictReader(handle)]
    return tuple(dict.fromkeys(ids))


def other_dpj_links(text: str, expected_ids: tuple[str, ...]) -> list[str]:
    """Return the ids of the DPJs outside `expected_ids` whose phone link appears in the text."""
    return [
        resource_id
        for resource_id in all_dpj_ids()
        if resource_id not in expected_ids and has_phone_link(text, resource_id)
    ]


def assert_numbers_from_seed(conversation: Conversation) -> None:
    """Check every reply of a conversation: each phone number must be a number of the seed."""
    for text, reply in conversation.turns:
        for message in reply["messages"]:
            missing = numbers_missing_from_seed(message["text"])
            assert not missing, (
                f"phone numbers absent from the resource seed: {missing}\n" + conversation.transcript()
            )


def answer_until_asked(
    conversation: Conversation, opening: str, answers: dict[str, str], slot: str
) -> list[dict]:
    """Send the opening and answer the other questions until the bot asks for `slot`.

    Returns every reply. Fails with the transcript when the bot gives the referral, or asks
    something `answers` has no answer for, before asking for `slot`.
    """
    replies = [conversation.say(opening)]
    for _ in range(MAX_TURNS):
        expecting = replies[-1]["expecting"]
        if expecting == slot:
            return replies
        assert expecting in answers, (
            f"the bot asked for {expecting!r} before {slot!r}:\n" + conversation.transcript()
        )
        replies.append(conversation.say(answers[expecting]))
    raise AssertionError(f"the bot never asked for {slot!r}:\n" + conversation.transcript())
