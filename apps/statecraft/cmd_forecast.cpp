// statecraft forecast [FILE]: the Monte Carlo forecast of a scenario (default: the embedded
// Belarus scenario).

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "command_registry.hpp"
#include "progress.hpp"
#include "statecraft/io.hpp"
#include "statecraft/report/forecast_report.hpp"
#include "statecraft/report/html_report.hpp"
#include "statecraft/scenario/scenario.hpp"
#include "statecraft/services.hpp"
#include "statecraft/services/overrides.hpp"
#include "statecraft/services/processes.hpp"
#include "statecraft/services/run_store.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  std::string file;
  std::size_t draws = 10000;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::size_t bargaining_draws = 0;
  std::size_t driver_samples = 128;
  std::string json;
  std::string html;
  bool quiet = false;
  bool timing = false;
  std::string store;
  bool resume = false;
  std::string variant;
  std::vector<std::string> set;
};

Command make(CLI::App& parent) {
  auto opts = std::make_shared<Options>();
  auto* sub =
      parent.add_subcommand("forecast", "Monte Carlo forecast of a scenario (default: embedded Belarus scenario)");
  sub->add_option("file", opts->file, "Scenario YAML file (omit for the embedded belarus.yaml)");
  sub->add_option("-n,--draws", opts->draws, "Monte Carlo draws")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  sub->add_option("-s,--seed", opts->seed, "Random seed (default: the scenario's meta.seed)");
  sub->add_option("-t,--threads", opts->threads, "Threads (0 = all cores)")->check(CLI::Range(0, 1024));
  sub->add_option("--bargaining-draws", opts->bargaining_draws,
                  "At most this many draws, evenly spread, run the dynamic bargaining models BDM, SMP and Nash "
                  "(default 0 = every draw)");
  sub->add_option("--driver-samples", opts->driver_samples,
                  "Rows of the grouped Sobol' design that names each question's drivers (0 = none)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  sub->add_option("--json", opts->json, "Write the forecast as JSON to this file ('-' for standard output)");
  sub->add_option("--html", opts->html,
                  "Write a self-contained HTML report (charts included, works offline) to this file");
  sub->add_flag("-q,--quiet", opts->quiet, "Do not print the terminal report");
  sub->add_flag("--timing", opts->timing, "Print where the time went (per model and timeline part) to standard error");
  sub->add_option("--store", opts->store,
                  "Keep the run (scenario, draws, results) in this SQLite run store (see `statecraft runs`)");
  sub->add_flag("--resume", opts->resume,
                "Continue the store's unfinished run (same scenario and settings) instead of starting one")
      ->needs("--store");
  sub->add_option("--variant", opts->variant, "Apply this variant of the scenario (its `variants:` section)");
  sub->add_option("--set", opts->set,
                  "Set a parameter: NAME=VALUE (a number, an expression or a YAML mapping); repeatable")
      ->allow_extra_args(false);
  return {sub,
          [opts] {
            if (!opts->html.empty()) report::require_html();            // before the run, not after it
            const bool writes = services::Processes::writes_outputs();  // rank 0 of an MPI job
            OutputSet outputs({writes ? opts->json : "", writes ? opts->html : ""},
                              {opts->file, opts->store});  // checked before the run
            services::ForecastOptions fo;
            fo.scenario_file = opts->file;
            fo.seed = opts->seed;
            fo.draws = opts->draws;
            fo.threads = opts->threads;
            fo.bargaining_draws = opts->bargaining_draws;
            fo.driver_samples = opts->driver_samples;
            fo.overrides.variant = opts->variant;
            fo.overrides.set = services::parse_sets(opts->set);
            services::Callbacks cb;
            if (writes) cb.log = [](const std::string& m) { std::cerr << m << "\n"; };
            if (writes && ::isatty(STDERR_FILENO) && !opts->quiet) cb.progress = progress_bar("forecast");
            const auto result = opts->store.empty()
                                    ? services::forecast(fo, cb)
                                    : services::forecast_stored(fo, opts->store, opts->resume, cb).result;
            if (!writes) return 0;
            const std::string json = report::forecast_json(result);
            if (!opts->json.empty()) outputs.put(opts->json, json);
            if (!opts->html.empty())
              outputs.put(opts->html, report::forecast_html(nlohmann::ordered_json::parse(json)));
            outputs.commit();
            if (!opts->quiet && opts->json != "-" && opts->html != "-") std::cout << report::forecast_text(result);
            if (opts->timing) std::cerr << report::forecast_timing(result);
            return 0;
          },
          true};
}

const Registrar kRegistrar{20, &make};

}  // namespace
}  // namespace statecraft::cli
