# Everything starts from a machine with python3 (and node 20 with npm for lint-spec). Two stamps on one
# .venv, each from pinned requirements: the demo's (runtime dependencies of chimekit and chimekit-sandbox,
# both installed editable) and the dev one on top (tools for tests, lint, generation, packaging). Either
# can come first.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
DEMO_STAMP := $(VENV)/.demo-stamp
STAMP := $(VENV)/.installed-stamp
PIP := $(BIN)/python -m pip install -q --disable-pip-version-check
SPEC := openapi/chimekit.yaml
GEN_OUT := generated/chimekit_api
GENERATE = PATH="$(BIN):$$PATH" $(BIN)/python codegen/generate.py --spec $(SPEC)
# The spec linters: pinned npm dev tools in tools/spec-lint (package-lock.json), installed by `npm ci`
# when the lock (or package.json, .npmrc) changes, like the .venv stamp. No telemetry.
SPEC_LINT := tools/spec-lint
SPEC_LINT_BIN := $(CURDIR)/$(SPEC_LINT)/node_modules/.bin
SPEC_LINT_STAMP := $(SPEC_LINT)/node_modules/.installed-stamp
SPEC_LINT_ENV := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_NOTIFICATIONS=true SCARF_ANALYTICS=false

.PHONY: install generate check-generated lint lint-spec test test-fast contract demo bench dist clean

$(DEMO_STAMP): requirements-demo.txt pyproject.toml sandbox/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements-demo.txt
	$(PIP) --no-deps -e . -e ./sandbox
	touch $(DEMO_STAMP)

$(STAMP): $(DEMO_STAMP) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## generate: regenerate generated/chimekit_api from the spec, and api.md (never edit either by hand)
generate: $(STAMP)
	$(GENERATE) --output $(GEN_OUT)
	$(BIN)/python codegen/api_md.py --output api.md

## check-generated: fail if generated/ is not exactly what the spec, config and templates make
check-generated: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output "$$tmp/chimekit_api" >/dev/null && \
	PYTHONPATH="$$tmp" $(BIN)/python codegen/api_md.py --output "$$tmp/api.md" && \
	diff -r -x __pycache__ "$$tmp/chimekit_api" $(GEN_OUT) && diff "$$tmp/api.md" api.md && \
	echo "generated/ and api.md match the spec and the facade"

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
demo: $(DEMO_STAMP)
	$(BIN)/python examples/demo.py

## test: the README's test command; CI runs exactly this
test: $(STAMP) check-generated lint lint-spec
	$(BIN)/python -m pytest

## dist: wheels and sdists of both distributions (chimekit from ., chimekit-sandbox from sandbox/) in dist/
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build -q --no-isolation --outdir dist .
	$(BIN)/python -m build -q --no-isolation --outdir dist sandbox
	@ls -l dist

clean:
	rm -rf $(VENV) reports dist .mypy_cache .ruff_cache $(SPEC_LINT)/node_modules

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
