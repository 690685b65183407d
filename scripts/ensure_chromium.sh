#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing. Playwright drives this
# binary; its own browser download does not work on machines without general network access.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ "$(id -u)" != "0" ]] && ! command -v sudo >/dev/null 2>&1; then
  echo "error: /usr/bin/chromium is missing; install Debian's 'chromium' package (apt-get install chromium)." >&2
  exit 1
fi
SUDO=""
[[ "$(id -u)" == "0" ]] || SUDO="sudo"
echo "==> Installing Debian's chromium package for the browser tests"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
