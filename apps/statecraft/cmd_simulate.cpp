// `statecraft simulate`: runs the society model (Epstein's civil violence, optionally with the
// Belarus extensions from a scenario file) and writes its time series. Option parsing only.

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "command_registry.hpp"
#include "progress.hpp"
#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "statecraft/services/simulate.hpp"

namespace statecraft::cli {
namespace {

struct Options {
  std::string file;
  std::int64_t agents = 0;
  int steps = -1;
  std::string mode;
  std::string seed;  // text: a negative number must not wrap
  int threads = 0;
  std::string order = "auto";
  std::string json, csv, snapshot;
  int snapshot_step = -1;
  std::vector<std::string> sets;
  std::optional<double> legitimacy;
  bool quiet = false;
};

/// Refuses, before anything runs, an output that could not be written or would overwrite an input.
void check_output(const std::string& path, const std::string& option, const std::string& input) {
  namespace fs = std::filesystem;
  if (path.empty()) return;
  std::error_code ec;
  const fs::path p(path);
  if (!input.empty() && fs::exists(p, ec) && fs::equivalent(p, fs::path(input), ec))
    throw UsageError(option + " " + path + ": found the input file, expected a new output path");
  if (fs::is_directory(p, ec))
    throw IoError(ExitCode::kIoErr, option + " " + path + ": is a directory, expected a file path");
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec))
    throw IoError(ExitCode::kIoErr, option + " " + path + ": directory " + dir.string() + " does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    throw IoError(ExitCode::kIoErr, option + " " + path + ": directory " + dir.string() + " is not writable");
}

void check_outputs(const Options& o) {
  check_output(o.json, "--json", o.file);
  check_output(o.csv, "--csv", o.file);
  check_output(o.snapshot, "--snapshot", o.file);
  const std::vector<std::string> outs = {o.json, o.csv, o.snapshot};
  for (std::size_t i = 0; i < outs.size(); ++i)
    for (std::size_t j = i + 1; j < outs.size(); ++j)
      if (!outs[i].empty() && outs[i] == outs[j]) throw UsageError("the same output path twice: " + outs[i]);
}

double parse_set_value(const std::string& name, const std::string& text) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw UsageError("--set " + name + ": expected a number, found '" + text + "'");
}

std::vector<std::pair<std::string, double>> parse_sets(const std::vector<std::string>& sets) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw UsageError("--set expects NAME=VALUE, found '" + s + "'");
    out.emplace_back(s.substr(0, eq), parse_set_value(s.substr(0, eq), s.substr(eq + 1)));
  }
  return out;
}

services::SimulateOptions service_options(const Options& o, const std::string& command_line) {
  services::SimulateOptions so;
  so.file = o.file;
  so.agents = o.agents;
  so.steps = o.steps;
  so.mode = o.mode;
  so.seed = o.seed;
  so.threads = o.threads;
  so.order = o.order;
  so.legitimacy = o.legitimacy;
  so.command = command_line;
  so.snapshot_step = o.snapshot_step;
  return so;
}

std::string summary_text(const services::SimulateResult& res) {
  std::ostringstream out;
  const auto& r = res.run;
  out << res.provenance.lines("# ");
  const double agent_steps = static_cast<double>(res.citizens + res.cops) * res.steps;
  const auto& m = r.summary;
  const double ppa = res.scaling.people_per_agent;
  const double n = static_cast<double>(res.citizens);
  out << "steps " << r.series.size() << " in " << r.seconds << " s ("
      << (r.seconds > 0 ? r.series.size() / r.seconds : 0) << " steps/s, " << agent_steps / std::max(r.seconds, 1e-9)
      << " agent-steps/s), memory " << static_cast<double>(r.memory_bytes) / 1048576.0 << " MiB\n";
  out << "peak active " << m.peak_active << " (" << 100.0 * static_cast<double>(m.peak_active) / n << "% of citizens";
  if (ppa != 1.0) out << ", ~" << std::llround(static_cast<double>(m.peak_active) * ppa) << " people";
  out << ") at step " << m.peak_step << "\n";
  out << "mean active " << m.mean_active << ", bursts " << m.bursts << "\n";
  out << "arrests " << m.total_arrests;
  if (ppa != 1.0) out << " (~" << std::llround(static_cast<double>(m.total_arrests) * ppa) << " people)";
  out << ", jailed at end " << m.final_jailed << ", emigrated " << m.emigrated << "\n";
  if (!r.series.empty())
    out << "cops loyal " << r.series.back().cops_loyal << ", defected " << m.final_defected << "\n";
  const auto& oc = r.outcome;
  out << "reserve arrived at step " << oc.reserve_arrived_step << ", collapse at step " << oc.collapse_step
      << ", intervention " << (oc.intervention ? "yes" : "no") << "\n";
  return out.str();
}

