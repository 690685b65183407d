"""Replay scenarios through the gateway's POST /api/chat, answering what the bot asks for."""

import ipaddress
import time
import uuid
from dataclasses import dataclass, field

import httpx

from tests.scenarios.facts import degraded_reply_opening
from tests.scenarios.scenario import Scenario

DEFAULT_MAX_TURNS = 8
REQUEST_TIMEOUT_SECONDS = 60

# Each simulated person writes from their own address of the benchmarking range (RFC 2544),
# sent as X-Forwarded-For. Uvicorn trusts that header from 127.0.0.1 by default
# (FORWARDED_ALLOW_IPS), so the gateway's per-IP rate limit (by default 60 messages a minute)
# counts each person apart instead of counting every scenario as one client.
SIMULATED_CLIENTS = ipaddress.IPv4Network("198.18.0.0/15")


def simulated_client_address(index: int) -> str:
    """Return the address of simulated person number `index` (wraps after 131,070)."""
    return str(SIMULATED_CLIENTS[1 + index % (SIMULATED_CLIENTS.num_addresses - 2)])


@dataclass
class Turn:
    """One user message and the gateway's JSON reply to it."""

    number: int
    user_text: str
    reply: dict
    milliseconds: float

    def bot_text(self) -> str:
        return "\n".join(message["text"] for message in self.reply["messages"])


@dataclass
class Replay:
    """Everything one scenario's conversation produced, and why it stopped."""

    scenario: Scenario
    turns: list[Turn] = field(default_factory=list)
    referral_turn: int | None = None
    stop_reason: str = ""
    # Set when the gateway failed, which makes every other check meaningless.
    gateway_error: str | None = None

    def bot_text(self) -> str:
        return "\n".join(turn.bot_text() for turn in self.turns)

    def referral(self) -> Turn | None:
        if self.referral_turn is None:
            return None
        return self.turns[self.referral_turn - 1]

    def first_urgent_turn(self) -> Turn | None:
        return next((turn for turn in self.turns if turn.reply.get("urgent")), None)

    def transcript(self) -> str:
        lines = []
        for turn in self.turns:
            lines.append(f"> {turn.user_text}")
            lines.extend(f"< {message['text']}" for message in turn.reply["messages"])
            lines.append(
                f"  [turn {turn.number}: expecting={turn.reply.get('expecting')} "
                f"urgent={turn.reply.get('urgent')} {turn.milliseconds:.0f} ms]"
            )
        if self.stop_reason:
            lines.append(f"  [stopped: {self.stop_reason}]")
        return "\n".join(lines)


def is_referral(reply: dict) -> bool:
    """Tell whether a reply gave the referral, from the `referral` flag of /api/chat."""
    return reply.get("referral") is True


class GatewayError(Exception):
    """The gateway did not answer a chat request with a usable reply."""


def send(
    client: httpx.Client, base_url: str, session_id: str, text: str, client_address: str
) -> tuple[dict, float]:
    """Post one message and return the JSON reply with the round-trip time in milliseconds."""
    started = time.perf_counter()
    try:
        response = client.post(
            base_url + "/api/chat",
            json={"session_id": session_id, "message": text},
            headers={"X-Forwarded-For": client_address},
            timeout=REQUEST_TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as error:
        raise GatewayError(f"request to {base_url} failed: {type(error).__name__}: {error}") from error
    milliseconds = (time.perf_counter() - started) * 1000

    if response.status_code != 200:
        raise GatewayError(f"gateway answered HTTP {response.status_code}: {response.text[:300]}")
    return response.json(), milliseconds


def next_message(scenario: Scenario, reply: dict, next_turn: int, other_replies: list[str]) -> str | None:
    """Choose what the person writes next, or None when the scenario has nothing left to send.

    The mid-conversation message wins at its turn. Otherwise the person answers the question
    the bot waits for, or, when it waits for nothing, sends the next of the `other` replies
    (consumed from `other_replies`).
    """
    mid = scenario.mid_conversation
    if mid and mid.turn == next_turn:
        return mid.text

    expecting = reply.get("expecting")
    if expecting:
        return scenario.answers.for_question(expecting)
    if other_replies:
        return other_replies.pop(0)
    return None


def replay_scenario(
    client: httpx.Client,
    base_url: str,
    scenario: Scenario,
    max_turns: int = DEFAULT_MAX_TURNS,
    client_address: str = "198.18.0.1",
) -> Replay:
    """Hold one conversation until the referral, a question without answer, or `max_turns`."""
    replay = Replay(scenario=scenario)
    session_id = str(uuid.uuid4())
    other_replies = list(scenario.answers.other)
    text: str | None = scenario.opening

    for number in range(1, max_turns + 1):
        try:
            reply, milliseconds = send(client, base_url, session_id, text, client_address)
        except GatewayError as error:
            replay.gateway_error = str(error)
            replay.stop_reason = f"gateway error at turn {number}"
            return replay
        turn = Turn(number, text, reply, milliseconds)
        replay.turns.append(turn)

        # The degraded reply means a process behind the gateway failed, not the dialogue.
        if degraded_reply_opening() in turn.bot_text():
            replay.gateway_error = (
                f"the gateway sent its degraded reply at turn {number}: Rasa or the action "
                "server failed (see their logs)"
            )
            replay.stop_reason = f"degraded reply at turn {number}"
            return replay

        if is_referral(reply):
            replay.referral_turn = number
            replay.stop_reason = f"referral at turn {number}"
            return replay

        text = next_message(scenario, reply, number + 1, other_replies)
        if text is None:
            expecting = reply.get("expecting")
            replay.stop_reason = (
                f"the bot asked for {expecting!r}, which the scenario has no answer for"
                if expecting
                else "the bot waits for nothing and the scenario has nothing more to say"
            )
            return replay

    replay.stop_reason = f"no referral within {max_turns} turns"
    return replay
