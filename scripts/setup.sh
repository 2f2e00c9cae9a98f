#!/usr/bin/env bash
# Set up .venv with what tei-corpus needs to convert, validate and publish
# (the toolkit, its readers for office, PDF and Praat files, and the lemmatiser
# of tei annotate); idempotent.
# With --tests, also what the tests need: the test and bench extras (jing for the benchmarks), and the Debian
# packages (chromium for the HTML edition's browser tests; needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

TESTS=""
[ "${1:-}" = "--tests" ] && TESTS=1

if [ -n "$TESTS" ]; then
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
if [ -n "$TESTS" ]; then
  .venv/bin/python -m pip install -q -e '.[formats,nlp,test,bench]'
else
  .venv/bin/python -m pip install -q -e '.[formats,nlp]'
fi
