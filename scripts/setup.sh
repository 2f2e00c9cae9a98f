#!/usr/bin/env bash
# Set up a development environment in .venv (idempotent).
# With --system-packages, also install the Debian packages the tests need
# (chromium for the HTML edition's browser tests); that part needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--system-packages" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
