"""The Rasa-side tracker store forgets conversations after the retention period."""

import subprocess
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = REPO_ROOT / ".venv-rasa" / "bin" / "python"


def test_expiring_store_forgets_old_conversations():
    # bot/ runs inside Rasa's Python 3.10 environment, so the check runs there.
    result = subprocess.run(
        [str(RASA_PYTHON), "-m", "tests.unit.tracker_retention_probe"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "retention ok" in result.stdout


def test_default_endpoints_use_expiring_store():
    endpoints = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    store = endpoints["tracker_store"]
    assert store["type"] == "bot.tracker_store.ExpiringInMemoryTrackerStore"
    assert store["retention_seconds"] == 3600
