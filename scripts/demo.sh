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
# The campaign's clock, pinned so that the public notice's period can be seen to run its course.
export BANZI_NOW=2026-12-01T09:00:00+08:00

step() { printf '\n== %s\n' "$*"; }

step "init: a new campaign"
banzi init "$BANZI_CAMPAIGN" --name "2026年度争创“四强一硬”好班子活动" --year 2026

step "units import: the register of 16 units"
banzi units import "$examples/units.csv"

step "plan: a template for C01, then every unit's plan"
banzi plan template C01 | head -20
banzi plan submit C01 "$examples/plans/C01.toml"
banzi plan import "$examples/plans"
mkdir -p "$out/forms"
banzi plan template C01 --xlsx --out "$out/forms/C01-plan.xlsx"  # the workbook form, filled with the stored plan
banzi plan submit C01 "$out/forms/C01-plan.xlsx"                 # the same plan: no change

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
banzi shortlist document --pdf > "$out/reports/初步名单.pdf"
banzi shortlist show --csv > "$out/reports/初步名单.csv"
banzi shortlist show --xlsx "$out/reports/初步名单.xlsx"
banzi units list --xlsx "$out/reports/单位名册.xlsx"
ls "$out/reports"

step "publicize: the public notice (公示) of the list, 5 working days from 2026-12-07"
export BANZI_NOW=2026-12-07T09:00:00+08:00
banzi publicize keygen --out "$out/reporters.key"
banzi publicize open --start 2026-12-07 --contact "电话：0798-1234567；地址：市委组织部干部监督科；邮箱：jdk@example.gov.cn"
banzi publicize notice --format html > "$out/reports/公示.html"
banzi publicize notice > "$out/reports/公示.md"
banzi publicize notice --format pdf > "$out/reports/公示.pdf"

step "publicize: opinions received, one signed (its reporter kept encrypted), verified and resolved"
export BANZI_NOW=2026-12-09T10:00:00+08:00
banzi publicize feedback import "$examples/opinions.csv"
banzi publicize feedback add --unit none --channel 网络 --summary "建议公示名单同时公布各单位综合得分" --anonymous
banzi publicize feedback list
banzi publicize feedback list --xlsx "$out/reports/公示意见.xlsx"
banzi publicize investigate F1 --by "干部监督科"
banzi publicize resolve F1 --finding unsubstantiated --note "经调阅会议记录和财务凭证，反映问题不属实" --by "干部监督科"
banzi publicize investigate F2 --by "干部监督科"
banzi publicize resolve F2 --finding substantiated --note "经核查，该单位自评报告虚报两项工作指标完成情况" --by "干部监督科"
banzi disqualify C05 --reason "自评报告虚报工作指标完成情况" \
  --evidence "干部监督科核查报告（2026年12月9日）" --accountable "吴启东:诫勉谈话"
banzi publicize feedback show F3 --reveal-reporter --identity "$out/reporters.key" --reason "核查需要联系反映人"
banzi publicize resolve F3 --finding unsubstantiated --note "经核实，相关工作已按计划完成" --by "干部监督科"
banzi publicize resolve F4 --finding unsubstantiated --note "属工作建议，已转有关科室研究" --by "干部考核科"
banzi publicize close || true

step "publicize: the period over, the notice closed"
export BANZI_NOW=2026-12-14T09:00:00+08:00
banzi publicize close
banzi publicize show

step "commend: the final list (the published list less C05), the committee's approval, and the documents"
export BANZI_NOW=2026-12-15T09:00:00+08:00
banzi commend propose
banzi commend proposal > "$out/reports/拟表彰名单的请示.md"
export BANZI_NOW=2026-12-20T09:00:00+08:00
banzi commend approve --decision-no "市委〔2026〕12号" --date 2026-12-20
banzi commend publish --out "$out/表彰" --certificates
banzi commend show
banzi commend show --xlsx "$out/reports/表彰名单.xlsx"

step "status"
banzi status

step "log (last 8 entries)"
banzi log --last 8

step "verify"
banzi verify

step "archive (归档): the whole campaign in one file, checked without unpacking it"
banzi archive "$out/归档.tar.zst"
banzi archive --check "$out/归档.tar.zst"

cat <<TXT

The campaign is in   $out/campaign
Its reports are in   $out/reports (初步名单.md: the preliminary list; 公示.html: the public notice;
                     the lists as Excel workbooks: 单位名册.xlsx, 初步名单.xlsx, 公示意见.xlsx, 表彰名单.xlsx)
The archive (归档)    $out/归档.tar.zst
A workbook form      $out/forms/C01-plan.xlsx (banzi plan template C01 --xlsx)
The printable files  $out/表彰 (表彰决定, 表彰名单 and 荣誉证书, as PDF, HTML, Markdown and CSV)
The reporters' key   $out/reporters.key (outside the campaign, as it must be)
Look around with     BANZI_CAMPAIGN=$out/campaign $bin status
TXT
