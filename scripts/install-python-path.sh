#!/usr/bin/env bash
# Makes `import statecraft` work in the Python the module was built for (by default the python3
# first on PATH): copies BUILD/python/statecraft.pth, written by CMake, into that interpreter's
# site-packages (or, when that is not writable, its user site-packages). The .pth file lists
# BUILD/python (the module) and, when that interpreter lacks pandas but is the same CPython as
# Debian's python3, Debian's /usr/lib/python3/dist-packages (pandas, numpy, matplotlib, pytest
# from apt). Idempotent; run by `make run` and `make test` after the build.
set -euo pipefail

build=${1:-build}
pth="$build/python/statecraft.pth"
if [[ ! -f "$pth" || ! -f "$build/python/interpreter" ]]; then
  echo "install-python-path: no $pth (configured with STATECRAFT_BUILD_PYTHON=OFF?); nothing to do" >&2
  exit 0
fi
python=$(head -n1 "$build/python/interpreter")
site=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
if ! { mkdir -p "$site" && [[ -w "$site" ]]; } 2>/dev/null; then
  site=$("$python" -c 'import site; print(site.getusersitepackages())')
  mkdir -p "$site"
fi
if ! cmp -s "$pth" "$site/statecraft.pth"; then
  cp "$pth" "$site/statecraft.pth"
  echo "install-python-path: $site/statecraft.pth -> $(paste -sd' ' "$pth") (for $python)" >&2
fi
