#!/usr/bin/env bash
# Times statecraft's SMP on KTAB's scenarios and, when KTAB's smpc is available, KTAB on the same
# files in the same run, printing the ratio. Also prints statecraft's time for a synthetic
# 160-actor issue.
#
#   bench/bargaining/compare_ktab.sh [BUILD_DIR]          (KTAB_SMPC=/path/to/smpc to compare)
#
# KTAB is never built by this project: build it beside the project (e.g. /work/peers/ktab) and
# point KTAB_SMPC at its smpc binary. Without it the KTAB column says "skipped". KTAB is only
# run on scenarios with at most KTAB_MAX_ACTORS actors (default 40; KTAB needs minutes there).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
cli=$build/bin/statecraft
data=$root/data/peers/ktab
smpc=${KTAB_SMPC:-}
max_actors=${KTAB_MAX_ACTORS:-40}
[ -x "$cli" ] || { echo "compare_ktab: $cli not built (cmake --build $build --target statecraft_cli)" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# Synthetic 160-actor issue (fixed seed), written to a temp file in KTAB's CSV format.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/a160.csv" <<'PY'
import random, sys
random.seed(160)
with open(sys.argv[1], "w") as f:
    f.write("a160,synthetic 160 actors,160,1\nActor,Description,Power,Pos,Sal\n")
    for i in range(160):
        f.write(f"A{i:03d},x,{random.uniform(10,200):.2f},{random.uniform(0,100):.2f},{random.uniform(10,90):.2f}\n")
PY

printf '%-22s %7s %12s %12s %10s\n' scenario actors statecraft_s ktab_s ratio
for f in "$data/dummyData_3Dim.csv" "$data/SOE-Pol-Comp.csv" "$data/dummyData-a040.csv" "$data/dummyData-a080.csv" "$tmp/a160.csv"; do
  n=$(head -1 "$f" | cut -d, -f3 | tr -d ' ')
  t0=$(now); "$cli" bargain "$f" --model smp > "$tmp/out.txt"; t1=$(now)
  ours=$(elapsed "$t0" "$t1")
  theirs=skipped; ratio=-
  if [ -n "$smpc" ] && [ -x "$smpc" ] && [ "$(basename "$f")" != a160.csv ] && [ "$n" -le "$max_actors" ]; then
    (cd "$tmp" && t0=$(now) && "$smpc" --csv "$f" > "$tmp/ktab.log" 2>&1 && t1=$(now) && elapsed "$t0" "$t1" > "$tmp/kt") \
      && theirs=$(cat "$tmp/kt") \
      && ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / max(float(sys.argv[2]), 1e-3):.0f}x')" "$theirs" "$ours")
  fi
  printf '%-22s %7s %12s %12s %10s\n' "$(basename "$f" .csv)" "$n" "$ours" "$theirs" "$ratio"
done
[ -n "$smpc" ] || echo "(KTAB_SMPC not set: KTAB timings skipped)"
