// statecraft compare [FILE] --variants a,b,...: each question under the baseline and each
// variant, with the paired difference (common random numbers).

#include <unistd.h>

#include <iostream>

#include "command_registry.hpp"
#include "progress.hpp"
#include "statecraft/io.hpp"
#include "statecraft/report/compare_html.hpp"
#include "statecraft/report/html_report.hpp"
#include "statecraft/services/compare.hpp"
#include "statecraft/services/overrides.hpp"
#include "statecraft/services/processes.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  services::CompareOptions c;
  std::vector<std::string> set;
  std::string json, html;
  bool quiet = false;
};

Command make(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* sub =
      parent.add_subcommand("compare", "What-if: each question under the scenario's variants, with paired differences");
  sub->add_option("file", o->c.scenario_file, "Scenario YAML file (omit for the embedded belarus.yaml)");
  sub->add_option("--variants", o->c.variants, "Variants to compare with the baseline, comma-separated")
      ->delimiter(',')
      ->required();
  sub->add_option("-n,--draws", o->c.draws, "Monte Carlo draws per variant")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  sub->add_option("-s,--seed", o->c.seed, "Random seed (default: the scenario's meta.seed)");
  sub->add_option("-t,--threads", o->c.threads, "Threads (0 = all cores)")->check(CLI::Range(0, 1024));
  sub->add_option("--bargaining-draws", o->c.bargaining_draws,
                  "At most this many draws run BDM, SMP and Nash (0 = every draw)");
  sub->add_option("--set", o->set, "Set a parameter in every run: NAME=VALUE; repeatable")->allow_extra_args(false);
  sub->add_option("--json", o->json, "Write the comparison as JSON to this file ('-' for standard output)");
  sub->add_option("--html", o->html,
                  "Write a self-contained HTML report (charts included, works offline) to this file");
  sub->add_flag("-q,--quiet", o->quiet, "Do not print the terminal report");
  return {sub,
          [o] {
            if (!o->html.empty()) report::require_html();               // before the runs, not after them
            const bool writes = services::Processes::writes_outputs();  // rank 0 of an MPI job
            OutputSet outputs({writes ? o->json : "", writes ? o->html : ""}, {o->c.scenario_file});
            o->c.set = services::parse_sets(o->set);
            services::Callbacks cb;
            if (writes) cb.log = [](const std::string& m) { std::cerr << m << "\n"; };
            if (writes && ::isatty(STDERR_FILENO) && !o->quiet) cb.progress = progress_bar("compare");
            const auto c = services::compare(o->c, cb);
            if (!writes) return 0;
            const std::string json = services::comparison_json(c);
            if (!o->json.empty()) outputs.put(o->json, json);
            if (!o->html.empty()) outputs.put(o->html, report::comparison_html(nlohmann::ordered_json::parse(json)));
            outputs.commit();
            if (!o->quiet && o->json != "-" && o->html != "-") std::cout << services::comparison_text(c);
            return 0;
          },
          true};
}

const Registrar kRegistrar{22, &make};

}  // namespace
}  // namespace statecraft::cli
