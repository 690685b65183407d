"""Settings of the resource database, read from the environment."""

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = REPO_ROOT / "var" / "resources.sqlite3"


class Settings(BaseSettings):
    """Database URL and admin token; the only place in the package that reads os.environ."""

    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    admin_token: str | None = None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read once from DATABASE_URL and ADMIN_TOKEN."""
    return Settings()
