#!/usr/bin/env bash
# Times the PDF engine (release build): a commendation decision and list of 100 units and 100
# certificates, typeset in process by typst in the fonts this machine has. The figure is printed,
# not checked; the aim is under 2 s.
#
#   scripts/bench-pdf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --quiet --lib documents::pdf::tests::how_long_a_hundred_units_take \
  -- --ignored --nocapture 2>&1 | grep -E "certificates:|SKIPPED"
