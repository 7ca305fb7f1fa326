# One command to run, one to test. Prefers the newest Python 3.11+ that actually runs
# (pyenv shims exist for versions that are not selected and fail when called).
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint catalogs screenshots bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

# Tests run in one process per core (pytest-xdist), then the few that time the event loop
# (marked "alone") on their own, where no other test's work can stall the loop they watch.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto -m "not alone"
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m alone

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Re-extract messages, merge them into the catalogs and compile the .mo files.
catalogs: $(STAMP)
	$(VENV)/bin/pybabel extract -F i18n/babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output --project=Kakehashi -o i18n/locale/messages.pot main.py models ui i18n documents
	$(VENV)/bin/pybabel update -i i18n/locale/messages.pot -d i18n/locale -D messages --no-fuzzy-matching --ignore-obsolete --no-wrap
	$(VENV)/bin/pybabel compile -d i18n/locale -D messages

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.window.screenshots resources/screenshots

bench: $(STAMP)
	$(PY) bench/startup.py
	$(PY) bench/scale.py
	$(PY) bench/openings.py

clean:
	rm -rf $(VENV) build *.egg-info
