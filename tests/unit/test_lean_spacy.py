"""bot.lean_spacy: the served spaCy model drops `ner` and gives the pipeline the same tokens."""

from pathlib import Path

import pytest

from tests.rasa_probe import RASA_PYTHON, run_rasa_probe

PROBE = Path(__file__).resolve().parent / "lean_spacy_probe.py"

pytestmark = pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment .venv-rasa is not installed")


@pytest.fixture(scope="module")
def facts() -> dict:
    return run_rasa_probe(PROBE)


def test_ner_switched_off(facts):
    assert "ner" in facts["full_pipes"]
    assert "ner" not in facts["lean_pipes"]
    assert facts["lean_pipes"] == [pipe for pipe in facts["full_pipes"] if pipe != "ner"]


def test_same_tokens_lemmas_tags_and_vectors(facts):
    assert facts["tokens_compared"] > 40
    assert facts["same_token_features"] is True
