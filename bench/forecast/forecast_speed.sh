#!/usr/bin/env bash
# Times `statecraft forecast` on the embedded Belarus scenario (every question on the timeline,
# society windows included) on 1 and 2 threads, best of 3 runs each; checks that both give
# byte-identical JSON; then prints where the time goes, per model and per month (--timing): the
# bargaining lens's BDM, SMP and Nash, the timeline's issue re-forecasts per model and its society
# windows. The machine's load average is printed with every figure (timings on a shared machine
# mean little without it).
# Usage: bench/forecast/forecast_speed.sh [path/to/statecraft] [draws]
set -euo pipefail
cli=${1:-build/bin/statecraft}
draws=${2:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best() {  # best wall time in seconds of 3 runs of "$@"
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    best=$(python3 -c "t=$t1-$t0; b='$best'; print(t if b=='' else min(t, float(b)))")
  done
  echo "$best"
}

echo "statecraft forecast, embedded Belarus scenario, $draws draws ($(nproc) cores)"
for threads in 1 2; do
  load=$(cut -d' ' -f1 /proc/loadavg)
  t=$(best "$cli" forecast --draws "$draws" --threads "$threads" --quiet --json "$tmp/t$threads.json")
  printf '  %d thread(s): %.3f s  (%.0f draws/s; load average %s before, %s after)\n' "$threads" "$t" \
    "$(python3 -c "print($draws/$t)")" "$load" "$(cut -d' ' -f1 /proc/loadavg)"
done
if cmp -s "$tmp/t1.json" "$tmp/t2.json"; then
  echo "  JSON identical on 1 and 2 threads"
else
  echo "  JSON DIFFERS between 1 and 2 threads" >&2
  exit 1
fi
echo
echo "where the time goes (2 threads, CPU seconds summed over threads; load average $(cut -d' ' -f1 /proc/loadavg)):"
"$cli" forecast --draws "$draws" --threads 2 --quiet --timing --json "$tmp/timing.json" 2>&1 >/dev/null | sed 's/^/  /'
