"""Replay the conversation scenarios and print pass or fail per scenario.

    python -m tests.scenarios                       # starts its own stack first
    python -m tests.scenarios --url http://127.0.0.1:8000
    python -m tests.scenarios --only parent-rimouski-suspicion --verbose

Without --url, the stack takes up to 240 s to start (the timeout of tests/stack.py).
A scenario with a `known_failure` mark counts as expected when it fails (XFAIL) and as a
failure when it passes (XPASS). Exit status: 0 when every outcome is as expected, 1 when a
scenario failed or passed unexpectedly, 2 when a scenario file is invalid or the stack could
not start.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

from tests.scenarios.checks import ScenarioResult
from tests.scenarios.harness import DEFAULT_MAX_TURNS
from tests.scenarios.runner import StackStartError, failure_header, own_stack, run_scenarios
from tests.scenarios.scenario import ScenarioFileError, load_scenarios


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.scenarios", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--url",
        help="base URL of a running gateway, such as http://127.0.0.1:8000 "
        "(default: start a stack with the model in MODEL_DIR, or models/)",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="scenario files or folders (default: the *.yml files of tests/scenarios)",
    )
    parser.add_argument("--only", action="append", default=[], metavar="ID", help="run only this scenario id (repeatable)")
    parser.add_argument(
        "--max-turns",
        type=int,
        default=DEFAULT_MAX_TURNS,
        help=f"user messages per conversation before giving up (default: {DEFAULT_MAX_TURNS})",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="print the transcript of every scenario, passed ones too"
    )
    return parser.parse_args(argv)


def print_result(result: ScenarioResult, verbose: bool) -> None:
    """Print one line per expected outcome, and the full report of an unexpected one."""
    if not result.ok or verbose:
        print(result.report(), end="\n\n", flush=True)
        return

    if result.outcome == "XFAIL":
        print(f"XFAIL {result.scenario_id}: {result.replay.scenario.known_failure}", flush=True)
        return
    turns = result.replay.referral_turn or len(result.replay.turns)
    print(f"PASS {result.scenario_id} ({result.replay.scenario.persona}, {turns} turns)", flush=True)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)

    try:
        scenarios = load_scenarios(arguments.paths or None)
    except ScenarioFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if arguments.only:
        unknown = set(arguments.only) - {scenario.id for scenario in scenarios}
        if unknown:
            print(f"error: unknown scenario id(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        scenarios = [scenario for scenario in scenarios if scenario.id in arguments.only]

    personas = Counter(scenario.persona for scenario in scenarios)
    print(f"{len(scenarios)} scenarios: " + ", ".join(f"{n} {p}" for p, n in sorted(personas.items())))

    def replay_all(base_url: str) -> list[ScenarioResult]:
        return run_scenarios(
            base_url,
            scenarios,
            arguments.max_turns,
            on_result=lambda result: print_result(result, arguments.verbose),
        )

    if arguments.url:
        results = replay_all(arguments.url.rstrip("/"))
    else:
        print("starting Rasa, the action server and the gateway…", file=sys.stderr, flush=True)
        try:
            with own_stack() as base_url:
                results = replay_all(base_url)
        except StackStartError as error:
            print(f"error: the stack did not start: {error}", file=sys.stderr)
            return 2

    outcomes = Counter(result.outcome for result in results)
    print(", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items())))
    if not all(result.ok for result in results):
        print(failure_header(results))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
