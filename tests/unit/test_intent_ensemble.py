"""bot.intent_ensemble: the blend of DIET's and the TF-IDF model's intent confidences."""

from pathlib import Path

import pytest

from tests.rasa_probe import RASA_PYTHON, run_rasa_probe

PROBE = Path(__file__).resolve().parent / "intent_ensemble_probe.py"
TFIDF_WEIGHT = 0.7
DIET_CONFIDENCES = {"greet": 0.6, "danger_now": 0.3, "goodbye": 0.1}
EMERGENCY_FACTOR = 3.0

pytestmark = pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment .venv-rasa is not installed")


@pytest.fixture(scope="module")
def facts(tmp_path_factory) -> dict:
    return run_rasa_probe(PROBE, str(tmp_path_factory.mktemp("ensemble")))


def test_blend_weighted_average(facts):
    tfidf = facts["tfidf_alone"]
    ranking = {entry["name"]: entry["confidence"] for entry in facts["loaded_parse"]["ranking"]}

    for intent, diet in DIET_CONFIDENCES.items():
        assert ranking[intent] == pytest.approx(TFIDF_WEIGHT * tfidf[intent] + (1 - TFIDF_WEIGHT) * diet)
    assert sum(ranking.values()) == pytest.approx(1.0)


def test_tfidf_overrules_wrong_diet(facts):
    # DIET put greet first; the n-gram model recognises the danger words it was trained on.
    assert facts["tfidf_alone"]["danger_now"] > 0.5
    assert facts["loaded_parse"]["intent"]["name"] == "danger_now"
    assert facts["loaded_parse"]["ranking"][0] == facts["loaded_parse"]["intent"]


def test_reload_parses_like_trained(facts):
    assert facts["loaded_parse"] == facts["trained_parse"]


def test_tfidf_alone_without_diet(facts):
    ranking = {entry["name"]: entry["confidence"] for entry in facts["without_diet"]["ranking"]}

    assert ranking == pytest.approx(facts["tfidf_alone"])
    assert facts["without_diet"]["intent"]["name"] == "danger_now"


def test_emergency_factor_scales_and_normalises(facts):
    plain = {entry["name"]: entry["confidence"] for entry in facts["loaded_parse"]["ranking"]}
    favoured = {entry["name"]: entry["confidence"] for entry in facts["favoured_parse"]["ranking"]}
    scaled = {intent: confidence * (EMERGENCY_FACTOR if intent == "danger_now" else 1.0) for intent, confidence in plain.items()}
    total = sum(scaled.values())

    for intent, confidence in scaled.items():
        assert favoured[intent] == pytest.approx(confidence / total)
    assert favoured["danger_now"] > plain["danger_now"]
    assert favoured["greet"] < plain["greet"]


def test_untrusted_model_rejected(facts):
    assert facts["untrusted_load"] == "UntrustedTypesFoundException"


def test_emergency_class_weight(facts):
    assert facts["class_weight"] == {"danger_now": 2.0, "goodbye": 1.0, "greet": 1.0}
