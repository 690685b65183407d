"""One SQLAlchemy engine per process, built from the settings, and a session scope."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from resources_db.settings import get_settings


def ensure_sqlite_folder(database_url: str) -> None:
    """Create the folder of a SQLite file URL, because SQLite creates the file but not its folder."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def build_engine(database_url: str) -> Engine:
    """Create an engine for any URL; SQLite connections get foreign keys switched on."""
    ensure_sqlite_folder(database_url)
    engine = create_engine(database_url, future=True)

    if engine.dialect.name == "sqlite":
        # SQLite ignores ON DELETE CASCADE unless each connection enables foreign keys.
        @event.listens_for(engine, "connect")
        def enable_foreign_keys(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """Return the process-wide engine for settings.database_url."""
    return build_engine(get_settings().database_url)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """Yield a session that commits when the block ends and rolls back when it raises."""
    session_factory = sessionmaker(bind=engine or get_engine(), expire_on_commit=False)
    session = session_factory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
