"""Rasa 3.6 with rasa_logging.yml: a failing REST message leaves no user text in the log.

Without the config, Rasa logs "rest.message.received.failure" with the text and the local
variables of every frame; the first test shows that, so the second one can fail.
"""

import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = REPO_ROOT / ".venv-rasa" / "bin" / "python"
PROBE = Path(__file__).resolve().parent / "rasa_logging_probe.py"
MESSAGE = "je m'appelle Océane Lapointe"
# Rasa's JSON log lines escape non-ASCII letters, so the check looks for the ASCII surname.
SURNAME = "Lapointe"

pytestmark = pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment .venv-rasa is not installed")


def run_probe(config_file: str) -> str:
    result = subprocess.run(
        [str(RASA_PYTHON), str(PROBE), config_file, MESSAGE],
        cwd=REPO_ROOT,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return result.stdout + result.stderr


def test_default_rasa_logging_prints_message_text():
    output = run_probe("")

    assert "rest.message.received.failure" in output
    assert SURNAME in output


def test_project_logging_config_hides_message_text():
    output = run_probe(str(REPO_ROOT / "rasa_logging.yml"))

    assert SURNAME not in output
    assert "rest reply []" in output
    assert "probe error from the processor" in output
