// statecraft validate FILE: checks a scenario and reports every problem with its location.

#include <iostream>

#include "command_registry.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  std::string file;
  bool quiet = false;
};

Command make(CLI::App& parent) {
  auto opts = std::make_shared<Options>();
  auto* sub = parent.add_subcommand("validate", "Check a scenario file; print every problem as FILE:LINE:COL");
  sub->add_option("file", opts->file, "Scenario YAML file")->required();
  sub->add_flag("-q,--quiet", opts->quiet, "Print nothing when the scenario is valid");
  return {sub, [opts] {
            const auto s = scenario::load_scenario_file(opts->file);
            for (const auto& w : s.warnings) std::cerr << w.to_string() << " (warning)\n";
            if (!opts->quiet) {
              std::cout << opts->file << ": valid (" << s.actors.size() << " actors, " << s.issues.size() << " issues, "
                        << s.games.size() << " games, " << s.questions.size() << " questions, " << s.quantities.size()
                        << " numbers of which " << s.uncertain_count() << " uncertain)\n";
            }
            return 0;
          }};
}

const Registrar kRegistrar{10, &make};

}  // namespace
}  // namespace statecraft::cli
