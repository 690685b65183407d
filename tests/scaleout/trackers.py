"""Read a conversation back from Rasa's SQL tracker store (the `events` table) and split it
into turns: a user event and everything the bot did until the next user event."""

import json
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text


@dataclass
class Turn:
    user_text: str
    bot_texts: list[str] = field(default_factory=list)
    # Event names in order: "bot", "action:<name>", "slot", ...
    steps: list[str] = field(default_factory=list)
    first_timestamp: float = 0.0
    last_timestamp: float = 0.0


def read_events(tracker_store_url: str, sender_id: str) -> list[dict]:
    """Return the conversation's events in the order Rasa stored them (by row id)."""
    engine = create_engine(tracker_store_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT data FROM events WHERE sender_id = :sender_id ORDER BY id"),
                {"sender_id": sender_id},
            )
            return [json.loads(row.data) for row in rows]
    finally:
        engine.dispose()


def split_turns(events: list[dict]) -> list[Turn]:
    """Group the events after each user event; events before the first one are left out."""
    turns: list[Turn] = []
    for event in events:
        kind = event["event"]
        timestamp = event.get("timestamp") or 0.0
        if kind == "user":
            turns.append(Turn(event["text"], first_timestamp=timestamp, last_timestamp=timestamp))
            continue
        if not turns:
            continue

        turn = turns[-1]
        turn.last_timestamp = timestamp
        if kind == "action":
            turn.steps.append(f"action:{event['name']}")
        else:
            turn.steps.append(kind)
        if kind == "bot" and event.get("text"):
            turn.bot_texts.append(event["text"])
    return turns
