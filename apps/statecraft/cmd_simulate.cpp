// `statecraft simulate`: runs the society model (Epstein's civil violence, optionally with the
// Belarus extensions from a scenario file) and writes its time series. Option parsing only.

#include <tbb/global_control.h>

#include <chrono>
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
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::string order = "auto";
  std::string json, csv, snapshot;
  int snapshot_step = -1;
  std::vector<std::string> sets;
  double legitimacy = -1.0;
  bool quiet = false;
};

int run_simulate(const Options& o, const std::string& command_line) {
  using namespace statecraft::society;
  OutputSet outputs({o.csv, o.json, o.snapshot}, {o.file});  // checked before the run; all or nothing
  Config c;
  Scaling scaling;
  std::string input_sha = "-";
  std::optional<SocietyScenario> sc;
  if (!o.file.empty()) {
    sc = load_society_scenario(o.file);
    for (const auto& s : o.sets) {
      const auto eq = s.find('=');
      if (eq == std::string::npos) throw UsageError("--set expects NAME=VALUE, found '" + s + "'");
      double v = 0;
      try {
        std::size_t used = 0;
        v = std::stod(s.substr(eq + 1), &used);
        if (used != s.size() - eq - 1) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        throw UsageError("--set " + s.substr(0, eq) + ": expected a number, found '" + s.substr(eq + 1) + "'");
      }
      override_setting(*sc, s.substr(0, eq), v);
    }
    if (!o.mode.empty() && o.mode != "belarus") sc->base = o.mode;
    c = make_config(*sc, o.agents, &scaling);
    input_sha = sc->sha256;
    if (o.mode == "mesa" || o.mode == "netlogo") c.ext = Extensions{};  // exact Epstein on the file's population
  } else {
    if (!o.sets.empty()) throw UsageError("--set needs a scenario FILE");
    c = o.mode == "mesa" ? Config::mesa() : o.mode == "belarus" ? Config::belarus() : Config::netlogo();
    if (o.agents > 0) c.width = c.height = side_for_agents(c, o.agents);
  }
  if (o.legitimacy >= 0.0) {
    c.legitimacy = o.legitimacy;
    c.ext.legitimacy.points.clear();
  }
  if (o.seed) c.seed = *o.seed;
  else if (sc && sc->meta.count("seed")) {
    const std::string& v = sc->meta.at("seed");
    if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 19)
      throw UsageError(o.file + ": meta.seed: found '" + v + "', expected a non-negative integer");
    c.seed = std::stoull(v);
  }
  int steps = o.steps;
  if (steps < 0 && sc && sc->settings.count("steps")) {
    const double v = sc->settings.at("steps").value;
    if (!(v >= 0 && v <= 1e8) || v != std::floor(v))
      throw UsageError(o.file + ": society.steps: found " + std::to_string(v) + ", expected a whole number 0..1e8");
    steps = static_cast<int>(v);
  }
  if (steps < 0) steps = 200;
  if (o.order == "sequential") c.update = UpdateOrder::kRandomSequential;
  else if (o.order == "blocked") c.update = UpdateOrder::kBlocked;
  else if (o.order == "synchronous") c.update = UpdateOrder::kSynchronous;
  else c.update = (static_cast<std::int64_t>(c.width) * c.height > 400000 || o.threads > 1) ? UpdateOrder::kBlocked
                                                                                         : UpdateOrder::kRandomSequential;
  std::unique_ptr<tbb::global_control> gc;
  if (o.threads > 0) gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(o.threads));

  const auto t_setup = std::chrono::steady_clock::now();
  Model model(c);
  const double setup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_setup).count();
  if (sc) scaling.people_per_agent = scaling.population / static_cast<double>(std::max<std::int64_t>(1, model.citizens()));

  Provenance prov{{"statecraft", version()},
                  {"git_commit", git_commit()},
                  {"command", command_line},
                  {"input", o.file.empty() ? "(built-in preset)" : o.file},
                  {"input_sha256", input_sha},
                  {"seed", std::to_string(c.seed)},
                  {"semantics", to_string(c.semantics)},
                  {"update_order", to_string(c.update)},
                  {"extensions", c.ext.any() ? "on" : "off"},
                  {"grid", std::to_string(c.width) + "x" + std::to_string(c.height)},
                  {"citizens", std::to_string(model.citizens())},
                  {"cops", std::to_string(model.initial_cops())},
                  {"people_per_agent", std::to_string(scaling.people_per_agent)}};

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
  prov.push_back({"setup_seconds", std::to_string(setup_s)});
  prov.push_back({"agent_steps_per_second", std::to_string(r.seconds > 0 ? agent_steps / r.seconds : 0.0)});
  prov.push_back({"agent_steps_per_cpu_second", std::to_string(r.cpu_seconds > 0 ? agent_steps / r.cpu_seconds : 0.0)});
  if (!o.csv.empty()) outputs.put(o.csv, to_csv(r, prov));
  if (!o.json.empty()) outputs.put(o.json, to_json(r, c, prov));
  outputs.commit();

  std::ostringstream out;
  for (const auto& [k, v] : prov) out << "# " << k << ": " << v << '\n';
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
  sub->add_option("--mode", o->mode, "mesa | netlogo (exact Epstein, extensions off) | belarus")
      ->check(CLI::IsMember({"mesa", "netlogo", "belarus"}));
  sub->add_option("--seed", o->seed, "random seed");
  sub->add_option("--threads", o->threads, "threads for the blocked order (0 = all)")->check(CLI::Range(0, 1024));
  sub->add_option("--order", o->order, "update order: sequential (exact), blocked (parallel), synchronous (parallel, fastest), auto")
      ->check(CLI::IsMember({"auto", "sequential", "blocked", "synchronous"}));
  sub->add_option("--json", o->json, "write summary and time series as JSON");
  sub->add_option("--csv", o->csv, "write the time series as CSV");
  sub->add_option("--snapshot", o->snapshot, "write a PNG of the grid (at the end, or at --snapshot-step)");
  sub->add_option("--snapshot-step", o->snapshot_step, "step of the PNG snapshot")->check(CLI::Range(0, 100000000));
  sub->add_option("--set", o->sets, "override a society setting of FILE: NAME=VALUE (repeatable)");
  sub->add_option("--legitimacy", o->legitimacy, "constant legitimacy L (replaces any schedule)")->check(CLI::Range(0.0, 1.0));
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
