# rekom_docs. `make minutes` sets up .venv and builds the minutes of every bundled meeting;
# `make test` runs the tests. `make all` builds every document; each target rebuilds only the
# meetings whose case file, the register, a template or the code changed.
# MALFORM=nn builds the documents in nynorsk beside the default set (build/<meeting>/nn/).
# TEMPLATES=dir builds with the Word templates and wordings in dir (a file there overrides the
# bundled one of the same name). Nothing here writes to templates/: those files are edited in Word.
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
CASES   ?= cases
OUT     ?= build
MALFORM ?=
TEMPLATES ?=
# The archive lives here, outside $(OUT): no clean or build step reaches it (rekom-docs reads REKOM_ARCHIVE).
ARCHIVE ?= archive
export REKOM_ARCHIVE := $(ARCHIVE)
RD      := $(BIN)/rekom-docs

# Why quoted: a name reaches the shell only in single quotes, so `a;id;#.yaml` stays a name.
q         = '$(subst ','\'',$(1))'
LANGDIR   := $(if $(MALFORM),$(MALFORM)/)
LANGFLAG  := $(if $(MALFORM),--lang $(MALFORM))
# Only safely named meeting files become make targets; `check` reports any other as an error.
CASEFILES := $(shell find $(call q,$(CASES)) -mindepth 2 -maxdepth 2 -name '*.yaml' 2>/dev/null \
               | grep -E '/[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.yaml$$' | LC_ALL=C sort)
MEETINGS  := $(basename $(notdir $(CASEFILES)))
TPLDIRS   := $(TEMPLATES) templates
TPLFLAG   := $(if $(TEMPLATES),--templates $(call q,$(TEMPLATES)))
COMMON    := $(CASES)/register.yaml $(foreach d,$(TPLDIRS),$(wildcard $(d)/*.docx $(d)/nn/*.docx $(d)/*.yaml)) \
             $(wildcard rekom_docs/*.py rekom_docs/*/*.py) $(STAMP)
BUILD     = $(RD) build $(1) --cases $(call q,$(CASES)) --out $(call q,$(OUT)) --meeting $(call q,$*) $(LANGFLAG) $(TPLFLAG)

MINUTES := $(MEETINGS:%=$(OUT)/%/$(LANGDIR)referat.docx)
AGENDAS := $(MEETINGS:%=$(OUT)/%/$(LANGDIR)innkalling.docx)
LETTERS := $(MEETINGS:%=$(OUT)/%/$(LANGDIR).letters.stamp)

.PHONY: all minutes agenda letters archive archive-verify register check test fuzz bench pdf schema templates-check translate clean
.SECONDEXPANSION:

all: minutes agenda letters

minutes: check $(MINUTES)
agenda: check $(AGENDAS)
letters: check $(LETTERS)

# A meeting's minutes and letters depend on its own case file and its nynorsk translation
# (x.nn.yaml); its agenda on every case file, since it lists the follow-ups that earlier
# meetings set for it.
$(OUT)/%/$(LANGDIR)referat.docx: $$(wildcard $(CASES)/*/$$*.yaml $(CASES)/*/$$*.nn.yaml) $(COMMON)
	$(call BUILD,minutes)

$(OUT)/%/$(LANGDIR)innkalling.docx: $(wildcard $(CASES)/*/*.yaml) $(COMMON)
	$(call BUILD,agenda)

$(OUT)/%/$(LANGDIR).letters.stamp: $$(wildcard $(CASES)/*/$$*.yaml $(CASES)/*/$$*.nn.yaml) $(COMMON)
	$(call BUILD,letters)
	touch $(call q,$@)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

check: $(STAMP)
	$(RD) check $(call q,$(CASES))

test: $(STAMP)
	$(BIN)/ruff check rekom_docs tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The attacks of issue 8 and 300 seeded random case files, each in a child limited to 10 s and 500 MB.
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz --count 300

bench: $(STAMP)
	$(BIN)/python -m tests.bench

pdf: $(STAMP)
	$(RD) pdf $(OUT)

# make translate MEETING=2024-01-11-kompetanseloftet  (without MEETING: every meeting)
translate: $(STAMP)
	$(RD) translate --cases $(CASES) $(MEETING)

# make archive MEETING=2024-01-11-kompetanseloftet: its approved papers into $(ARCHIVE), append-only
archive: $(STAMP)
	$(RD) archive --out $(call q,$(OUT)) --cases $(call q,$(CASES)) $(call q,$(MEETING))

archive-verify: $(STAMP)
	$(RD) archive verify

# The decision register (vedtak) and the follow-up register (oppfolging): DOCX, CSV and JSON.
register: check
	$(RD) register --cases $(call q,$(CASES)) --out $(call q,$(OUT)/register)

schema: $(STAMP)
	mkdir -p $(OUT)
	$(RD) schema meeting > $(OUT)/meeting.schema.json
	$(RD) schema register > $(OUT)/register.schema.json

# Checks the templates (TEMPLATES=dir first) against the data: tags, styles, wordings, nb/nn.
templates-check: $(STAMP)
	$(RD) templates check $(if $(TEMPLATES),$(call q,$(TEMPLATES))) --cases $(call q,$(CASES))

# Removes what was built, never the archive ($(ARCHIVE) is outside $(OUT); an old $(OUT)/archive is kept too)
# nor the distribution logs in $(OUT)/utsending (who was sent what).
clean:
	if [ -d $(OUT) ]; then find $(OUT) -mindepth 1 -maxdepth 1 ! -name archive ! -name utsending -exec rm -rf {} +; fi
	rm -rf .pytest_cache
