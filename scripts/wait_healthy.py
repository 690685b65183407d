"""Wait until the gateway reports Rasa, the action server and the database healthy.

Usage: python scripts/wait_healthy.py URL [TIMEOUT_SECONDS]. Exits 1 with the failing checks
when the timeout passes.
"""

import json
import sys
import time
import urllib.error
import urllib.request

POLL_SECONDS = 1.0


def read_health(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
    except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
        return 0, {}


def main() -> int:
    base_url = sys.argv[1].rstrip("/")
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 180.0
    deadline = time.monotonic() + timeout
    body: dict = {}

    while time.monotonic() < deadline:
        status, body = read_health(base_url + "/healthz")
        if status == 200:
            return 0
        time.sleep(POLL_SECONDS)

    print(f"error: services not healthy after {timeout:.0f} s: {body.get('checks', 'gateway not answering')}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
