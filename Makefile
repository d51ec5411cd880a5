# Everything starts from a machine with only python3: `make install` builds .venv from pinned
# requirements. Every target that needs the venv depends on the install stamp.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SPEC := openapi/chimekit.yaml
GEN_OUT := generated/chimekit_api
GENERATE = PATH="$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path $(SPEC) \
	--config generator-config.yaml --custom-template-path templates --meta none --fail-on-warning

.PHONY: install generate check-generated lint test test-fast contract demo bench clean

$(STAMP): requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## generate: regenerate generated/chimekit_api from the spec (never edit generated/ by hand)
generate: $(STAMP)
	rm -rf $(GEN_OUT)
	$(GENERATE) --output-path $(GEN_OUT)

## check-generated: fail if generated/ is not exactly what the spec, config and templates make
check-generated: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GENERATE) --output-path "$$tmp/chimekit_api" >/dev/null && \
	diff -r -x __pycache__ "$$tmp/chimekit_api" $(GEN_OUT) && echo "generated/ matches the spec"

lint: $(STAMP)
	$(BIN)/ruff format --check overlay sandbox tests examples
	$(BIN)/ruff check overlay sandbox tests examples
	$(BIN)/mypy overlay/chimekit sandbox/chimekit_sandbox examples

## test: the README's test command; CI runs exactly this
test: $(STAMP) check-generated lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) reports .mypy_cache .ruff_cache
