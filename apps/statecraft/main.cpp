// statecraft: the command-line front end. Parses the command line, runs the chosen subcommand,
// and maps errors to sysexits(3) codes: 64 usage, 65 bad data, 66 missing input, 70 internal,
// 74 I/O (also when standard output cannot be written). Bad input never crashes the tool and
// never leaves a half-written output file.

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>

#include "command_registry.hpp"
#include "statecraft/error.hpp"
#include "statecraft/services/processes.hpp"
#include "statecraft/version.hpp"

namespace statecraft::cli {
std::vector<Registration>& registry() {
  static std::vector<Registration> r;
  return r;
}
}  // namespace statecraft::cli

namespace {

// Writes what is still buffered for standard output; a failure there (a full disk, a closed
// descriptor) is an I/O error, exit 74, unless the command already failed with its own code.
int flush_stdout(int code) {
  errno = 0;
  std::cout.flush();
  if (std::cout || code != 0) return code;
  const int err = errno;
  std::cerr << "statecraft: standard output: write error" << (err != 0 ? ": " : "")
            << (err != 0 ? std::strerror(err) : "") << '\n';
  return static_cast<int>(statecraft::ExitCode::kIoErr);
}

int run(int argc, char** argv) {
  using namespace statecraft;
  CLI::App app{"statecraft: strategic analysis of geopolitical crises", "statecraft"};
  app.set_version_flag("--version", version() + " (" + git_commit() + ")");
  app.require_subcommand(1);
  app.fallthrough(false);

  auto regs = cli::registry();
  std::sort(regs.begin(), regs.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::vector<cli::Command> commands;
  commands.reserve(regs.size());
  for (const auto& r : regs) commands.push_back(r.factory(app));

  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
      // CLI11 echoes the offending argument: escaped, it cannot forge a line of its own.
      std::cerr << "statecraft: " << printable(e.what()) << "\nRun with --help for more information.\n";
      return static_cast<int>(ExitCode::kUsage);
    }
    for (auto& c : commands) {
      if (!c.app->parsed()) continue;
      if (!c.distributed && services::Processes::size() > 1)
        throw UsageError(c.app->get_name() +
                         " runs as one process: only forecast, sensitivity and compare are spread over MPI ranks");
      return c.run();
    }
    return static_cast<int>(ExitCode::kUsage);
  } catch (const ScenarioError& e) {
    for (const auto& d : e.problems()) std::cerr << d.to_string() << '\n';
    std::cerr << e.problems().size() << (e.problems().size() == 1 ? " problem" : " problems") << " found\n";
    return static_cast<int>(e.code());
  } catch (const Error& e) {
    std::cerr << "statecraft: " << printable(e.what()) << '\n';
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    std::cerr << "statecraft: out of memory\n";
    return static_cast<int>(ExitCode::kSoftware);
  } catch (const std::exception& e) {
    std::cerr << "statecraft: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kSoftware);
  }
}

}  // namespace

int main(int argc, char** argv) {
  statecraft::services::Processes processes(argc, argv);
  const int code = flush_stdout(run(argc, argv));
  return code == 0 ? 0 : processes.fail(code);
}
