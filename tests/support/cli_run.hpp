// Running the statecraft CLI from a test, as a user would, and naming scratch files.
//
// ctest runs test cases as separate processes in parallel, so every scratch path carries the
// process id: two cases never write the same file.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace statecraft::testing {

struct CliRun {
  int code = -1;    // exit status, or -1 if the process did not exit normally
  std::string out;  // stdout and stderr together
};

// Runs `statecraft ARGS` through the shell (ARGS may hold redirections or `cd DIR &&` before).
inline CliRun run_shell(const std::string& command) {
  CliRun r;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline CliRun run_cli(const std::string& args) { return run_shell(std::string(STATECRAFT_CLI) + " " + args); }

// A path in the temporary directory private to this process.
inline std::string scratch_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("statecraft_" + std::to_string(::getpid()) + "_" + name)).string();
}

}  // namespace statecraft::testing
