"""bot.ted_prediction_cache: TED's cached predictions equal the model's, and keep no text."""

import os
from pathlib import Path

import pytest

from tests.rasa_probe import REPO_ROOT, run_rasa_probe

PROBE = Path(__file__).resolve().parent / "ted_cache_probe.py"


@pytest.fixture(scope="module")
def report() -> dict:
    return run_rasa_probe(PROBE, os.environ.get("MODEL_DIR", str(REPO_ROOT / "models")))


def test_stories_reach_the_cache(report):
    # The second pass over the stories meets every state of the first one.
    assert report["predictions"] > 100
    assert report["from_cache"] >= report["predictions"] / 2
    assert 0 < report["cached_entries"] < report["predictions"]


def test_cached_predictions_equal_the_model(report):
    assert report["max_difference_from_cache"] == 0.0
    assert report["all_same_shape"] is True


def test_cache_keys_hold_no_message_text(report):
    keys = report["cached_keys_text"]
    assert "'intent', 'report_suspicion'" in keys
    for story_text in ("jveux pu vivre", "ma fille", "menace", "signalement"):
        assert story_text not in keys
