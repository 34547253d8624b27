# rekom_docs: `make minutes` sets up .venv and builds the bundled minutes; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CASES  ?= cases
OUT    ?= build
RD     := $(BIN)/rekom-docs

.PHONY: minutes check test bench schema templates clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

minutes: $(STAMP)
	$(RD) check $(CASES)
	$(RD) build minutes --cases $(CASES) --out $(OUT)

check: $(STAMP)
	$(RD) check $(CASES)

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m tests.bench

schema: $(STAMP)
	mkdir -p $(OUT)
	$(RD) schema meeting > $(OUT)/meeting.schema.json
	$(RD) schema register > $(OUT)/register.schema.json

templates: $(STAMP)
	$(BIN)/python templates/make_templates.py

clean:
	rm -rf $(OUT) .pytest_cache

.PHONY: pdf
pdf: $(STAMP)
	$(RD) pdf $(OUT)
