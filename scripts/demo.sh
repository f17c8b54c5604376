#!/usr/bin/env bash
# Runs the whole workflow built so far on the bundled example campaign (examples/city) in a new
# temporary directory, and says where the results are.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin banzi
target_dir=${CARGO_TARGET_DIR:-target}
bin=$(cd "$target_dir/debug" && pwd)/banzi
banzi() { "$bin" "$@"; }
examples=$PWD/examples/city
out=$(mktemp -d "${TMPDIR:-/tmp}/banzi-demo.XXXXXX")
# A failed run leaves nothing behind; a finished one keeps its results to look at.
trap 'status=$?; [ $status -eq 0 ] || rm -rf "$out"' EXIT
export BANZI_OPERATOR=${BANZI_OPERATOR:-组织部演示}
export BANZI_CAMPAIGN=$out/campaign

step() { printf '\n== %s\n' "$*"; }

step "init: a new campaign"
banzi init "$BANZI_CAMPAIGN" --name "2026年度争创“四强一硬”好班子活动" --year 2026

step "units import: the register of 16 units"
banzi units import "$examples/units.csv"

step "plan: a template for C01, then every unit's plan"
banzi plan template C01 | head -20
banzi plan submit C01 "$examples/plans/C01.toml"
banzi plan import "$examples/plans"

step "self-assess: a template pre-filled from the plan, then every unit's self-assessment"
banzi self-assess template C01 | head -16
banzi self-assess import "$examples/self-assessments"

step "a correction: C03's plan reopened, resubmitted, and its self-assessment redone"
banzi reopen plan --unit C03 --reason "方案指标目标值填报有误，退回修改"
banzi status --json | grep -A4 '"code": "C03"' | sed -n 5p
banzi plan submit C03 "$examples/plans/C03.toml"
banzi self-assess submit C03 "$examples/self-assessments/C03.toml"

step "inspect: annual assessment, democratic evaluation, inspectors, and the inspection records"
banzi inspect import-assessment "$examples/annual-2026.csv"
banzi inspect import-votes "$examples/votes-2026.csv"
banzi inspectors import "$examples/inspectors.csv"
banzi inspect template C01 | head -12
banzi inspect record C01 "$examples/inspections/C01-talk.toml"
banzi inspect import "$examples/inspections"

step "the comprehensive analysis of C04 (综合分析), and the flags"
banzi inspect show C04 | head -24
banzi inspect flags
banzi inspect clear-flag concealment-D05-Z2 --reason "经复核，台账已补正，不属瞒报"

step "shortlist: a withdrawal, a veto (一票否决), and the preliminary list"
banzi withdraw M06 --reason "机构改革撤并，不参评"
banzi veto M05 --reason "发生重大安全生产责任事故" --basis "市应急管理局事故调查报告（应急〔2026〕8号）"
banzi shortlist
banzi shortlist show

step "shortlist: the department's adjustment, a new version, and why D05 is on it"
banzi shortlist adjust D05 --include --reason "市委部门名额按比例仅1个，政法队伍教育整顿成效突出，经部务会研究增列"
banzi status | tail -1
banzi shortlist
banzi shortlist explain D05
banzi shortlist explain M05 | head -3

step "reports: each unit's self-assessment report (自评报告)"
mkdir -p "$out/reports"
for plan in "$examples"/plans/*.toml; do
  unit=$(basename "$plan" .toml)
  banzi self-assess report "$unit" > "$out/reports/$unit-自评报告.md"
  banzi inspect show "$unit" > "$out/reports/$unit-综合分析.txt"
done
banzi shortlist document > "$out/reports/初步名单.md"
banzi shortlist show --csv > "$out/reports/初步名单.csv"
ls "$out/reports"

step "status"
banzi status

step "log (last 8 entries)"
banzi log --last 8

step "verify"
banzi verify

cat <<TXT

The campaign is in   $out/campaign
Its reports are in   $out/reports (初步名单.md: the preliminary list)
Look around with     BANZI_CAMPAIGN=$out/campaign $bin status
TXT
