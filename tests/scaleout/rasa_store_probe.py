"""Build Rasa's own stores from an endpoints file, use them once, and print what happened.

Runs under .venv-rasa (Rasa 3.6), called by test_endpoints_config.py:
  .venv-rasa/bin/python tests/scaleout/rasa_store_probe.py ENDPOINTS_FILE SENDER_ID
Prints one JSON object: the store classes, the events read back, the Redis key expiry and
the lock key, so the test can check them without importing Rasa in Python 3.11.
"""

import asyncio
import json
import sys

from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import create_tracker_store
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered


async def probe(endpoints_path: str, sender_id: str) -> dict:
    endpoints = read_endpoints_from_path(endpoints_path)
    tracker_store = create_tracker_store(endpoints.tracker_store, Domain.empty())
    # create_tracker_store wraps stores with synchronous methods; the wrapped one is the real store.
    store = getattr(tracker_store, "_tracker_store", tracker_store)
    lock_store = LockStore.create(endpoints.lock_store)

    tracker = await tracker_store.get_or_create_tracker(sender_id)
    tracker.update(UserUttered("probe message"))
    await tracker_store.save(tracker)
    saved = await tracker_store.retrieve(sender_id)

    facts = {
        "tracker_store": type(store).__name__,
        "lock_store": type(lock_store).__name__,
        "user_texts": [event.text for event in saved.events if isinstance(event, UserUttered)],
    }
    if facts["tracker_store"] == "RedisTrackerStore":
        facts["tracker_key_ttl"] = store.red.ttl(store.key_prefix + sender_id)
    if facts["lock_store"] == "RedisLockStore":
        lock_store.issue_ticket(sender_id)
        facts["lock_key"] = lock_store.key_prefix + sender_id
        facts["lock_key_exists"] = bool(lock_store.red.exists(facts["lock_key"]))
        facts["lock_db"] = lock_store.red.connection_pool.connection_kwargs["db"]
    return facts


if __name__ == "__main__":
    print(json.dumps(asyncio.run(probe(sys.argv[1], sys.argv[2]))))
