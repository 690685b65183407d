"""bot.gc_freeze: after start-up, the garbage collector no longer walks the loaded model."""

import os
from pathlib import Path

import pytest

from tests.rasa_probe import REPO_ROOT, run_rasa_probe

PROBE = Path(__file__).resolve().parent / "gc_freeze_probe.py"


@pytest.fixture(scope="module")
def report() -> dict:
    return run_rasa_probe(PROBE, os.environ.get("MODEL_DIR", str(REPO_ROOT / "models")))


def test_start_up_hook_returns_working_agent(report):
    assert report["agent_on_app"] is True
    assert report["parsed_intent"] == "report_suspicion"


def test_loaded_objects_frozen(report):
    # About 1.4 million objects with this project's model. The collector keeps the few new ones.
    assert report["frozen"] > 500_000
    assert report["still_tracked"] < report["frozen"] / 100
