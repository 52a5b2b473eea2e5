#pragma once
// Subcommands register themselves here from their own cmd_*.cpp file, so adding a subcommand
// touches no other file. The CLI holds option parsing only; every model lives in the library.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace statecraft::cli {

/// A parsed subcommand and what to run when it was chosen; `run` returns the exit code.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
  bool distributed = false;  ///< runs as one of the ranks of an MPI job (services/processes.hpp)
};

/// Adds a subcommand (its options and its action) to the top-level app.
using CommandFactory = Command (*)(CLI::App& parent);

struct Registration {
  int order;  ///< position in `statecraft --help`
  CommandFactory factory;
};

/// All registered subcommands.
std::vector<Registration>& registry();

/// Registers a subcommand at static-initialisation time: `static Registrar r{10, &make};`.
struct Registrar {
  Registrar(int order, CommandFactory factory) { registry().push_back({order, factory}); }
};

}  // namespace statecraft::cli
