#!/usr/bin/env bash
# Benchmarks the democratic-evaluation votes import (民主测评) on a synthetic file (release build).
#
#   scripts/bench-votes.sh [UNITS] [ROWS]        RUNS=5 by default
#
# Generates a register of UNITS units (default 10,000) and a votes CSV of ROWS rows (default
# 1,000,000) over four rater groups, then times, each the median of RUNS runs taken in turn:
#
#   baseline   one plain pass over the file with the csv crate (examples/csv_pass.rs)
#   dry run    `banzi inspect import-votes FILE --dry-run`: read, validate, tally, SHA-256
#   import     the same into a fresh copy of the campaign, with the record and the journal entry
#
# and the peak memory (maximum resident set) of each. Targets: the import within 1.5x the
# baseline, peak memory under 64 MB. Exits non-zero when a target is missed.
#
# With BEFORE=PATH (another build of banzi, say of the commit before a change), its dry run is
# timed in the same loop, so that before and after are measured on the same machine at once.
set -euo pipefail
cd "$(dirname "$0")/.."
units=${1:-10000}
rows=${2:-1000000}
runs=${RUNS:-5}

cargo build --release --quiet --bin banzi --example generate_votes --example csv_pass
target=$(realpath "${CARGO_TARGET_DIR:-target}")
bin=$target/release/banzi
baseline=$target/release/examples/csv_pass
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BANZI_OPERATOR=bench NO_COLOR=1

"$target/release/examples/generate_votes" "$work/input" "$units" "$rows" 2>/dev/null
votes=$work/input/votes.csv
"$bin" init "$work/campaign" --name "基准" --year 2026 -q
"$bin" -C "$work/campaign" units import "$work/input/units.csv" -q
fresh_copy() {
  rm -rf "$work/copy"
  cp -r "$work/campaign" "$work/copy"
}

# nanoseconds CMD...: the wall time of one run of CMD, whose output is discarded.
nanoseconds() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $((end - start))
}
# peak_kb CMD...: the maximum resident set of one run of CMD, in KB.
peak_kb() {
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
}
median_seconds() {
  printf '%s\n' "$@" | sort -n | awk -v n="$#" 'NR == int((n + 1) / 2) { printf "%.4f", $1 / 1e9 }'
}

# Every command reads the file from the page cache, as the first one leaves it.
"$baseline" "$votes" >/dev/null
base=() dry=() real=() before=() before_real=()
for _ in $(seq "$runs"); do
  base+=("$(nanoseconds "$baseline" "$votes")")
  dry+=("$(nanoseconds "$bin" -C "$work/campaign" inspect import-votes "$votes" --dry-run -q)")
  if [[ -n ${BEFORE:-} ]]; then
    before+=("$(nanoseconds "$BEFORE" -C "$work/campaign" inspect import-votes "$votes" --dry-run -q)")
    fresh_copy
    before_real+=("$(nanoseconds "$BEFORE" -C "$work/copy" inspect import-votes "$votes" -q)")
  fi
  fresh_copy
  real+=("$(nanoseconds "$bin" -C "$work/copy" inspect import-votes "$votes" -q)")
done
"$bin" -C "$work/copy" verify -q

base_kb=$(peak_kb "$baseline" "$votes")
dry_kb=$(peak_kb "$bin" -C "$work/campaign" inspect import-votes "$votes" --dry-run -q)
fresh_copy
real_kb=$(peak_kb "$bin" -C "$work/copy" inspect import-votes "$votes" -q)

base_s=$(median_seconds "${base[@]}")
dry_s=$(median_seconds "${dry[@]}")
real_s=$(median_seconds "${real[@]}")
ratio() { awk -v a="$1" -v b="$base_s" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
sha_ni=$(grep -q sha_ni /proc/cpuinfo && echo "SHA-NI" || echo "no SHA-NI")
size=$(du -h "$votes" | cut -f1)
cat <<TXT
votes import benchmark: $rows rows, $units units, $size file ($sha_ni); median of $runs runs, release build
  baseline: one csv pass (ByteRecord)    ${base_s} s                      peak $(mb "$base_kb") MB
  import-votes --dry-run                 ${dry_s} s  ($(ratio "$dry_s")x baseline)   peak $(mb "$dry_kb") MB
  import-votes (record + journal)        ${real_s} s  ($(ratio "$real_s")x baseline)   peak $(mb "$real_kb") MB
  targets: import within 1.5x the baseline, peak memory under 64 MB
TXT
if [[ -n ${BEFORE:-} ]]; then
  before_s=$(median_seconds "${before[@]}")
  before_kb=$(peak_kb "$BEFORE" -C "$work/campaign" inspect import-votes "$votes" --dry-run -q)
  before_real_s=$(median_seconds "${before_real[@]}")
  echo "  before: $BEFORE"
  echo "    import-votes --dry-run               ${before_s} s  ($(ratio "$before_s")x baseline)   peak $(mb "$before_kb") MB"
  echo "    import-votes (record + journal)      ${before_real_s} s  ($(ratio "$before_real_s")x baseline)"
fi
awk -v r="$(ratio "$real_s")" -v d="$dry_kb" -v k="$real_kb" \
  'BEGIN { exit !(r <= 1.5 && d < 65536 && k < 65536) }' \
  && echo "targets met" || { echo "TARGETS MISSED"; exit 1; }
