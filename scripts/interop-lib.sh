# Shared by the referees (sdk-interop.sh, cli-interop.sh): sourced, not run.

# interop_install NAME VENV PACKAGE VERSION: makes VENV and installs PACKAGE==VERSION in it.
# Exits 0 (skipped) only when pip cannot reach its package index; any other failure exits 1.
interop_install() {
  local name="$1" venv="$2" package="$3" version="$4" python="${PYTHON:-python3}"
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "$name: $python not found" >&2
    exit 1
  fi
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
  fi
  if "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(0 if m.version('$package') == '$version' else 1)" 2>/dev/null; then
    return 0
  fi
  if ! "$venv/bin/pip" install --quiet "$package==$version" 2>".build/$name-pip.log"; then
    local index_url="${PIP_INDEX_URL:-$("$venv/bin/pip" config get global.index-url 2>/dev/null || echo https://pypi.org/simple)}"
    if ! "$venv/bin/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1].rstrip('/') + '/$package/', timeout=20)" "$index_url" 2>/dev/null; then
      echo "$name: SKIPPED - pip cannot reach its package index ($index_url) to install $package==$version"
      exit 0
    fi
    cat ".build/$name-pip.log" >&2
    echo "$name: pip install failed" >&2
    exit 1
  fi
}

# interop_start_sandbox NAME: starts the built rossum-sandbox (building it if missing) on a free
# port with small demo data, stops it when the script exits, and sets URL to its address.
interop_start_sandbox() {
  local name="$1" bin=".build/debug/rossum-sandbox"
  if [ ! -x "$bin" ]; then
    swift build --product rossum-sandbox
  fi
  INTEROP_LOG="$(mktemp)"
  "$bin" --port 0 --size small --seed 7 --import-delay 0.3 --queue-deletion-delay 0.5 --export-delay 0 >"$INTEROP_LOG" 2>&1 &
  INTEROP_PID=$!
  trap 'kill "$INTEROP_PID" 2>/dev/null || true; wait "$INTEROP_PID" 2>/dev/null || true; rm -f "$INTEROP_LOG"' EXIT

  URL=""
  for _ in $(seq 1 100); do
    URL="$(head -n 1 "$INTEROP_LOG" 2>/dev/null || true)"
    case "$URL" in http://*) return 0 ;; esac
    if ! kill -0 "$INTEROP_PID" 2>/dev/null; then
      cat "$INTEROP_LOG" >&2
      echo "$name: rossum-sandbox exited early" >&2
      exit 1
    fi
    sleep 0.1
  done
  cat "$INTEROP_LOG" >&2
  echo "$name: rossum-sandbox did not print its URL" >&2
  exit 1
}
