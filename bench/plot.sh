#!/usr/bin/env bash
# Benchmarks imgeda-plot against the plot of a reference commit (before ScottPlot: our SVG writer + librsvg), both
# run on the same inputs one after the other in each round, medians of RUNS rounds: the 27 samples (cold start, with
# thumbnails and the gate's verdict), and 10,000 and 100,000 made-up images (ImgEda.Bench plot-input). Writes the
# table to bench/plot-results.md (and prints it). Usage: bench/plot.sh (after make build). Environment:
#   PLOT_REF=8f6d942     the reference commit; its plot is built once into build/bench/plot-ref
#   PLOT_BIN=build/bin   the folder holding the imgeda-plot measured
#   PLOT_AOT_BIN=DIR     also measure a Native AOT build of it (dotnet publish stages/ImgEda.Plot -r linux-x64
#                        -p:PublishAot=true -p:SelfContained=true -p:PublishReadyToRun=false -o DIR)
#   STEP_BIN=build/bin   the steps that make the samples' records (analyze, hash, thumbs, merge, gate)
#   RUNS=5
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PLOT_REF=${PLOT_REF:-8f6d942}
PLOT_BIN=${PLOT_BIN:-build/bin}
STEP_BIN=${STEP_BIN:-build/bin}
PLOT_AOT_BIN=${PLOT_AOT_BIN:-}
REF_BIN=build/bench/plot-ref/bin
INPUTS=build/bench/plot-inputs
WORK=$(mktemp -d /tmp/imgeda-bench-plot-XXXXXX); trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$REF_BIN/imgeda-plot" ]; then
  echo "building the reference plot of $PLOT_REF" >&2
  src=$WORK/ref-src; mkdir -p "$src/build/native"
  git archive "$PLOT_REF" | tar -x -C "$src"
  # plot does not use the OpenCV shim: an empty stand-in skips its native build.
  touch "$src/build/native/libimgeda_cv.so"
  dotnet publish "$src/stages/ImgEda.Plot" -c Release -o "$PWD/$REF_BIN" > "$WORK/ref-build.log" \
    || { cat "$WORK/ref-build.log" >&2; exit 1; }
fi

# The inputs: <input>/merge (and thumbs, gate for the samples), made once.
if [ ! -f "$INPUTS/samples/merge/manifest.jsonl" ]; then
  s=$WORK/samples; mkdir -p "$s/pfs/images" "$INPUTS/samples"
  cp samples/images/* "$s/pfs/images/"
  for step in analyze hash thumbs; do
    "$STEP_BIN/imgeda-$step" --pfs "$s/pfs" --input images 2> /dev/null
    mv "$s/pfs/out" "$s/$step"
  done
  mkdir -p "$s/merge-pfs" && mv "$s/analyze" "$s/hash" "$s/thumbs" "$s/merge-pfs/"
  "$STEP_BIN/imgeda-merge" --pfs "$s/merge-pfs" 2> /dev/null
  mkdir -p "$s/gate-pfs" && cp -r "$s/merge-pfs/out" "$s/gate-pfs/merge"
  "$STEP_BIN/imgeda-gate" --pfs "$s/gate-pfs" > /dev/null 2>&1 || true # exit 2: a failed policy is still a verdict
  cp -r "$s/merge-pfs/out" "$INPUTS/samples/merge"
  cp -r "$s/merge-pfs/thumbs" "$INPUTS/samples/thumbs"
  cp -r "$s/gate-pfs/out" "$INPUTS/samples/gate"
fi
for n in 10000 100000; do
  [ -f "$INPUTS/$n/merge/manifest.jsonl" ] && continue
  echo "making $n records and merging them" >&2
  dotnet run --project bench/ImgEda.Bench -c Release -- plot-input "$n" "$PWD/$INPUTS/$n" 2> /dev/null
done

# run NAME BIN INPUT: one timed run of BIN/imgeda-plot on INPUT (wall seconds and peak RSS in kB appended to
# $WORK/NAME); the input folders are linked into a fresh /pfs, as the engine mounts them.
run() {
  local name=$1 bin=$2 input=$3 pfs=$WORK/pfs
  rm -rf "$pfs"; mkdir -p "$pfs"
  for d in "$input"/*; do ln -s "$PWD/$d" "$pfs/$(basename "$d")"; done
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$bin/imgeda-plot" --pfs "$pfs" > /dev/null 2> "$WORK/stderr" \
    || { cat "$WORK/stderr" >&2; exit 1; }
  cat "$WORK/time" >> "$WORK/$name"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
wall() { awk '{print $1}' "$WORK/$1" | median; }
rss() { awk '{print int($2 / 1024)}' "$WORK/$1" | median; }

for i in $(seq "$RUNS"); do
  echo "run $i/$RUNS" >&2
  for input in samples 10000 100000; do
    run "ref_$input" "$REF_BIN" "$INPUTS/$input"
    run "new_$input" "$PLOT_BIN" "$INPUTS/$input"
    [ -z "$PLOT_AOT_BIN" ] || run "aot_$input" "$PLOT_AOT_BIN" "$INPUTS/$input"
  done
done

row() { # row LABEL NAME INPUT TARGET-KIND
  local new ref met=""
  new=$(wall "$2_$3"); ref=$(wall "ref_$3")
  case $4 in
    ref) met=$(awk -v a="$new" -v b="$ref" 'BEGIN {print a <= b ? "yes" : "NO"}') ;;
    10s) met=$(awk -v a="$new" 'BEGIN {print a <= 10 ? "yes" : "NO"}') ;;
  esac
  case $4 in ref) target="<= reference" ;; 10s) target="<= 10 s" ;; *) target="" ;; esac
  printf "| %s | %.2f s, %s MB | %.2f s, %s MB | %.2fx | %s | %s |\n" "$1" "$new" "$(rss "$2_$3")" "$ref" \
    "$(rss "ref_$3")" "$(awk -v a="$new" -v b="$ref" 'BEGIN {print a / b}')" "$target" "$met"
}
{
  echo "# plot benchmark"
  echo
  echo "Measured by bench/plot.sh on $(date -u +%Y-%m-%d), $(nproc) cores, load average"
  echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end; medians of $RUNS rounds, each round running the reference and"
  echo "imgeda-plot on every input one after the other. Wall time and peak RSS of the whole process."
  echo
  echo "| plot on | imgeda-plot (ScottPlot) | reference $PLOT_REF (SVG + librsvg) | time ratio | target | met |"
  echo "|---|---|---|---|---|---|"
  for build in new ${PLOT_AOT_BIN:+aot}; do
    kind=$([ "$build" = aot ] && echo ", Native AOT" || echo "")
    row "the 27 samples (cold start$kind)" "$build" samples ""
    row "10,000 images$kind" "$build" 10000 ref
    row "100,000 images$kind" "$build" 100000 10s
  done
} > bench/plot-results.md
cat bench/plot-results.md
