"""scripts/purge_trackers.py against a throwaway PostgreSQL database.

The `events` table here has the columns of Rasa 3.6's SQLTrackerStore.SQLEvent
(rasa/core/tracker_store.py); test_multi_instance.py also runs the purge on a table that Rasa
created itself.
"""

import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import Engine, create_engine, text

from scripts.purge_trackers import purge_expired_conversations
from tests.scaleout.infrastructure import throwaway_database
from tests.stack import REPO_ROOT

NOW = 1_800_000_000.0
DAY = 86400.0

RASA_EVENTS_TABLE = """
CREATE TABLE events (
    id SERIAL PRIMARY KEY,
    sender_id VARCHAR(255) NOT NULL,
    type_name VARCHAR(255) NOT NULL,
    timestamp FLOAT,
    intent_name VARCHAR(255),
    action_name VARCHAR(255),
    data TEXT
)
"""

# sender id -> ages of its events in seconds before NOW
CONVERSATIONS = {
    "idle-two-days": [3 * DAY, 2 * DAY + 60, 2 * DAY],
    "started-old-still-active": [5 * DAY, 4 * DAY, 30],
    "just-expired": [DAY + 120, DAY + 1],
    "recent": [600, 300],
}


def create_events(engine: Engine, conversations: dict[str, list[float]], now: float) -> None:
    """Create Rasa's events table with one row per (sender id, age in seconds before now)."""
    with engine.begin() as connection:
        connection.execute(text(RASA_EVENTS_TABLE))
        for sender_id, ages in conversations.items():
            for age in ages:
                connection.execute(
                    text(
                        "INSERT INTO events (sender_id, type_name, timestamp, data) "
                        "VALUES (:sender_id, 'user', :timestamp, '{}')"
                    ),
                    {"sender_id": sender_id, "timestamp": now - age},
                )


@pytest.fixture
def empty_tracker_engine(postgres) -> Engine:
    with throwaway_database("purge") as url:
        engine = create_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def tracker_engine(empty_tracker_engine) -> Engine:
    create_events(empty_tracker_engine, CONVERSATIONS, NOW)
    return empty_tracker_engine


def remaining_events(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")
        )
        return {row.sender_id: row.count for row in rows}


def test_purge_deletes_whole_idle_conversations(tracker_engine):
    result = purge_expired_conversations(tracker_engine, retention_seconds=DAY, now=NOW)

    assert result.conversations == 2
    assert result.events == 5
    assert remaining_events(tracker_engine) == {"started-old-still-active": 3, "recent": 2}


def test_purge_dry_run_deletes_nothing(tracker_engine):
    result = purge_expired_conversations(tracker_engine, retention_seconds=DAY, now=NOW, dry_run=True)

    assert result.conversations == 2
    assert result.events == 5
    assert sum(remaining_events(tracker_engine).values()) == 10


def test_purge_shorter_retention_reaches_recent(tracker_engine):
    result = purge_expired_conversations(tracker_engine, retention_seconds=200, now=NOW)

    assert result.conversations == 3
    assert result.events == 7
    assert remaining_events(tracker_engine) == {"started-old-still-active": 3}


def test_purge_second_run_finds_nothing(tracker_engine):
    purge_expired_conversations(tracker_engine, retention_seconds=DAY, now=NOW)
    again = purge_expired_conversations(tracker_engine, retention_seconds=DAY, now=NOW)

    assert again.conversations == 0
    assert again.events == 0


def run_cli(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/purge_trackers.py", *arguments],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_purge_cli_reads_environment(empty_tracker_engine):
    create_events(empty_tracker_engine, {"idle": [2 * DAY], "active": [60]}, time.time())
    env = {
        **os.environ,
        "TRACKER_STORE_URL": empty_tracker_engine.url.render_as_string(hide_password=False),
        "TRACKER_RETENTION_SECONDS": "86400",
    }

    completed = run_cli(env=env)

    assert completed.returncode == 0, completed.stderr
    assert "deleted conversations=1 events=1" in completed.stderr
    assert remaining_events(empty_tracker_engine) == {"active": 1}


def test_purge_cli_missing_url_is_error():
    completed = run_cli(env={"PATH": "/usr/bin:/bin"})

    assert completed.returncode == 2
    assert "database URL is missing" in completed.stderr


def test_purge_cli_negative_retention_is_error():
    completed = run_cli("--database-url", "postgresql://unused/x", "--retention-seconds", "-5")

    assert completed.returncode == 2
    assert "negative" in completed.stderr


def test_purge_cli_missing_table_fails(postgres):
    with throwaway_database("purge_empty") as url:
        completed = run_cli("--database-url", url)

    assert completed.returncode == 1
    assert "tracker purge failed" in completed.stderr
    assert "events table" in completed.stderr
