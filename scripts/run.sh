#!/usr/bin/env bash
# Set up what is missing, train if needed, then run Rasa, the action server and the gateway
# under honcho. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/train.sh
scripts/seed_db.sh

export MODEL_DIR="${MODEL_DIR:-models}"
export RASA_TELEMETRY_ENABLED=false

# The committed endpoints.yml keeps conversations in memory (one Rasa instance) and calls the
# action server on 5055. Production settings (TRACKER_STORE=sql|redis, LOCK_STORE=redis, see
# docs/deploy.md) or another ACTIONS_PORT get a generated file.
if [[ "${TRACKER_STORE:-memory}" != memory || "${LOCK_STORE:-memory}" != memory \
      || "${ACTIONS_PORT:-5055}" != 5055 ]]; then
  RASA_ENDPOINTS="$(.venv/bin/python scripts/endpoints.py --output var/endpoints.generated.yml)"
  export RASA_ENDPOINTS
  echo "==> Rasa endpoints: $RASA_ENDPOINTS (tracker store ${TRACKER_STORE:-memory}, lock store ${LOCK_STORE:-memory})"
fi

# The gateway follows RASA_PORT and ACTIONS_PORT unless its own addresses are given.
export GATEWAY_RASA_URLS="${GATEWAY_RASA_URLS:-http://127.0.0.1:${RASA_PORT:-5005}}"
export GATEWAY_ACTION_SERVER_URL="${GATEWAY_ACTION_SERVER_URL:-http://127.0.0.1:${ACTIONS_PORT:-5055}}"

GATEWAY_PORT="${GATEWAY_PORT:-8000}"
URL="http://127.0.0.1:$GATEWAY_PORT"

echo "==> Starting Rasa (127.0.0.1:${RASA_PORT:-5005}), actions (127.0.0.1:${ACTIONS_PORT:-5055}) and the gateway ($URL)"
.venv/bin/honcho start --procfile Procfile &
HONCHO_PID=$!
trap 'kill -TERM "$HONCHO_PID" 2>/dev/null; wait "$HONCHO_PID" 2>/dev/null; exit 0' INT TERM

if .venv/bin/python scripts/wait_healthy.py "$URL" 240; then
  echo
  echo "==> Ready: open $URL   (Ctrl-C stops everything)"
  echo
else
  kill -TERM "$HONCHO_PID" 2>/dev/null || true
  wait "$HONCHO_PID" 2>/dev/null || true
  exit 1
fi
wait "$HONCHO_PID"
