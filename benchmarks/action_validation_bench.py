"""Time Rasa's check of one action server response, with Rasa's method and with bot's validator.

Run with Rasa's environment, from the repository root:
    .venv-rasa/bin/python benchmarks/action_validation_bench.py [--calls 200]
Prints the mean time per call of RemoteAction._validate_action_result before and after
bot.action_result_validation replaces it, on a response that sets one slot.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rasa.core.actions.action import RemoteAction  # noqa: E402

from bot.action_result_validation import install_cached_action_result_validator  # noqa: E402

RESPONSE = {"events": [{"event": "slot", "name": "region", "value": "01"}], "responses": []}


def mean_milliseconds(action: RemoteAction, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        action._validate_action_result(RESPONSE)
    return (time.perf_counter() - start) * 1000 / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="timed calls per variant (default: 200)")
    args = parser.parse_args()
    action = RemoteAction("action_validate_slot_mappings", None)

    print(f"Rasa's method: {mean_milliseconds(action, args.calls):.2f} ms per call")
    install_cached_action_result_validator()
    print(f"validator built once: {mean_milliseconds(action, args.calls):.2f} ms per call")


if __name__ == "__main__":
    main()
