"""Build the gateway app with test settings, and serve it with uvicorn on a free port.

Rasa points at a closed port, so every chat turn takes the degraded path unless a test says
otherwise; the resource database is a seeded SQLite file.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi import FastAPI

from tests.stack import free_port

SERVER_START_TIMEOUT_SECONDS = 30


def clear_cached_settings() -> None:
    from api.fixed_replies import fixed_replies
    from api.settings import get_settings
    from resources_db.engine import get_engine
    from resources_db.settings import get_settings as get_database_settings

    for cached in (fixed_replies, get_settings, get_engine, get_database_settings):
        cached.cache_clear()


@contextmanager
def gateway_app(database_url: str, **environment: str) -> Iterator[FastAPI]:
    """Yield a fresh gateway app whose settings come from `environment` (GATEWAY_… names)."""
    closed_port = free_port()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", database_url)
        patch.setenv("GATEWAY_RASA_URLS", f"http://127.0.0.1:{closed_port}")
        patch.setenv("GATEWAY_ACTION_SERVER_URL", f"http://127.0.0.1:{closed_port}")
        for name, value in environment.items():
            patch.setenv(name, value)
        clear_cached_settings()

        from api.main import create_app

        yield create_app()
    clear_cached_settings()


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` under uvicorn in a thread on 127.0.0.1 and yield its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    deadline = time.monotonic() + SERVER_START_TIMEOUT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
