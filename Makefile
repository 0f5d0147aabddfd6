# tension-profile: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ARTICLE ?= seeds/openai_microsoft_spannungen.txt
LANG_ARG ?= auto
K ?= auto
SEED ?= 0
CORPUS_N ?= 1000
CORPUS_MEMORY_N ?= 2000
CORPUS_ROUNDS ?= 2
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help env analyze lab test quick unit nbval notebooks bench eval train lock clean

help: ## Show this list of targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  (ARTICLE=path/to/article.txt picks the article for make analyze)"

env: $(STAMP) ## Create .venv and install the project with pinned dependencies

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[notebooks,test,corpus]'
	@touch $@

analyze: $(STAMP) ## Analyse ARTICLE (default: the seed) and write reports/<stem>/report.html
	$(VENV)/bin/tension-profile analyze "$(ARTICLE)" --out reports --force --no-progress --lang $(LANG_ARG) --k $(K) --seed $(SEED)

lab: $(STAMP) ## Execute the notebook series on ARTICLE into reports/<stem>/notebooks/ and open it in JupyterLab
	$(VENV)/bin/tension-profile lab "$(ARTICLE)" --out reports --lang $(LANG_ARG) --k $(K) --seed $(SEED) $(if $(FORCE),--force)

test: $(STAMP) ## Run the unit tests, then execute the notebooks with nbval (outputs compared)
	$(PY) -m pytest -q tests
	$(PY) -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider notebooks

quick: $(STAMP) ## The fast inner loop: unit tests without the slow ones (under a minute)
	$(PY) -m pytest -q -m "not slow" -p no:cacheprovider tests

unit: $(STAMP) ## Run the unit tests only
	$(PY) -m pytest -q tests

nbval: $(STAMP) ## Execute the notebooks with nbval only
	$(PY) -m pytest -q --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider notebooks

bench: $(STAMP) ## Measure speed and memory against plain baselines (numbers, not assertions; CORPUS_N=1000)
	CORPUS_N=$(CORPUS_N) CORPUS_MEMORY_N=$(CORPUS_MEMORY_N) CORPUS_ROUNDS=$(CORPUS_ROUNDS) $(PY) -m benchmarks

eval: $(STAMP) ## Compare themes, sentiment, tension and actors with the human annotations in ../shared/data/dev
	$(PY) -m evaluation

notebooks: $(STAMP) ## Re-execute the notebooks in place on the seed (refreshes the outputs nbval compares)
# (the kernels log at ERROR: no "Kernel is running over TCP without encryption" per notebook; README, In JupyterLab)
	cd notebooks && for nb in [0-9][0-9]_*.ipynb; do \
	  ../$(PY) -m jupyter nbconvert --log-level=WARN --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False \
	    '--ExecutePreprocessor.extra_arguments=["--IPKernelApp.log_level=ERROR"]' "$$nb" || exit 1; done

train: $(STAMP) ## Rebuild the shipped models (NER tagger, sentiment/tension heads) from ../shared/data; skips without the data
	$(PY) -m training

lock: ## Re-pin requirements.lock from a fresh venv (maintainers only)
	rm -rf /tmp/tp-lock-venv && $(PYTHON) -m venv /tmp/tp-lock-venv
	/tmp/tp-lock-venv/bin/python -m pip install --quiet -e '.[notebooks,test,corpus]'
	{ echo '# Exact versions that `make env` installs (pip -c). Regenerate with `make lock`.'; \
	  /tmp/tp-lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e '; } > requirements.lock

clean: ## Remove reports and caches (keeps .venv)
	rm -rf reports .pytest_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
