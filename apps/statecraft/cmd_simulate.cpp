// `statecraft simulate`: runs the society model (Epstein's civil violence, optionally with the
// Belarus extensions from a scenario file) and writes its time series. Option parsing only.

#include <tbb/global_control.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "command_registry.hpp"
#include "statecraft/error.hpp"
#include "statecraft/io.hpp"
#include "statecraft/society/run.hpp"
#include "statecraft/society/society_config.hpp"
#include "statecraft/version.hpp"

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

std::uint64_t parse_seed(const std::string& text, const std::string& what) {
  std::uint64_t v = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || res.ec != std::errc() || res.ptr != text.data() + text.size())
    throw UsageError(what + ": found '" + text + "', expected a whole number in [0, 18446744073709551615]");
  return v;
}

/// Refuses, before anything runs, an output that could not be written or would overwrite an input.
void check_output(const std::string& path, const std::string& option, const std::string& input) {
  namespace fs = std::filesystem;
  if (path.empty()) return;
  std::error_code ec;
  const fs::path p(path);
  if (!input.empty() && fs::exists(p, ec) && fs::equivalent(p, fs::path(input), ec))
    throw UsageError(option + " " + path + ": found the input file, expected a new output path");
  if (fs::is_directory(p, ec)) throw IoError(ExitCode::kIoErr, option + " " + path + ": is a directory, expected a file path");
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) throw IoError(ExitCode::kIoErr, option + " " + path + ": directory " + dir.string() + " does not exist");
  if (::access(dir.c_str(), W_OK) != 0) throw IoError(ExitCode::kIoErr, option + " " + path + ": directory " + dir.string() + " is not writable");
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

void apply_sets(const Options& o, society::SocietyScenario& sc) {
  for (const auto& s : o.sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw UsageError("--set expects NAME=VALUE, found '" + s + "'");
    society::override_setting(sc, s.substr(0, eq), parse_set_value(s.substr(0, eq), s.substr(eq + 1)));
  }
}

society::Config preset(const std::string& mode) {
  using society::Config;
  return mode == "mesa" ? Config::mesa() : mode == "belarus" ? Config::belarus() : Config::netlogo();
}

/// The configuration to run. With --mode mesa|netlogo the preset is exact: the file contributes
/// only its seed and steps; the command line's --agents, --steps, --seed and --legitimacy apply.
society::Config configure(const Options& o, const std::optional<society::SocietyScenario>& sc, society::Scaling& scaling) {
  using namespace statecraft::society;
  const bool exact = o.mode == "mesa" || o.mode == "netlogo";
  Config c;
  if (sc && !exact) {
    c = make_config(*sc, o.agents, &scaling);
  } else {
    c = preset(o.mode);
    if (o.agents > 0) c.width = c.height = std::max(side_for_agents(c, o.agents), 2 * std::max(c.citizen_vision, c.cop_vision) + 1);
  }
  if (o.legitimacy) {
    c.legitimacy = *o.legitimacy;
    c.ext.legitimacy.points.clear();
  }
  if (!o.seed.empty()) c.seed = parse_seed(o.seed, "--seed");
  else if (sc) c.seed = parse_seed(sc->meta.at("seed"), o.file + ": meta.seed");
  // `auto` depends on the grid only, so a seed gives the same run on any number of threads.
  if (o.order == "sequential") c.update = UpdateOrder::kRandomSequential;
  else if (o.order == "blocked") c.update = UpdateOrder::kBlocked;
  else if (o.order == "synchronous") c.update = UpdateOrder::kSynchronous;
  else if (o.order == "conflict-free") c.update = UpdateOrder::kConflictFree;
  else c.update = static_cast<std::int64_t>(c.width) * c.height > 400000 ? UpdateOrder::kBlocked : UpdateOrder::kRandomSequential;
  return c;
}

void check_options(const Options& o) {
  if (o.legitimacy && !(*o.legitimacy >= 0.0 && *o.legitimacy <= 1.0))
    throw UsageError("--legitimacy: found " + std::to_string(*o.legitimacy) + ", expected a number in [0, 1]");
  if (!o.seed.empty()) (void)parse_seed(o.seed, "--seed");
  if (!o.sets.empty() && o.file.empty()) throw UsageError("--set needs a scenario FILE");
  if (!o.sets.empty() && (o.mode == "mesa" || o.mode == "netlogo"))
    throw UsageError("--set changes the file's settings, which --mode " + o.mode + " replaces by the exact preset");
  check_outputs(o);
}

