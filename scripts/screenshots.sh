#!/usr/bin/env bash
# Screenshots of the real console: runs `rossum-tui demo` in a detached tmux session, drives it
# with keys, captures the pane with its colours (capture-pane -e), and renders SVG (our own
# scripts/ansi2svg.py) and PNG (rsvg-convert from librsvg2-bin). Then records a triage session
# the same way, frame by frame, into one animated SVG (screenshots/triage.svg).
#   scripts/screenshots.sh            # writes screenshots/*.svg and *.png
#   ROSSUM_TUI_BIN=path/to/rossum-tui scripts/screenshots.sh   # that binary instead of a build
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=screenshots
COLS=120
LINES=35
SOCKET="rossum-shots-$$"

# What the pictures need: tmux, rsvg-convert, and a Japanese font for the demo's wide
# characters (without one they come out as boxes). Installed with apt-get when missing.
missing=()
command -v tmux >/dev/null || missing+=(tmux)
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=ja family)" ]] || missing+=(fontconfig fonts-ipafont-gothic)
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null && [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "needed: ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1
  fi
fi

if [[ -n "${ROSSUM_TUI_BIN:-}" ]]; then
  BIN="$ROSSUM_TUI_BIN"
else
  swift build --product rossum-tui >/dev/null
  BIN="$(swift build --show-bin-path)/rossum-tui"
fi
STATE="$(mktemp -d)"
mkdir -p "$OUT"

t() { tmux -L "$SOCKET" -f /dev/null "$@"; }
UPSERT=""
cleanup() {
  [[ -z "$UPSERT" ]] || kill "$UPSERT" 2>/dev/null || true
  t kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
  rm -rf "$STATE"
}
trap cleanup EXIT

# Waits (up to 20 s) until the pane shows the text.
wait_for() {
  local deadline=$((SECONDS + 20))
  until t capture-pane -p -t shot | grep -qE -- "$1"; do
    if ((SECONDS > deadline)); then echo "timed out waiting for: $1" >&2; t capture-pane -p -t shot >&2; exit 1; fi
    sleep 0.1
  done
}

# Waits (up to 20 s) until the list shows its "to review" tab loaded: the title's count is the
# tab's and the first row is to review (not the previous tab's rows, not an empty reload).
wait_to_review_tab() {
  local deadline=$((SECONDS + 20))
  until t capture-pane -p -t shot | python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
title = re.search(r"\(([0-9,]+)\)", lines[1]) if len(lines) > 4 else None
tab = re.search(r"to review ([0-9,]+)", lines[2]) if len(lines) > 4 else None
sys.exit(0 if title and tab and title.group(1) == tab.group(1) and " to review " in lines[4] else 1)'; do
    if ((SECONDS > deadline)); then echo "timed out waiting for the to-review tab" >&2; t capture-pane -p -t shot >&2; exit 1; fi
    sleep 0.1
  done
}

shot() { # name title [dark|light]
  t capture-pane -e -p -t shot > "$STATE/$1.ansi"
  python3 scripts/ansi2svg.py "$STATE/$1.ansi" "$OUT/$1.svg" "$COLS" "$LINES" "$2" "${3:-dark}"
  rsvg-convert "$OUT/$1.svg" -o "$OUT/$1.png"
  echo "wrote $OUT/$1.png"
}

start() { # extra arguments
  t kill-server 2>/dev/null || true
  # A server still shutting down answers a new client with "server exited unexpectedly".
  local tries=0
  until t new-session -d -s shot -x "$COLS" -y "$LINES" \
    "env LANG=C.UTF-8 TERM=xterm-256color XDG_STATE_HOME=$STATE '$BIN' demo --size demo $*; sleep 60" 2>/dev/null; do
    tries=$((tries + 1))
    if ((tries >= 10)); then echo "tmux would not start a session" >&2; exit 1; fi
    sleep 0.2
  done
  wait_for "Workspaces and queues"
  wait_for "  #1 "
}

start
shot tree "rossum-tui demo — workspaces and queues"
t send-keys -t shot j j j j Enter
wait_for "Annotations ·"
wait_for "[0-9],[0-9]{3}\.[0-9]{2}\s*$"
shot list "rossum-tui demo — annotation list"

t send-keys -t shot Enter
wait_for "Extracted data"
t send-keys -t shot m   # the monitor panel off: room for the line items
wait_for "Amount|Line items"
shot detail "rossum-tui demo — annotation detail"

t send-keys -t shot m
wait_for "Operations ·"
t send-keys -t shot Escape
wait_for "Annotations ·"

# The detail as an editor, on a document to review: the last line total gets an extra digit,
# the server warns that the rows no longer add up, and the warning shows at the total and in
# the summary.
t send-keys -t shot ']'
wait_to_review_tab
t send-keys -t shot Enter
wait_for "Extracted data"
t send-keys -t shot m
wait_for "Amount|Line items"
t send-keys -t shot G e
wait_for "enter saves · esc cancels"
t send-keys -t shot -l "5"
t send-keys -t shot Enter
wait_for "Line items add up to"
t send-keys -t shot g
wait_for "Line items add up to"
wait_for "review +yours —"
shot editor "rossum-tui demo — editing an annotation, the sum warning"
t send-keys -t shot u       # undo the edit (a new operation), then leave: the review is cancelled
wait_for "undo: "
t send-keys -t shot m
wait_for "Operations ·"
t send-keys -t shot Escape
wait_for "Annotations ·"

t send-keys -t shot Space Space Space Space
sleep 0.3
t send-keys -t shot p
wait_for "Postpone 4 annotations"
shot bulk-dialog "rossum-tui demo — bulk postpone, Cancel focused"
t send-keys -t shot Escape
wait_for "^ c confirm"

# Why: the failed exports of every queue, one's case file, then its hook runs.
t send-keys -t shot ':'
t send-keys -t shot -l "failed-exports"
t send-keys -t shot Enter
wait_for "All queues · failed export \([0-9,]+\)"
wait_for "QUEUE"
t send-keys -t shot w
wait_for "Export failed: "
shot case-file "rossum-tui demo — why an export failed: the case file"
t send-keys -t shot L
wait_for "Hook runs \([0-9]+"
shot hook-logs "rossum-tui demo — hook runs of one annotation"
t send-keys -t shot Escape
wait_for "Why #"
t send-keys -t shot Escape
wait_for "All queues · failed export \("
t send-keys -t shot Escape
wait_for "Annotations ·"

# Two uploads into the datasets so the monitor has running operations.
python3 -c 'import json; print(json.dumps([{"po_number": "PO-SHOT-%d" % i, "amount": i} for i in range(20000)]))' > "$STATE/po-update.json"
t send-keys -t shot D
wait_for "purchase_orders"
t send-keys -t shot U
wait_for "Upsert into"
t send-keys -t shot -l "$STATE/po-update.json"
t send-keys -t shot Tab
t send-keys -t shot -l "po_number"
t send-keys -t shot Enter Enter
wait_for "po-update.json"
t send-keys -t shot M
wait_for "› Operations"
wait_for "(queued|processing|running) +(update|replace|upsert)"
shot monitor "rossum-tui demo — operation monitor"

start --theme light
t send-keys -t shot j j j j Enter
wait_for "[0-9],[0-9]{3}\.[0-9]{2}\s*$"
shot list-light "rossum-tui demo — light theme" light

# The animated recording: a triage session in one queue, each step captured as a frame shown for
# as long as a person would look at it. A still demo (nothing arrives by itself) whose MDH
# operations take 8 s, so the upsert started from the command line can be watched in the monitor.
REC="$STATE/recording"
mkdir -p "$REC"
: > "$REC/frames"
FRAMES=0

# Waits (up to 5 s) until the pane stops changing for a moment.
settle() {
  local before now deadline=$((SECONDS + 5))
  before="$(t capture-pane -e -p -t shot)"
  while ((SECONDS <= deadline)); do
    sleep 0.15
    now="$(t capture-pane -e -p -t shot)"
    [[ "$now" == "$before" ]] && return
    before="$now"
  done
}

frame() { # seconds: the pane as it is now, shown that long
  FRAMES=$((FRAMES + 1))
  t capture-pane -e -p -t shot > "$REC/$FRAMES.ansi"
  echo "$1 $FRAMES.ansi" >> "$REC/frames"
}

press() { # seconds key...: press the keys, let the screen settle, capture it
  local seconds="$1"; shift
  t send-keys -t shot "$@"
  settle
  frame "$seconds"
}

# Waits (up to 20 s) until every row of the list matches the pattern (the filter has been applied).
wait_filtered() {
  local deadline=$((SECONDS + 20))
  until t capture-pane -p -t shot | python3 -c '
import re, sys
rows = [l for l in sys.stdin.read().split("\n")[4:] if re.match(r"^\S?\s+[0-9]+ ", l)]
sys.exit(0 if rows and all(re.search(sys.argv[1], l) for l in rows) else 1)' "$1"; do
    if ((SECONDS > deadline)); then echo "timed out waiting for the filtered list" >&2; t capture-pane -p -t shot >&2; exit 1; fi
    sleep 0.1
  done
}

type_text() { # text: typed a character at a time
  local ch
  while IFS= read -r ch; do
    t send-keys -t shot -l "$ch"
    sleep 0.05
    frame 0.12
  done < <(python3 -c 'import sys; print("\n".join(sys.argv[1]))' "$1")
}

start --no-live --operation-seconds 8
settle
frame 2.5
press 0.5 j
press 0.8 j
t send-keys -t shot Enter
wait_for "Annotations · 請求書"
wait_for "[0-9],[0-9]{3}\.[0-9]{2}\s*$"
settle
frame 2.5

# Filter: what is to review from one supplier.
press 0.6 /
type_text "status:to_review 東京物流"
frame 0.6
t send-keys -t shot Enter
wait_for "/status:to_review 東京物流$"
wait_filtered "to review +tb_.* 東京物流"
settle
frame 2.5

# Confirm two annotations: the first through its dialog, the second with y.
press 1.6 c
wait_for "Confirm annotation #"
t send-keys -t shot Enter
wait_for "confirmed \(now exporting\)"
settle
frame 2
press 1.2 c
wait_for "Confirm annotation #"
t send-keys -t shot y
wait_for "confirmed \(now exporting\)"
settle
frame 2

# Meanwhile, a differential update of a dataset from the command line, against the same sandbox:
# 2,000 purchase orders changed and 500 new ones.
PORT="$(t capture-pane -p -t shot | head -1 | grep -oE '127\.0\.0\.1:[0-9]+' | cut -d: -f2)"
python3 -c '
import json
orders = [{"po_number": "PO-%d-%06d" % (2023 + i % 3, i + 1), "status": "closed"} for i in range(2000)]
orders += [{"po_number": "PO-2026-%06d" % (i + 1), "status": "open"} for i in range(10000, 10500)]
print(json.dumps(orders))' > "$STATE/purchase-orders.json"
env XDG_STATE_HOME="$STATE" ROSSUM_BASE_URL="http://127.0.0.1:$PORT/api/v1" \
  ROSSUM_USERNAME=demo@rossum.local ROSSUM_PASSWORD=demo-password \
  "$BIN" mdh upsert purchase_orders "$STATE/purchase-orders.json" --id-key po_number --poll-every 1s \
  > "$STATE/upsert.log" 2>&1 &
UPSERT=$!

# Mark three and postpone them together.
press 0.6 Space
press 0.6 Space
press 1 Space
press 2 p
wait_for "Postpone 3 annotations"
press 1.2 Tab
t send-keys -t shot Enter
wait_for "3 of 3 postponed"
settle
frame 2.5
t send-keys -t shot Escape
wait_for "c confirm"

# The upsert in the monitor, in real time until it has finished.
wait_for "(queued|processing) +upsert"
until t capture-pane -p -t shot | grep -qE "finished +upsert"; do
  frame 0.5
  sleep 0.5
done
settle
frame 5
wait "$UPSERT" || { echo "the upsert failed:" >&2; cat "$STATE/upsert.log" >&2; exit 1; }
python3 scripts/ansi2svg.py --animate "$REC/frames" "$OUT/triage.svg" "$COLS" "$LINES" \
  "rossum-tui demo — a triage session"
