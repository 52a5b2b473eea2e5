#pragma once
/// @file version.hpp
/// Version and build provenance, printed at the head of every output.

#include <string>

namespace statecraft {

/// The library version, e.g. "0.1.0".
std::string version();
/// The git commit the library was built from ("unknown" outside a git checkout; "-dirty" suffix
/// when built from uncommitted changes).
std::string git_commit();

}  // namespace statecraft
