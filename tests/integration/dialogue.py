"""Drive a conversation the way a person would, and read the facts out of the bot's replies."""

import re
from functools import lru_cache

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


def padded_lower(text: str) -> str:
    """Lower-case the text and pad it with spaces, so that " vous " also matches at the ends."""
    return f" {' '.join(text.lower().split())} "
