"""Every conversation scenario of tests/scenarios/*.yml, against the session's real stack."""

import pytest

from tests.scenarios.runner import failure_summary, run_scenarios
from tests.scenarios.scenario import load_scenarios

pytestmark = pytest.mark.stack


def test_all_scenarios_pass(stack):
    results = run_scenarios(stack.gateway_url, load_scenarios())

    failed = [result for result in results if not result.ok]
    assert not failed, failure_summary(results)
