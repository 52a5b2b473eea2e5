// Society windows: the agent-based model (docs/models/society.md) run at a reduced scale on the
// timeline's state when a mobilisation window opens (docs/models/timeline.md, "Society windows").

#include <fmt/format.h>

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

society::Config window_config(const WindowBase& base, const scenario::SocietyWindow& w, const WindowOptions& options,
                              Workspace& ws) {
  society::SocietyScenario sc;
  sc.base = base.base;
  for (const auto& [name, q] : base.settings) sc.settings[name].value = ws.values()[static_cast<std::size_t>(q)];
  for (const auto& st : w.settings) sc.settings[st.name].value = ws.eval(st.expr);
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

}  // namespace

void run_window(const scenario::Scenario&, const WindowBase& base, const scenario::SocietyWindow& w,
                const WindowOptions& options, std::uint64_t seed, std::uint64_t draw, Workspace& ws) {
  society::Config c = window_config(base, w, options, ws);
  RandomStream rng(seed, draw, StreamId::kSociety, static_cast<std::uint32_t>(ws.month()));
  c.seed = rng.next_u64();
  if (options.on_window) options.on_window(w.id, ws.month(), c);
  society::RunResult r;
  try {
    society::Model model(c);
    r = society::run(model, options.steps);
  } catch (const UsageError& e) {
    throw ScenarioError({Diagnostic{w.where, "timeline.society." + w.id, e.what(),
                                    "settings the society model accepts on every draw"}});
  }
  const double citizens =
      std::max<double>(1.0, static_cast<double>(r.initial.quiet + r.initial.active + r.initial.jailed));
  const double cops = std::max<double>(1.0, static_cast<double>(r.initial.cops_loyal + r.initial.cops_defected));
  ws.context("peak_active_share") = static_cast<double>(r.summary.peak_active) / citizens;
  ws.context("mean_active_share") = r.summary.mean_active / citizens;
  ws.context("arrested_share") = static_cast<double>(r.summary.total_arrests) / citizens;
  ws.context("defected_share") = static_cast<double>(r.summary.final_defected) / cops;
  ws.context("collapsed") = r.outcome.collapse_step >= 0 ? 1.0 : 0.0;
  ws.context("intervened") = r.outcome.intervention ? 1.0 : 0.0;
  ws.context("emigrated_share") = static_cast<double>(r.summary.emigrated) / citizens;
}

}  // namespace statecraft::timeline::detail
