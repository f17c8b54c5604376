#!/usr/bin/env bash
# Benchmarks banzi on a synthetic campaign of 10,000 units (release build).
#
#   scripts/bench.sh [UNITS]
#
# Times `units import` of the register and `status --json`, each the median of several runs,
# beside a baseline measured in the same run: `banzi --version`, the cost of starting the binary.
# Targets: status --json < 0.3 s, units import (new or unchanged register) < 1 s, and `verify`
# (which hashes every file and checks the journal's chain) at most 2x `sha256sum` over the same
# files, measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
units=${1:-10000}
runs=7

cargo build --release --quiet --bin banzi --example generate_campaign
bin=$PWD/target/release/banzi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BANZI_OPERATOR=bench NO_COLOR=1

target/release/examples/generate_campaign "$work/input" "$units"

now() { date +%s%N; }
# median_seconds CMD...: runs CMD $runs times, prints the median wall time in seconds.
median_seconds() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(now)
    "$@" >/dev/null 2>&1
    end=$(now)
    times+=($((end - start)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.4f", $1 / 1e9 }'
}
# once_seconds CMD...: one timed run (for commands that change the campaign).
once_seconds() {
  local start end
  start=$(now)
  "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  end=$(now)
  awk -v t=$((end - start)) 'BEGIN { printf "%.4f", t / 1e9 }'
}

baseline=$(median_seconds "$bin" --version)

import_times=()
for i in $(seq "$runs"); do
  rm -rf "$work/c$i"
  "$bin" init "$work/c$i" --name "基准" --year 2026 -q
  t=$(once_seconds "$bin" -C "$work/c$i" units import "$work/input/units.csv" -q)
  import_times+=("$t")
done
import=$(printf '%s\n' "${import_times[@]}" | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2)')
reimport=$(median_seconds "$bin" -C "$work/c1" units import "$work/input/units.csv")

campaign=$work/c1
plans=$(once_seconds "$bin" -C "$campaign" plan import "$work/input/plans" -q)
selfs=$(once_seconds "$bin" -C "$campaign" self-assess import "$work/input/self-assessments" -q)
"$bin" -C "$campaign" verify -q
status=$(median_seconds "$bin" -C "$campaign" status --json)
verify=$(median_seconds "$bin" -C "$campaign" verify)
hashing=$(median_seconds sh -c "find '$campaign' -type f -print0 | xargs -0 sha256sum")
files=$(find "$campaign" -type f | wc -l)
"$bin" -C "$campaign" status --json | grep -c '"self_assess": "done"' | xargs -I{} echo "check: {} of $units units self-assessed"

ratio() { awk -v a="$1" -v b="$baseline" 'BEGIN { printf "%.1f", a / b }'; }
cat <<TXT
banzi benchmark, $units units, median of $runs runs (release build)
  baseline: banzi --version          ${baseline} s
  units import (new register)        ${import} s   (${import_ratio:=$(ratio "$import")}x baseline; target < 1 s)
  units import (same file, no-op)    ${reimport} s   ($(ratio "$reimport")x baseline; target < 1 s)
  status --json                      ${status} s   ($(ratio "$status")x baseline; target < 0.3 s)
  verify                             ${verify} s   ($(awk -v a="$verify" -v b="$hashing" 'BEGIN { printf "%.2f", a / b }')x sha256sum; target <= 2x)
  sha256sum of the same $files files   ${hashing} s
  plan import, $units files (once)   ${plans} s
  self-assess import (once)          ${selfs} s
TXT
awk -v s="$status" -v i="$import" -v r="$reimport" -v v="$verify" -v h="$hashing" \
  'BEGIN { exit !(s < 0.3 && i < 1.0 && r < 1.0 && v <= 2 * h) }' \
  && echo "targets met" || { echo "TARGETS MISSED"; exit 1; }
