// Society windows: the agent-based model (docs/models/society.md) run at a reduced scale on the
// timeline's state when a mobilisation window opens (docs/models/timeline.md, "Society windows").

#include <fmt/format.h>

#include <optional>
#include <string>

#include "statecraft/society/run.hpp"
#include "timeline/steps.hpp"

namespace statecraft::timeline::detail {

WindowBase make_window_base(const scenario::Scenario& s) {
  WindowBase b;
  for (const auto& st : s.society) {
    if (st.name == "base")
      b.base = st.word;
    else if (st.value >= 0 && st.name.rfind("context.", 0) != 0)
      b.settings.emplace_back(st.name, st.value);
  }
  return b;
}

namespace {

society::SocietyScenario window_settings(const WindowBase& base, const scenario::SocietyWindow& w, Workspace& ws) {
  society::SocietyScenario sc;
  sc.base = base.base;
  for (const auto& [name, q] : base.settings) sc.settings[name].value = ws.values()[static_cast<std::size_t>(q)];
  for (const auto& st : w.settings) sc.settings[st.name].value = ws.eval(st.expr);
  return sc;
}

society::Config window_config(const society::SocietyScenario& sc, const scenario::SocietyWindow& w,
                              const WindowOptions& options, const Workspace& ws) {
  try {
    society::Config c = society::make_config(sc, options.agents);
    c.update = society::UpdateOrder::kRandomSequential;  // exact and independent of threads
    return c;
  } catch (const UsageError& e) {
    throw ScenarioError({Diagnostic{w.where, "timeline.society." + w.id,
                                    std::string(e.what()) + fmt::format(" in month {}", ws.month()),
                                    "settings the society model accepts on every draw"}});
  }
}

WindowOutputs run_model(const scenario::SocietyWindow& w, const society::Config& c, int steps) {
  society::RunResult r;
  try {
    society::Model model(c);
    r = society::run(model, steps);
  } catch (const UsageError& e) {
    throw ScenarioError({Diagnostic{w.where, "timeline.society." + w.id, e.what(),
                                    "settings the society model accepts on every draw"}});
  }
  const double citizens =
      std::max<double>(1.0, static_cast<double>(r.initial.quiet + r.initial.active + r.initial.jailed));
  const double cops = std::max<double>(1.0, static_cast<double>(r.initial.cops_loyal + r.initial.cops_defected));
  return {static_cast<double>(r.summary.peak_active) / citizens,
          r.summary.mean_active / citizens,
          static_cast<double>(r.summary.total_arrests) / citizens,
          static_cast<double>(r.summary.final_defected) / cops,
          r.outcome.collapse_step >= 0 ? 1.0 : 0.0,
          r.outcome.intervention ? 1.0 : 0.0,
          static_cast<double>(r.summary.emigrated) / citizens};
}

// Everything the run depends on (make_config reads the base, the settings and the scale): the
// bytes of each number, so that equal keys mean equal configurations.
std::string cache_key(const society::SocietyScenario& sc, const WindowOptions& options, std::uint64_t seed) {
  std::string key = sc.base;
  auto put = [&key](const auto& v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(options.agents);
  put(options.steps);
  put(seed);
  for (const auto& [name, setting] : sc.settings) {
    key.append(name).push_back('\0');
    put(setting.value);
  }
  return key;
}

}  // namespace

void run_window(const WindowBase& base, const scenario::SocietyWindow& w, const WindowOptions& options,
                std::uint64_t seed, std::uint64_t draw, Workspace& ws, WindowCache& cache) {
  const society::SocietyScenario sc = window_settings(base, w, ws);
  society::Config c = window_config(sc, w, options, ws);
  RandomStream rng(seed, draw, StreamId::kSociety, static_cast<std::uint32_t>(ws.month()));
  c.seed = rng.next_u64();
  if (options.on_window) options.on_window(w.id, ws.month(), c);
  const std::string key = cache_key(sc, options, c.seed);
  const std::optional<WindowOutputs> hit = cache.find(key);
  const WindowOutputs out = hit ? *hit : run_model(w, c, options.steps);
  if (!hit) cache.insert(key, out);
  const char* names[] = {"peak_active_share", "mean_active_share", "arrested_share", "defected_share",
                         "collapsed",         "intervened",        "emigrated_share"};
  for (std::size_t k = 0; k < out.size(); ++k) ws.context(names[k]) = out[k];
}

}  // namespace statecraft::timeline::detail
