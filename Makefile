# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST_PORT ?= 127.0.0.1:8000
SEED_ARTICLE := articles/seed/000_a09af1157bd9f9d3.txt
SEED_TAGS := Rusia, Corea del Norte, OTAN, Ucrania

.PHONY: setup run seed test bench accuracy audit loadtest check clean

$(INSTALLED): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $(INSTALLED)

setup: $(INSTALLED)

seed: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_article $(SEED_ARTICLE) --publish --tags "$(SEED_TAGS)" --skip-existing
	$(BIN)/python manage.py refresh_public_data

run: seed
	@echo
	@echo "  The news reader is at http://$(HOST_PORT)/"
	@echo "  To edit in the admin (http://$(HOST_PORT)/admin/), first make an account:"
	@echo "      $(BIN)/python manage.py createsuperuser"
	@echo "  or an editor account:  $(BIN)/python manage.py create_editor USERNAME"
	@echo
	$(BIN)/python manage.py runserver --noreload $(HOST_PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The seed article over HTTP next to a bare Django view, then every reader page on PostgreSQL with
# BENCH_ARTICLES (10000) generated articles. See bench/server_bench.py and bench/archive_bench.py.
bench: setup
	command -v wrk >/dev/null || { apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q wrk; }
	$(BIN)/python bench/server_bench.py
	$(BIN)/python bench/archive_bench.py

# Readers at full speed and two editors saving, against gunicorn and PostgreSQL on loopback;
# LOADTEST_SECONDS (300) bounds it. See bench/loadtest.py.
loadtest: setup
	command -v wrk >/dev/null || { apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q wrk; }
	$(BIN)/python bench/loadtest.py
# Quotes, speakers, outlets and structure on articles/tests/corpus/ (issue 10); ACCURACY_ARGS=--floors fails below them.
accuracy: setup
	$(BIN)/python bench/accuracy.py $(ACCURACY_ARGS)

# Independent judges (Nu HTML Checker, axe-core, Lighthouse) on the pages, served as in production.
audit: setup
	bash tools/audit/install-judges.sh
	$(BIN)/python tools/audit/audit.py

# Linters and Django's own checks; CI runs this before the tests. The deployment checks run
# in production mode as an operator would start it: a secret key and hosts, nothing else set.
check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	env -u DJANGO_INSECURE_HTTP -u DJANGO_HSTS_SECONDS -u DJANGO_HSTS_INCLUDE_SUBDOMAINS -u DJANGO_HSTS_PRELOAD \
	    -u DJANGO_ALLOW_ASYNC_UNSAFE DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=news.example.org \
	    DJANGO_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	    $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
