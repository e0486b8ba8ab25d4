#!/usr/bin/env bash
# Set up, train when needed, start the action server in the background and chat with the
# assistant in this terminal (`rasa shell`, SQLite tracker store from endpoints.yml).
# The action server is stopped when the shell exits.
set -euo pipefail
# Conversations, secrets and logs hold personal data: files this creates are owner-only.
umask 077
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3
# The action server needs no outside caller: loopback unless ACTION_HOST says otherwise.
export SANIC_HOST=${ACTION_HOST:-127.0.0.1}
scripts/setup.sh
scripts/train.sh
ACTION_PORT=${ACTION_PORT:-5055}
LOG=${ACTIONS_LOG:-${TMPDIR:-/tmp}/express-entry-actions.log}
"$VENV/bin/rasa" run actions --actions actions --port "$ACTION_PORT" > "$LOG" 2>&1 &
actions_pid=$!
cleanup() { kill "$actions_pid" 2>/dev/null || true; wait "$actions_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
echo "run: action server started (pid $actions_pid, log $LOG); loading the model (about a minute)..."
"$VENV/bin/rasa" shell --model models/assistant.tar.gz --endpoints endpoints.yml --quiet
