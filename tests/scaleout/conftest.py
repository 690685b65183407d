"""Fixtures for the scale-out tests: the machine's PostgreSQL and Redis, checked first."""

import pytest

from tests.scaleout.infrastructure import delete_keys, new_key_prefix, require_postgres, require_redis


@pytest.fixture(scope="module")
def postgres() -> None:
    """Fail the module with a clear message when PostgreSQL cannot be reached."""
    require_postgres()


@pytest.fixture(scope="module")
def redis_client():
    """A client on the test database number; fails the module when Redis cannot be reached."""
    client = require_redis()
    yield client
    client.close()


@pytest.fixture
def redis_key_prefix(redis_client):
    """A fresh key prefix whose keys are deleted after the test."""
    prefix = new_key_prefix()
    yield prefix
    delete_keys(redis_client, prefix)
