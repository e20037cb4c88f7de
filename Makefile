# JET-ALT Casebook CMS. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the running system needs: CJK fonts for generated images and the
# PDF booklet, whose English edition is set in Open Sans and whose emoji come from
# Noto Color Emoji. Installed only when missing, and only where apt-get can run as
# root.
DEB_PACKAGES := fonts-noto-cjk fonts-open-sans fonts-noto-color-emoji
# What the tests need on top: Debian's Chromium for the browser tests
# (tests/browser; Playwright drives /usr/bin/chromium and never downloads one),
# poppler-utils and zbar-tools to read the PDF back (text, fonts, QR codes).
DEB_TEST_PACKAGES := $(DEB_PACKAGES) chromium poppler-utils zbar-tools

.PHONY: help run worker test venv messages messages-check install install-dev deb setup serve lint format check lock clean bench

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(VENV)/.runtime: requirements.lock
	@$(MAKE) --no-print-directory venv
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock 2>&1 | { grep -v "^WARNING: Location" || true; }; exit $${PIPESTATUS[0]}
	@touch $@

$(VENV)/.dev: requirements-dev.lock
	@$(MAKE) --no-print-directory venv
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock 2>&1 | { grep -v "^WARNING: Location" || true; }; exit $${PIPESTATUS[0]}
	@touch $@ $(VENV)/.runtime

venv: ## Create the virtualenv (installs Debian's python3-venv if it is missing)
	@test -x $(PY) && exit 0; \
	$(PYTHON) -m venv $(VENV) 2>/dev/null && exit 0; \
	rm -rf $(VENV); \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing python3-venv"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	fi; \
	$(PYTHON) -m venv $(VENV)

install: $(VENV)/.runtime ## Create the virtualenv with the runtime packages

install-dev: $(VENV)/.dev ## Create the virtualenv with runtime and test packages

deb: ## Install the Debian packages (CJK fonts) if missing
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages:$$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "warning: please install these Debian packages:$$missing"; fi

setup: install deb ## Migrate, load the bilingual demo content, create roles and demo users (idempotent)
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) setup_roles --demo-users

run: setup ## Install everything, load the demo content and serve on http://127.0.0.1:8000
	@# Links in review emails and the demo site's page URLs follow HOST and PORT
	@# (setup above also points the demo Site at them).
	@$(MANAGE) demo_banner --host $(HOST) --port $(PORT)
	@# The scheduler publishes and expires scheduled pages; the task worker makes
	@# renditions and runs Wagtail's tasks (search and reference index). Both stop
	@# with the server. The worker is its own process, not part of the scheduler:
	@# a large image takes it tens of seconds, which must not delay a go-live, and
	@# it polls its queue every second where the scheduler wakes once a minute.
	@$(MANAGE) run_scheduler --interval 60 & scheduler=$$!; \
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Review emails link to the admin at this address (WAGTAILADMIN_BASE_URL); the demo
# loader points the demo Site at it too, so page links in emails match.
run serve: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

worker: ## Run the task worker alone (renditions, search and reference index)
	$(MANAGE) db_worker --no-reload

serve: ## Serve without reinstalling or reloading anything
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev node_modules/.installed ## Install the test packages and Chromium, run the whole suite
	@$(MAKE) --no-print-directory deb DEB_PACKAGES="$(DEB_TEST_PACKAGES)"
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

# axe-core (npm), which the browser tests inject to audit the site's accessibility.
# Pinned in package-lock.json; npm ci installs exactly that, from the npm registry.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory deb DEB_PACKAGES=npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

check: install-dev ## Django checks, migrations up to date, lint and format check
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: check ## Alias of check

format: install-dev ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: ## Regenerate the lock files from pyproject.toml (needs uv in the venv)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml -p 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev -p 3.11 --generate-hashes -o requirements-dev.lock

MESSAGES_OPTS := -l ja -l en --add-location file --ignore '.venv/*' --ignore 'var/*' \
	--ignore 'tests/*' --ignore 'scripts/*' --ignore 'bench/*'

messages: install-dev ## Update the ja/en message catalogues and compile them
	$(MANAGE) makemessages $(MESSAGES_OPTS)
	$(MANAGE) compilemessages --ignore '.venv/*'

messages-check: install-dev ## Fail if a marked string is missing from the catalogues or untranslated in ja
	@command -v xgettext >/dev/null || $(MAKE) --no-print-directory deb DEB_PACKAGES=gettext
	$(MANAGE) makemessages $(MESSAGES_OPTS) >/dev/null
	@git diff --quiet -I '^"POT-Creation-Date' -- locale || \
		{ git --no-pager diff -I '^"POT-Creation-Date' --stat -- locale; \
		  echo "The catalogues are out of date: run 'make messages' and commit locale/"; exit 1; }
	$(PY) scripts/check_messages.py

bench: install-dev ## Benchmark the API under gunicorn, an import of 300 cases and a large image
	$(PY) -m bench.run $(BENCH_ARGS)
	$(PY) -m bench.site
	$(PY) -m bench.import_300
	$(PY) -m bench.large_image
	$(PY) -m bench.pdf
	$(PY) -m bench.search_speed

clean: ## Remove the virtualenv, the SQLite database and media
	rm -rf $(VENV) var
