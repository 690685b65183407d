"""Run a list of scenarios against one gateway, and start a stack when none is given."""

import contextlib
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from tests.scenarios.checks import ScenarioResult, check_replay
from tests.scenarios.harness import DEFAULT_MAX_TURNS, replay_scenario, simulated_client_address
from tests.scenarios.scenario import Scenario
from tests.stack import remove_workdir, start_stack


def run_scenarios(
    base_url: str,
    scenarios: list[Scenario],
    max_turns: int = DEFAULT_MAX_TURNS,
    on_result: Callable[[ScenarioResult], None] | None = None,
) -> list[ScenarioResult]:
    """Replay and check each scenario in turn, calling `on_result` after each one."""
    results = []
    with httpx.Client() as client:
        for index, scenario in enumerate(scenarios):
            replay = replay_scenario(
                client, base_url, scenario, max_turns, simulated_client_address(index)
            )
            result = check_replay(replay)
            results.append(result)
            if on_result:
                on_result(result)
    return results


class StackStartError(Exception):
    """The stack started for the scenarios did not become healthy."""


@contextlib.contextmanager
def own_stack() -> Iterator[str]:
    """Start Rasa, the action server and the gateway in a temporary folder, and yield the URL."""
    workdir = Path(tempfile.mkdtemp(prefix="ensemble-scenarios-"))
    try:
        stack = start_stack(workdir)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        remove_workdir(workdir)
        raise StackStartError(str(error)) from error

    try:
        yield stack.gateway_url
    finally:
        stack.stop_all()
        remove_workdir(workdir)


def failure_header(results: list[ScenarioResult]) -> str:
    """Return one line with the count and the ids of the scenarios whose outcome is wrong."""
    failed = [f"{result.scenario_id} ({result.outcome})" for result in results if not result.ok]
    return f"{len(failed)} of {len(results)} scenarios failed: {', '.join(failed)}"


def failure_summary(results: list[ScenarioResult]) -> str:
    """Return the failure header, then each failure report with its transcript."""
    reports = [result.report() for result in results if not result.ok]
    return "\n\n".join([failure_header(results), *reports])
