#!/usr/bin/env bash
# Benchmarks the votes import from a workbook (release build).
#
#   scripts/bench-votes-xlsx.sh [UNITS] [ROWS]        RUNS=5 by default
#
# Generates a register of UNITS units (default 1,000) and the votes of ROWS rows (default
# 100,000) as `votes.xlsx`, then times, each the median of RUNS runs taken in turn:
#
#   baseline   calamine's own read of the sheet, every cell visited (examples/calamine_read.rs)
#   dry run    `banzi inspect import-votes votes.xlsx --dry-run`: read, validate, tally
#   import     the same into a fresh copy of the campaign, with the record and the journal entry
#
# Target: the import within 2x the baseline. Exits non-zero when it is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
units=${1:-1000}
rows=${2:-100000}
runs=${RUNS:-5}

cargo build --release --quiet --bin banzi --example generate_votes --example calamine_read
target=$(realpath "${CARGO_TARGET_DIR:-target}")
bin=$target/release/banzi
baseline=$target/release/examples/calamine_read
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BANZI_OPERATOR=bench NO_COLOR=1

"$target/release/examples/generate_votes" "$work/input" "$units" "$rows" --xlsx 2>/dev/null
votes=$work/input/votes.xlsx
"$bin" init "$work/campaign" --name "基准" --year 2026 -q
"$bin" -C "$work/campaign" units import "$work/input/units.csv" -q

nanoseconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $((end - start))
}
median_seconds() {
  printf '%s\n' "$@" | sort -n | awk -v n="$#" 'NR == int((n + 1) / 2) { printf "%.4f", $1 / 1e9 }'
}

"$baseline" "$votes" >/dev/null
base=() dry=() real=()
for _ in $(seq "$runs"); do
  base+=("$(nanoseconds "$baseline" "$votes")")
  dry+=("$(nanoseconds "$bin" -C "$work/campaign" inspect import-votes "$votes" --dry-run -q)")
  rm -rf "$work/copy" && cp -r "$work/campaign" "$work/copy"
  real+=("$(nanoseconds "$bin" -C "$work/copy" inspect import-votes "$votes" -q)")
done
"$bin" -C "$work/copy" verify -q
# The workbook's votes are the CSV's, counted alike.
rm -rf "$work/csv" && cp -r "$work/campaign" "$work/csv"
"$bin" -C "$work/csv" inspect import-votes "$work/input/votes.csv" -q
cmp "$work/csv/analysis/votes.csv" "$work/copy/analysis/votes.csv"

base_s=$(median_seconds "${base[@]}")
dry_s=$(median_seconds "${dry[@]}")
real_s=$(median_seconds "${real[@]}")
ratio() { awk -v a="$1" -v b="$base_s" 'BEGIN { printf "%.2f", a / b }'; }
size=$(du -h "$votes" | cut -f1)
cat <<TXT
votes import from a workbook: $rows rows, $units units, $size file; median of $runs runs, release build
  baseline: calamine's read of the sheet   ${base_s} s
  import-votes --dry-run                   ${dry_s} s  ($(ratio "$dry_s")x baseline)
  import-votes (record + journal)          ${real_s} s  ($(ratio "$real_s")x baseline)
  the same tallies as the CSV's: yes
  target: import within 2x the baseline
TXT
awk -v r="$(ratio "$real_s")" 'BEGIN { exit !(r <= 2) }' \
  && echo "target met" || { echo "TARGET MISSED"; exit 1; }
