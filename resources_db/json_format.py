"""The JSON format of the seed file (data/resources/resources.json): read and write."""

import json
from datetime import date
from pathlib import Path

from resources_db.entries import RawEntry, RowError

SCHEMA_VERSION = 1


def read_json_entries(path: Path) -> tuple[list[RawEntry], list[RowError]]:
    """Read the entries of a resources JSON file; each gets compiled_on unless it has last_verified."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], [RowError(str(path), None, f"cannot read JSON: {error}")]

    if not isinstance(document, dict) or not isinstance(document.get("organizations"), list):
        return [], [RowError(str(path), None, 'invalid file: expected an object with an "organizations" list')]

    compiled_on = document.get("compiled_on")
    entries = []
    for index, item in enumerate(document["organizations"], start=1):
        location = f"{path.name} entry {index}"
        if not isinstance(item, dict):
            entries.append(RawEntry(location, {}, read_errors=["entry is not a JSON object"]))
            continue

        data = dict(item)
        data.setdefault("last_verified", compiled_on)
        entries.append(RawEntry(location, data))

    return entries, []


def write_json(entries: list[dict], path: Path, regions: dict[str, str]) -> None:
    """Write entries in the seed format; compiled_on is the newest last_verified date."""
    newest = max((entry["last_verified"] for entry in entries), default=date.today().isoformat())
    document = {
        "schema_version": SCHEMA_VERSION,
        "compiled_on": newest,
        "regions": regions,
        "organizations": entries,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
