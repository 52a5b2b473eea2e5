// statecraft sensitivity [FILE]: grouped Sobol' indices and tornadoes of a scenario's forecast
// (default: the embedded Belarus scenario).

#include <unistd.h>

#include <iostream>

#include "command_registry.hpp"
#include "progress.hpp"
#include "statecraft/io.hpp"
#include "statecraft/report/sensitivity_report.hpp"
#include "statecraft/services/processes.hpp"
#include "statecraft/services/sensitivity.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  services::SensitivityOptions run;
  std::string json;
  bool quiet = false;
};

Command make(CLI::App& parent) {
  auto opts = std::make_shared<Options>();
  auto* sub = parent.add_subcommand("sensitivity", "Grouped Sobol' indices and tornadoes of a scenario's forecast");
  auto& r = opts->run;
  sub->add_option("file", r.scenario_file, "Scenario YAML file (omit for the embedded belarus.yaml)");
  sub->add_option("-n,--samples", r.samples, "Rows of the Saltelli design (each costs groups + 2 runs)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
  sub->add_option("-s,--seed", r.seed, "Random seed (default: the scenario's meta.seed)");
  sub->add_option("-t,--threads", r.threads, "Threads (0 = all cores)")->check(CLI::Range(0, 1024));
  sub->add_option("--bootstrap", r.bootstrap, "Bootstrap replicates of the intervals")
      ->check(CLI::Range(std::size_t{0}, std::size_t{100000}));
  sub->add_option("--tornado-draws", r.tornado_draws, "Chance draws per tornado setting (0 = no tornado)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{100000}));
  sub->add_option("--json", opts->json, "Write the analysis as JSON to this file ('-' for standard output)");
  sub->add_flag("-q,--quiet", opts->quiet, "Do not print the terminal report");
  return {sub,
          [opts] {
            const bool writes = services::Processes::writes_outputs();                 // rank 0 of an MPI job
            OutputSet outputs({writes ? opts->json : ""}, {opts->run.scenario_file});  // checked before the run
            services::Callbacks cb;
            if (writes) cb.log = [](const std::string& m) { std::cerr << m << "\n"; };
            if (writes && ::isatty(STDERR_FILENO) && !opts->quiet) cb.progress = progress_bar("sensitivity");
            const auto result = services::sensitivity(opts->run, cb);
            if (!writes) return 0;
            if (!opts->json.empty()) outputs.put(opts->json, report::sensitivity_json(result));
            outputs.commit();
            if (!opts->quiet && opts->json != "-") std::cout << report::sensitivity_text(result);
            return 0;
          },
          true};
}

const Registrar kRegistrar{25, &make};

}  // namespace
}  // namespace statecraft::cli
