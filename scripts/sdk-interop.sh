#!/usr/bin/env bash
# Drives rossum-sandbox with the official Python SDK (rossum-api), the referee of its fidelity.
# Creates a venv under .build/sdk-venv, installs rossum-api==3.17.0, starts the built
# rossum-sandbox on a free port and runs scripts/sdk_interop.py against it.
# Skips (exit 0) only when pip cannot reach its package index.
set -euo pipefail
cd "$(dirname "$0")/.."

SDK_VERSION="3.17.0"
VENV=".build/sdk-venv"
PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "sdk-interop: $PYTHON not found" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import rossum_api, sys; sys.exit(0 if rossum_api.__version__ == '$SDK_VERSION' else 1)" 2>/dev/null \
   && ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(0 if m.version('rossum-api') == '$SDK_VERSION' else 1)" 2>/dev/null; then
  if ! "$VENV/bin/pip" install --quiet "rossum-api==$SDK_VERSION" 2>.build/sdk-pip.log; then
    # Only a package index we cannot reach is a reason to skip; any other pip failure is a failure.
    INDEX_URL="${PIP_INDEX_URL:-$("$VENV/bin/pip" config get global.index-url 2>/dev/null || echo https://pypi.org/simple)}"
    if ! "$VENV/bin/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1].rstrip('/') + '/rossum-api/', timeout=20)" "$INDEX_URL" 2>/dev/null; then
      echo "sdk-interop: SKIPPED - pip cannot reach its package index ($INDEX_URL) to install rossum-api==$SDK_VERSION"
      exit 0
    fi
    cat .build/sdk-pip.log >&2
    echo "sdk-interop: pip install failed" >&2
    exit 1
  fi
fi

BIN=".build/debug/rossum-sandbox"
if [ ! -x "$BIN" ]; then
  swift build --product rossum-sandbox
fi

LOG="$(mktemp)"
"$BIN" --port 0 --size small --seed 7 --import-delay 0.3 --queue-deletion-delay 0.5 --export-delay 0 >"$LOG" 2>&1 &
SERVER_PID=$!
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -f "$LOG"
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 100); do
  URL="$(head -n 1 "$LOG" 2>/dev/null || true)"
  case "$URL" in http://*) break ;; esac
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    cat "$LOG" >&2
    echo "sdk-interop: rossum-sandbox exited early" >&2
    exit 1
  fi
  sleep 0.1
done
case "$URL" in
  http://*) ;;
  *) cat "$LOG" >&2; echo "sdk-interop: rossum-sandbox did not print its URL" >&2; exit 1 ;;
esac

"$VENV/bin/python" scripts/sdk_interop.py "$URL/api/v1" demo@rossum.local demo-password
