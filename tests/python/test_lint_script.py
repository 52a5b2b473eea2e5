"""scripts/lint.py: which translation units `make lint-changed` checks, and what it records."""

import importlib.util

import pytest

from conftest import SOURCE

ROOT = "/repo"
BUILD = "/repo/build"

# The shape of `ninja -t deps`: an object's line, then its inputs indented, relative to the build.
DEPS = """\
src/CMakeFiles/statecraft_core.dir/core/error.cpp.o: #deps 3, deps mtime 1 (VALID)
    ../src/core/error.cpp
    /usr/include/c++/12/string
    ../include/statecraft/error.hpp

src/CMakeFiles/statecraft_games.dir/games/nash.cpp.o: #deps 3, deps mtime 1 (VALID)
    ../src/games/nash.cpp
    ../include/statecraft/error.hpp
    ../src/games/support.hpp

tests/CMakeFiles/games_tests.dir/unit/games/nash_test.cpp.o: #deps 2, deps mtime 1 (VALID)
    ../tests/unit/games/nash_test.cpp
    ../include/statecraft/error.hpp
"""


@pytest.fixture(scope="module")
def lint():
    spec = importlib.util.spec_from_file_location("lint", SOURCE / "scripts" / "lint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def units(lint):
    return lint.parse_deps(DEPS, BUILD, ROOT)


def hashes_of(units, **changed):
    files = {p for inputs in units.values() for p in inputs}
    return {p: changed.get(p.replace("/", "_").replace(".", "_"), "h-" + p) for p in files}


def test_units_are_the_library_sources_with_their_project_inputs(units):
    assert units == {
        "src/core/error.cpp": [".clang-tidy", "src/core/error.cpp", "include/statecraft/error.hpp"],
        "src/games/nash.cpp": [".clang-tidy", "src/games/nash.cpp", "include/statecraft/error.hpp",
                               "src/games/support.hpp"],
    }


def test_nothing_is_stale_when_every_input_is_as_recorded(lint, units):
    hashes = hashes_of(units)
    assert lint.stale_units(units, hashes, dict(hashes)) == []
    assert lint.stale_units(units, hashes, dict(hashes), everything=True) == sorted(units)


def test_a_changed_header_makes_every_unit_that_includes_it_stale(lint, units):
    clean = hashes_of(units)
    assert lint.stale_units(units, hashes_of(units, src_games_support_hpp="new"), clean) == \
        ["src/games/nash.cpp"]
    assert lint.stale_units(units, hashes_of(units, include_statecraft_error_hpp="new"), clean) == \
        ["src/core/error.cpp", "src/games/nash.cpp"]


def test_a_changed_configuration_or_a_new_unit_is_stale(lint, units):
    clean = hashes_of(units)
    assert lint.stale_units(units, {**clean, ".clang-tidy": "new"}, clean) == sorted(units)
    del clean["src/core/error.cpp"]
    assert lint.stale_units(units, hashes_of(units), clean) == ["src/core/error.cpp"]


def test_the_record_takes_only_the_inputs_of_units_found_clean(lint, units):
    before = hashes_of(units)
    now = hashes_of(units, src_games_support_hpp="new", src_core_error_cpp="new")
    after = lint.record_clean(before, units, now, ["src/games/nash.cpp"])
    assert after["src/games/support.hpp"] == "new"
    assert after["src/core/error.cpp"] == before["src/core/error.cpp"]
    assert lint.stale_units(units, now, after) == ["src/core/error.cpp"]
