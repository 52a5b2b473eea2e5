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

if ! command -v npm >/dev/null; then missing+=(nodejs npm); fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The HTML report's chart libraries and its browser test's driver, at the versions pinned in
# web/package-lock.json; reinstalled only when the lock file changed.
web="$here/../web"
stamp="$web/node_modules/.statecraft-lock"
if ! cmp -s "$web/package-lock.json" "$stamp"; then
  echo "install-deps: npm ci in web/" >&2
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$web/package-lock.json" "$stamp"
fi
