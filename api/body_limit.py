"""ASGI middleware that rejects request bodies over a size limit with HTTP 413 and a French message."""

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)

BODY_TOO_LARGE_MESSAGE = (
    "Votre envoi est trop volumineux pour être traité. Raccourcissez votre message et réessayez."
)


class BodySizeLimitMiddleware:
    """Reject HTTP requests whose body exceeds `max_body_bytes`, before the app reads it.

    A declared Content-Length over the limit is rejected at once. Otherwise the body is read
    into memory up to the limit (a chunked upload has no declared length), then replayed to
    the app. Paths under `exempt_prefixes` (token-protected admin uploads) pass untouched.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, exempt_prefixes: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.exempt_prefixes = exempt_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt_prefixes):
            await self.app(scope, receive, send)
            return

        declared_length = self._content_length(scope)
        if declared_length is not None and declared_length > self.max_body_bytes:
            await self._reject(scope, send, declared_length)
            return

        chunks: list[bytes] = []
        received = 0
        more_body = True
        while more_body:
            message = await receive()
            if message["type"] != "http.request":
                # The client went away: let the app see the disconnect.
                await self.app(scope, self._replay([], message, receive), send)
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_body_bytes:
                await self._reject(scope, send, received)
                return
            chunks.append(chunk)
            more_body = message.get("more_body", False)

        await self.app(scope, self._replay(chunks, None, receive), send)

    @staticmethod
    def _content_length(scope: Scope) -> int | None:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return None
        return None

    @staticmethod
    def _replay(chunks: list[bytes], last_message: Message | None, receive: Receive) -> Receive:
        """Return a receive callable that gives the buffered body, then defers to `receive`."""
        pending: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
        if last_message is not None:
            pending = [last_message]

        async def replay() -> Message:
            if pending:
                return pending.pop(0)
            return await receive()

        return replay

    async def _reject(self, scope: Scope, send: Send, size: int) -> None:
        logger.warning(
            "request rejected reason=body_too_large path=%s bytes=%d limit=%d", scope["path"], size, self.max_body_bytes
        )
        body = json.dumps({"detail": BODY_TOO_LARGE_MESSAGE}, ensure_ascii=False).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode("ascii")),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
