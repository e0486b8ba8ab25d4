# Entry points. `make run` and `make test` work on a fresh machine (see README).
VENV ?= .venv
PY := $(VENV)/bin/python
# Library start-up noise out of the output: TensorFlow's cuda / TF-TRT lines, SQLAlchemy 1.4's 2.0 banner.
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1

.PHONY: setup system train run serve web scale test test-engine sim validate bench retention

setup:
	scripts/setup.sh

system:
	scripts/system_deps.sh

train: setup
	scripts/train.sh

# Chat with the assistant in this terminal (action server + rasa shell, SQLite tracker store).
run: setup train
	scripts/run.sh

# The web chat page at http://127.0.0.1:5005/webhooks/web/ (and Telegram/Slack when configured).
serve:
	scripts/serve_web.sh

web:
	scripts/build_web.sh

# Scaled out on this machine: PostgreSQL, Redis, 2 Rasa + 2 action servers, nginx on :8080
# (docs/deploy.md; RASA_SERVERS, ACTION_SERVERS, PORT, TRACKER_STORE_URL, REDIS_URL). Ctrl-C stops all.
scale: setup web train
	scripts/system_deps.sh scale
	$(PY) -m scripts.scale

# Every test: engine, database (SQLite and PostgreSQL), NLU/dialogue, end-to-end, channels, browser.
# The model trains in the background while the tests that need no model run; then the rest.
ENGINE_TESTS := tests/engine tests/programs tests/oracle tests/advice tests/draws tests/noc
test: system setup web
	@echo "test: training the model in the background (log: models/train.log) while the engine tests run"
	@scripts/train.sh > models/train.log 2>&1 & train=$$!; \
	$(PY) -m pytest $(ENGINE_TESTS); engine=$$?; \
	if ! wait $$train; then cat models/train.log; echo "test: training failed"; exit 1; fi; \
	cat models/train.log; \
	$(PY) -m pytest --durations=15 $(addprefix --ignore=,$(ENGINE_TESTS)); rest=$$?; \
	[ $$engine -eq 0 ] && [ $$rest -eq 0 ]

# The conversation simulator at full size with the trained model: 200 candidates per mode (step by step,
# whole-profile posts, don't know / skip), 200 + 200 French candidates, 160 with what-ifs, 100 CEC journeys (over an
# hour on 2 cores).
# `make test` runs small samples of the same tests.
sim: setup web train
	SIM_FULL=1 $(PY) -m pytest tests/sim

# The engine alone: no model, no servers (seconds).
test-engine: setup
	$(PY) -m pytest tests/engine tests/programs tests/oracle tests/advice tests/draws tests/noc

validate: setup
	$(VENV)/bin/rasa data validate --domain domain.yml

# Benchmarks print figures; they assert nothing.
bench: setup
	$(PY) scripts/bench_assess.py
	$(PY) scripts/bench_advise.py
	$(PY) scripts/bench_noc.py
	$(PY) scripts/bench_draws.py
	$(PY) scripts/bench_timeline.py

# Delete conversations idle for more than RETENTION_DAYS days (default 180); run it daily.
retention:
	$(PY) -m connectors.retention
