"""Gateway settings, read once from the environment (prefix GATEWAY_)."""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    """Rasa and action-server addresses, the Rasa timeout, and the limits on user input."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    # Comma-separated base URLs of the Rasa servers.
    rasa_urls: str = "http://127.0.0.1:5005"
    action_server_url: str = "http://127.0.0.1:5055"
    # Seconds to wait for Rasa's reply before sending the fixed emergency message instead.
    rasa_timeout_seconds: float = 20.0
    # Seconds to wait for the action server's /health, checked beside every chat turn.
    action_server_check_timeout_seconds: float = 2.0
    max_message_chars: int = 1000
    # Request bodies over this many bytes get HTTP 413 (a 1,000-character message fits easily).
    max_body_bytes: int = 16_384
    # Chat messages allowed over a moving window, in the `limits` notation ("20/minute").
    rate_limit_per_session: str = "20/minute"
    rate_limit_per_ip: str = "60/minute"
    # Level of the gateway's own log records (the message text itself is never logged).
    log_level: str = "INFO"

    @property
    def rasa_url_list(self) -> list[str]:
        return [url.strip().rstrip("/") for url in self.rasa_urls.split(",") if url.strip()]


@lru_cache(maxsize=1)
def get_settings() -> GatewaySettings:
    """Return the process-wide gateway settings."""
    return GatewaySettings()
