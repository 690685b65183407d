#!/usr/bin/env bash
# Create (or migrate) the resource database and load the bundled seed; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> Resource database: migrate and import the seed (${DATABASE_URL:-var/resources.sqlite3})"
.venv/bin/python -m resources_db init
.venv/bin/python -m resources_db import
