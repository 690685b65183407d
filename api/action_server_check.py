"""Check, beside each chat turn, that the action server responds on its health endpoint.

When the action server is down, Rasa 3.6 still replies through the REST channel: the custom
action fails, its events are lost, and the bot falls back to "Je n'ai pas bien compris…".
That reply hides the outage from the user, so the gateway checks the action server itself.
"""

import logging

import httpx

logger = logging.getLogger(__name__)

HEALTH_PATH = "/health"


class ActionServerCheck:
    """Probe of the action server's GET /health, with its own short timeout."""

    def __init__(self, base_url: str, timeout_seconds: float) -> None:
        self._url = base_url.rstrip("/") + HEALTH_PATH
        self._client = httpx.AsyncClient(timeout=timeout_seconds)

    async def close(self) -> None:
        await self._client.aclose()

    async def is_up(self) -> bool:
        """Return True when the action server responds 200 within the timeout."""
        try:
            response = await self._client.get(self._url)
        except httpx.HTTPError as error:
            logger.error("action server health check failed error=%s", type(error).__name__)
            return False
        if response.status_code != 200:
            logger.error("action server health check failed status=%d", response.status_code)
            return False
        return True
