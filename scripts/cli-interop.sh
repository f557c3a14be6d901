#!/usr/bin/env bash
# Drives rossum-sandbox with the official `rossum` CLI, the second referee of its fidelity.
# Creates a venv under .build/cli-venv, installs rossum==3.18.0, starts the built
# rossum-sandbox on a free port and runs scripts/cli_interop.py against it.
# Skips (exit 0) only when pip cannot reach its package index.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/interop-lib.sh

VENV=".build/cli-venv"
interop_install cli-interop "$VENV" rossum 3.18.0
interop_start_sandbox cli-interop
"$VENV/bin/python" scripts/cli_interop.py "$URL/api/v1" demo@rossum.local demo-password