int run_simulate(const Options& o, const std::string& command_line) {
  services::SimulateOptions so = service_options(o, command_line);
  so.settings.resize(o.sets.size());  // their presence is checked now; parsed once the file is read
  services::check_simulate_options(so);
  check_outputs(o);
  OutputSet outputs({o.csv, o.json, o.snapshot}, {o.file});  // checked before the run; all or nothing
  so.settings = parse_sets(o.sets);
  if (!o.snapshot.empty())
    so.snapshot = [&](const society::Model& m) { society::write_png(m, outputs.staging_path(o.snapshot)); };
  services::Callbacks cb;
  if (::isatty(STDERR_FILENO) && !o.quiet) cb.progress = progress_bar("simulate");
  if (!o.quiet) cb.log = [](const std::string& m) { std::cerr << m << "\n"; };
  const services::SimulateResult res = services::simulate(so, cb);
  if (!o.csv.empty()) outputs.put(o.csv, society::to_csv(res.run, res.provenance));
  if (!o.json.empty()) outputs.put(o.json, society::to_json(res.run, res.config, res.provenance));
  outputs.commit();
  std::cout << summary_text(res);
  return 0;
}

Command make(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* sub =
      parent.add_subcommand("simulate", "Run the agent-based civil-violence model (Epstein 2002; Belarus extensions)");
  sub->add_option("FILE", o->file, "scenario with a society section (e.g. scenarios/belarus-2020.yaml)");
  sub->add_option("--agents", o->agents, "agents to simulate (citizens when a FILE is given)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{2000000000}));
  sub->add_option("--steps", o->steps, "steps (days) to run")->check(CLI::Range(0, 100000000));
  sub->add_option("--mode", o->mode,
                  "mesa | netlogo (the exact preset; a FILE gives only its seed and steps) | belarus")
      ->check(CLI::IsMember({"mesa", "netlogo", "belarus"}));
  sub->add_option("--seed", o->seed, "random seed (a whole number in [0, 2^64-1])");
  sub->add_option("--threads", o->threads, "threads for the parallel orders (0 = all)")->check(CLI::Range(0, 1024));
  sub->add_option("--order", o->order,
                  "update order: sequential (exact), conflict-free (the sequential order's law, parallel), blocked "
                  "(parallel), synchronous (parallel, fastest), auto (blocked above 400,000 cells, else sequential)")
      ->check(CLI::IsMember({"auto", "sequential", "blocked", "synchronous", "conflict-free"}));
  sub->add_option("--json", o->json, "write summary and time series as JSON");
  sub->add_option("--csv", o->csv, "write the time series as CSV");
  sub->add_option("--snapshot", o->snapshot, "write a PNG of the grid (at the end, or at --snapshot-step)");
  sub->add_option("--snapshot-step", o->snapshot_step, "step of the PNG snapshot")->check(CLI::Range(0, 100000000));
  sub->add_option("--set", o->sets, "override a society setting of FILE: NAME=VALUE (repeatable)");
  sub->add_option("--legitimacy", o->legitimacy, "constant legitimacy L in [0, 1] (replaces any schedule)");
  sub->add_flag("-q,--quiet", o->quiet, "no progress bar on stderr");
  return {sub, [o, sub]() {
            std::string line = "statecraft simulate";
            if (!o->file.empty()) line.append(" ").append(o->file);
            for (const auto* opt : sub->get_options()) {
              if (opt->get_name() == "FILE" || opt->count() == 0 || opt->get_name() == "--help") continue;
              for (const auto& v : opt->results()) {
                line.append(" ").append(opt->get_name());
                if (!v.empty() && opt->get_expected_min() != 0) line.append(" ").append(v);
              }
            }
            return run_simulate(*o, line);
          }};
}

static Registrar registrar{50, &make};

}  // namespace
}  // namespace statecraft::cli
