#!/usr/bin/env bash
# Runs every benchmark script under bench/*/ (each prints its own figures and ratios).
set -euo pipefail
cd "$(dirname "$0")/.."
for s in bench/*/*.sh; do
  echo "== $s"
  bash "$s" || echo "($s failed)"
done
