# rekom_docs. `make minutes` sets up .venv and builds the minutes of every bundled meeting;
# `make test` runs the tests. `make all` builds every document in one process; each target
# rebuilds only the documents whose case file, the register, a template, the code or (for an
# agenda) the follow-ups it lists changed.
# MALFORM=nn builds the documents in nynorsk beside the default set (build/<meeting>/nn/).
# TEMPLATES=dir builds with the Word templates and wordings in dir (a file there overrides the
# bundled one of the same name). Nothing here writes to templates/: those files are edited in Word.
# Why no built-in rules: make would try each of them on every case file and document it is
# given (thousands at a thousand meetings), which cost a second when nothing had changed.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
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
# Why: an editable install writes no bytecode, and with PYTHONDONTWRITEBYTECODE set Python never
# does, so every run would compile the package again (a fifth of the instructions of a `check`). Sources changed
# since are compiled again in memory as before; nothing here can make a run use stale code.
BYTECODE = $(BIN)/python -m compileall -q rekom_docs

# Why quoted: a name reaches the shell only in single quotes, so `a;id;#.yaml` stays a name.
q         = '$(subst ','\'',$(1))'
LANGDIR   := $(if $(MALFORM),$(MALFORM)/)
LANGFLAG  := $(if $(MALFORM),--lang $(call q,$(MALFORM)))
# Only safely named meeting files become make targets; `check` reports any other as an error.
CASEFILES := $(shell find $(call q,$(CASES)) -mindepth 2 -maxdepth 2 -name '*.yaml' 2>/dev/null \
               | grep -E '/[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.yaml$$' | LC_ALL=C sort)
MEETINGS  := $(basename $(notdir $(CASEFILES)))
# Every input beside them (the register, translations, notes), if its name is safe to hand to make.
INPUTS    := $(shell find $(call q,$(CASES)) -mindepth 1 -maxdepth 2 -type f 2>/dev/null \
               | grep -E '^[A-Za-z0-9._/-]+$$' | LC_ALL=C sort)
TPLFLAG   := $(if $(TEMPLATES),--templates $(call q,$(TEMPLATES)))
TPLDIRS   := $(TEMPLATES) templates
COMMON    := $(INPUTS) \
             $(foreach d,$(TPLDIRS),$(wildcard $(d)/*.docx $(d)/nn/*.docx $(d)/*.yaml)) \
             $(wildcard rekom_docs/*.py rekom_docs/*/*.py) $(STAMP)
# One process builds every stale document of the kinds it is given: the tool keeps a content hash
# per meeting and kind under $(OUT)/.cache and renders only what changed. A stamp per kind
# lets make skip even that process when no input is newer (`make all` with nothing changed).
STAMPDIR  := $(OUT)/.stamps/$(or $(MALFORM),default)
BUILD     = $(RD) build $(1) --cases $(call q,$(CASES)) --out $(call q,$(OUT)) $(LANGFLAG) $(TPLFLAG)

MINUTES := $(MEETINGS:%=$(OUT)/%/$(LANGDIR)referat.docx)
AGENDAS := $(MEETINGS:%=$(OUT)/%/$(LANGDIR)innkalling.docx)

.PHONY: all minutes agenda letters archive archive-verify register check test fuzz bench pdf schema templates-check translate clean

all: $(STAMPDIR)/all
minutes: $(STAMPDIR)/minutes
agenda: $(STAMPDIR)/agenda
letters: $(STAMPDIR)/letters

$(STAMPDIR)/all: $(COMMON) $(MINUTES) $(AGENDAS)
	$(call BUILD,minutes agenda letters)
	mkdir -p $(call q,$(STAMPDIR)) && touch $(call q,$@)

$(STAMPDIR)/minutes: $(COMMON) $(MINUTES)
$(STAMPDIR)/agenda: $(COMMON) $(AGENDAS)
$(STAMPDIR)/letters: $(COMMON)
$(STAMPDIR)/minutes $(STAMPDIR)/agenda $(STAMPDIR)/letters:
	$(call BUILD,$(notdir $@))
	mkdir -p $(call q,$(STAMPDIR)) && touch $(call q,$@)

# A document deleted by hand has no rule: make counts it as changed, and the build writes it again.
$(MINUTES) $(AGENDAS):

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	$(BYTECODE)
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
	$(BYTECODE)
	$(BIN)/python -m tests.bench

pdf: $(STAMP)
	$(RD) pdf $(call q,$(OUT))

# make translate MEETING=2024-01-11-kompetanseloftet  (without MEETING: every meeting)
translate: $(STAMP)
	$(RD) translate --cases $(call q,$(CASES)) $(if $(MEETING),$(call q,$(MEETING)))

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
