"""bot.event_type_lookup: the remembered lookup finds the same event classes as Rasa's search."""

from pathlib import Path

import pytest

from tests.rasa_probe import RASA_PYTHON, run_rasa_probe

PROBE = Path(__file__).resolve().parent / "event_type_lookup_probe.py"

pytestmark = pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment .venv-rasa is not installed")


@pytest.fixture(scope="module")
def facts() -> dict:
    return run_rasa_probe(PROBE)


def test_every_type_name_gets_the_same_class(facts):
    assert facts["type_names"] > 20
    assert facts["same_classes"] is True
    assert facts["user_class"] == "UserUttered"


def test_unknown_names_behave_as_before(facts):
    assert facts["same_unknown_name_error"] is True
    assert facts["default_for_unknown"] is True


def test_events_are_rebuilt_from_their_dicts(facts):
    assert facts["rebuilt_user_event"] is True
