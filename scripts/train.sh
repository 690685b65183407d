#!/usr/bin/env bash
# Train the Rasa model when the data, domain or configuration changed.
#
# Rasa fingerprints every training step and reuses cached results from RASA_CACHE_DIRECTORY,
# so an unchanged project packages its model in seconds instead of training again.
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL_DIR="${MODEL_DIR:-models}"
export RASA_CACHE_DIRECTORY="${RASA_CACHE_DIRECTORY:-$PWD/.rasa/cache}"
export RASA_TELEMETRY_ENABLED=false

python3 bot/generate_lookups.py --check >/dev/null 2>&1 || python3 bot/generate_lookups.py

echo "==> rasa train (skips unchanged steps; the first run takes several minutes)"
.venv-rasa/bin/rasa train --out "$MODEL_DIR" --fixed-model-name ensemble-quebec --quiet
