// statecraft report RUN.json --html OUT.html: the HTML report of a forecast saved with
// `statecraft forecast --json` or of a comparison saved with `statecraft compare --json`. Option parsing only; the work
// is services::html_report().

#include "command_registry.hpp"
#include "statecraft/io.hpp"
#include "statecraft/services/report.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  std::string forecast;
  std::string html;
};

Command make(CLI::App& parent) {
  auto opts = std::make_shared<Options>();
  auto* sub = parent.add_subcommand(
      "report", "Render a forecast or comparison saved with `forecast --json` or `compare --json` as a report");
  sub->add_option("forecast", opts->forecast, "The forecast's or comparison's JSON file")->required();
  sub->add_option("--html", opts->html, "Write a self-contained HTML report to this file ('-' for standard output)")
      ->required();
  return {sub, [opts] {
            OutputSet outputs({opts->html}, {opts->forecast});  // checked before the work
            outputs.put(opts->html, services::html_report(opts->forecast));
            outputs.commit();
            return 0;
          }};
}

const Registrar kRegistrar{25, &make};

}  // namespace
}  // namespace statecraft::cli
