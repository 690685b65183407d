"""The machine's PostgreSQL and Redis, with throwaway databases and key prefixes for tests.

A test that needs either server fails (never skips) when it cannot be reached, because the
scale-out settings are only proven against the real servers.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

# An existing database that the tests connect to in order to create their own.
POSTGRES_ADMIN_URL = os.environ.get(
    "SCALEOUT_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
)
REDIS_HOST = os.environ.get("SCALEOUT_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("SCALEOUT_REDIS_PORT", "6379"))
# A database number that the project's defaults (0 for trackers and locks) never use.
REDIS_TEST_DB = 13


def require_postgres() -> None:
    engine = create_engine(POSTGRES_ADMIN_URL)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        url = make_url(POSTGRES_ADMIN_URL)
        pytest.fail(
            f"PostgreSQL at {url.host}:{url.port} (database {url.database}) cannot be reached; "
            f"start it or set SCALEOUT_POSTGRES_URL: {error.orig}",
            pytrace=False,
        )
    finally:
        engine.dispose()


def require_redis() -> redis.Redis:
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_TEST_DB)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(
            f"Redis at {REDIS_HOST}:{REDIS_PORT} cannot be reached; start it or set "
            f"SCALEOUT_REDIS_HOST/SCALEOUT_REDIS_PORT: {error}",
            pytrace=False,
        )
    return client


def postgres_url(database: str) -> str:
    return make_url(POSTGRES_ADMIN_URL).set(database=database).render_as_string(hide_password=False)


@contextmanager
def throwaway_database(label: str) -> Iterator[str]:
    """Create an empty PostgreSQL database, yield its URL, then drop it."""
    name = f"ensemble_{label}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_url(name)
    finally:
        # FORCE ends the connections that a killed Rasa process may have left open.
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def redis_url() -> str:
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_TEST_DB}"


def new_key_prefix() -> str:
    """Return a prefix of letters and digits, the only kind Rasa 3.6 accepts."""
    return "scaleout" + uuid.uuid4().hex[:8]


def delete_keys(client: redis.Redis, prefix: str) -> None:
    """Delete this test's keys only, because other tests may share the Redis database."""
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
