#!/usr/bin/env bash
# Benchmarks imgeda-annotations on a YOLO dataset of IMAGES (10,000) small PNGs and BOXES (100,000) boxes (made by
# bench/reference/make_yolo_dataset.py), against the reference: Ultralytics' label check (verify_image_label: PIL
# reads each header, numpy parses each label file) in Python, one process (bench/reference/yolo_check.py). Both run
# one after the other in each of RUNS rounds; medians. Target: <= 5 s for the step. Writes
# bench/annotations-results.md (and prints it). Usage: bench/annotations.sh (after make build).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
IMAGES=${IMAGES:-10000}
BOXES=${BOXES:-100000}
BIN=${BIN:-build/bin}
PY=/usr/bin/python3 # the Debian python, with python3-numpy and python3-pil (make deps)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imgeda-bench-annotations-XXXXXX"); trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/pfs/images"
$PY bench/reference/make_yolo_dataset.py "$WORK/pfs/images" "$IMAGES" "$BOXES"
cat "$WORK"/pfs/images/*/*/* > /dev/null # warm the page cache

# timed NAME CMD... : wall seconds and peak RSS (kB) appended to $WORK/NAME
timed() {
  local name=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$WORK/time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" \
    || { cat "$WORK/$name.err" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", (e - s) / 1e9}') $(cat "$WORK/time")" >> "$WORK/$name"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
wall() { awk '{print $1}' "$WORK/$1" | median; }
rss() { awk '{printf "%.0f\n", $2 / 1024}' "$WORK/$1" | median; }

for _ in $(seq "$RUNS"); do
  rm -rf "$WORK/pfs/out"
  timed step "$BIN/imgeda-annotations" --pfs "$WORK/pfs"
  timed reference $PY bench/reference/yolo_check.py "$WORK/pfs/images"
done
boxes=$(python3 -c "import json; print(json.load(open('$WORK/pfs/out/annotations.json'))['boxes'])")
problems=$(python3 -c "import json; print(len(json.load(open('$WORK/pfs/out/annotations.json'))['problems']))")
step=$(wall step); reference=$(wall reference)
load=$(cut -d' ' -f1 /proc/loadavg)
met=$(awk -v t="$step" 'BEGIN {print (t <= 5) ? "met" : "NOT met"}')
speedup=$(awk -v a="$reference" -v b="$step" 'BEGIN {printf "%.2f", a / b}')
{
  echo "## annotations: $IMAGES images, $BOXES YOLO boxes ($(date -u +%Y-%m-%d), $(nproc) cores, load $load)"
  echo
  echo "| program | wall (median of $RUNS) | peak RSS | found |"
  echo "|---|---|---|---|"
  echo "| imgeda-annotations (annotations.json + image_annotations.jsonl) | $step s | $(rss step) MB |" \
    "$boxes boxes, $problems problems |"
  echo "| reference: Ultralytics' label check in Python (yolo_check.py) | $reference s | $(rss reference) MB |" \
    "$(cat "$WORK/reference.out") |"
  echo
  echo "Target <= 5 s: $met (${speedup}x the reference's speed)."
} > bench/annotations-results.md
cat bench/annotations-results.md
