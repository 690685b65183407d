#!/usr/bin/env bash
# Everything CI checks: set-up, data validation, training, Rasa's story tests and pytest
# (unit, database, place, content, integration against real servers, and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

export RASA_TELEMETRY_ENABLED=false
export MODEL_DIR="${MODEL_DIR:-models}"

scripts/setup.sh
scripts/ensure_chromium.sh

echo "==> Generated lookup tables are up to date"
python3 bot/generate_lookups.py --check

echo "==> rasa data validate"
.venv-rasa/bin/rasa data validate --quiet

scripts/train.sh

# Through bot.rasa_server, so that the stories also check TED loaded as the server loads it.
echo "==> rasa test core (test stories)"
.venv-rasa/bin/python -m bot.rasa_server test core --model "$MODEL_DIR" --stories tests/stories \
  --fail-on-prediction-errors --out var/rasa-test-results --quiet

echo "==> pytest"
.venv/bin/python -m pytest "$@"
