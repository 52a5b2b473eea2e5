// statecraft score SCENARIO OUTCOMES: a hindcast's forecast scored against what happened, beside
// the reference forecasters (docs/validation.md).

#include <unistd.h>

#include <iostream>

#include "command_registry.hpp"
#include "progress.hpp"
#include "statecraft/io.hpp"
#include "statecraft/services/score.hpp"
#include "statecraft/services/score_report.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  services::ScoreOptions score;
  std::string json;
  bool quiet = false;
};

Command make(CLI::App& parent) {
  auto opts = std::make_shared<Options>();
  auto* sub = parent.add_subcommand(
      "score",
      "Score a hindcast scenario's forecast against an outcomes file (Brier, log, reliability, reference forecasters)");
  sub->add_option("scenario", opts->score.scenario_file, "Hindcast scenario YAML (every source dated)")->required();
  sub->add_option("outcomes", opts->score.outcomes_file, "Outcomes YAML (docs/validation.md)")->required();
  sub->add_option("-n,--draws", opts->score.draws, "Monte Carlo draws")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  sub->add_option("-s,--seed", opts->score.seed, "Random seed (default: the scenario's meta.seed)");
  sub->add_option("-t,--threads", opts->score.threads, "Threads (0 = all cores)")->check(CLI::Range(0, 1024));
  sub->add_option("--bargaining-draws", opts->score.bargaining_draws,
                  "At most this many draws run BDM, SMP and Nash on the static issues (default 0 = every draw)");
  sub->add_option("--bins", opts->score.bins, "Bins of the reliability table")->check(CLI::Range(1, 100));
  sub->add_option("--json", opts->json, "Write the scores as JSON to this file ('-' for standard output)");
  sub->add_flag("-q,--quiet", opts->quiet, "Do not print the terminal report");
  return {sub, [opts] {
            OutputSet outputs({opts->json}, {opts->score.scenario_file, opts->score.outcomes_file});
            services::Callbacks cb;
            cb.log = [](const std::string& m) { std::cerr << m << "\n"; };
            if (::isatty(STDERR_FILENO) && !opts->quiet) cb.progress = progress_bar("score");
            const auto result = services::score(opts->score, cb);
            if (!opts->json.empty()) outputs.put(opts->json, services::score_json(result));
            outputs.commit();
            if (!opts->quiet && opts->json != "-") std::cout << services::score_text(result);
            return 0;
          }};
}

const Registrar kRegistrar{25, &make};

}  // namespace
}  // namespace statecraft::cli
