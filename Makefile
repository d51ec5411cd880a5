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
GENERATE = $(BIN)/python codegen/generate.py --spec $(SPEC)
# The spec linters: pinned npm dev tools in tools/spec-lint (package-lock.json), installed by `npm ci`
# when the lock (or package.json, .npmrc) changes, like the .venv stamp. No telemetry.
SPEC_LINT := tools/spec-lint
SPEC_LINT_BIN := $(CURDIR)/$(SPEC_LINT)/node_modules/.bin
SPEC_LINT_STAMP := $(SPEC_LINT)/node_modules/.installed-stamp
SPEC_LINT_ENV := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_NOTIFICATIONS=true SCARF_ANALYTICS=false
# pyright (pinned, tools/pyright): tests/facade/test_editors.py checks what editors infer of the SDK.
PYRIGHT := tools/pyright
PYRIGHT_STAMP := $(PYRIGHT)/node_modules/.installed-stamp

.PHONY: install generate check-generated lint lint-spec test test-fast contract demo bench dist clean

$(DEMO_STAMP): requirements-demo.txt pyproject.toml sandbox/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements-demo.txt
	$(PIP) --no-deps -e . -e ./sandbox
	touch $(DEMO_STAMP)

$(STAMP): $(DEMO_STAMP) requirements-dev.txt contract/pyproject.toml
	$(PIP) -r requirements-dev.txt
	$(PIP) --no-deps -e ./contract
	touch $(STAMP)

install: $(STAMP)

## generate: compile the spec into generated/chimekit_api, overlay/chimekit/resources and api.md (never edit them)
generate: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output "$$tmp" && \
	rm -rf $(GEN_OUT) overlay/chimekit/resources && \
	cp -r "$$tmp/chimekit_api" $(GEN_OUT) && cp -r "$$tmp/resources" overlay/chimekit/resources && cp "$$tmp/api.md" api.md

## check-generated: fail if what `make generate` writes differs from the files in the repository
check-generated: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output "$$tmp" >/dev/null && \
	diff -r -x __pycache__ "$$tmp/chimekit_api" $(GEN_OUT) && \
	diff -r -x __pycache__ "$$tmp/resources" overlay/chimekit/resources && diff "$$tmp/api.md" api.md && \
	echo "generated/, overlay/chimekit/resources and api.md match the spec and the declarations"

lint: $(STAMP)
	$(BIN)/ruff format --check overlay sandbox tests examples contract bench codegen
	$(BIN)/ruff check overlay sandbox tests examples contract bench codegen
	$(BIN)/mypy overlay/chimekit sandbox/chimekit_sandbox contract/chimekit_contract examples generated/chimekit_api \
		codegen bench tests

$(SPEC_LINT_STAMP): $(SPEC_LINT)/package.json $(SPEC_LINT)/package-lock.json $(SPEC_LINT)/.npmrc
	cd $(SPEC_LINT) && $(SPEC_LINT_ENV) npm ci --loglevel=error
	touch $(SPEC_LINT_STAMP)

$(PYRIGHT_STAMP): $(PYRIGHT)/package.json $(PYRIGHT)/package-lock.json $(PYRIGHT)/.npmrc
	cd $(PYRIGHT) && npm ci --loglevel=error
	touch $(PYRIGHT_STAMP)

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
test: $(STAMP) $(PYRIGHT_STAMP) check-generated lint lint-spec
	$(BIN)/python -m pytest

## dist: wheels and sdists of the three distributions, one version, in dist/: chimekit (from .),
## chimekit-sandbox (sandbox/) and chimekit-contract (contract/)
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build -q --no-isolation --outdir dist .
	$(BIN)/python -m build -q --no-isolation --outdir dist sandbox
	$(BIN)/python -m build -q --no-isolation --outdir dist contract
	@ls -l dist

clean:
	rm -rf $(VENV) reports dist .mypy_cache .ruff_cache $(SPEC_LINT)/node_modules $(PYRIGHT)/node_modules

## contract: chimekit-contract (contract/README.md) against BASE_URL, with the key from the environment
## ($CHIMEKIT_SECRET_KEY, never on make's command line), or against a sandbox started for the run.
## make contract [BASE_URL=http://host:port] [CONTRACT_ARGS='--seed 7 --profile docs']; JUnit in reports/.
CONTRACT_ARGS ?=
contract: $(STAMP)
	@if [ -n '$(BASE_URL)' ]; then \
	  $(BIN)/chimekit-contract '$(BASE_URL)' --junit reports/contract-junit.xml $(CONTRACT_ARGS); \
	else \
	  $(BIN)/python contract/against_sandbox.py --junit reports/contract-junit.xml $(CONTRACT_ARGS); \
	fi

## bench: ChimeKit's cost as ratios against raw httpx measured side by side (bench/README.md): prints a
## table, writes pyperf files to bench/results/. Builds bench/.venv-runtime (and, with BENCH_PEERS=1,
## bench/.venv-peers) from pinned requirements. BENCH_QUICK=1 for a short run.
bench: $(STAMP)
	PYTHON='$(PYTHON)' $(BIN)/python bench/run.py
