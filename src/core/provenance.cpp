#include "statecraft/provenance.hpp"

#include <fmt/format.h>

#include "statecraft/version.hpp"

namespace statecraft {

namespace detail {
extern const char* const kVersion;    // generated from project(VERSION) by cmake/GitCommit.cmake
extern const char* const kGitCommit;  // generated at every build by cmake/GitCommit.cmake
}  // namespace detail

std::string version() { return detail::kVersion; }
std::string git_commit() { return detail::kGitCommit; }

Provenance Provenance::of(std::string command, std::string input, std::string input_sha256) {
  return Provenance{std::move(command), statecraft::version(),   statecraft::git_commit(),
                    std::move(input),   std::move(input_sha256), {}};
}

Provenance& Provenance::with(std::string key, nlohmann::ordered_json value) {
  settings.emplace_back(std::move(key), std::move(value));
  return *this;
}

nlohmann::ordered_json Provenance::json() const {
  nlohmann::ordered_json j = {{"tool", "statecraft " + command},
                              {"version", version},
                              {"git_commit", git_commit},
                              {"input", input},
                              {"input_sha256", input_sha256}};
  for (const auto& [k, v] : settings) j[k] = v;
  return j;
}

std::string Provenance::lines(std::string_view prefix) const {
  std::string out = fmt::format("{}statecraft {} (commit {}) {}\n", prefix, version, git_commit, command);
  out += fmt::format("{}input {} sha256 {}\n", prefix, input, input_sha256);
  for (const auto& [k, v] : settings)
    out += fmt::format("{}{} {}\n", prefix, k, v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

}  // namespace statecraft
