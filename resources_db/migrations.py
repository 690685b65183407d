"""Run the Alembic migrations of the package from code (used by `init` and the tests)."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"


def alembic_config(engine: Engine | None = None) -> Config:
    """Build the Alembic config; migrations run on `engine`, or on the settings' URL when None."""
    config = Config(str(ALEMBIC_INI))
    config.attributes["configure_logger"] = False
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine | None = None) -> None:
    """Apply every migration up to the newest revision."""
    command.upgrade(alembic_config(engine), "head")
