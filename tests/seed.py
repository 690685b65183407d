"""Facts from the bundled resource seed, for tests that check the numbers the bot gives."""

import json
from functools import lru_cache
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent.parent / "resources_db/data/resources/resources.json"


@lru_cache(maxsize=1)
def seed_entries() -> dict[str, dict]:
    seed = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in seed["organizations"]}


def phone_numbers(resource_id: str) -> list[str]:
    """Return the display numbers of one seed entry, as the bot shows them."""
    return [phone["number"] for phone in seed_entries()[resource_id]["phones"]]


def first_phone(resource_id: str) -> str:
    return phone_numbers(resource_id)[0]