int run_simulate(const Options& o, const std::string& command_line) {
  using namespace statecraft::society;
  check_options(o);
  OutputSet outputs({o.csv, o.json, o.snapshot}, {o.file});  // checked before the run; all or nothing
  Scaling scaling;
  std::string input_sha = "-";
  std::optional<SocietyScenario> sc;
  if (!o.file.empty()) {
    sc = load_society_scenario(o.file);
    apply_sets(o, *sc);
    input_sha = sc->sha256;
    if (!sc->context.empty() && !o.quiet)
      std::cerr << "simulate: " << sc->context.size() << " figures under society.context are kept for reference, not simulated\n";
  }
  const Config c = configure(o, sc, scaling);
  const int steps = o.steps >= 0 ? o.steps : sc ? scenario_steps(*sc) : 200;
  std::unique_ptr<tbb::global_control> gc;
  if (o.threads > 0) gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(o.threads));

  const auto t_setup = std::chrono::steady_clock::now();
  Model model(c);
  const double setup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_setup).count();
  if (scaling.population > 0) scaling.people_per_agent = scaling.population / static_cast<double>(std::max<std::int64_t>(1, model.citizens()));

  Provenance prov = Provenance::of("simulate", o.file.empty() ? "(built-in preset)" : o.file, input_sha);
  prov.with("command", command_line)
      .with("seed", std::to_string(c.seed))
      .with("semantics", to_string(c.semantics))
      .with("update_order", to_string(c.update))
      .with("extensions", c.ext.any() ? "on" : "off")
      .with("grid", std::to_string(c.width) + "x" + std::to_string(c.height))
      .with("citizens", std::to_string(model.citizens()))
      .with("cops", std::to_string(model.initial_cops()))
      .with("people_per_agent", std::to_string(scaling.people_per_agent));

  const auto t0 = std::chrono::steady_clock::now();
  auto last = t0;
  const StepCallback progress = [&](const StepStats& s) {
    const auto now = std::chrono::steady_clock::now();
    if (!o.quiet && std::chrono::duration<double>(now - last).count() >= 1.0) {
      last = now;
      const double el = std::chrono::duration<double>(now - t0).count();
      std::cerr << "simulate: step " << s.step << "/" << steps << "  active " << s.active << "  jailed "
                << s.jailed << "  (" << static_cast<double>(s.step) / el << " steps/s)\n";
    }
    if (!o.snapshot.empty() && s.step == o.snapshot_step) write_png(model, outputs.staging_path(o.snapshot));
    return true;
  };
  if (!o.snapshot.empty() && o.snapshot_step == 0) write_png(model, outputs.staging_path(o.snapshot));
  const RunResult r = run(model, steps, 0, progress);
  if (!o.snapshot.empty() && (o.snapshot_step < 0 || o.snapshot_step > steps)) write_png(model, outputs.staging_path(o.snapshot));

  const double agent_steps = static_cast<double>(model.citizens() + model.initial_cops()) * steps;
  prov.with("setup_seconds", std::to_string(setup_s))
      .with("agent_steps_per_second", std::to_string(r.seconds > 0 ? agent_steps / r.seconds : 0.0))
      .with("agent_steps_per_cpu_second", std::to_string(r.cpu_seconds > 0 ? agent_steps / r.cpu_seconds : 0.0));
  if (!o.csv.empty()) outputs.put(o.csv, to_csv(r, prov));
  if (!o.json.empty()) outputs.put(o.json, to_json(r, c, prov));
  outputs.commit();

  std::ostringstream out;
  out << prov.lines("# ");
  const auto& m = r.summary;
  const double ppa = scaling.people_per_agent;
  const double n = static_cast<double>(model.citizens());
  out << "steps " << r.series.size() << " in " << r.seconds << " s (" << (r.seconds > 0 ? r.series.size() / r.seconds : 0)
      << " steps/s, " << agent_steps / std::max(r.seconds, 1e-9) << " agent-steps/s), memory "
      << static_cast<double>(r.memory_bytes) / 1048576.0 << " MiB\n";
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
  std::cout << out.str();
  return 0;
}

Command make(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* sub = parent.add_subcommand("simulate", "Run the agent-based civil-violence model (Epstein 2002; Belarus extensions)");
  sub->add_option("FILE", o->file, "scenario with a society section (e.g. scenarios/belarus-2020.yaml)");
  sub->add_option("--agents", o->agents, "agents to simulate (citizens when a FILE is given)")->check(CLI::Range(std::int64_t{1}, std::int64_t{2000000000}));
  sub->add_option("--steps", o->steps, "steps (days) to run")->check(CLI::Range(0, 100000000));
  sub->add_option("--mode", o->mode, "mesa | netlogo (the exact preset; a FILE gives only its seed and steps) | belarus")
      ->check(CLI::IsMember({"mesa", "netlogo", "belarus"}));
  sub->add_option("--seed", o->seed, "random seed (a whole number in [0, 2^64-1])");
  sub->add_option("--threads", o->threads, "threads for the parallel orders (0 = all)")->check(CLI::Range(0, 1024));
  sub->add_option("--order", o->order, "update order: sequential (exact), conflict-free (the sequential order's law, parallel), blocked (parallel), synchronous (parallel, fastest), auto (blocked above 400,000 cells, else sequential)")
      ->check(CLI::IsMember({"auto", "sequential", "blocked", "synchronous", "conflict-free"}));
  sub->add_option("--json", o->json, "write summary and time series as JSON");
  sub->add_option("--csv", o->csv, "write the time series as CSV");
  sub->add_option("--snapshot", o->snapshot, "write a PNG of the grid (at the end, or at --snapshot-step)");
  sub->add_option("--snapshot-step", o->snapshot_step, "step of the PNG snapshot")->check(CLI::Range(0, 100000000));
  sub->add_option("--set", o->sets, "override a society setting of FILE: NAME=VALUE (repeatable)");
  sub->add_option("--legitimacy", o->legitimacy, "constant legitimacy L in [0, 1] (replaces any schedule)");
  sub->add_flag("--quiet", o->quiet, "no progress on stderr");
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
