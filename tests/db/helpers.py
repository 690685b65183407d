"""Shared helpers of the database tests."""

import json
from pathlib import Path

from sqlalchemy import Engine, func, select

from resources_db.engine import session_scope
from resources_db.exporter import read_all_entries
from resources_db.importer import DEFAULT_SEED_FILE

SEED = json.loads(Path(DEFAULT_SEED_FILE).read_text(encoding="utf-8"))


def count_rows(engine: Engine, model) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def snapshot(engine: Engine) -> list[dict]:
    """Return the whole content of the database in the seed format, ordered by id."""
    with session_scope(engine) as session:
        return read_all_entries(session)


def seed_entries() -> list[dict]:
    """Return copies of the bundled seed entries."""
    return json.loads(json.dumps(SEED["organizations"]))


def write_seed_like(path: Path, entries: list[dict]) -> Path:
    """Write entries as a JSON file in the seed format, with the seed's compiled_on."""
    document = {**SEED, "organizations": entries}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path
