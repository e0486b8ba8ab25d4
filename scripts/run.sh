#!/usr/bin/env bash
# Set up, train when needed, and chat with the assistant in this terminal (scripts/terminal.py):
# `rasa shell` and its own action server, both on 127.0.0.1 (free ports), with the terminal's own
# SQLite conversation file (rasa_terminal.db), never the store of `make serve` / `make scale`, so the two
# run side by side. The action server is stopped when the chat ends.
set -euo pipefail
# Conversations, secrets and logs hold personal data: files this creates are owner-only.
umask 077
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3
scripts/setup.sh
scripts/train.sh
exec "$VENV/bin/python" -m scripts.terminal
