"""Fixtures running each database test on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL tests create a throwaway database ensemble_test_<random> on
postgresql://postgres@127.0.0.1:5432/ and drop it afterwards. They fail, not skip, when the
server cannot be reached, because the product runs on PostgreSQL in production.
"""

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

# `.venv/bin/pytest tests/db` does not put the repository root on sys.path (`python -m pytest`
# does), and resources_db is not an installed package.
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from resources_db import engine as engine_module
from resources_db import settings as settings_module
from resources_db.engine import build_engine
from resources_db.importer import import_resources
from resources_db.migrations import upgrade_to_head

POSTGRES_SERVER_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
BACKENDS = ["sqlite", "postgresql"]


def _admin_engine() -> Engine:
    admin = create_engine(POSTGRES_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_SERVER_URL} ({error.orig}). "
            "Start it, or run only the SQLite cases with -k sqlite.",
            pytrace=False,
        )
    return admin


def _database_url(backend: str, folder: Path) -> Iterator[str]:
    """Yield the URL of a fresh empty database, and drop it afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'resources.sqlite3'}"
        return

    admin = _admin_engine()
    name = f"ensemble_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:
    yield from _database_url(request.param, tmp_path)


@pytest.fixture
def empty_engine(database_url) -> Iterator[Engine]:
    """A migrated database without data."""
    engine = build_engine(database_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_engine(request, tmp_path_factory) -> Iterator[Engine]:
    """A migrated database holding the bundled seed, shared by the read-only tests of a module."""
    folder = tmp_path_factory.mktemp("seeded")
    for url in _database_url(request.param, folder):
        engine = build_engine(url)
        upgrade_to_head(engine)
        report = import_resources(engine)
        assert report.committed, [str(error) for error in report.errors]
        yield engine
        engine.dispose()


@pytest.fixture
def cli_database(database_url, monkeypatch) -> Iterator[str]:
    """Point the CLI's settings at the test database, resetting the cached settings and engine."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    settings_module.get_settings.cache_clear()
    engine_module.get_engine.cache_clear()
    yield database_url
    engine_module.get_engine().dispose()
    settings_module.get_settings.cache_clear()
    engine_module.get_engine.cache_clear()
