"""Rate limits on /api/chat, per session and per client IP, over a moving window.

The counters live in this process's memory (the `limits` library's MemoryStorage), so each
gateway process counts on its own and a restart resets them.
"""

import logging
import math
import time
import uuid

from fastapi import Request
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from api.fixed_replies import fixed_replies

logger = logging.getLogger(__name__)

RATE_LIMITED_MESSAGE = (
    "Vous avez envoyé beaucoup de messages en peu de temps. "
    "Attendez {seconds} secondes, puis réessayez."
)


class RateLimitExceeded(Exception):
    """A client or a session sent more messages than its limit allows."""

    def __init__(self, scope: str, retry_after_seconds: int) -> None:
        super().__init__(f"rate limit exceeded scope={scope}")
        self.scope = scope
        self.retry_after_seconds = retry_after_seconds


class ChatRateLimiter:
    """Counter of chat messages per session id and per client IP, each against its own limit."""

    def __init__(self, per_session: str, per_ip: str) -> None:
        # parse() raises ValueError on an invalid limit such as "20/minutes!", at start-up.
        self._per_session = parse(per_session)
        self._per_ip = parse(per_ip)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def check(self, client_ip: str, session_id: uuid.UUID | None) -> None:
        """Count one message, raising RateLimitExceeded when the IP or the session is over its limit."""
        self._hit(self._per_ip, "ip", client_ip)
        if session_id is not None:
            self._hit(self._per_session, "session", str(session_id))

    def _hit(self, item: RateLimitItem, scope: str, key: str) -> None:
        if self._limiter.hit(item, scope, key):
            return
        reset_time = self._limiter.get_window_stats(item, scope, key).reset_time
        raise RateLimitExceeded(scope, max(1, math.ceil(reset_time - time.time())))


def client_ip(request: Request) -> str:
    # Behind a reverse proxy on loopback, uvicorn puts the X-Forwarded-For address here.
    return request.client.host if request.client else "unknown"


def rate_limited_response(request: Request, error: RateLimitExceeded) -> JSONResponse:
    """Build the HTTP 429 reply: a French message, then the 911 line, and Retry-After."""
    # The client IP is personal data, so only the scope and path are logged.
    logger.warning("rate limit exceeded scope=%s path=%s", error.scope, request.url.path)
    detail = RATE_LIMITED_MESSAGE.format(seconds=error.retry_after_seconds)
    return JSONResponse(
        status_code=429,
        content={"detail": f"{detail}\n{fixed_replies().emergency}"},
        headers={"Retry-After": str(error.retry_after_seconds)},
    )
