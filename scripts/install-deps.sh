#!/usr/bin/env bash
# Installs every Debian package statecraft needs to build, test and benchmark.
# Idempotent: installs only what is missing; safe to run on every `make`.
set -euo pipefail

# One list per area in scripts/deps/*.txt (comments start with #).
here=$(cd "$(dirname "$0")" && pwd)
read -r -a PACKAGES <<<"$(cat "$here"/deps/*.txt | sed 's/#.*//' | tr '\n' ' ')"

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
