#!/usr/bin/env bash
# Create the two Python environments from the lock files, when missing or out of date.
#
# .venv-rasa (Python 3.10) holds Rasa 3.6 and spaCy; .venv (Python 3.11+) holds our own code.
# Each environment is built once per lock-file hash in a cache folder outside the clone
# ($ENSEMBLE_CACHE, default ~/.cache/ensemble-quebec) and linked into the clone, so a fresh
# clone reuses it and a changed lock file builds a new one.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE_ROOT="${ENSEMBLE_CACHE:-$HOME/.cache/ensemble-quebec}"
PYTHON_RASA="${PYTHON_RASA:-}"
PYTHON_APP="${PYTHON_APP:-}"

find_python() {
  # Print the first interpreter among the candidates whose version matches the pattern.
  local pattern="$1"; shift
  for candidate in "$@"; do
    if command -v "$candidate" >/dev/null 2>&1; then
      local version
      version=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
      if [[ "$version" =~ $pattern ]]; then
        command -v "$candidate"
        return 0
      fi
    fi
  done
  return 1
}

require_python() {
  local label="$1" pattern="$2" hint="$3"; shift 3
  if ! find_python "$pattern" "$@"; then
    echo "error: $label was not found (tried: $*)." >&2
    echo "$hint" >&2
    exit 1
  fi
}

lock_hash() {
  sha256sum "$1" | cut -c1-16
}

build_env() {
  # build_env NAME PYTHON LOCKFILE LINK: build or reuse the cached environment, then link it.
  local name="$1" python="$2" lockfile="$3" link="$4"
  local target="$CACHE_ROOT/venvs/$name-$(lock_hash "$lockfile")"

  if [[ ! -f "$target/.complete" ]]; then
    echo "==> Building $link from $lockfile (first time only, a few minutes)"
    rm -rf "$target"
    mkdir -p "$(dirname "$target")"
    "$python" -m venv "$target"
    "$target/bin/python" -m pip install --quiet --upgrade pip
    "$target/bin/python" -m pip install --progress-bar on --no-deps -r "$lockfile"
    "$target/bin/python" -m pip check
    touch "$target/.complete"
  fi

  if [[ -L "$link" || ! -e "$link" ]]; then
    ln -sfn "$target" "$link"
  elif [[ "$(readlink -f "$link")" != "$(readlink -f "$target")" ]]; then
    echo "error: $link is a real folder; remove it so that setup can link the cached environment." >&2
    exit 1
  fi
}

if [[ -z "$PYTHON_RASA" ]]; then
  PYTHON_RASA=$(require_python "Python 3.10 (needed by Rasa Open Source 3.6)" '^3\.10$' \
    "Install it, for example with 'pyenv install 3.10.13', or point PYTHON_RASA to a python3.10 binary." \
    python3.10 "$HOME/.pyenv/versions/3.10.13/bin/python")
fi
if [[ -z "$PYTHON_APP" ]]; then
  PYTHON_APP=$(require_python "Python 3.11 or newer" '^3\.(1[1-9])$' \
    "Install it, for example with 'pyenv install 3.11.7' or your system's python3.11 package, or point PYTHON_APP to it." \
    python3.11 python3.12 python3.13 python3)
fi

build_env rasa "$PYTHON_RASA" requirements/rasa.lock .venv-rasa
build_env app "$PYTHON_APP" requirements/app.lock .venv
echo "==> Python environments ready (.venv-rasa, .venv)"
