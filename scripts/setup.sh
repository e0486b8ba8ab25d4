#!/usr/bin/env bash
# Idempotent set-up: a Python 3.10 virtual environment in .venv with the project
# (the engine, the assistant extra with Rasa, the test extra) and its pinned
# dependencies, and the blank spaCy pipeline the NLU uses. The engine alone
# installs with `pip install .` (no Rasa).
# Re-installs only when pyproject.toml or constraints.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2} SQLALCHEMY_SILENCE_UBER_WARNING=1
if [ ! -x "$VENV/bin/python" ]; then
  PY=$(scripts/find_python.sh)
  echo "setup: creating $VENV with $PY"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade "pip<24.1" "setuptools<70" wheel
fi
stamp="$VENV/.installed"
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing the project and its dependencies into $VENV (first time: a few minutes, about 3 GB)"
  "$VENV/bin/python" -m pip install --quiet -c constraints.txt -e ".[assistant,test]"
  echo "$want" > "$stamp"
fi
"$VENV/bin/python" scripts/build_spacy.py
