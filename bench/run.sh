#!/usr/bin/env bash
# Benchmarks the steps against their references on the real photos, each pair measured side by side in one run,
# medians of RUNS runs. Writes bench/results.md. Usage: IMGEDA_PHOTOS=DIR bench/run.sh (make bench does this).
set -euo pipefail
cd "$(dirname "$0")/.."
PHOTOS=${IMGEDA_PHOTOS:-.corpus}
RUNS=${RUNS:-5}
BIN=build/bin
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/imgeda-bench-XXXXXX); trap 'rm -rf "$WORK"' EXIT
export OPENCV_LOG_LEVEL=ERROR

mkdir -p "$WORK/pfs/images" "$WORK/one/images" "$WORK/big/images"
find "$PHOTOS" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$WORK/pfs/images/" \;
cp samples/images/coffee.png "$WORK/one/images/"
cp "$PHOTOS"/*5120x2880* "$WORK/big/images/"
$PY bench/reference/make_large_images.py "$(ls "$PHOTOS"/*5120x2880*.jpg | head -n1)" "$WORK/big/images"
# Per-datum mode, as Pachyderm runs a pipeline: one /pfs holding one image per datum, one process per datum.
DATUMS=30
find "$PHOTOS" -maxdepth 1 -type f ! -name '.*' | sort | head -n "$DATUMS" | nl -nln | while read -r i f; do
  mkdir -p "$WORK/datum-$i/images" && cp "$f" "$WORK/datum-$i/images/"
done
# The same photos split by format: a reduced decode skips most of a JPEG's work (DCT scaling), none of a PNG's.
for fmt in jpg png; do
  mkdir -p "$WORK/$fmt/images" && find "$PHOTOS" -maxdepth 1 -type f -name "*.$fmt" -exec cp {} "$WORK/$fmt/images/" \;
done
count=$(ls "$WORK/pfs/images" | wc -l)
megapixels=$($PY -c "
import cv2, glob
print(round(sum(i.shape[0] * i.shape[1] for i in (cv2.imread(f) for f in glob.glob('$WORK/pfs/images/*')) if i is not None) / 1e6))" 2>/dev/null)
cat "$WORK"/pfs/images/* "$WORK"/big/images/* > /dev/null # warm the page cache

# run NAME OUTDIR CMD... : one timed run (wall seconds, to the millisecond, and peak RSS in kB appended to $WORK/NAME)
run() {
  local name=$1 out=$2; shift 2
  rm -rf "$out"; mkdir -p "$out"
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))e-3 $(cat "$WORK/time")" >> "$WORK/$name"
}
# per_datum NAME CMD... : every datum folder through CMD (its /pfs root is the last argument), timed as one run
per_datum() {
  local name=$1; shift
  local start end
  start=$(date +%s%N)
  for d in "$WORK"/datum-*; do
    rm -rf "$d/out"; mkdir -p "$d/out"
    PACH_DATUM_ID=bench "$@" "$d" > /dev/null 2>&1 || { echo "$* $d failed" >&2; exit 1; }
  done
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))e-3 0" >> "$WORK/$name"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
wall() { awk '{printf "%.3f\n", $1}' "$WORK/$1" | median; }
rss() { awk '{print $2}' "$WORK/$1" | median; }

for i in $(seq "$RUNS"); do
  echo "run $i/$RUNS" >&2
  run edges_py "$WORK/pfs/out" $PY bench/reference/edges.py "$WORK/pfs"
  run edges "$WORK/pfs/out" $BIN/imgeda-edges --pfs "$WORK/pfs"
  run decode_py "$WORK/pfs/out" $PY bench/reference/decode_only.py "$WORK/pfs/images" 2
  run analyze "$WORK/pfs/out" $BIN/imgeda-analyze --pfs "$WORK/pfs" --workers 2
  run hash "$WORK/pfs/out" $BIN/imgeda-hash --pfs "$WORK/pfs" --workers 2
  run thumbs "$WORK/pfs/out" $BIN/imgeda-thumbs --pfs "$WORK/pfs" --workers 2
  run analyze_1w "$WORK/pfs/out" $BIN/imgeda-analyze --pfs "$WORK/pfs" --workers 1
  run analyze_big "$WORK/big/out" $BIN/imgeda-analyze --pfs "$WORK/big" --workers 2
  for fmt in jpg png; do
    run "decode_py_$fmt" "$WORK/$fmt/out" $PY bench/reference/decode_only.py "$WORK/$fmt/images" 2
    run "hash_$fmt" "$WORK/$fmt/out" $BIN/imgeda-hash --pfs "$WORK/$fmt" --workers 2
    run "analyze_$fmt" "$WORK/$fmt/out" $BIN/imgeda-analyze --pfs "$WORK/$fmt" --workers 2
  done
  per_datum datum_edges_py $PY bench/reference/edges.py
  per_datum datum_edges $BIN/imgeda-edges --pfs
  for j in 1 2 3 4 5; do
    run cold_import_cv2 "$WORK/one/out" $PY -c "import cv2"
    run cold_analyze "$WORK/one/out" env PACH_DATUM_ID=bench $BIN/imgeda-analyze --pfs "$WORK/one"
    run cold_edges "$WORK/one/out" env PACH_DATUM_ID=bench $BIN/imgeda-edges --pfs "$WORK/one"
  done
done

rate() { awk -v n="${2:-$count}" -v t="$(wall "$1")" 'BEGIN {printf "%.1f", n / t}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
ms() { awk -v t="$(wall "$1")" 'BEGIN {printf "%.0f", t * 1000}'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {ok = (op == ">=") ? v >= t : v <= t; print ok ? "yes" : "NO"}'; }

edges_speedup=$(ratio "$(wall edges_py)" "$(wall edges)")
datum_speedup=$(ratio "$(wall datum_edges_py)" "$(wall datum_edges)")
analyze_vs_decode=$(ratio "$(rate analyze)" "$(rate decode_py)")
hash_vs_decode=$(ratio "$(rate hash)" "$(rate decode_py)")
big_rss=$(( $(rss analyze_big) / 1024 ))
{
  echo "# Benchmark results"
  echo
  echo "Measured by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $count real photos ($megapixels Mpx, up to 5120x2880;"
  echo "bench/fetch-photos.sh), page cache warm; medians of $RUNS runs, each pair run side by side in the same loop."
  echo "References: Debian's python3-opencv $($PY -c 'import cv2; print(cv2.__version__)' 2>/dev/null); the steps: OpenCvSharp4 with OpenCV 4.13, Native AOT."
  echo
  echo "| measure | imgeda | reference | ratio | target | met |"
  echo "|---|---|---|---|---|---|"
  echo "| edges, wall time for all photos | $(wall edges) s | Pachyderm's edges.py: $(wall edges_py) s | ${edges_speedup}x faster | >= 5x | $(verdict "$edges_speedup" ">=" 5) |"
  echo "| edges per datum: $DATUMS photos, one process each | $(wall datum_edges) s | edges.py, one process each: $(wall datum_edges_py) s | ${datum_speedup}x faster | >= 10x | $(verdict "$datum_speedup" ">=" 10) |"
  echo "| analyze --workers 2, images/s | $(rate analyze) | decode-only imread, 2 processes: $(rate decode_py) | ${analyze_vs_decode}x | >= 1.0x | $(verdict "$analyze_vs_decode" ">=" 1.0) |"
  echo "| hash --workers 2, images/s | $(rate hash) | decode-only imread, 2 processes: $(rate decode_py) | ${hash_vs_decode}x | >= 2.5x | $(verdict "$hash_vs_decode" ">=" 2.5) |"
  echo "| thumbs --workers 2, images/s | $(rate thumbs) | decode-only imread, 2 processes: $(rate decode_py) | $(ratio "$(rate thumbs)" "$(rate decode_py)")x | | |"
  echo "| analyze --workers 1, images/s | $(rate analyze_1w) | decode-only imread, 2 processes: $(rate decode_py) | $(ratio "$(rate analyze_1w)" "$(rate decode_py)")x | | |"
  echo "| cold start, analyze on a one-image /pfs | $(ms cold_analyze) ms | python3 -c 'import cv2': $(ms cold_import_cv2) ms | | <= 50 ms | $(verdict "$(ms cold_analyze)" "<=" 50) |"
  echo "| cold start, edges on a one-image /pfs | $(ms cold_edges) ms | python3 -c 'import cv2': $(ms cold_import_cv2) ms | | <= 50 ms | $(verdict "$(ms cold_edges)" "<=" 50) |"
  for fmt in jpg png; do
    n=$(ls "$WORK/$fmt/images" | wc -l)
    for step in hash analyze; do
      echo "| $step --workers 2, $n ${fmt^^} photos only, images/s | $(rate "${step}_$fmt" "$n") | decode-only imread, 2 processes: $(rate "decode_py_$fmt" "$n") | $(ratio "$(rate "${step}_$fmt" "$n")" "$(rate "decode_py_$fmt" "$n")")x | | |"
    done
  done
  echo "| peak RSS, analyze --workers 2: 5120x2880 photos, a 5640x3172 JPEG, a 4096x4096 RGBA PNG | $big_rss MB | | | <= 400 MB | $(verdict "$big_rss" "<=" 400) |"
  echo
  echo "merge's parts (bench/ImgEda.Bench, one run each, measured in-process):"
  echo
  echo "| measure | result | target |"
  echo "|---|---|---|"
  dotnet run --project bench/ImgEda.Bench -c Release -- near-duplicates 1000000
  dotnet run --project bench/ImgEda.Bench -c Release -- near-variants 1000000
  dotnet run --project bench/ImgEda.Bench -c Release -- merge-records 100000 2>/dev/null
  dotnet run --project bench/ImgEda.Bench -c Release -- leakage 100000 2>/dev/null
  dotnet run --project bench/ImgEda.Bench -c Release -- manifest-files 100000 2>/dev/null
} > bench/results.md
cat bench/results.md
# The README shows the same tables, between its bench markers.
$PY - <<'PYTHON'
import re
readme, results = open("README.md").read(), open("bench/results.md").read()
tables = results[results.index("| measure"):].strip()
open("README.md", "w").write(re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", lambda _: "<!-- bench:start -->\n" + tables + "\n<!-- bench:end -->", readme, flags=re.S))
PYTHON
