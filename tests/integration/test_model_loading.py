"""Inference-only model loading (bot/inference_loading.py) against Rasa's own loading."""

import json
import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_inference_only_loading_parses_identically():
    model = os.environ.get("MODEL_DIR", str(REPO_ROOT / "models"))
    completed = subprocess.run(
        [str(REPO_ROOT / ".venv-rasa" / "bin" / "python"), "-m", "bot.compare_model_loading", "--model", model],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    report_lines = [line for line in completed.stdout.splitlines() if line.startswith('{"compared"')]
    assert report_lines, f"no report; exit {completed.returncode}; stderr tail: {completed.stderr[-2000:]}"
    report = json.loads(report_lines[-1])

    assert report["compared"] >= 300
    assert report["differences"] == []
    assert completed.returncode == 0
