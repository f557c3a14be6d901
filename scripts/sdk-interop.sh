#!/usr/bin/env bash
# Drives rossum-sandbox with the official Python SDK (rossum-api), the referee of its fidelity.
# Creates a venv under .build/sdk-venv, installs rossum-api==3.17.0, starts the built
# rossum-sandbox on a free port and runs scripts/sdk_interop.py against it.
# Skips (exit 0) only when pip cannot reach its package index.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/interop-lib.sh

VENV=".build/sdk-venv"
interop_install sdk-interop "$VENV" rossum-api 3.17.0
interop_start_sandbox sdk-interop
"$VENV/bin/python" scripts/sdk_interop.py "$URL/api/v1" demo@rossum.local demo-password
