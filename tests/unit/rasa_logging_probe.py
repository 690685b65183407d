"""Make Rasa's REST channel fail on one message, with the project's Rasa logging config.

Run by tests/unit/test_rasa_logging.py with the Rasa environment's Python (.venv-rasa), as
`python rasa_logging_probe.py CONFIG_FILE MESSAGE`. Logging is set up the way `rasa run
--logging-config-file` sets it up in Rasa 3.6 (rasa/__main__.py).
"""

import asyncio
import logging
import sys
from types import SimpleNamespace

from rasa.core.channels.rest import RestInput
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog


async def failing_message_handler(message) -> None:
    raise RuntimeError("message handling failed")


def main(config_file: str, message: str) -> None:
    configure_logging_and_warnings(logging.INFO, config_file or None)
    configure_structlog(logging.INFO)

    blueprint = RestInput().blueprint(failing_message_handler)
    receive = next(route.handler for route in blueprint._future_routes if route.uri == "/webhook")
    request = SimpleNamespace(json={"sender": "probe", "message": message}, args={})
    response = asyncio.run(receive(request))

    print(f"rest reply {response.body.decode()}", file=sys.stderr)
    logging.getLogger("rasa.core.processor").error("probe error from the processor")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
