"""Forward one user message to Rasa's REST channel and read its replies."""

import itertools
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

logger = logging.getLogger(__name__)

REST_WEBHOOK_PATH = "/webhooks/rest/webhook"


class RasaUnavailable(Exception):
    """No Rasa server could be reached, or the one that got the message failed or timed out."""


@dataclass
class BotReply:
    """The bot's visible messages and the flags of its custom JSON messages."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    expecting: str | None = None
    urgent: bool = False
    referral: bool = False
    # An action failed and asked for the gateway's fixed reply (actions/failures.py).
    degraded: bool = False


def read_replies(items: list[dict[str, Any]]) -> BotReply:
    """Split Rasa's REST output into visible messages and the custom JSON it carried.

    Actions send `{"expecting": …}`, `{"urgent": true}` or `{"referral": true}` as custom
    messages; those steer the page and are not shown.
    """
    reply = BotReply()
    for item in items:
        custom = item.get("custom")
        if isinstance(custom, dict):
            if "expecting" in custom:
                reply.expecting = custom["expecting"]
            reply.urgent = reply.urgent or bool(custom.get("urgent"))
            reply.referral = reply.referral or bool(custom.get("referral"))
            reply.degraded = reply.degraded or bool(custom.get("degraded"))

        text = item.get("text")
        if not text:
            continue
        buttons = [
            {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
            for button in item.get("buttons") or []
        ]
        reply.messages.append({"text": text, "buttons": buttons})
    return reply


class RasaClient:
    """Round-robin client over the Rasa servers, trying the next one when one cannot be reached.

    It fails over only when the request never reached a server (connection refused or connect
    timeout). After a read timeout, a dropped connection or an error status, the server may
    already have processed the message and saved it in the shared tracker store, so sending it
    to another server could process it twice. Those errors raise RasaUnavailable instead, and
    the gateway gives its degraded reply.
    """

    def __init__(self, base_urls: list[str], timeout_seconds: float) -> None:
        if not base_urls:
            raise ValueError("at least one Rasa URL is required (GATEWAY_RASA_URLS)")
        self._base_urls = base_urls
        self._next_index = itertools.cycle(range(len(base_urls)))
        self._client = httpx.AsyncClient(timeout=timeout_seconds)

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, session_id: str, text: str, metadata: dict[str, Any]) -> BotReply:
        """Send the message to one Rasa server, failing over while none could be reached."""
        start = next(self._next_index)
        payload = {"sender": session_id, "message": text, "metadata": metadata}

        for offset in range(len(self._base_urls)):
            base_url = self._base_urls[(start + offset) % len(self._base_urls)]
            try:
                response = await self._client.post(base_url + REST_WEBHOOK_PATH, json=payload)
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                logger.error(
                    "rasa unreachable, trying the next server url=%s session=%s error=%s",
                    base_url,
                    session_id,
                    type(error).__name__,
                )
                continue
            except httpx.HTTPError as error:
                logger.error(
                    "rasa request failed after it was sent, not retried url=%s session=%s error=%s",
                    base_url,
                    session_id,
                    type(error).__name__,
                )
                raise RasaUnavailable(f"Rasa at {base_url} failed: {type(error).__name__}") from error
            return self.read_response(response, base_url, session_id)

        raise RasaUnavailable(f"no Rasa server could be reached among {len(self._base_urls)}")

    @staticmethod
    def read_response(response: httpx.Response, base_url: str, session_id: str) -> BotReply:
        """Parse a reply, raising RasaUnavailable on an error status or a body that is not JSON."""
        try:
            response.raise_for_status()
            return read_replies(response.json())
        except (httpx.HTTPStatusError, ValueError) as error:
            logger.error(
                "rasa reply invalid, not retried url=%s session=%s status=%d error=%s",
                base_url,
                session_id,
                response.status_code,
                type(error).__name__,
            )
            raise RasaUnavailable(f"Rasa at {base_url} replied {response.status_code}") from error
