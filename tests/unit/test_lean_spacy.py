"""bot.lean_spacy: the served spaCy model drops `ner` and gives the pipeline the same tokens."""

import json
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = REPO_ROOT / ".venv-rasa" / "bin" / "python"
PROBE = Path(__file__).resolve().parent / "lean_spacy_probe.py"

pytestmark = pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment .venv-rasa is not installed")


@pytest.fixture(scope="module")
def facts() -> dict:
    completed = subprocess.run(
        [str(RASA_PYTHON), str(PROBE)],
        cwd=REPO_ROOT,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_ner_switched_off(facts):
    assert "ner" in facts["full_pipes"]
    assert "ner" not in facts["lean_pipes"]
    assert facts["lean_pipes"] == [pipe for pipe in facts["full_pipes"] if pipe != "ner"]


def test_same_tokens_lemmas_tags_and_vectors(facts):
    assert facts["tokens_compared"] > 40
    assert facts["same_token_features"] is True
