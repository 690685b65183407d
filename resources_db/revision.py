"""The data revision: a counter in resource_revision that every import increments."""

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from resources_db.models import ResourceRevision

# Migration 0002 inserts this single row.
REVISION_ROW_ID = 1
REVISION_QUERY = select(ResourceRevision.revision).where(ResourceRevision.id == REVISION_ROW_ID)


def current_revision(session: Session) -> int:
    """Return the revision of the data that the session sees."""
    revision = session.connection().scalar(REVISION_QUERY)
    if revision is None:
        raise LookupError(
            "resource_revision has no row: the schema is older than migration 0002. "
            "Run `python -m resources_db init`."
        )
    return revision


def bump_revision(session: Session) -> None:
    """Increment the revision inside the caller's transaction, so it changes only if the data does."""
    session.execute(
        update(ResourceRevision)
        .where(ResourceRevision.id == REVISION_ROW_ID)
        .values(revision=ResourceRevision.revision + 1)
    )
