#include "statecraft/services/simulate.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <memory>

#include "statecraft/error.hpp"
#include "statecraft/scenario/society_section.hpp"

namespace statecraft::services {
namespace {

using namespace statecraft::society;

std::uint64_t parse_seed(const std::string& text, const std::string& what) {
  std::uint64_t v = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || res.ec != std::errc() || res.ptr != text.data() + text.size())
    throw UsageError(what + ": found '" + text + "', expected a whole number in [0, 18446744073709551615]");
  return v;
}

Config preset(const std::string& mode) {
  return mode == "mesa" ? Config::mesa() : mode == "belarus" ? Config::belarus() : Config::netlogo();
}

/// The configuration to run. With mode mesa|netlogo the preset is exact: the file contributes
/// only its seed and steps; agents, steps, seed and legitimacy of the options apply.
Config configure(const SimulateOptions& o, const std::optional<SocietyScenario>& sc, Scaling& scaling) {
  const bool exact = o.mode == "mesa" || o.mode == "netlogo";
  Config c;
  if (sc && !exact) {
    c = make_config(*sc, o.agents, &scaling);
  } else {
    c = preset(o.mode);
    if (o.agents > 0)
      c.width = c.height = std::max(side_for_agents(c, o.agents), 2 * std::max(c.citizen_vision, c.cop_vision) + 1);
  }
  if (o.legitimacy) {
    c.legitimacy = *o.legitimacy;
    c.ext.legitimacy.points.clear();
  }
  if (!o.seed.empty())
    c.seed = parse_seed(o.seed, "--seed");
  else if (sc)
    c.seed = parse_seed(sc->meta.at("seed"), o.file + ": meta.seed");
  // `auto` depends on the grid only, so a seed gives the same run on any number of threads.
  if (o.order == "sequential")
    c.update = UpdateOrder::kRandomSequential;
  else if (o.order == "blocked")
    c.update = UpdateOrder::kBlocked;
  else if (o.order == "synchronous")
    c.update = UpdateOrder::kSynchronous;
  else if (o.order == "conflict-free")
    c.update = UpdateOrder::kConflictFree;
  else if (o.order == "auto")
    c.update =
        static_cast<std::int64_t>(c.width) * c.height > 400000 ? UpdateOrder::kBlocked : UpdateOrder::kRandomSequential;
  else
    throw UsageError("order: found '" + o.order +
                     "', expected sequential, conflict-free, blocked, synchronous or auto");
  return c;
}

std::optional<SocietyScenario> load(const SimulateOptions& o, const Callbacks& callbacks) {
  if (o.file.empty()) return std::nullopt;
  SocietyScenario sc = scenario::load_society_scenario(o.file);
  for (const auto& [name, value] : o.settings) override_setting(sc, name, value);
  if (!sc.context.empty() && callbacks.log)
    callbacks.log("simulate: " + std::to_string(sc.context.size()) +
                  " figures under society.context are kept for reference, not simulated");
  return sc;
}

Provenance provenance(const SimulateOptions& o, const SimulateResult& r, const std::string& input_sha) {
  Provenance prov = Provenance::of("simulate", o.file.empty() ? "(built-in preset)" : o.file, input_sha);
  prov.with("command", o.command)
      .with("seed", std::to_string(r.config.seed))
      .with("semantics", to_string(r.config.semantics))
      .with("update_order", to_string(r.config.update))
      .with("extensions", r.config.ext.any() ? "on" : "off")
      .with("grid", std::to_string(r.config.width) + "x" + std::to_string(r.config.height))
      .with("citizens", std::to_string(r.citizens))
      .with("cops", std::to_string(r.cops))
      .with("people_per_agent", std::to_string(r.scaling.people_per_agent));
  return prov;
}

}  // namespace

void check_simulate_options(const SimulateOptions& o) {
  if (!o.mode.empty() && o.mode != "mesa" && o.mode != "netlogo" && o.mode != "belarus")
    throw UsageError("mode: found '" + o.mode + "', expected mesa, netlogo or belarus");
  if (o.legitimacy && !(*o.legitimacy >= 0.0 && *o.legitimacy <= 1.0))
    throw UsageError("--legitimacy: found " + std::to_string(*o.legitimacy) + ", expected a number in [0, 1]");
  if (!o.seed.empty()) (void)parse_seed(o.seed, "--seed");
  if (!o.settings.empty() && o.file.empty()) throw UsageError("--set needs a scenario FILE");
  if (!o.settings.empty() && (o.mode == "mesa" || o.mode == "netlogo"))
    throw UsageError("--set changes the file's settings, which --mode " + o.mode + " replaces by the exact preset");
}

SimulateResult simulate(const SimulateOptions& o, const Callbacks& callbacks) {
  check_simulate_options(o);
  const std::optional<SocietyScenario> sc = load(o, callbacks);
  SimulateResult r;
  r.config = configure(o, sc, r.scaling);
  r.steps = o.steps >= 0 ? o.steps : sc ? scenario_steps(*sc) : 200;
  std::unique_ptr<tbb::global_control> gc;
  if (o.threads > 0)
    gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<std::size_t>(o.threads));

  const auto t_setup = std::chrono::steady_clock::now();
  Model model(r.config);
  const double setup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_setup).count();
  r.citizens = model.citizens();
  r.cops = model.initial_cops();
  if (r.scaling.population > 0)
    r.scaling.people_per_agent = r.scaling.population / static_cast<double>(std::max<std::int64_t>(1, r.citizens));
  r.provenance = provenance(o, r, sc ? sc->sha256 : "-");

  const bool snapshot_at_end = o.snapshot && (o.snapshot_step < 0 || o.snapshot_step > r.steps);
  if (o.snapshot && o.snapshot_step == 0) o.snapshot(model);
  if (callbacks.progress) callbacks.progress(0, static_cast<std::size_t>(r.steps));
  r.run = run(model, r.steps, 0, [&](const StepStats& s) {
    if (o.on_step) o.on_step(s);
    if (callbacks.progress) callbacks.progress(static_cast<std::size_t>(s.step), static_cast<std::size_t>(r.steps));
    if (o.snapshot && s.step == o.snapshot_step) o.snapshot(model);
    return true;
  });
  if (snapshot_at_end) o.snapshot(model);

  const double agent_steps = static_cast<double>(r.citizens + r.cops) * r.steps;
  r.provenance.with("setup_seconds", std::to_string(setup_s))
      .with("agent_steps_per_second", std::to_string(r.run.seconds > 0 ? agent_steps / r.run.seconds : 0.0))
      .with("agent_steps_per_cpu_second",
            std::to_string(r.run.cpu_seconds > 0 ? agent_steps / r.run.cpu_seconds : 0.0));
  return r;
}

}  // namespace statecraft::services
