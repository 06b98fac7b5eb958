# ImgEda.Stages — build, test, demo and benchmark. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN        := build/bin
CONFIG     ?= Release
PHOTOS     ?= .corpus
DEMO       ?= build/demo
IMGEDA     := $(BIN)/imgeda --home $(DEMO)/home
STEPS      := edges analyze hash thumbs
# Debian packages the build and the tests need. OpenCV itself comes from NuGet (OpenCvSharp4 and its official runtime):
# no compiler and no OpenCV headers are needed to build. gcc links the Native AOT programs (the SDK's default toolchain
# on Linux; clang works too). python3-opencv is the reference for the parity tests only; fonts-dejavu-core is the
# font plot draws every chart in.
APT_PACKAGES := gcc zlib1g-dev make python3-opencv python3-numpy python3-pil python3-matplotlib time dpkg-dev \
                fonts-dejavu-core chromium python3-jsonschema python3-yaml

# Container images: names and tags come from here (pipelines/ are checked against them by a test).
VERSION        := $(shell sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
IMAGE_REGISTRY ?= localhost
IMAGE_PREFIX   ?= $(IMAGE_REGISTRY)/imgeda
IMAGE_TAG      ?= $(VERSION)
SPECS_OUT      ?= build/pachyderm
ALL_STEPS      := edges analyze hash thumbs annotations merge gate plot
# The steps that decode images run on imgeda-base-opencv: libOpenCvSharpExtern.so and the Debian packages it links
# against (`ldd` on a bare bookworm: GTK 3 and what it pulls in, libdrm, libatomic; smoke.sh checks none is missing).
# Every .NET program loads libssl at run time for SHA-256 (ldd cannot see it: it is dlopen'ed).
OPENCV_STEPS    := edges analyze hash thumbs
BASE_PACKAGES   := libssl3
OPENCV_PACKAGES := $(BASE_PACKAGES) libgtk-3-0 libdrm2 libatomic1
PLOT_PACKAGES   := $(BASE_PACKAGES) fonts-dejavu-core
# What the plot image carries beside its program: SkiaSharp's dependency-free native libraries and their licences.
PLOT_FILES      := libSkiaSharp.so libHarfBuzzSharp.so licenses/imgeda-plot
# docker when a Docker daemon answers, else podman (with the settings this kind of machine needs).
ENGINE         ?= $(shell docker info >/dev/null 2>&1 && echo docker || echo podman)
# Where no registry can be reached, the Debian base is made here with debootstrap; elsewhere use debian:bookworm-slim.
BASE_IMAGE     ?= $(if $(filter docker,$(ENGINE)),docker.io/library/debian:bookworm-slim,localhost/debian-minbase:bookworm)
DEBIAN_MIRROR  ?= $(or $(shell sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1),http://deb.debian.org/debian)
SOURCE_URL     ?= https://example.invalid/imgeda-stages
CONTAINERS     := $(CURDIR)/build/containers
export CONTAINERS_CONF := $(CURDIR)/images/containers.conf
export CONTAINERS_STORAGE_CONF := $(CONTAINERS)/storage.conf

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help deps build test demo bench photos clean images smoke push image-deps fuzz image-names specs bench-engine lint

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

build: ## build every step into build/bin/imgeda-<step> (Native AOT where it can be; see README)
	dotnet publish ImgEda.Stages.sln -c $(CONFIG) --nologo -v quiet -clp:ErrorsOnly

photos: ## fetch ~160 real photos from Debian packages into $(PHOTOS)
	@bash bench/fetch-photos.sh $(PHOTOS)

test: deps build photos ## run every test (unit, parity with python3-opencv, end to end)
	IMGEDA_PHOTOS=$(CURDIR)/$(PHOTOS) dotnet test ImgEda.Stages.sln -c $(CONFIG) --nologo -v quiet -l "console;verbosity=normal"

demo: deps build ## the local engine on samples/images: repos, put, pipelines/pachyderm/*.json, run; prints where the report is
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(IMGEDA) repo create images policy
	$(IMGEDA) put images samples/images
	$(IMGEDA) put policy samples/policy.yaml
	$(IMGEDA) pipeline create -f pipelines/pachyderm
	@# Exit status 2: a job had failed datums. The samples hold corrupt files on purpose, so enforce's datum fails.
	$(IMGEDA) run || [ $$? -eq 2 ]
	@$(IMGEDA) job list -n 8
	@$(IMGEDA) get plot -o $(DEMO)/report 2>/dev/null && $(IMGEDA) get merge -o $(DEMO)/merge 2>/dev/null
	@echo; echo "Results (the engine's home is $(DEMO)/home; try: $(IMGEDA) repo list):"
	@echo "  dataset:   $(DEMO)/merge/ (manifest.jsonl/.csv/.parquet, duplicates.json, leakage.json, summary.json, diff.json, annotations.json)"
	@echo "  gate:      $(IMGEDA) get gate:verdict.json; the samples include corrupt files on purpose, so enforce's job fails"
	@echo "  report:    $(CURDIR)/$(DEMO)/report/report.html"

lint: ## check .editorconfig style with dotnet format, and that no .cs line is over 120 characters
	@bash .ci/lint

fuzz: deps build ## run COUNT (10000) mutated files, made from SEED (1), through the per-image steps
	IMGEDA_FUZZ_SEED=$(or $(SEED),1) IMGEDA_FUZZ_COUNT=$(or $(COUNT),10000) dotnet test tests/ImgEda.EndToEnd.Tests -c $(CONFIG) --nologo \
	  --filter "FullyQualifiedName~FuzzTests" -l "console;verbosity=detailed"

bench: deps build photos ## benchmark the steps against the Python/OpenCV references; writes bench/results.md
	IMGEDA_PHOTOS=$(CURDIR)/$(PHOTOS) bash bench/run.sh
	bash bench/annotations.sh

bench-engine: deps build ## benchmark the local engine on COUNT (10000) small images: first run vs the steps run directly, add one image
	COUNT=$(or $(COUNT),10000) bash bench/engine.sh

image-deps:
	@if [ "$(ENGINE)" = podman ]; then \
	  missing=$$(for p in podman buildah skopeo runc debootstrap uidmap slirp4netns containernetworking-plugins golang-github-containers-common catatonit conmon; do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	  if [ -n "$$missing" ]; then SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi; \
	  mkdir -p $(CONTAINERS); \
	  printf '[storage]\ndriver = "overlay"\ngraphroot = "%s/storage"\nrunroot = "%s/run"\n' $(CONTAINERS) $(CONTAINERS) > $(CONTAINERS_STORAGE_CONF); \
	fi

images: deps build image-deps ## build the runtime bases and one image per step ($(IMAGE_PREFIX)-<step>:$(IMAGE_TAG))
	@if [ "$(BASE_IMAGE)" = localhost/debian-minbase:bookworm ] && ! $(ENGINE) image exists $(BASE_IMAGE) 2>/dev/null; then \
	  echo "making $(BASE_IMAGE) with debootstrap from $(DEBIAN_MIRROR)"; \
	  rm -rf $(CONTAINERS)/rootfs && debootstrap --variant=minbase bookworm $(CONTAINERS)/rootfs $(DEBIAN_MIRROR) >/dev/null && \
	  rm -rf $(CONTAINERS)/rootfs/var/cache/apt/archives/*.deb $(CONTAINERS)/rootfs/var/lib/apt/lists/* && \
	  tar --numeric-owner -C $(CONTAINERS)/rootfs -c . | $(ENGINE) import --change 'CMD ["/bin/bash"]' - $(BASE_IMAGE) >/dev/null && \
	  rm -rf $(CONTAINERS)/rootfs; \
	fi
	@rm -rf build/images && mkdir -p build/images/base/shared build/images/base-plot/shared build/images/base-opencv/shared
	@cp $(BIN)/libOpenCvSharpExtern.so build/images/base-opencv/shared/ && \
	  cp images/notices/opencv-runtime.txt build/images/base-opencv/shared/THIRD-PARTY-NOTICES-opencv.txt
	@for b in base base-opencv base-plot; do \
	  case $$b in base-opencv) pkgs="$(OPENCV_PACKAGES)";; base-plot) pkgs="$(PLOT_PACKAGES)";; *) pkgs="$(BASE_PACKAGES)";; esac; \
	  $(ENGINE) build -q --network host -f images/Containerfile.base --build-arg BASE_IMAGE=$(BASE_IMAGE) \
	    --build-arg PACKAGES="$$pkgs" --build-arg TITLE=imgeda-$$b -t $(IMAGE_PREFIX)-$$b:$(IMAGE_TAG) build/images/$$b >/dev/null || exit 1; \
	  echo "built $(IMAGE_PREFIX)-$$b:$(IMAGE_TAG)"; \
	done
	@for s in $(ALL_STEPS); do \
	  if [ -e $(BIN)/imgeda-$$s.dll ]; then echo "imgeda-$$s is not a Native AOT program: images carry no .NET runtime" >&2; exit 1; fi; \
	  case " $(OPENCV_STEPS) " in *" $$s "*) base=base-opencv;; *) [ $$s = plot ] && base=base-plot || base=base;; esac; \
	  files="imgeda-$$s"; [ $$s = plot ] && files="$$files $(PLOT_FILES)"; \
	  mkdir -p build/images/$$s/app && (cd $(BIN) && cp -r --parents $$files $(CURDIR)/build/images/$$s/app/) && \
	  ln -s imgeda-$$s build/images/$$s/app/entrypoint && \
	  $(ENGINE) build -q --network host -f images/Containerfile.step --build-arg BASE=$(IMAGE_PREFIX)-$$base:$(IMAGE_TAG) \
	    --build-arg STEP=$$s --build-arg VERSION=$(VERSION) --build-arg SOURCE=$(SOURCE_URL) -t $(IMAGE_PREFIX)-$$s:$(IMAGE_TAG) build/images/$$s >/dev/null || exit 1; \
	  echo "built $(IMAGE_PREFIX)-$$s:$(IMAGE_TAG) on $(IMAGE_PREFIX)-$$base"; \
	done
	@$(ENGINE) images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '$(IMAGE_PREFIX)' | sort

specs: ## write pipelines/pachyderm/*.json naming this IMAGE_PREFIX and IMAGE_TAG into SPECS_OUT (build/pachyderm), e.g. make specs IMAGE_REGISTRY=registry.example.com
	@mkdir -p $(SPECS_OUT) && for f in pipelines/pachyderm/*.json; do \
	  sed -E 's#"image": "[^"]*-(edges|analyze|hash|thumbs|annotations|merge|gate|plot):[^"]*"#"image": "$(IMAGE_PREFIX)-\1:$(IMAGE_TAG)"#' $$f > $(SPECS_OUT)/$$(basename $$f); \
	done; echo "pachctl create pipeline -f $(SPECS_OUT)/<step>.json (upstream first: edges analyze hash thumbs annotations, then merge, gate, enforce, plot)"

image-names: ## print the image prefix and tag that images, smoke, push and pipelines/ use
	@echo "IMAGE_PREFIX=$(IMAGE_PREFIX)"; echo "IMAGE_TAG=$(IMAGE_TAG)"

smoke: ## run every image as Pachyderm and Argo do and compare its outputs with the host-built steps'
	ENGINE=$(ENGINE) IMAGE_PREFIX=$(IMAGE_PREFIX) IMAGE_TAG=$(IMAGE_TAG) bash images/smoke.sh

push: ## push the images: make push REGISTRY=registry.example.com/team
	@test -n "$(REGISTRY)" || { echo "usage: make push REGISTRY=host[:port]/path" >&2; exit 1; }
	@for s in base base-opencv base-plot $(ALL_STEPS); do \
	  $(ENGINE) tag $(IMAGE_PREFIX)-$$s:$(IMAGE_TAG) $(REGISTRY)/imgeda-$$s:$(IMAGE_TAG) && $(ENGINE) push $(REGISTRY)/imgeda-$$s:$(IMAGE_TAG) || exit 1; \
	done

clean: ## remove build outputs
	rm -rf build
	find stages tests bench -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
