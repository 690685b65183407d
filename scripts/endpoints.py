"""Write a Rasa endpoints file for the production stores, chosen by environment variables.

Rasa 3.6 reads its tracker store and lock store from the endpoints file, so several Rasa
instances share conversations only when each one is started with such a file. The committed
`endpoints.yml` stays the default (in-memory stores, one instance); this script writes the
production variant. It uses only the standard library because it runs before any virtual
environment is certain to exist.

Environment variables:
  TRACKER_STORE              memory (default), sql or redis
  TRACKER_STORE_URL          sql: a PostgreSQL URL, postgresql://user:password@host:5432/rasa
                             (required); redis: a Redis URL (default: REDIS_URL)
  LOCK_STORE                 memory (default) or redis
  REDIS_URL                  redis://[:password@]host[:port][/db], default redis://127.0.0.1:6379/0
  REDIS_KEY_PREFIX           optional letters and digits put before every Redis key, so that
                             several deployments can share one Redis database
  TRACKER_RETENTION_SECONDS  how long an idle conversation is kept, default 86400 (3600 for
                             memory); the Redis tracker store sets it as the key expiry, and
                             scripts/purge_trackers.py applies it to the SQL tracker store
  ACTION_ENDPOINT_URL        default http://127.0.0.1:${ACTIONS_PORT:-5055}/webhook

Usage: python3 scripts/endpoints.py [--output PATH]; prints the path it wrote.
"""

import argparse
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "var" / "endpoints.generated.yml"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_RETENTION_SECONDS = 86400
# The in-memory store of the committed endpoints.yml deletes a conversation after one idle hour.
DEFAULT_MEMORY_RETENTION_SECONDS = 3600

TRACKER_STORES = ("memory", "sql", "redis")
LOCK_STORES = ("memory", "redis")
# SQLAlchemy 1.4, which Rasa 3.6 uses, rejects the older "postgres://" scheme.
POSTGRESQL_SCHEMES = ("postgresql", "postgresql+psycopg2")


class SettingsError(ValueError):
    """An environment variable has a missing or invalid value."""


