#!/usr/bin/env bash
# Regenerates the golden forecast after a deliberate change to the models or belarus.yaml.
set -euo pipefail
cd "$(dirname "$0")/../.."
build/bin/statecraft forecast scenarios/belarus.yaml --draws 20000 --seed 20261122 --quiet \
  --json tests/golden/belarus_forecast.json
echo "wrote tests/golden/belarus_forecast.json"
