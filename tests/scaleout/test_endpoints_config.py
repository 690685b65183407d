"""scripts/endpoints.py: the endpoints file it writes, checked by Rasa 3.6 against the real
PostgreSQL and Redis of this machine."""

import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from scripts.endpoints import SettingsError, build_endpoints, render_yaml
from tests.rasa_probe import run_rasa_probe
from tests.scaleout.infrastructure import REDIS_TEST_DB, redis_url, throwaway_database
from tests.stack import REPO_ROOT

PROBE = Path(__file__).resolve().parent / "rasa_store_probe.py"


def generate(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/endpoints.py", "--output", str(tmp_path / "endpoints.yml")],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


def probe_with_rasa(endpoints: Path) -> dict:
    """Run the probe in Rasa's environment and return the facts it printed."""
    return run_rasa_probe(PROBE, str(endpoints), f"probe-{uuid.uuid4()}")


def test_default_tracker_store_expires():
    endpoints = build_endpoints({})

    assert endpoints == {
        "action_endpoint": {"url": "http://127.0.0.1:5055/webhook"},
        "tracker_store": {
            "type": "bot.tracker_store.ExpiringInMemoryTrackerStore",
            "retention_seconds": 3600,
        },
    }


def test_redis_lock_keeps_expiring_tracker():
    endpoints = build_endpoints({"LOCK_STORE": "redis"})

    assert endpoints["tracker_store"]["type"] == "bot.tracker_store.ExpiringInMemoryTrackerStore"
    assert endpoints["lock_store"]["type"] == "redis"


def test_actions_port_sets_action_url():
    endpoints = build_endpoints({"ACTIONS_PORT": "6055"})

    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:6055/webhook"


def test_redis_url_split_for_rasa():
    endpoints = build_endpoints(
        {"LOCK_STORE": "redis", "REDIS_URL": "redis://:s%40cret@cache.internal:6380/4"}
    )

    assert endpoints["lock_store"] == {
        "type": "redis",
        "url": "cache.internal",
        "port": 6380,
        "db": 4,
        "password": "s@cret",
    }


def test_redis_tracker_expiry_is_retention():
    endpoints = build_endpoints({"TRACKER_STORE": "redis", "TRACKER_RETENTION_SECONDS": "3600"})

    assert endpoints["tracker_store"]["record_exp"] == 3600
    assert endpoints["tracker_store"]["url"] == "127.0.0.1"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRACKER_STORE": "mongo"}, "TRACKER_STORE='mongo' is invalid"),
        ({"TRACKER_STORE": "sql"}, "TRACKER_STORE_URL is missing"),
        (
            {"TRACKER_STORE": "sql", "TRACKER_STORE_URL": "postgres://h/db"},
            "expected a postgresql:// URL",
        ),
        ({"LOCK_STORE": "redis", "REDIS_URL": "http://h:6379"}, "REDIS_URL is invalid"),
        ({"LOCK_STORE": "redis", "REDIS_URL": "redis://h/zero"}, "database number"),
        ({"LOCK_STORE": "redis", "REDIS_KEY_PREFIX": "a-b"}, "letters and digits"),
        ({"TRACKER_RETENTION_SECONDS": "0"}, "TRACKER_RETENTION_SECONDS='0' is invalid"),
        ({"TRACKER_RETENTION_SECONDS": "1d"}, "TRACKER_RETENTION_SECONDS='1d' is invalid"),
    ],
)
def test_invalid_setting_rejected(env, message):
    with pytest.raises(SettingsError, match=message):
        build_endpoints(env)


def test_password_stays_quoted():
    rendered = render_yaml({"lock_store": {"password": "${HOME}: #x"}})

    assert '  password: "${HOME}: #x"' in rendered


def test_cli_writes_owner_only_file(tmp_path):
    completed = generate(tmp_path, {"LOCK_STORE": "redis"})

    assert completed.returncode == 0, completed.stderr
    written = tmp_path / "endpoints.yml"
    assert completed.stdout.strip() == str(written)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_cli_error_exits_2(tmp_path):
    completed = generate(tmp_path, {"TRACKER_STORE": "sql"})

    assert completed.returncode == 2
    assert "TRACKER_STORE_URL is missing" in completed.stderr
    assert not (tmp_path / "endpoints.yml").exists()


def test_rasa_builds_sql_and_redis_lock(tmp_path, postgres, redis_client, redis_key_prefix):
    with throwaway_database("endpoints") as tracker_url:
        completed = generate(
            tmp_path,
            {
                "TRACKER_STORE": "sql",
                "TRACKER_STORE_URL": tracker_url,
                "LOCK_STORE": "redis",
                "REDIS_URL": redis_url(),
                "REDIS_KEY_PREFIX": redis_key_prefix,
            },
        )
        assert completed.returncode == 0, completed.stderr

        facts = probe_with_rasa(tmp_path / "endpoints.yml")

    assert facts["tracker_store"] == "SQLTrackerStore"
    assert facts["user_texts"] == ["probe message"]
    assert facts["lock_store"] == "RedisLockStore"
    assert facts["lock_key"].startswith(f"{redis_key_prefix}:lock:")
    assert facts["lock_key_exists"] is True
    assert facts["lock_db"] == REDIS_TEST_DB


def test_rasa_redis_tracker_expires(tmp_path, redis_client, redis_key_prefix):
    completed = generate(
        tmp_path,
        {
            "TRACKER_STORE": "redis",
            "REDIS_URL": redis_url(),
            "REDIS_KEY_PREFIX": redis_key_prefix,
            "TRACKER_RETENTION_SECONDS": "3600",
        },
    )
    assert completed.returncode == 0, completed.stderr

    facts = probe_with_rasa(tmp_path / "endpoints.yml")

    assert facts["tracker_store"] == "RedisTrackerStore"
    assert facts["user_texts"] == ["probe message"]
    # Rasa sets the expiry on every save, so it is the retention minus the probe's run time.
    assert 3500 <= facts["tracker_key_ttl"] <= 3600
    assert facts["lock_store"] == "InMemoryLockStore"
