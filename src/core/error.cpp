#include "statecraft/error.hpp"

#include "statecraft/version.hpp"

namespace statecraft {

std::string Location::to_string() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::to_string() const {
  std::string s = where.to_string();
  s += ": ";
  if (!path.empty()) s += path + ": ";
  s += "found " + found + ", expected " + expected;
  return s;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += '\n';
    s += d.to_string();
  }
  return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> problems)
    : Error(ExitCode::kDataErr, join(problems)), problems_(std::move(problems)) {}

namespace detail {
extern const char* const kGitCommit;
}

std::string version() { return STATECRAFT_VERSION; }
std::string git_commit() { return detail::kGitCommit; }

}  // namespace statecraft
