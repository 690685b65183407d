"""bot.retrieval_only_selection: FAQ questions get the same pick, other messages skip the selector."""

import os
from pathlib import Path

import pytest

from tests.rasa_probe import REPO_ROOT, run_rasa_probe

PROBE = Path(__file__).resolve().parent / "retrieval_selection_probe.py"


@pytest.fixture(scope="module")
def report() -> dict:
    return run_rasa_probe(PROBE, os.environ.get("MODEL_DIR", str(REPO_ROOT / "models")))


def test_faq_questions_keep_their_pick(report):
    assert report["faq_messages"] >= 20
    assert report["faq_same_parse"] is True
    assert report["faq_with_selection"] == report["faq_messages"]


def test_other_messages_skip_the_pick(report):
    assert report["other_messages"] >= 200
    assert report["other_same_intent_and_entities"] is True
    assert report["other_with_selection_before"] == report["other_messages"]
    assert report["other_with_selection"] == 0
