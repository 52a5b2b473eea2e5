#!/usr/bin/env bash
# Times `statecraft sensitivity` on the whole embedded Belarus scenario, grouped (every uncertain
# number in its mechanism group, plus the models' own chance), tornado included, on 2 threads;
# checks that 1 and 2 threads give byte-identical JSON on a small design; prints the machine's
# load so that a reader can judge the figure (the goal is under 2 minutes on 2 cores).
# Usage: bench/sensitivity/sensitivity_speed.sh [path/to/statecraft] [samples]
set -euo pipefail
cli=${1:-build/bin/statecraft}
samples=${2:-1024}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "statecraft sensitivity, embedded Belarus scenario, $samples design rows, $(nproc) cores"
echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='%R %U %S'
times=$( { time "$cli" sensitivity --samples "$samples" --threads 2 --quiet --json "$tmp/s.json" >/dev/null; } 2>&1 )
runs=$(python3 -c "import json; print(json.load(open('$tmp/s.json'))['evaluations'])")
python3 - "$runs" $times <<'PY'
import sys
runs, wall, user, sys_ = int(sys.argv[1]), *map(float, sys.argv[2:5])
cpu = user + sys_
print(f"  2 threads: {wall:.1f} s wall for {runs} model runs ({runs / wall:.0f} runs/s)")
print(f"  CPU time {cpu:.1f} s (user + system): about {cpu / 2:.0f} s of wall time on 2 idle cores")
PY
echo "  load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

"$cli" sensitivity --samples 64 --tornado-draws 4 --threads 1 --quiet --json "$tmp/t1.json"
"$cli" sensitivity --samples 64 --tornado-draws 4 --threads 2 --quiet --json "$tmp/t2.json"
if cmp -s "$tmp/t1.json" "$tmp/t2.json"; then
  echo "  JSON identical on 1 and 2 threads (64 rows)"
else
  echo "  JSON DIFFERS between 1 and 2 threads" >&2
  exit 1
fi
