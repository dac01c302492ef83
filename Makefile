# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test eval bench-ingest bench-load bench-message install clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Ingest what changed in knowledge/ (exit 1 only means some articles were rejected and reported),
# then start the bot: Telegram when TELEGRAM_BOT_TOKEN is set, else the console chat.
run: $(STAMP)
	$(PY) ingest.py || [ $$? -eq 1 ]
	$(PY) -m bot run

test: $(STAMP)
	$(PY) -m pytest -q $(PYTEST_ARGS)

eval: $(STAMP)
	$(PY) ingest.py || [ $$? -eq 1 ]
	$(PY) -m bot eval tests/data/questions.jsonl --tuning tests/data/tuning --also tests/data/tuning2 --also tests/data/tuning3 --dev2 tests/data/dev2/questions.jsonl --heldout tests/data/heldout/questions.jsonl --blind tests/data/blind

bench-ingest: $(STAMP)
	$(PY) bench/bench_ingest.py

bench-load: $(STAMP)
	$(PY) bench/bench_load.py

# One message's cost as a multiple of one bare query embedding (over the store in DATA_DIR).
bench-message: $(STAMP)
	$(PY) ingest.py || [ $$? -eq 1 ]
	$(PY) bench/bench_message.py

clean:
	rm -rf $(VENV) data
