#!/usr/bin/env bash
# Runs every step image the way Pachyderm runs it (--network none, the input read-only at /pfs/images, /pfs/out
# writable, PACH_DATUM_ID set; one datum and a whole folder) and the way an Argo container template runs it (explicit
# command and arguments; only the input artifacts and the template's `out` emptyDir mounted under /pfs, so /pfs itself
# is root's), read-only root filesystem, the image's non-root user; compares the outputs byte for byte with the
# host-built steps' (build/bin) on the same input.
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=${ENGINE:-podman}
PREFIX=${IMAGE_PREFIX:-localhost/imgeda}
TAG=${IMAGE_TAG:?}
WORK=$(mktemp -d /tmp/imgeda-smoke-XXXXXX); trap 'rm -rf "$WORK"' EXIT
failures=0

run_image() { # STEP PFS_DIR [extra engine args...] -- [step args...]
  local step=$1 pfs=$2; shift 2
  local engine_args=() step_args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do engine_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  step_args=("$@")
  local mounts=()
  for input in "$pfs"/*/; do
    name=$(basename "$input"); [ "$name" = out ] && continue
    mounts+=(-v "$input:/pfs/$name:ro")
  done
  mkdir -p "$pfs/out" && chmod 777 "$pfs/out"
  local status=0
  "$ENGINE" run --rm --network none --read-only "${mounts[@]}" -v "$pfs/out:/pfs/out" "${engine_args[@]}" \
    "$PREFIX-$step:$TAG" "${step_args[@]}" 2> "$WORK/stderr" || status=$?
  [ "$status" -eq 0 ] || [ "$step" = gate ] || cat "$WORK/stderr" >&2
  return "$status"
}

# As pipelines/argo/imgeda-workflowtemplate.yaml runs a container: each input artifact mounted at /pfs/<name>, and
# /pfs/out only when the template mounts its `out` emptyDir there (world-writable, as Kubernetes makes an emptyDir).
run_as_argo() { # STEP PFS_DIR with|without-out-volume STEP_ARGS...
  local step=$1 pfs=$2 volume=$3; shift 3
  local mounts=()
  for input in "$pfs"/*/; do
    name=$(basename "$input"); [ "$name" = out ] && continue
    mounts+=(-v "$input:/pfs/$name:ro")
  done
  if [ "$volume" = with-out-volume ]; then
    mkdir -p "$pfs/out" && chmod 777 "$pfs/out" && mounts+=(-v "$pfs/out:/pfs/out")
  fi
  local status=0
  "$ENGINE" run --rm --network none --read-only "${mounts[@]}" --entrypoint "/opt/imgeda/imgeda-$step" \
    "$PREFIX-$step:$TAG" "$@" 2> "$WORK/stderr" || status=$?
  return "$status"
}

same() { # LABEL DIR_A DIR_B [files...]: byte-identical trees (or just the named files)
  local label=$1 a=$2 b=$3; shift 3
  if [ $# -eq 0 ]; then
    if diff -r "$a" "$b" > "$WORK/diff"; then echo "ok   $label"; else echo "FAIL $label"; head -5 "$WORK/diff"; failures=$((failures + 1)); fi
  else
    for f in "$@"; do
      if cmp -s "$a/$f" "$b/$f"; then echo "ok   $label $f"; else echo "FAIL $label $f"; failures=$((failures + 1)); fi
    done
  fi
}

# What each image carries: every native library a step loads resolves (ldd), and no .NET runtime is installed (the
# steps are Native AOT programs).
for step in edges analyze hash thumbs annotations merge gate plot; do
  libs=/opt/imgeda/imgeda-$step
  case $step in edges|analyze|hash|thumbs) libs="$libs /opt/imgeda/libOpenCvSharpExtern.so";; esac
  missing=$("$ENGINE" run --rm --network none --entrypoint /usr/bin/ldd "$PREFIX-$step:$TAG" $libs 2>&1 | grep "not found" || true)
  runtime=$("$ENGINE" run --rm --network none --entrypoint /bin/sh "$PREFIX-$step:$TAG" -c \
    'ls -d /usr/share/dotnet /usr/lib/dotnet /opt/imgeda/*.dll 2>/dev/null' || true)
  if [ -z "$missing$runtime" ]; then echo "ok   $step: every native library resolves, no .NET runtime"
  else echo "FAIL $step: ${missing:+missing: $missing }${runtime:+.NET runtime: $runtime}"; failures=$((failures + 1)); fi
done

