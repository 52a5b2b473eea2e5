#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR for SECONDS each, seeded with the project's own inputs.
# A crash, leak or sanitizer report fails the run (libFuzzer exits non-zero).
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
shopt -s nullglob
fuzzers=("$build"/bin/fuzz_*)
if ((${#fuzzers[@]} == 0)); then echo "run-fuzzers: no fuzz targets in $build" >&2; exit 1; fi
for f in "${fuzzers[@]}"; do
  name=$(basename "$f")
  corpus="$build/corpus/$name"
  mkdir -p "$corpus"
  seeds="$root/fuzz/seeds/${name#fuzz_}"
  echo "fuzz: $name for ${seeds:+seeded }${seconds}s" >&2
  "$f" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 "$corpus" ${seeds:+$( [ -d "$seeds" ] && echo "$seeds")} 2>"$build/$name.log" \
    || { tail -50 "$build/$name.log" >&2; exit 1; }
  grep -E "stat::number_of_executed_units" "$build/$name.log" >&2 || true
done
echo "fuzz: all targets ran without a finding" >&2
