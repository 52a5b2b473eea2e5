#!/usr/bin/env bash
# Scaling of `forecast`, `compare` and `sensitivity` from 1 to N MPI ranks (one thread per rank),
# on the embedded Belarus scenario. Runs 1 and N ranks alternately, REPS times each; prints the
# whole job's wall time (mpirun included) and CPU time (user + system, every rank), their medians,
# the speed-up (median wall of 1 rank / median wall of N ranks) and the load average around each
# run; checks that every run wrote the same bytes as the first 1-rank run.
# Usage: bench/mpi/mpi_scaling.sh [path/to/statecraft] [ranks] [reps]
set -euo pipefail
cli=$(realpath "${1:-build/bin/statecraft}")
ranks=${2:-2}
reps=${3:-3}
command -v mpirun >/dev/null || { echo "mpi_scaling: no mpirun (Debian: openmpi-bin); skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

declare -A work=(
  [forecast]="forecast --draws 2000 --seed 3"
  [compare]="compare --variants elite_split,us_russia_deal --draws 1000 --seed 3"
  [sensitivity]="sensitivity --samples 256 --seed 3"
)

run() {  # run NAME NP REP: one timed job; prints "wall cpu load_before load_after"
  local name=$1 np=$2 rep=$3 out="$tmp/$1.$2.$3.json" load
  load=$(cut -d' ' -f1 /proc/loadavg)
  # shellcheck disable=SC2086  # the command's words are meant to split
  /usr/bin/time -f '%e %U %S' -o "$tmp/time" mpirun --oversubscribe -np "$np" \
    "$cli" ${work[$name]} -t 1 -q --json "$out" >/dev/null 2>"$tmp/err" ||
    { cat "$tmp/err" >&2; exit 1; }
  cmp -s "$out" "$tmp/$name.1.1.json" || { echo "$name: $np ranks wrote other bytes" >&2; exit 1; }
  awk -v l0="$load" -v l1="$(cut -d' ' -f1 /proc/loadavg)" '{print $1, $2 + $3, l0, l1}' "$tmp/time"
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "MPI scaling, 1 -> $ranks ranks, one thread each, $reps runs each ($(nproc) cores, $(date -u +%FT%TZ))"
for name in forecast compare sensitivity; do
  echo "$name: ${work[$name]}"
  for rep in $(seq 1 "$reps"); do
    for np in 1 "$ranks"; do
      run "$name" "$np" "$rep" >"$tmp/line"
      read -r wall cpu l0 l1 <"$tmp/line"
      echo "$np $wall $cpu" >>"$tmp/$name.times"
      printf '  %d rank(s): %6.2f s wall, %6.2f s CPU (load %s -> %s)\n' "$np" "$wall" "$cpu" "$l0" "$l1"
    done
  done
  w1=$(awk '$1 == 1 {print $2}' "$tmp/$name.times" | median)
  wn=$(awk -v n="$ranks" '$1 == n {print $2}' "$tmp/$name.times" | median)
  c1=$(awk '$1 == 1 {print $3}' "$tmp/$name.times" | median)
  cn=$(awk -v n="$ranks" '$1 == n {print $3}' "$tmp/$name.times" | median)
  printf '  median: 1 rank %.2f s wall (%.2f s CPU); %d ranks %.2f s wall (%.2f s CPU); speed-up %.2f; outputs identical\n' \
    "$w1" "$c1" "$ranks" "$wn" "$cn" "$(awk -v a="$w1" -v b="$wn" 'BEGIN {print a / b}')"
done
