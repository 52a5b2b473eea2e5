// `statecraft bargain FILE`: forecasts a multi-actor issue with the bargaining models.
// `statecraft validate-bargaining [FILE]`: every model on every DEU III issue with an outcome.
// Option parsing and output only; the models live in statecraft/bargaining.

#include <fmt/format.h>
#include <unistd.h>

#include <cstdint>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command_registry.hpp"
#include "progress.hpp"
#include "statecraft/bargaining/deu3.hpp"
#include "statecraft/bargaining/models.hpp"
#include "statecraft/io.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/services/bargain.hpp"

namespace statecraft::cli {
namespace {

namespace bg = statecraft::bargaining;

struct BargainArgs {
  std::string file;
  std::string model = "all";
  std::string json_out;
  bool stochastic = false;
  std::uint64_t seed = 0;
  std::uint64_t draw = 0;
};

// The issue's table on standard output and its JSON object (problem and forecasts).
nlohmann::json render_issue(const services::BargainIssue& issue) {
  const bg::BargainingProblem& p = issue.problem;
  nlohmann::json out;
  out["problem"] = {{"name", p.name}, {"description", p.description}, {"dimensions", p.dimensions}};
  for (const auto& act : p.actors)
    out["problem"]["actors"].push_back(
        {{"name", act.name}, {"capability", act.capability}, {"position", act.position}, {"salience", act.salience}});

  std::cout << fmt::format("# {}: {} actors, {} dimensions\n", p.name, p.actors.size(), p.dimensions.size());
  std::cout << fmt::format("{:<11} {:>6} {:>9}", "model", "rounds", "converged");
  for (const auto& d : p.dimensions) std::cout << fmt::format(" {:>12.12}", d);
  std::cout << '\n';
  for (const bg::Forecast& f : issue.forecasts) {
    // "yes": fixed point; "cycle-P": the state repeats every P rounds; "no": the round limit.
    const std::string stop = !f.converged ? "no" : f.cycle_period > 1 ? fmt::format("cycle-{}", f.cycle_period) : "yes";
    std::cout << fmt::format("{:<11} {:>6} {:>9}", bg::model_name(f.model), f.rounds, stop);
    for (double v : f.outcome) std::cout << fmt::format(" {:>12.3f}", v);
    std::cout << '\n';
    nlohmann::json jf = {{"model", bg::model_name(f.model)}, {"outcome", f.outcome},           {"rounds", f.rounds},
                         {"converged", f.converged},         {"cycle_period", f.cycle_period}, {"history", f.history}};
    if (!f.probabilities.empty()) jf["probabilities"] = f.probabilities;
    out["forecasts"].push_back(std::move(jf));
  }
  return out;
}

int run_bargain(const BargainArgs& a) {
  OutputSet outputs({a.json_out}, {a.file});  // checked before the work
  const services::BargainResult r = services::bargain({a.file, a.model, a.stochastic, a.seed, a.draw});
  std::cout << r.provenance.lines("# ");
  nlohmann::json all;
  for (const auto& issue : r.issues) all.push_back(render_issue(issue));
  nlohmann::json out = r.issues.size() == 1 ? all[0] : nlohmann::json{{"issues", all}};
  out["provenance"] = r.provenance.json();
  if (!a.json_out.empty()) outputs.put(a.json_out, out.dump(1) + "\n");
  outputs.commit();
  return 0;
}

Command make_bargain(CLI::App& parent) {
  auto args = std::make_shared<BargainArgs>();
  CLI::App* sub = parent.add_subcommand(
      "bargain",
      "Forecast multi-actor issues (KTAB CSV, or every issue of a YAML scenario) with SMP, BDM and baselines");
  sub->add_option("FILE", args->file,
                  "KTAB SMP scenario (*.csv) or statecraft scenario (*.yaml: its issues at central values)")
      ->required();
  sub->add_option("--model", args->model, "smp, bdm, compromise, median, nash, mean or all")
      ->check(CLI::IsMember({"all", "smp", "bdm", "compromise", "median", "nash", "mean"}));
  sub->add_option("--json", args->json_out, "write forecasts with the position history per round as JSON");
  sub->add_flag("--stochastic", args->stochastic, "SMP: draw the next state instead of taking the most likely");
  sub->add_option("--seed", args->seed, "seed of the SMP's stochastic mode");
  sub->add_option("--draw", args->draw, "Monte Carlo draw index of the SMP's stochastic mode");
  return {sub, [args]() { return run_bargain(*args); }};
}

struct ValidateArgs {
  std::string file;
  std::string models = "all";
  std::string markdown_out;
  bool quiet = false;
};

int run_validate(const ValidateArgs& a) {
  OutputSet outputs({a.markdown_out}, {a.file});  // checked before the work
  const std::string text = bg::read_input_file(a.file);
  const auto issues = bg::parse_deu3(text, a.file);
  std::vector<bg::ModelKind> models;
  if (a.models == "all") {
    models = bg::all_models();
  } else {
    std::string rest = a.models;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      models.push_back(bg::parse_model_name(rest.substr(0, comma)));
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    }
  }
  const bool bar = ::isatty(STDERR_FILENO) && !a.quiet;
  const auto rep = bg::validate_models(issues, models, {}, bar ? progress_bar("validate-bargaining") : nullptr);
  std::string s = "<!--\n" + Provenance::of("validate-bargaining", a.file, sha256_hex(text)).lines("") + "-->\n";
  s += bg::format_validation_markdown(rep);
  std::cout << s;
  if (!a.markdown_out.empty()) outputs.put(a.markdown_out, s);
  outputs.commit();
  return 0;
}

Command make_validate(CLI::App& parent) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* sub = parent.add_subcommand(
      "validate-bargaining", "Score every bargaining model against the real outcomes of DEU III (N, MAE, median AE)");
  sub->add_option("FILE", args->file, "DEU III table (tab-separated), e.g. data/peers/deu3/deu3.tsv")->required();
  sub->add_option("--models", args->models, "comma-separated models, or all");
  sub->add_option("--markdown", args->markdown_out, "also write the table to this file");
  sub->add_flag("-q,--quiet", args->quiet, "no progress bar on stderr");
  return {sub, [args]() { return run_validate(*args); }};
}

Registrar r_bargain{40, &make_bargain};
Registrar r_validate{41, &make_validate};

}  // namespace
}  // namespace statecraft::cli
