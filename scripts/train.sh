#!/usr/bin/env bash
# Trains the Rasa model only when config.yml, domain.yml or data/ changed since the last
# training (a hash stamp in models/). The model is models/assistant.tar.gz.
# FORCE=1 retrains anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export RASA_TELEMETRY_ENABLED=false
# Library start-up noise out of the output (TensorFlow cuda/TF-TRT lines, SQLAlchemy and spaCy warnings).
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2} SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore}
stamp=models/.trained
model=models/assistant.tar.gz
want=$( (cat config.yml; find domain.yml data -type f -name '*.yml' | LC_ALL=C sort | xargs cat) | sha256sum | cut -c1-16)
if [ "${FORCE:-0}" != 1 ] && [ -f "$model" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "train: model is up to date ($model)"
  exit 0
fi
mkdir -p models
echo "train: training the Rasa model (a few minutes)"
start=$(date +%s)
# Rasa's own output (its warnings about responses only actions send, library deprecations) goes to a log,
# shown when the training fails.
log=models/train-rasa.log
if ! nice -n 10 "$VENV/bin/rasa" train --config config.yml --domain domain.yml --data data \
    --out models --fixed-model-name assistant --quiet > "$log" 2>&1; then
  tail -n 80 "$log"
  echo "train: rasa train failed (whole output: $log)"
  exit 1
fi
echo "$want" > "$stamp"
echo "train: done in $(( $(date +%s) - start )) s ($model; Rasa's output: $log)"
