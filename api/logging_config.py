"""Logging for the gateway and the action server: one stderr handler, personal data redacted.

Both processes log ids, intents, slot names, durations and errors, never message text. The
redaction filter (api/redaction.py) guards what could still slip through.
"""

import logging
import sys

from api.redaction import RedactionFilter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

# Loggers that servers configure with their own handlers and propagate=False, so records
# logged there never pass through the root logger's handlers.
SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "sanic.root", "sanic.error", "sanic.access")


def install_redaction_filter() -> None:
    """Add the redaction filter to every handler of the root logger and of the server loggers.

    Call it after the server has configured logging. Handlers added later are not covered.
    """
    redaction = RedactionFilter()
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in SERVER_LOGGERS)]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(existing, RedactionFilter) for existing in handler.filters):
                handler.addFilter(redaction)


def configure_gateway_logging(level: str) -> None:
    """Give the root logger a stderr handler at `level` (uvicorn leaves it without one)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    root.setLevel(level.upper())
    install_redaction_filter()
