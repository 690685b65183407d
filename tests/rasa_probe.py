"""Run a probe script with the Rasa environment's Python (.venv-rasa) and read its facts.

Rasa 3.6 needs Python 3.10 and its own packages, so tests that check Rasa components run a
small script there. The script prints one JSON object on its last line of output.
"""

import json
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RASA_PYTHON = REPO_ROOT / ".venv-rasa" / "bin" / "python"
PROBE_TIMEOUT_SECONDS = 180


def run_rasa_probe(probe: Path, *arguments: str) -> dict:
    """Run `probe` with `arguments` from the repository root and return the JSON it printed last."""
    completed = subprocess.run(
        [str(RASA_PYTHON), str(probe), *arguments],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_SECONDS,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])
