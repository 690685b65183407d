"""An in-memory tracker store that forgets a conversation after a retention period.

Rasa's InMemoryTrackerStore keeps every conversation until the Rasa process stops; session
expiry only starts a new session inside the same tracker. This store drops a conversation
whose last message is older than `retention_seconds`, checked at every save and retrieval,
so nothing a person wrote stays in memory long after they left.
"""

import time
from typing import Any, Optional

from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_RETENTION_SECONDS = 3600


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    """InMemoryTrackerStore with a retention period, set in endpoints.yml."""

    def __init__(
        self,
        domain: Any,
        event_broker: Any = None,
        retention_seconds: float = DEFAULT_RETENTION_SECONDS,
        **kwargs: Any,
    ) -> None:
        # Rasa passes `host` for custom stores; an in-memory store has no use for it.
        kwargs.pop("host", None)
        self.retention_seconds = float(retention_seconds)
        self.last_saved: dict[str, float] = {}
        super().__init__(domain, event_broker, **kwargs)

    def forget_expired(self, now: Optional[float] = None) -> int:
        """Drop the conversations not saved for longer than the retention; return how many."""
        now = time.monotonic() if now is None else now
        expired = [
            sender_id
            for sender_id, saved_at in self.last_saved.items()
            if now - saved_at > self.retention_seconds
        ]
        for sender_id in expired:
            self.store.pop(sender_id, None)
            self.last_saved.pop(sender_id, None)
        return len(expired)

    async def save(self, tracker: DialogueStateTracker) -> None:
        self.forget_expired()
        await super().save(tracker)
        self.last_saved[tracker.sender_id] = time.monotonic()

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        self.forget_expired()
        return await super().retrieve(sender_id)
