#!/usr/bin/env python3
"""clang-tidy over the library and the CLI, all of it or only what changed since it was clean.

    scripts/lint.py BUILD_DIR --all        every translation unit of src/ and apps/
    scripts/lint.py BUILD_DIR --changed    only those whose inputs changed since the last clean run

A translation unit's inputs are its source, the project's headers it includes (from the build's
own dependency records, `ninja -t deps`) and `.clang-tidy`. When every unit linted is clean, the
hashes of their inputs are recorded in scripts/lint-clean.sha256, so the next `--changed` run
lints only the units whose source or included headers differ from a clean state. A full run costs
about 20 s of CPU per unit; a change of a few files costs a minute, which is what CI runs.
Exit status: 0 clean, 1 findings, 2 the build's records are missing.
"""
import argparse
import concurrent.futures
import hashlib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFEST = os.path.join(ROOT, "scripts", "lint-clean.sha256")
CONFIG = ".clang-tidy"
LINTED = ("src/", "apps/")


def parse_deps(text, build_dir, root=ROOT):
    """{source: [project files it reads]} for every linted .cpp, from `ninja -t deps` output."""
    units, current = {}, None
    for line in text.splitlines():
        if not line.startswith(" "):
            current = None  # a new object's header line
            continue
        path = os.path.relpath(os.path.normpath(os.path.join(build_dir, line.strip())), root)
        if path.startswith(".."):
            continue  # a system or generated file
        if current is None:
            linted = path.endswith(".cpp") and path.startswith(LINTED)
            current = path if linted else ""  # "": tests, benchmarks, fuzzers: not linted
            if linted:
                units[current] = [CONFIG]
        if current:
            units[current].append(path)
    return units


def units_and_inputs(build_dir):
    out = subprocess.run(["ninja", "-C", build_dir, "-t", "deps"], check=True,
                         capture_output=True, text=True).stdout
    return parse_deps(out, build_dir)


def stale_units(units, hashes, clean, everything=False):
    """The units to lint: all of them, or those with an input whose hash is not the clean one."""
    return sorted(u for u, inputs in units.items()
                  if everything or any(clean.get(p) != hashes[p] for p in inputs))


def record_clean(clean, units, hashes, checked):
    """The clean record after the units `checked` were found clean."""
    updated = dict(clean)
    updated.update({p: hashes[p] for u in checked for p in units[u]})
    return updated


def digest(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_manifest():
    try:
        with open(MANIFEST, encoding="utf-8") as f:
            return dict(reversed(line.rstrip("\n").split("  ", 1)) for line in f if line.strip())
    except FileNotFoundError:
        return {}


def write_manifest(hashes):
    with open(MANIFEST + ".tmp", "w", encoding="utf-8") as f:
        f.write("".join(f"{h}  {p}\n" for p, h in sorted(hashes.items())))
    os.replace(MANIFEST + ".tmp", MANIFEST)


def tidy(build_dir, source):
    run = subprocess.run(["clang-tidy", "-p", build_dir, "--quiet", source], cwd=ROOT,
                         capture_output=True, text=True)
    return source, run.returncode, [l for l in run.stdout.splitlines() if l.strip()], run.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build_dir")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true")
    which.add_argument("--changed", action="store_true")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    build_dir = os.path.abspath(args.build_dir)
    if not os.path.exists(os.path.join(build_dir, "compile_commands.json")):
        print(f"lint: {build_dir}/compile_commands.json not found: build first", file=sys.stderr)
        return 2
    units = units_and_inputs(build_dir)
    if not units:
        print(f"lint: no dependency records in {build_dir}: build first", file=sys.stderr)
        return 2
    hashes = {p: digest(p) for inputs in units.values() for p in inputs}
    clean = read_manifest()
    stale = stale_units(units, hashes, clean, everything=args.all)
    print(f"lint: {len(stale)} of {len(units)} translation units to check", flush=True)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for source, code, findings, errors in pool.map(lambda s: tidy(build_dir, s), stale):
            if code != 0 or findings:
                failed += 1
                print(f"lint: {source}: clang-tidy exit {code}", file=sys.stderr)
                # findings on stdout; a file clang-tidy could not parse says why on stderr
                print("\n".join(findings) or errors, file=sys.stderr, flush=True)
    if failed:
        print(f"lint: {failed} of {len(stale)} translation units have findings", file=sys.stderr)
        return 1
    clean = record_clean(clean, units, hashes, stale)
    write_manifest({p: h for p, h in clean.items() if os.path.exists(os.path.join(ROOT, p))})
    print(f"lint: clean ({len(stale)} checked now, the rest unchanged since a clean run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
