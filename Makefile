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

demo: deps build ## run every step on samples/images and print where the results are
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/pfs && cp -r samples/images $(DEMO)/pfs/images
	@for s in $(STEPS); do \
	  rm -rf $(DEMO)/pfs/out; $(BIN)/imgeda-$$s --pfs $(DEMO)/pfs || exit 1; mv $(DEMO)/pfs/out $(DEMO)/$$s; \
	done
	@echo; echo "Results in $(DEMO)/:"; for s in $(STEPS); do echo "  $$s: $(DEMO)/$$s/images/"; done
	@echo "  e.g. $(DEMO)/analyze/images/astronaut.png.json, $(DEMO)/edges/images/astronaut.png.png"

bench: deps build photos ## benchmark the steps against the Python/OpenCV references; writes bench/results.md
	IMGEDA_PHOTOS=$(CURDIR)/$(PHOTOS) bash bench/run.sh

clean: ## remove build outputs
	rm -rf build
	find stages tests bench -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
