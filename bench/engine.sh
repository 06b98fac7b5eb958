#!/usr/bin/env bash
# Benchmarks the local engine on COUNT (10,000) small generated images: the first full run of the whole chain
# (pipelines/pachyderm) against the same seven steps run directly on the same images, side by side in one loop; and
# adding one image to the repo, then running again. Medians of RUNS runs. Writes bench/engine-results.md and the
# README's engine table. Usage: bench/engine.sh (make bench-engine does this).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
RUNS=${RUNS:-3}
BIN=$PWD/build/bin
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/imgeda-engine-bench-XXXXXX); trap 'rm -rf "$WORK"' EXIT

echo "making $COUNT images" >&2
$PY bench/reference/make_small_images.py "$WORK/images" "$COUNT" 1
cat "$WORK"/images/* > /dev/null

# timed FILE CMD...: wall seconds appended to $WORK/FILE; exit status 2 (the gate's verdict) counts as done
timed() {
  local name=$1; shift
  local start end status=0
  start=$(date +%s.%N)
  "$@" > /dev/null 2> "$WORK/stderr" || status=$?
  end=$(date +%s.%N)
  if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then cat "$WORK/stderr" >&2; exit 1; fi
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f\n", b - a}' >> "$WORK/t-$name"
}
median() { sort -g "$WORK/t-$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# The seven steps by hand, outputs laid out as the pipelines lay them out; the four per-image steps one after the
# other (sequential) or side by side (parallel, as the engine runs them).
direct_chain() {
  local d=$WORK/direct mode=$1
  rm -rf "$d"; mkdir -p "$d/merge-pfs" "$d/gate-pfs/policy" "$d/plot-pfs"
  for s in edges analyze hash thumbs; do
    mkdir -p "$d/$s-pfs"; ln -s "$WORK/images" "$d/$s-pfs/images"
    if [ "$mode" = parallel ]; then "$BIN/imgeda-$s" --pfs "$d/$s-pfs" & else "$BIN/imgeda-$s" --pfs "$d/$s-pfs"; fi
  done
  wait
  for s in edges analyze hash thumbs; do mv "$d/$s-pfs/out" "$d/$s"; done
  mv "$d/analyze" "$d/hash" "$d/thumbs" "$d/merge-pfs/"
  "$BIN/imgeda-merge" --pfs "$d/merge-pfs"
  ln -s "$d/merge-pfs/out" "$d/gate-pfs/merge"; cp samples/policy.yaml "$d/gate-pfs/policy/"
  "$BIN/imgeda-gate" --pfs "$d/gate-pfs" || [ $? -eq 2 ]
  ln -s "$d/merge-pfs/out" "$d/plot-pfs/merge"; ln -s "$d/merge-pfs/thumbs" "$d/plot-pfs/thumbs"
  "$BIN/imgeda-plot" --pfs "$d/plot-pfs"
}

engine() { "$BIN/imgeda" --home "$WORK/home" "$@"; }
fresh_engine() {
  rm -rf "$WORK/home"
  engine repo create images policy
  engine put images "$WORK/images" > /dev/null
  engine put policy samples/policy.yaml > /dev/null
  engine pipeline create -f pipelines/pachyderm
}

for i in $(seq "$RUNS"); do
  echo "run $i/$RUNS" >&2
  timed direct direct_chain sequential
  timed direct_parallel direct_chain parallel
  fresh_engine 2> /dev/null
  timed first engine run
done
rm -rf "$WORK/home"; engine repo create images 2>/dev/null
timed put engine put images "$WORK/images"
fresh_engine 2> /dev/null
engine run > /dev/null 2>&1 || true
# The metadata's size with its WAL checkpointed into the file.
db_size() {
  $PY -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$WORK/home/metadata.db"
  stat -c %s "$WORK/home/metadata.db"
}
db_before=$(db_size)
for i in $(seq "$RUNS"); do
  $PY bench/reference/make_small_images.py "$WORK/new$i" 1 "$((1000 + i))"
  mv "$WORK/new$i/img00000.png" "$WORK/new$i/extra-$i.png"
  engine put images "$WORK/new$i/extra-$i.png" > /dev/null 2>&1
  timed add_one engine run
done
engine job list -n 7 > "$WORK/jobs"
db_growth=$(( ($(db_size) - db_before) / RUNS / 1024 ))

first=$(median first); direct=$(median direct); parallel=$(median direct_parallel); add=$(median add_one)
overhead() { awk -v a="$first" -v b="$1" 'BEGIN {printf "%+.0f%%", (a / b - 1) * 100}'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t) ? "yes" : "NO"}'; }
{
  echo "# Engine benchmark results"
  echo
  echo "Measured by \`make bench-engine\` on $(date -u +%Y-%m-%d), $(nproc) cores, $COUNT generated images (96x72 PNG and JPEG,"
  echo "bench/reference/make_small_images.py), page cache warm; medians of $RUNS runs; the whole chain (edges, analyze, hash,"
  echo "thumbs, merge, gate, plot) from pipelines/pachyderm, steps as local processes."
  echo
  echo "| measure | imgeda engine | reference | result | target | met |"
  echo "|---|---|---|---|---|---|"
  echo "| first full run of the chain | $first s | the seven steps run directly, per-image steps side by side: $parallel s | $(overhead "$parallel") | <= +10% | $(verdict "$(awk -v a="$first" -v b="$parallel" 'BEGIN {print a / b}')" 1.10) |"
  echo "| first full run of the chain | $first s | the seven steps run directly, one after the other: $direct s | $(overhead "$direct") | <= +10% | $(verdict "$(awk -v a="$first" -v b="$direct" 'BEGIN {print a / b}')" 1.10) |"
  echo "| add one image to the $COUNT, run the chain | $add s | | | <= 3 s | $(verdict "$add" 3) |"
  echo "| put $COUNT images (hash and store) | $(median put) s | | | | |"
  echo "| metadata.db growth per add-one run | $db_growth KiB | | | | |"
  echo
  echo "Jobs of the last add-one run (\`imgeda job list\`):"
  echo
  echo '```'
  cat "$WORK/jobs"
  echo '```'
} > bench/engine-results.md
cat bench/engine-results.md
$PY - <<'PYTHON'
import re
readme, results = open("README.md").read(), open("bench/engine-results.md").read()
table = results[results.index("| measure"):results.index("Jobs of")].strip()
open("README.md", "w").write(re.sub(r"<!-- engine-bench:start -->.*<!-- engine-bench:end -->", lambda _: "<!-- engine-bench:start -->\n" + table + "\n<!-- engine-bench:end -->", readme, flags=re.S))
PYTHON