mkdir -p "$WORK/in/images/sub"
cp samples/images/* "$WORK/in/images/"
cp samples/images/coffee.png "$WORK/in/images/sub/a.png"
one=samples/images/astronaut.png

for step in edges analyze hash thumbs; do
  # Host reference, whole folder and one datum.
  mkdir -p "$WORK/host-$step/pfs" "$WORK/host1-$step/pfs/images"
  cp -a "$WORK/in/images" "$WORK/host-$step/pfs/images"
  build/bin/imgeda-$step --pfs "$WORK/host-$step/pfs" 2>/dev/null
  cp -a "$one" "$WORK/host1-$step/pfs/images/"
  PACH_DATUM_ID=smoke build/bin/imgeda-$step --pfs "$WORK/host1-$step/pfs" 2>/dev/null

  # Pachyderm: the whole folder, then one datum per run.
  mkdir -p "$WORK/pach-$step"; cp -a "$WORK/in/images" "$WORK/pach-$step/images"
  run_image $step "$WORK/pach-$step" -e PACH_DATUM_ID=folder
  same "$step: Pachyderm, whole folder" "$WORK/host-$step/pfs/out" "$WORK/pach-$step/out"
  mkdir -p "$WORK/pach1-$step/images"; cp -a "$one" "$WORK/pach1-$step/images/"
  run_image $step "$WORK/pach1-$step" -e PACH_DATUM_ID=datum-1
  same "$step: Pachyderm, one datum" "$WORK/host1-$step/pfs/out" "$WORK/pach1-$step/out"

  # Argo: the container template's command and arguments, the input artifact and the out volume under /pfs. Without
  # the volume the step cannot create /pfs/out (exit 4): what the template did before it had one.
  mkdir -p "$WORK/argo-$step"; cp -a "$WORK/in/images" "$WORK/argo-$step/images"
  status=0; run_as_argo $step "$WORK/argo-$step" without-out-volume --pfs /pfs --input images || status=$?
  if [ "$status" -eq 4 ]; then echo "ok   $step: Argo pod without the out volume cannot write /pfs/out (exit 4)"
  else echo "FAIL $step: without the out volume, exit $status (expected 4)"; failures=$((failures + 1)); fi
  status=0; run_as_argo $step "$WORK/argo-$step" with-out-volume --pfs /pfs --input images --workers 2 || status=$?
  [ "$status" -eq 0 ] || {
    echo "FAIL $step: Argo pod exit $status"; cat "$WORK/stderr" >&2; failures=$((failures + 1))
  }
  same "$step: Argo pod (input artifact + out emptyDir)" "$WORK/host-$step/pfs/out" "$WORK/argo-$step/out"
done

# annotations: one datum over the whole dataset, here the images with darknet labels beside a few (x.txt beside x.png)
# and a data.yaml; on the host, as Pachyderm runs the image (glob /), and as the Argo template's pod runs it.
mkdir -p "$WORK/annotations-host/pfs" "$WORK/annotations-pach" "$WORK/annotations-argo"
cp -a "$WORK/in/images" "$WORK/annotations-host/pfs/images"
printf 'names: [thing, other]\n' > "$WORK/annotations-host/pfs/images/data.yaml"
printf '0 0.5 0.5 0.25 0.5\n1 0.2 0.2 0.1 0.1\n' > "$WORK/annotations-host/pfs/images/astronaut.txt"
printf '0 0.9 0.5 0.4 0.2\n' > "$WORK/annotations-host/pfs/images/coffee.txt"
cp -a "$WORK/annotations-host/pfs/images" "$WORK/annotations-pach/images"
cp -a "$WORK/annotations-host/pfs/images" "$WORK/annotations-argo/images"
build/bin/imgeda-annotations --pfs "$WORK/annotations-host/pfs" 2>/dev/null
run_image annotations "$WORK/annotations-pach" -e PACH_DATUM_ID=dataset -- --input images
same "annotations: Pachyderm, whole repo" "$WORK/annotations-host/pfs/out" "$WORK/annotations-pach/out"
status=0; run_as_argo annotations "$WORK/annotations-argo" with-out-volume --pfs /pfs --input images || status=$?
[ "$status" -eq 0 ] || {
  echo "FAIL annotations: Argo pod exit $status"; cat "$WORK/stderr" >&2; failures=$((failures + 1))
}
same "annotations: Argo pod" "$WORK/annotations-host/pfs/out" "$WORK/annotations-argo/out"
if grep -q '"format": "yolo"' "$WORK/annotations-pach/out/annotations.json"; then
  echo "ok   annotations: YOLO found in the image"
else echo "FAIL annotations: no YOLO in annotations.json"; failures=$((failures + 1)); fi

# merge, gate, plot over the per-image outputs and annotations, in containers and on the host.
mkdir -p "$WORK/merge-host/pfs" "$WORK/merge-img"
for step in analyze hash thumbs; do cp -a "$WORK/host-$step/pfs/out" "$WORK/merge-host/pfs/$step"; cp -a "$WORK/host-$step/pfs/out" "$WORK/merge-img/$step"; done
cp -a "$WORK/annotations-host/pfs/out" "$WORK/merge-host/pfs/annotations"
cp -a "$WORK/annotations-host/pfs/out" "$WORK/merge-img/annotations"
build/bin/imgeda-merge --pfs "$WORK/merge-host/pfs" 2>/dev/null
run_image merge "$WORK/merge-img"
same "merge" "$WORK/merge-host/pfs/out" "$WORK/merge-img/out" manifest.csv duplicates.json summary.json annotations.json

mkdir -p "$WORK/gate-host/pfs/policy" "$WORK/gate-img/policy"
cp -a "$WORK/merge-host/pfs/out" "$WORK/gate-host/pfs/merge"; cp -a "$WORK/merge-img/out" "$WORK/gate-img/merge"
cp samples/policy.yaml "$WORK/gate-host/pfs/policy/"; cp samples/policy.yaml "$WORK/gate-img/policy/"
build/bin/imgeda-gate --pfs "$WORK/gate-host/pfs" 2>/dev/null || host_gate=$?
run_image gate "$WORK/gate-img" || image_gate=$?
if [ "${host_gate:-0}" = "${image_gate:-0}" ]; then echo "ok   gate: exit status ${image_gate:-0} on host and image"; else echo "FAIL gate exit status"; failures=$((failures + 1)); fi
same "gate" "$WORK/gate-host/pfs/out" "$WORK/gate-img/out" verdict.json
# gate as the Argo template runs it: --report-only writes the verdict and succeeds; enforce fails on it.
mkdir -p "$WORK/gate-argo" "$WORK/enforce-argo"; cp -a "$WORK/merge-img/out" "$WORK/gate-argo/merge"
status=0; run_as_argo gate "$WORK/gate-argo" with-out-volume --pfs /pfs --input merge --report-only || status=$?
cp -a "$WORK/gate-argo/out" "$WORK/enforce-argo/gate"
enforce=0; run_as_argo gate "$WORK/enforce-argo" without-out-volume --pfs /pfs --input gate --enforce || enforce=$?
if [ "$status" = 0 ] && [ -s "$WORK/gate-argo/out/verdict.json" ] && [ "$enforce" = "${image_gate:-0}" ]; then
  echo "ok   gate: Argo --report-only exit 0 with a verdict, --enforce exit $enforce"
else echo "FAIL gate in Argo: --report-only exit $status, --enforce exit $enforce"; failures=$((failures + 1)); fi

mkdir -p "$WORK/plot-host/pfs" "$WORK/plot-img"
cp -a "$WORK/merge-host/pfs/out" "$WORK/plot-host/pfs/merge"; cp -a "$WORK/merge-img/out" "$WORK/plot-img/merge"
build/bin/imgeda-plot --pfs "$WORK/plot-host/pfs" 2>/dev/null
run_image plot "$WORK/plot-img"
same "plot" "$WORK/plot-host/pfs/out/plots" "$WORK/plot-img/out/plots" brightness.svg formats.svg dimensions.svg quality_flags.svg \
  annotation_classes.svg annotation_box_sizes.svg
if [ -s "$WORK/plot-img/out/plots/formats.png" ] && [ -s "$WORK/plot-img/out/report.html" ]; then echo "ok   plot: PNG and report.html written in the image"; else echo "FAIL plot outputs"; failures=$((failures + 1)); fi

# The local engine over the Pachyderm specs, steps in their images (--runtime container): the same outputs as with
# the host-built steps as processes.
make -s specs SPECS_OUT="$WORK/specs" IMAGE_PREFIX="$PREFIX" IMAGE_TAG="$TAG" > /dev/null
for runtime in process container; do
  home="$WORK/engine-$runtime"
  build/bin/imgeda --home "$home" repo create images policy 2>/dev/null
  build/bin/imgeda --home "$home" put images "$WORK/in/images" > /dev/null 2>&1
  build/bin/imgeda --home "$home" put policy samples/policy.yaml > /dev/null 2>&1
  build/bin/imgeda --home "$home" pipeline create -f "$WORK/specs" 2>/dev/null
  status=0; IMGEDA_CONTAINER_ENGINE="$ENGINE" build/bin/imgeda --home "$home" run --runtime "$runtime" 2> "$WORK/engine-$runtime.log" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then echo "FAIL engine --runtime $runtime: exit $status"; tail -3 "$WORK/engine-$runtime.log"; failures=$((failures + 1)); fi
  for repo in edges analyze hash thumbs annotations merge plot; do build/bin/imgeda --home "$home" get "$repo" -o "$WORK/engine-$runtime-out/$repo" 2>/dev/null || true; done
done
for repo in edges analyze hash thumbs annotations; do same "engine --runtime container: $repo" "$WORK/engine-process-out/$repo" "$WORK/engine-container-out/$repo"; done
same "engine --runtime container: merge" "$WORK/engine-process-out/merge" "$WORK/engine-container-out/merge" manifest.csv duplicates.json summary.json
if [ -s "$WORK/engine-container-out/plot/report.html" ]; then echo "ok   engine --runtime container: report.html"; else echo "FAIL engine --runtime container: no report.html"; failures=$((failures + 1)); fi

echo
"$ENGINE" images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep "$PREFIX" | sort
[ "$failures" -eq 0 ] && echo "smoke: all images match the host-built steps" || { echo "smoke: $failures failure(s)"; exit 1; }
