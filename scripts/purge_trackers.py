"""Delete the conversations that Rasa's SQL tracker store kept longer than the retention.

Rasa 3.6's SQLTrackerStore writes one row per event to the `events` table (`sender_id`,
`timestamp` in Unix seconds, ...) and never deletes any. This command deletes every event of
each conversation whose last event is older than the retention, so a conversation is kept or
removed whole. The Redis tracker store needs no purge, because its keys expire on their own
(`record_exp`, written by scripts/endpoints.py).

Run it from the repository root with our own environment, for example every hour from cron:
  .venv/bin/python scripts/purge_trackers.py --database-url postgresql://... --retention-seconds 86400
The defaults come from TRACKER_STORE_URL and TRACKER_RETENTION_SECONDS (86400).
"""

import argparse
import logging
import os
import sys
import time
from dataclasses import dataclass

from sqlalchemy import Engine, column, create_engine, delete, func, select, table
from sqlalchemy.exc import SQLAlchemyError

logger = logging.getLogger("purge_trackers")

DEFAULT_RETENTION_SECONDS = 86400

# Only the two columns the purge reads; Rasa creates and owns the table.
events = table("events", column("sender_id"), column("timestamp"))


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    events: int


def expired_conversations(cutoff: float):
    """Select the sender ids whose newest event is older than `cutoff` (Unix seconds)."""
    return (
        select(events.c.sender_id)
        .group_by(events.c.sender_id)
        .having(func.max(events.c.timestamp) < cutoff)
    )


def purge_expired_conversations(
    engine: Engine, retention_seconds: float, now: float | None = None, dry_run: bool = False
) -> PurgeResult:
    """Delete (or with dry_run only count) the conversations idle for longer than the retention.

    NOTE: PostgreSQL runs the DELETE on a snapshot, so events that an expired conversation
    receives while the DELETE runs are kept without the older ones. The bot then has lost the
    earlier slots, as if the purge had ended a moment before that message.
    """
    cutoff = (time.time() if now is None else now) - retention_seconds
    expired = expired_conversations(cutoff).subquery()

    with engine.begin() as connection:
        conversations = connection.execute(select(func.count()).select_from(expired)).scalar_one()
        if dry_run:
            event_count = connection.execute(
                select(func.count())
                .select_from(events)
                .where(events.c.sender_id.in_(select(expired.c.sender_id)))
            ).scalar_one()
        else:
            event_count = connection.execute(
                delete(events).where(events.c.sender_id.in_(select(expired.c.sender_id)))
            ).rowcount
    return PurgeResult(conversations=conversations, events=event_count)


def positive_seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number of seconds") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{raw!r} is negative; expected seconds >= 0")
    return value


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TRACKER_STORE_URL"),
        help="SQLAlchemy URL of the tracker store database (default: TRACKER_STORE_URL)",
    )
    parser.add_argument(
        "--retention-seconds",
        type=positive_seconds,
        default=os.environ.get("TRACKER_RETENTION_SECONDS", str(DEFAULT_RETENTION_SECONDS)),
        help="delete conversations idle for longer than this many seconds "
        "(default: TRACKER_RETENTION_SECONDS or 86400)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="count what would be deleted, delete nothing"
    )
    arguments = parser.parse_args(argv)
    if not arguments.database_url:
        parser.error("the database URL is missing: pass --database-url or set TRACKER_STORE_URL")
    return arguments


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    arguments = parse_arguments(argv)
    engine = create_engine(arguments.database_url)

    try:
        result = purge_expired_conversations(
            engine, arguments.retention_seconds, dry_run=arguments.dry_run
        )
    except SQLAlchemyError as error:
        # The URL may hold a password, so only the host and database are logged.
        logger.error(
            "tracker purge failed host=%s database=%s error=%s; check the URL and that Rasa "
            "has created the events table",
            engine.url.host,
            engine.url.database,
            type(error).__name__,
        )
        return 1
    finally:
        engine.dispose()

    logger.info(
        "tracker purge %s conversations=%d events=%d retention_seconds=%g",
        "dry run, would delete" if arguments.dry_run else "deleted",
        result.conversations,
        result.events,
        arguments.retention_seconds,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
