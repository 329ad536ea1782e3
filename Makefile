# orgdiff — two commands do all the set-up on a fresh machine:
#   make demo   creates .venv, installs orgdiff and Graphviz, runs it on the Albertslund files
#   make test   the same set-up, then ruff, mypy and the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ORGS := orgs/albertslund

.PHONY: demo test lint typecheck graphviz browser venv clean golden charts bench fuzz accuracy

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Graphviz's `dot` and the DejaVu fonts (æ ø å in every chart format) come from system packages;
# install them when we may (root with apt-get), else explain.
graphviz:
	@if command -v dot >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q "DejaVu Sans"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Graphviz (dot) and the DejaVu fonts with apt-get ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz fonts-dejavu-core fontconfig >/dev/null; \
	else \
	  echo "Graphviz's 'dot' or the DejaVu fonts are missing. Install them with: sudo apt-get install graphviz fonts-dejavu-core  (macOS: brew install graphviz)"; \
	fi

# The report tests use a real browser (Debian's chromium), poppler's pdfinfo/pdftotext/pdftoppm,
# ImageMagick (the charts' greyscale print test) and WeasyPrint's system library Pango (the `pdf`
# extra); install them when we may, else explain.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 \
	  && [ -x /usr/bin/convert ] && ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing chromium, poppler-utils, ImageMagick and Pango with apt-get ..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils imagemagick libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	else \
	  echo "chromium, poppler-utils or Pango are missing. Install them with: sudo apt-get install chromium poppler-utils imagemagick libpango-1.0-0 libpangoft2-1.0-0"; \
	fi

REPORT_FILES := $(ORGS)/current.yaml $(ORGS)/model1.yaml $(ORGS)/model2.yaml

demo: $(STAMP) graphviz
	$(BIN)/orgdiff validate $(ORGS)/current.yaml $(ORGS)/model1.yaml $(ORGS)/model2.yaml
	$(BIN)/orgdiff show $(ORGS)/current.yaml --lang da
	$(BIN)/orgdiff compare $(ORGS)/current.yaml $(ORGS)/model1.yaml $(ORGS)/model2.yaml --lang da
	# The same two models written as scenarios (the changes they make to current.yaml):
	$(BIN)/orgdiff compare $(ORGS)/current.yaml $(ORGS)/model1.scenario.yaml $(ORGS)/model2.scenario.yaml --lang da
	$(BIN)/orgdiff report $(REPORT_FILES) -o charts/albertslund/report.html

lint: $(STAMP)
	$(BIN)/ruff check orgdiff tests benchmarks
	$(BIN)/ruff format --check orgdiff tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy orgdiff

test: $(STAMP) graphviz browser lint typecheck
	$(BIN)/python -m pytest -q

# Render every chart of orgs/ into charts/ (SVG for notes and git, PNG for the README, PDF on A4).
charts: $(STAMP) graphviz
	$(BIN)/orgdiff render --all orgs -o charts
	$(BIN)/orgdiff render --all orgs -o charts --format png
	$(BIN)/orgdiff render --all orgs -o charts --format pdf
	$(BIN)/orgdiff report $(REPORT_FILES) -o charts/albertslund/report.html
	$(BIN)/orgdiff report $(REPORT_FILES) -o charts/albertslund/report.pdf

# Speed on synthetic organisations of 1,000 to 1,000,000 units (minutes; not part of `make test`).
# Generated files go to benchmarks/data/ (not in git). SIZES=1000,10000 for a quick run.
SIZES ?= 1000,10000,100000,1000000
bench: $(STAMP) graphviz
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks.bench --sizes $(SIZES)

# How well compare() reads the real reorganisations in tests/corpus/: department events and moved
# subtrees found, missed and wrong per case, names only and with ids. ACCURACY_FLAGS=--verbose
# lists them; --check 95 fails below 95 % precision or recall.
ACCURACY_FLAGS ?=
accuracy: $(STAMP)
	$(BIN)/python -m benchmarks.accuracy --corpus tests/corpus $(ACCURACY_FLAGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Regenerate golden files on purpose; review the diff before committing.
golden: $(STAMP)
	ORGDIFF_REGEN=1 $(BIN)/python -m pytest -q tests/test_invalid_inputs.py tests/test_golden.py || true
	git status --short tests

# Fuzz the loader, compare and the command line with at least 100,000 inputs (a few minutes).
# Failures hypothesis finds are kept in .hypothesis/ and replayed; add them to tests/fuzz_regressions/.
fuzz: $(STAMP)
	FUZZ_EXAMPLES=8200 FUZZ_RANDOM=1 $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_import_fuzz.py
