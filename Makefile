# Everything starts from a machine with python3 (and node 20 with npm for lint-spec): `make install`
# builds .venv from pinned requirements. Every target that needs the venv depends on the install stamp.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPEC := openapi/chimekit.yaml
GEN_OUT := generated/chimekit_api
GENERATE = PATH="$(BIN):$$PATH" $(BIN)/python codegen/generate.py --spec $(SPEC)
# The spec linters: pinned npm dev tools in tools/spec-lint (package-lock.json), installed by `npm ci`
# when the lock (or package.json, .npmrc) changes, like the .venv stamp. No telemetry.
SPEC_LINT := tools/spec-lint
SPEC_LINT_BIN := $(CURDIR)/$(SPEC_LINT)/node_modules/.bin
SPEC_LINT_STAMP := $(SPEC_LINT)/node_modules/.installed-stamp
SPEC_LINT_ENV := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_NOTIFICATIONS=true SCARF_ANALYTICS=false

.PHONY: install generate check-generated lint lint-spec test test-fast contract demo bench clean

$(STAMP): requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## generate: regenerate generated/chimekit_api from the spec (never edit generated/ by hand)
generate: $(STAMP)
	rm -rf $(GEN_OUT)
	$(GENERATE) --output $(GEN_OUT)

## check-generated: fail if generated/ is not exactly what the spec, config and templates make
check-generated: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output "$$tmp/chimekit_api" >/dev/null && \
	diff -r -x __pycache__ "$$tmp/chimekit_api" $(GEN_OUT) && echo "generated/ matches the spec"

lint: $(STAMP)
	$(BIN)/ruff format --check overlay sandbox tests examples contract bench codegen
	$(BIN)/ruff check overlay sandbox tests examples contract bench codegen
	$(BIN)/mypy overlay/chimekit sandbox/chimekit_sandbox examples generated/chimekit_api codegen

$(SPEC_LINT_STAMP): $(SPEC_LINT)/package.json $(SPEC_LINT)/package-lock.json $(SPEC_LINT)/.npmrc
	cd $(SPEC_LINT) && $(SPEC_LINT_ENV) npm ci --loglevel=error
	touch $(SPEC_LINT_STAMP)

## lint-spec: Redocly (recommended ruleset) and Spectral (spectral:oas) on the spec; any error fails.
## Settings and the reason for each ignored finding: tools/spec-lint/ (redocly.yaml, .spectral.yaml).
## Both always run, so one run shows every finding.
lint-spec: $(SPEC_LINT_STAMP)
	@status=0; \
	echo "redocly lint $(SPEC)"; \
	$(SPEC_LINT_ENV) $(SPEC_LINT_BIN)/redocly lint --config $(SPEC_LINT)/redocly.yaml $(SPEC) || status=1; \
	echo "spectral lint $(SPEC)"; \
	$(SPEC_LINT_ENV) $(SPEC_LINT_BIN)/spectral lint --ruleset $(SPEC_LINT)/.spectral.yaml --fail-severity error $(SPEC) || status=1; \
	exit $$status

## demo: the main job: the docs' flow through the SDK against an embedded sandbox (examples/demo.py)
demo: $(STAMP)
	$(BIN)/python examples/demo.py

## test: the README's test command; CI runs exactly this
test: $(STAMP) check-generated lint lint-spec
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) reports .mypy_cache .ruff_cache $(SPEC_LINT)/node_modules

## contract: schemathesis (pinned) against BASE_URL, or against a sandbox started for the run.
## make contract [BASE_URL=http://host:port] [SECRET_KEY=...] [SEED=...]; JUnit in reports/.
## SECRET_KEY reaches the script through the environment only (never echoed, never on a command line).
contract: $(STAMP)
	@BASE_URL='$(BASE_URL)' SEED='$(SEED)' $(BIN)/python contract/run_contract.py

## bench: client cost as ratios against raw httpx and peer SDKs (bench/README.md): prints a table and
## writes bench/results.json. Builds bench/.venv-peers and bench/.venv-runtime from pinned requirements.
## BENCH_QUICK=1 for a short run, BENCH_CONTRACT=0 to skip timing `make contract`, BENCH_PROFILE=1 to profile.
bench: $(STAMP)
	PYTHON='$(PYTHON)' $(BIN)/python bench/run.py
