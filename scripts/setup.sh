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
# pip, quietly; this machine kind's pip configuration names package folders that may be absent, and pip
# says so for every package: those lines are dropped (pip's own failures still show and still stop the set-up).
pip_install() {
  "$VENV/bin/python" -m pip install --quiet "$@" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
}
if [ ! -x "$VENV/bin/python" ]; then
  PY=$(scripts/find_python.sh)
  echo "setup: creating $VENV with $PY"
  "$PY" -m venv "$VENV"
  pip_install --upgrade "pip<24.1" "setuptools<70" wheel
fi
stamp="$VENV/.installed"
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing the project and its dependencies into $VENV (first time: a few minutes, about 3 GB)"
  pip_install -c constraints.txt -e ".[assistant,test]"
  echo "$want" > "$stamp"
fi
"$VENV/bin/python" scripts/build_spacy.py
