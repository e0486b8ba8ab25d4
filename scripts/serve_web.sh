#!/usr/bin/env bash
# One command for the web chat page: sets up, builds the page (npm, locally), trains the
# model when needed, starts the action server and the Rasa server, and prints the address:
#   http://127.0.0.1:5005/webhooks/web/
# The Rasa server serves the page, its bundle and the CRS chart itself (connectors/web.py);
# the page talks to Rasa's REST channel on the same address. Ctrl-C stops both servers.
#
# Environment: HOST (default 127.0.0.1; 0.0.0.0 to let other machines in), RASA_PORT (5005),
# ACTION_PORT (5055), TRACKER_STORE_URL (default: SQLite file rasa_tracker.db),
# and the Telegram/Slack variables of credentials.channels.yml to open those channels too.
# If a Rasa server already answers on HOST:RASA_PORT, only the page is built.
set -euo pipefail
# Conversations, secrets and logs hold personal data: files this creates are owner-only.
umask 077
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
HOST=${HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3
# The action server needs no outside caller: loopback unless ACTION_HOST says otherwise.
export SANIC_HOST=${ACTION_HOST:-127.0.0.1}
scripts/setup.sh
scripts/build_web.sh
show_host=$HOST; [ "$HOST" = 0.0.0.0 ] && show_host=127.0.0.1
url="http://$show_host:$RASA_PORT/webhooks/web/"
up() { "$VENV/bin/python" - "$1" <<'PY'
import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1], timeout=2)
except Exception:
    sys.exit(1)
PY
}
if up "$url"; then
  echo "serve_web: a Rasa server is already running; open $url"
  exit 0
fi
scripts/train.sh
credentials=$("$VENV/bin/python" -m connectors.credentials --out .rasa/credentials.yml)
LOG_DIR=${LOG_DIR:-${TMPDIR:-/tmp}}
"$VENV/bin/rasa" run actions --actions actions --port "$ACTION_PORT" > "$LOG_DIR/express-entry-actions.log" 2>&1 &
actions_pid=$!
"$VENV/bin/python" -m connectors.server run --model models/assistant.tar.gz --endpoints endpoints.yml \
  --credentials "$credentials" -i "$HOST" --port "$RASA_PORT" > "$LOG_DIR/express-entry-rasa.log" 2>&1 &
rasa_pid=$!
cleanup() {
  kill "$rasa_pid" "$actions_pid" 2>/dev/null || true
  wait "$rasa_pid" "$actions_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
echo "serve_web: loading the model (about a minute); logs in $LOG_DIR/express-entry-{rasa,actions}.log"
for _ in $(seq 1 240); do
  if up "$url"; then
    echo "serve_web: open $url   (Ctrl-C to stop)"
    wait "$rasa_pid"
    exit $?
  fi
  if ! kill -0 "$rasa_pid" 2>/dev/null; then
    echo "serve_web: the Rasa server stopped; see $LOG_DIR/express-entry-rasa.log" >&2
    tail -20 "$LOG_DIR/express-entry-rasa.log" >&2 || true
    exit 1
  fi
  sleep 1
done
echo "serve_web: the Rasa server did not start within 4 minutes" >&2
exit 1