def read_choice(env: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = env.get(name, "memory").strip().lower() or "memory"
    if value not in allowed:
        raise SettingsError(f"{name}={value!r} is invalid; expected one of {', '.join(allowed)}")
    return value


def retention_seconds(env: Mapping[str, str], default: int = DEFAULT_RETENTION_SECONDS) -> int:
    """Read TRACKER_RETENTION_SECONDS as a positive whole number of seconds."""
    raw = env.get("TRACKER_RETENTION_SECONDS", str(default)).strip()
    if not raw.isdigit() or int(raw) <= 0:
        raise SettingsError(
            f"TRACKER_RETENTION_SECONDS={raw!r} is invalid; expected a whole number of seconds > 0"
        )
    return int(raw)


def key_prefix(env: Mapping[str, str]) -> str | None:
    """Read REDIS_KEY_PREFIX; Rasa 3.6 silently ignores a prefix that is not alphanumeric."""
    prefix = env.get("REDIS_KEY_PREFIX", "").strip()
    if not prefix:
        return None
    if not prefix.isalnum():
        raise SettingsError(
            f"REDIS_KEY_PREFIX={prefix!r} is invalid; use letters and digits only"
        )
    return prefix


def redis_settings(url: str, variable: str) -> dict[str, object]:
    """Split a redis:// URL into the host, port, db and password keys that Rasa's stores take.

    Rasa passes the endpoint's `url` to redis-py as a host name, so a whole URL cannot go there.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise SettingsError(f"{variable} is invalid; expected redis://host:port/db")

    db_path = parts.path.strip("/")
    if db_path and not db_path.isdigit():
        raise SettingsError(f"{variable} is invalid; the path must be a database number")

    try:
        port = parts.port or 6379
    except ValueError as error:
        raise SettingsError(f"{variable} is invalid; the port is not a number") from error

    settings: dict[str, object] = {
        "url": parts.hostname,
        "port": port,
        "db": int(db_path or 0),
    }
    if parts.username:
        settings["username"] = unquote(parts.username)
    if parts.password:
        settings["password"] = unquote(parts.password)
    if parts.scheme == "rediss":
        settings["use_ssl"] = True
    return settings


def memory_tracker_store(env: Mapping[str, str]) -> dict[str, object]:
    return {
        "type": "bot.tracker_store.ExpiringInMemoryTrackerStore",
        "retention_seconds": retention_seconds(env, DEFAULT_MEMORY_RETENTION_SECONDS),
    }


def sql_tracker_store(env: Mapping[str, str]) -> dict[str, object]:
    url = env.get("TRACKER_STORE_URL", "").strip()
    if not url:
        raise SettingsError(
            "TRACKER_STORE_URL is missing; TRACKER_STORE=sql needs "
            "postgresql://user:password@host:5432/database"
        )
    if urlsplit(url).scheme not in POSTGRESQL_SCHEMES:
        raise SettingsError(
            "TRACKER_STORE_URL is invalid; expected a postgresql:// URL for TRACKER_STORE=sql"
        )
    # Rasa's SQLTrackerStore uses a `url` that contains "://" as the whole connection URL.
    return {"type": "SQL", "dialect": "postgresql", "url": url}


def redis_tracker_store(env: Mapping[str, str]) -> dict[str, object]:
    variable = "TRACKER_STORE_URL" if env.get("TRACKER_STORE_URL", "").strip() else "REDIS_URL"
    url = env.get(variable, DEFAULT_REDIS_URL).strip() or DEFAULT_REDIS_URL
    store: dict[str, object] = {"type": "redis", **redis_settings(url, variable)}
    # The key expiry restarts at every save, so it counts from the conversation's last message.
    store["record_exp"] = retention_seconds(env)
    prefix = key_prefix(env)
    if prefix:
        store["key_prefix"] = prefix
    return store


def redis_lock_store(env: Mapping[str, str]) -> dict[str, object]:
    url = env.get("REDIS_URL", DEFAULT_REDIS_URL).strip() or DEFAULT_REDIS_URL
    store: dict[str, object] = {"type": "redis", **redis_settings(url, "REDIS_URL")}
    prefix = key_prefix(env)
    if prefix:
        store["key_prefix"] = prefix
    return store


def action_endpoint_url(env: Mapping[str, str]) -> str:
    default = f"http://127.0.0.1:{env.get('ACTIONS_PORT', '5055')}/webhook"
    return env.get("ACTION_ENDPOINT_URL", "").strip() or default


def build_endpoints(env: Mapping[str, str]) -> dict[str, dict[str, object]]:
    """Return the endpoints configuration as a dict, raising SettingsError on a bad variable."""
    retention_seconds(env)
    endpoints: dict[str, dict[str, object]] = {"action_endpoint": {"url": action_endpoint_url(env)}}

    tracker_store = read_choice(env, "TRACKER_STORE", TRACKER_STORES)
    if tracker_store == "memory":
        # Without this section Rasa would use its own in-memory store, which keeps every conversation.
        endpoints["tracker_store"] = memory_tracker_store(env)
    elif tracker_store == "sql":
        endpoints["tracker_store"] = sql_tracker_store(env)
    elif tracker_store == "redis":
        endpoints["tracker_store"] = redis_tracker_store(env)

    if read_choice(env, "LOCK_STORE", LOCK_STORES) == "redis":
        endpoints["lock_store"] = redis_lock_store(env)
    return endpoints


def render_yaml(endpoints: dict[str, dict[str, object]]) -> str:
    """Render two-level YAML; each value is written as JSON, which YAML reads unchanged.

    Quoted strings also keep Rasa from expanding a `${...}` inside a password.
    """
    lines = ["# Written by scripts/endpoints.py from environment variables; do not edit."]
    for section, settings in endpoints.items():
        lines.append(f"{section}:")
        lines.extend(f"  {key}: {json.dumps(value)}" for key, value in settings.items())
    return "\n".join(lines) + "\n"


def write_endpoints(path: Path, env: Mapping[str, str]) -> Path:
    """Write the file readable by its owner only, because URLs may carry passwords."""
    text = render_yaml(build_endpoints(env))
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as output:
        output.write(text)
    os.chmod(path, 0o600)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"file to write (default {DEFAULT_OUTPUT})"
    )
    arguments = parser.parse_args(argv)

    try:
        path = write_endpoints(arguments.output, os.environ)
    except SettingsError as error:
        print(f"endpoints: {error}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
