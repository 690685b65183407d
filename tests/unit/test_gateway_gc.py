"""The gateway freezes what it loaded at start-up, so that full garbage collections skip it."""

import gc

from fastapi.testclient import TestClient

from tests.stack import seed_database
from tests.unit.gateway_app import gateway_app


def test_start_up_freezes_loaded_objects(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'resources.sqlite3'}"
    seed_database(database_url)

    with gateway_app(database_url) as app:
        gc.unfreeze()
        assert gc.get_freeze_count() == 0
        with TestClient(app):
            frozen_while_running = gc.get_freeze_count()

    # Every object alive after start-up: the gateway's data, and the test process's own.
    assert frozen_while_running > 10_000
