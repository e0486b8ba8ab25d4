# Entry points. `make run` and `make test` work on a fresh machine (see README).
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup system train run test test-engine web bench validate

setup:
	scripts/setup.sh

system:
	scripts/system_deps.sh

train: setup
	scripts/train.sh

run: setup train
	scripts/run.sh

test: system setup train
	$(PY) -m pytest

test-engine: setup
	$(PY) -m pytest tests/engine tests/programs tests/advice tests/draws tests/noc

validate: setup
	$(VENV)/bin/rasa data validate --fail-on-warnings
