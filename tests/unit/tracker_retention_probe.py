"""Run by test_tracker_retention.py with .venv-rasa's Python: exercise the expiring store."""

import asyncio
import sys

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import ExpiringInMemoryTrackerStore


async def main() -> None:
    store = ExpiringInMemoryTrackerStore(Domain.empty(), retention_seconds=60)
    tracker = DialogueStateTracker.from_events("session-1", [UserUttered("bonjour")])
    await store.save(tracker)

    kept = await store.retrieve("session-1")
    assert kept is not None and kept.latest_message.text == "bonjour", "tracker not kept"

    saved_at = store.last_saved["session-1"]
    assert store.forget_expired(now=saved_at + 59) == 0, "forgot a recent conversation"
    assert store.forget_expired(now=saved_at + 61) == 1, "kept an expired conversation"
    assert "session-1" not in store.store, "expired conversation still stored"
    print("retention ok")


asyncio.run(main())
sys.exit(0)
