#!/usr/bin/env bash
# Kills banzi with SIGKILL at every write, rename, fsync, openat, mkdir, truncate and unlink of
# eleven multi-record commands, two of them reading Excel workbooks (strace fault injection), and
# counts the points after which the campaign is broken: `verify` fails, the records are neither
# all-old nor all-new, or the same command then fails (with DONE_EXIT=N, a command that cannot be
# made twice: is not refused with exit N when the change was kept). Needs strace (Debian:
# apt-get install strace).
#
#   scripts/strace-kill.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v strace >/dev/null || { echo "strace is not installed (apt-get install strace)" >&2; exit 2; }
cargo build --quiet --bin banzi
bin=$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')/debug/banzi
examples=$PWD/examples/city
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BANZI_OPERATOR=kill-test BANZI_NOW=2026-11-24T09:30:00+08:00 NO_COLOR=1
syscalls=write,renameat,rename,fsync,fdatasync,openat,mkdir,mkdirat,ftruncate,unlink,unlinkat,rmdir

b() { "$bin" -C "$work/base" "$@" >/dev/null 2>&1; }
"$bin" init "$work/base" --name 演练 --year 2026 -q
b units import "$examples/units.csv"
cp -a "$work/base" "$work/units"
b plan import "$examples/plans"
cp -a "$work/base" "$work/plans"
b self-assess import "$examples/self-assessments"
b inspect import-assessment "$examples/annual-2026.csv"
b inspect import-votes "$examples/votes-2026.csv"
b inspectors import "$examples/inspectors.csv"
for record in "$examples"/inspections/*.toml; do
  name=$(basename "$record" .toml)
  b inspect record "${name%%-*}" "$record"
done
mv "$work/base" "$work/inspected"
# The list drawn, then its public notice opened with the key that seals reporters kept outside.
cp -a "$work/inspected" "$work/drawn"
"$bin" -C "$work/drawn" shortlist >/dev/null 2>&1
cp -a "$work/drawn" "$work/noticed"
"$bin" -C "$work/noticed" publicize open --contact "电话：0798-1234567" >/dev/null 2>&1
"$bin" -C "$work/noticed" publicize keygen --out "$work/identity.txt" >/dev/null 2>&1

# Inputs that change what is stored.
mkdir -p "$work/in/plans"
sed 's/市委组织部/中共某市委组织部/' "$examples/units.csv" > "$work/in/units.csv"
for unit in C01 C02 D01 M03; do
  sed '0,/owner = "/s//owner = "新/' "$examples/plans/$unit.toml" > "$work/in/plans/$unit.toml"
done
sed '$d' "$examples/annual-2026.csv" > "$work/in/annual.csv"
head -n -20 "$examples/votes-2026.csv" > "$work/in/votes.csv"
cat > "$work/in/opinions.csv" <<'EOF'
received,channel,unit_code,summary,anonymous,reporter,reporter_contact
2026-11-24,电话,C01,反映该区重点项目进度与自评不符,是,,
2026-11-24,来信,none,建议公示期内公开举报电话,是,,
2026-11-24,来访,C03,反映班子成员作风问题,否,王某某,13800000000
EOF

# The same changes as Excel workbooks: the register exported from a campaign that holds the new
# one, and C01's plan form filled with its new plan.
"$bin" init "$work/scratch" --name 演练 --year 2026 -q
"$bin" -C "$work/scratch" units import "$work/in/units.csv" >/dev/null 2>&1
"$bin" -C "$work/scratch" units list --xlsx "$work/in/units.xlsx" >/dev/null 2>&1
"$bin" -C "$work/scratch" plan submit C01 "$work/in/plans/C01.toml" >/dev/null 2>&1
"$bin" -C "$work/scratch" plan template C01 --xlsx --out "$work/in/C01-plan.xlsx" >/dev/null 2>&1

records() {
  (cd "$1" && find . -type f ! -name journal.toml ! -name index.csv ! -path ./publicity/opinions.csv -print0 | sort -z | xargs -0 sha256sum)
  # A sealed reporter is encrypted anew on every run (hex of "age-encryption.org/…"): compared masked.
  if [ -f "$1/publicity/opinions.csv" ]; then
    sed 's/6167652d656e6372797074696f6e2e6f72672f[0-9a-f]*/SEALED/g' "$1/publicity/opinions.csv" | sha256sum
  fi
}

total_points=0
total_broken=0
run() {
  local label=$1 base=$2
  shift 2
  rm -rf "$work/old"
  cp -a "$work/$base" "$work/old"
  rm -rf "$work/new"
  cp -a "$work/old" "$work/new"
  "$bin" -C "$work/new" "$@" >/dev/null 2>&1 || { echo "$label: fails without a kill" >&2; exit 1; }
  local old new points=0 broken=0
  old=$(records "$work/old")
  new=$(records "$work/new")
  # Each system call counts its own invocations: kill at the Nth of each, in turn.
  for syscall in ${syscalls//,/ }; do
  for n in $(seq 1 5000); do
    rm -rf "$work/c"
    cp -a "$work/old" "$work/c"
    if strace -f -o /dev/null -e trace=$syscall -e inject=$syscall:signal=SIGKILL:when=$n \
        "$bin" -C "$work/c" "$@" >/dev/null 2>&1; then
      break
    fi
    points=$((points + 1))
    local ok=1
    "$bin" -C "$work/c" verify >/dev/null 2>&1 || ok=0
    local now
    now=$(records "$work/c")
    [ "$now" = "$old" ] || [ "$now" = "$new" ] || ok=0
    if [ -n "${DONE_EXIT:-}" ] && [ "$now" = "$new" ]; then
      # A change that cannot be made twice (a notice opened, the same opinions entered): kept, it
      # is refused as done, unchanged.
      local rc=0
      "$bin" -C "$work/c" "$@" >/dev/null 2>&1 || rc=$?
      [ "$rc" = "$DONE_EXIT" ] && [ "$(records "$work/c")" = "$new" ] || ok=0
    else
      "$bin" -C "$work/c" "$@" >/dev/null 2>&1 || ok=0
    fi
    [ $ok = 1 ] || broken=$((broken + 1))
  done
  done 2>/dev/null
  printf '%-44s %4d points, %3d broken\n' "$label" "$points" "$broken"
  total_points=$((total_points + points))
  total_broken=$((total_broken + broken))
}

run "units import (replacing the register)" units units import "$work/in/units.csv"
run "units import of a workbook" units units import "$work/in/units.xlsx"
run "plan import (replacing 4 plans)" plans plan import "$work/in/plans"
run "plan submit of a workbook form" plans plan submit C01 "$work/in/C01-plan.xlsx"
run "self-assess import (16 units)" plans self-assess import "$examples/self-assessments"
run "inspect import-assessment --replace" inspected inspect import-assessment "$work/in/annual.csv" --replace
run "inspect import-votes --replace" inspected inspect import-votes "$work/in/votes.csv" --replace
run "inspect record" inspected inspect record C01 "$examples/inspections/C01-talk.toml"
run "shortlist" inspected shortlist
DONE_EXIT=3 run "publicize open" drawn publicize open --contact "电话：0798-1234567"
DONE_EXIT=4 run "publicize feedback import (3, 1 signed)" noticed publicize feedback import "$work/in/opinions.csv"
echo "all: $total_points points, $total_broken broken"
[ "$total_broken" = 0 ]
