"""Drive a conversation the way a person would: answer what the bot asks for."""

from tests.integration.conftest import Conversation

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
