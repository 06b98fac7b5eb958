# ImgEda.Stages — build, test, demo and benchmark. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN        := build/bin
CONFIG     ?= Release
PHOTOS     ?= .corpus
DEMO       ?= build/demo
STEPS      := edges analyze hash thumbs
# Debian packages the build and the tests need (python3-opencv is the reference for the parity tests).
APT_PACKAGES := g++ make libopencv-imgcodecs-dev python3-opencv python3-numpy python3-pil python3-matplotlib time dpkg-dev \
                librsvg2-bin fonts-dejavu-core chromium

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help deps build native test demo bench photos clean

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

deps: ## install the Debian packages the build and tests need (idempotent)
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "deps: all installed"; fi
	@command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is not on PATH: install it from Microsoft's packages" >&2; exit 1; }

native: ## build only the C++ shim over OpenCV
	@$(MAKE) -s -C stages/ImgEda.OpenCv/native OUT=$(CURDIR)/build/native/libimgeda_cv.so

build: native ## build the shim and every step into build/bin/imgeda-<step>
	dotnet publish ImgEda.Stages.sln -c $(CONFIG) --nologo -v quiet -clp:ErrorsOnly

photos: ## fetch ~160 real photos from Debian packages into $(PHOTOS)
	@bash bench/fetch-photos.sh $(PHOTOS)

test: deps build photos ## run every test (unit, parity with python3-opencv, end to end)
	IMGEDA_PHOTOS=$(CURDIR)/$(PHOTOS) dotnet test ImgEda.Stages.sln -c $(CONFIG) --nologo -v quiet -l "console;verbosity=normal"

demo: deps build ## run every step on samples/images (images -> analyze, hash, thumbs, edges -> merge -> gate -> plot); prints where the report is
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/images-pfs $(DEMO)/merge-pfs $(DEMO)/gate-pfs/policy $(DEMO)/plot-pfs
	@cp -r samples/images $(DEMO)/images-pfs/images
	@for s in $(STEPS); do \
	  $(BIN)/imgeda-$$s --pfs $(DEMO)/images-pfs || exit 1; mv $(DEMO)/images-pfs/out $(DEMO)/merge-pfs/$$s; \
	done
	@mv $(DEMO)/merge-pfs/edges $(DEMO)/edges
	$(BIN)/imgeda-merge --pfs $(DEMO)/merge-pfs
	@cp -r $(DEMO)/merge-pfs/out $(DEMO)/gate-pfs/merge && cp samples/policy.yaml $(DEMO)/gate-pfs/policy/
	-$(BIN)/imgeda-gate --pfs $(DEMO)/gate-pfs
	@cp -r $(DEMO)/merge-pfs/out $(DEMO)/plot-pfs/merge && cp -r $(DEMO)/merge-pfs/thumbs $(DEMO)/plot-pfs/thumbs && cp -r $(DEMO)/gate-pfs/out $(DEMO)/plot-pfs/gate
	$(BIN)/imgeda-plot --pfs $(DEMO)/plot-pfs
	@echo; echo "Results in $(DEMO)/:"
	@echo "  per image: $(DEMO)/merge-pfs/{analyze,hash,thumbs}/images/, $(DEMO)/edges/images/"
	@echo "  dataset:   $(DEMO)/merge-pfs/out/ (manifest.jsonl, manifest.csv, duplicates.json, summary.json, diff.json)"
	@echo "  gate:      $(DEMO)/gate-pfs/out/verdict.json (the samples include corrupt files on purpose: the gate fails)"
	@echo "  report:    $(CURDIR)/$(DEMO)/plot-pfs/out/report.html"

bench: deps build photos ## benchmark the steps against the Python/OpenCV references; writes bench/results.md
	IMGEDA_PHOTOS=$(CURDIR)/$(PHOTOS) bash bench/run.sh

clean: ## remove build outputs
	rm -rf build
	find stages tests bench -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
