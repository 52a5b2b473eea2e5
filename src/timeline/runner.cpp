// The month loop of the timeline (docs/models/timeline.md). Each month, in order: transitions,
// dynamics, events, decisions, issue re-forecasts, society windows; then the state is recorded.

#include "statecraft/timeline/runner.hpp"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <utility>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/games/scenario_games.hpp"
#include "timeline/steps.hpp"
#include "timeline/workspace.hpp"

namespace statecraft::timeline {

using detail::Workspace;
using scenario::QuantityId;

namespace {

/// Expressions among the scenario's quantities that depend, directly or not, on `changed`, in
/// evaluation order (the `changed` quantities themselves excluded).
std::vector<QuantityId> downstream(const scenario::Scenario& s, const std::vector<scenario::Override>& overrides) {
  std::set<QuantityId> dirty;
  for (const auto& o : overrides) dirty.insert(o.quantity);
  std::vector<QuantityId> out;
  for (QuantityId id : s.evaluation_order) {
    if (dirty.count(id)) continue;
    const auto& q = s.quantities[static_cast<std::size_t>(id)];
    const bool hit = std::any_of(q.deps.begin(), q.deps.end(), [&](QuantityId d) { return dirty.count(d) > 0; });
    if (hit) {
      dirty.insert(id);
      out.push_back(id);
    }
  }
  return out;
}

std::uint32_t stream_of(const std::string& kind, const std::string& id) {
  std::uint32_t h = 2166136261u;  // FNV-1a: stable across platforms and runs
  for (char c : kind + ":" + id) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

constexpr std::size_t kModels = 6;  // bargaining::all_models().size()

std::size_t model_index(const std::string& name) {
  const auto models = bargaining::all_models();
  const auto at = std::find(models.begin(), models.end(), bargaining::parse_model_name(name));
  return static_cast<std::size_t>(at - models.begin());
}

struct Timer {
  std::atomic<std::int64_t>& total;
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  ~Timer() {
    total += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
  }
};

}  // namespace

struct Runner::Impl {
  const scenario::Scenario& s;
  const scenario::Timeline& t;
  WindowOptions options;
  int months = 0;
  std::vector<std::string> series;
  std::vector<games::ScenarioGameSolver> solvers;           // per decision
  std::vector<std::vector<QuantityId>> decision_recompute;  // per decision
  std::vector<std::vector<QuantityId>> issue_recompute;     // per issue step
  // The random streams' keys (stream_of), per categorical variable, event and decision.
  std::vector<std::uint32_t> transition_key, event_key, decision_key;
  detail::WindowBase window_base;
  mutable detail::WindowCache window_cache;
  mutable detail::IssueCache issue_cache;
  mutable tbb::enumerable_thread_specific<std::unique_ptr<Workspace>> workspaces;
  mutable std::atomic<std::int64_t> ns_dynamics{0}, ns_events{0}, ns_decisions{0}, ns_issues{0}, ns_society{0};
  mutable std::atomic<std::size_t> n_windows{0}, n_decisions{0}, n_issues{0};
  mutable std::array<std::atomic<std::int64_t>, kModels> ns_issue_model{};  // per bargaining::all_models()
  mutable std::vector<std::atomic<std::int64_t>> ns_month;

  Impl(const scenario::Scenario& sc, WindowOptions o)
      : s(sc),
        t(sc.timeline),
        options(std::move(o)),
        months(sc.meta.horizon_months),
        window_base(detail::make_window_base(sc)),
        workspaces([&sc] { return std::make_unique<Workspace>(sc); }),
        ns_month(static_cast<std::size_t>(months + 1)) {
    for (const auto& v : t.vars) series.push_back("timeline." + v.name);
    for (const auto& h : t.hazards) series.push_back("timeline.events." + h.id);
    for (const auto& d : t.decisions) {
      solvers.emplace_back(s, s.games[static_cast<std::size_t>(d.game)]);
      decision_recompute.push_back(downstream(s, d.overrides));
    }
    for (const auto& st : t.issue_steps) issue_recompute.push_back(downstream(s, st.overrides));
    for (const auto& v : t.vars) transition_key.push_back(stream_of("transition", v.name));
    for (const auto& h : t.hazards) event_key.push_back(stream_of("event", h.id));
    for (const auto& dec : t.decisions) decision_key.push_back(stream_of("decision", dec.id));
  }

  struct Draw {
    Workspace& ws;
    std::uint64_t seed, draw;
    std::vector<double> counts;                     // per event: firings so far
    std::vector<char> fired;                        // per event: fired at least once
    std::vector<int> last_run;                      // per decision, issue step, window: month it last ran
    std::vector<std::size_t> alternative;           // per structural choice: the alternative of this draw
    std::vector<std::vector<double>> issue_inputs;  // per issue step: the numbers of its last run
    std::vector<double> issue_forecast;             // per issue step: the forecast of its last run (NaN: none)
  };

  bool due(const scenario::Schedule& sc, int slot, Draw& d) const {
    const int m = d.ws.month();
    if (!sc.due(m)) return false;
    const int last = d.last_run[static_cast<std::size_t>(slot)];
    if (last > 0 && m - last <= sc.cooldown) return false;
    if (!d.ws.holds(sc.when)) return false;
    d.last_run[static_cast<std::size_t>(slot)] = m;
    return true;
  }

  void transitions(Draw& d) const {
    for (std::size_t v = 0; v < t.vars.size(); ++v) {
      if (!t.vars[v].categorical()) continue;
      RandomStream rng(d.seed, d.draw, StreamId::kTimeline,
                       transition_key[v] + static_cast<std::uint32_t>(d.ws.month()));
      const double u = rng.uniform();
      const double from = d.ws.get(static_cast<int>(v));
      std::vector<std::pair<int, double>> out;
      double total = 0;
      for (const auto& tr : t.transitions) {
        if (tr.var != static_cast<int>(v) || tr.from != static_cast<int>(from)) continue;
        const double p = std::clamp(d.ws.eval(tr.probability), 0.0, 1.0);
        out.emplace_back(tr.to, p);
        total += p;
      }
      const double scale = total > 1.0 ? 1.0 / total : 1.0;  // competing exits share the month
      double acc = 0;
      for (const auto& [to, p] : out) {
        acc += p * scale;
        if (u < acc) {
          d.ws.set(static_cast<int>(v), to);
          break;
        }
      }
    }
  }

  void events(Draw& d) const {
    for (std::size_t i = 0; i < t.hazards.size(); ++i) {
      const auto& h = t.hazards[i];
      RandomStream rng(d.seed, d.draw, StreamId::kEvents, event_key[i] + static_cast<std::uint32_t>(d.ws.month()));
      const double u = rng.uniform();  // drawn every month, so other mechanisms keep their numbers
      if (h.once && d.fired[i]) continue;
      if (!h.months.empty() && std::find(h.months.begin(), h.months.end(), d.ws.month()) == h.months.end()) continue;
      if (!d.ws.holds(h.when)) continue;
      if (u >= std::clamp(d.ws.eval(h.probability), 0.0, 1.0)) continue;
      d.fired[i] = 1;
      d.counts[i] += 1;
      d.ws.apply(h.effects);
    }
  }

  /// The decision's selection rule in this draw (scenario::selection_rules() order = games::Selection).
  games::Selection selection(const scenario::Decision& dec, const Draw& d) const {
    const auto& rules = scenario::selection_rules();
    const std::string& rule = dec.choice < 0 ? dec.selection
                                             : s.structural[static_cast<std::size_t>(dec.choice)]
                                                   .alternatives[d.alternative[static_cast<std::size_t>(dec.choice)]];
    return static_cast<games::Selection>(std::find(rules.begin(), rules.end(), rule) - rules.begin());
  }

  void decisions(Draw& d) const {
    for (std::size_t i = 0; i < t.decisions.size(); ++i) {
      const auto& dec = t.decisions[i];
      if (!due(dec.schedule, static_cast<int>(i), d)) continue;
      const auto& v = d.ws.overridden(dec.overrides, decision_recompute[i]);
      RandomStream rng(d.seed, d.draw, StreamId::kGames, decision_key[i] + static_cast<std::uint32_t>(d.ws.month()));
      const auto moves = solvers[i].play(
          v, [&rng] { return rng.uniform(); }, selection(dec, d));
      ++n_decisions;
      for (const auto& [player, action] : moves)
        for (const auto& oc : dec.outcomes)
          if (oc.player == player && oc.action == action) d.ws.apply(oc.effects);
    }
  }

  double issue_forecast(int issue, const std::string& model, const std::vector<double>& v,
                        const std::vector<double>& inputs) const {
    std::string key = model;
    key.push_back('\0');
    key.append(reinterpret_cast<const char*>(&issue), sizeof issue);
    key.append(reinterpret_cast<const char*>(inputs.data()), inputs.size() * sizeof(double));
    if (const auto hit = issue_cache.find(key)) return *hit;
    const double f = detail::issue_forecast(s, issue, model, v);
    issue_cache.insert(key, f);
    return f;
  }

  void issue_steps(Draw& d) const {
    const auto base = static_cast<int>(t.decisions.size());
    for (std::size_t i = 0; i < t.issue_steps.size(); ++i) {
      const auto& st = t.issue_steps[i];
      if (!due(st.schedule, base + static_cast<int>(i), d)) continue;
      const auto& v = d.ws.overridden(st.overrides, issue_recompute[i]);
      const std::string& model = st.choice < 0 ? st.model
                                               : s.structural[static_cast<std::size_t>(st.choice)]
                                                     .alternatives[d.alternative[static_cast<std::size_t>(st.choice)]];
      // A model's forecast depends only on the issue's numbers: when they are those of the step's
      // last run in this draw (e.g. a quarterly bargain on unchanged positions), it is reused, and
      // so is a forecast of the same issue, model and numbers made in another draw.
      auto inputs = detail::issue_inputs(s, st.issue, v);
      if (std::isnan(d.issue_forecast[i]) || inputs != d.issue_inputs[i]) {
        Timer tm{ns_issue_model[model_index(model)]};
        d.issue_forecast[i] = issue_forecast(st.issue, model, v, inputs);
        d.issue_inputs[i] = std::move(inputs);
        ++n_issues;
      }
      d.ws.context("forecast") = d.issue_forecast[i];
      d.ws.apply(st.effects);
    }
  }

  void windows(Draw& d) const {
    const auto base = static_cast<int>(t.decisions.size() + t.issue_steps.size());
    for (std::size_t i = 0; i < t.windows.size(); ++i) {
      const auto& w = t.windows[i];
      if (!due(w.schedule, base + static_cast<int>(i), d)) continue;
      detail::run_window(window_base, w, options, d.seed, d.draw, d.ws, window_cache);
      ++n_windows;
      d.ws.apply(w.effects);
    }
  }

  void record(const Draw& d, double* out) const {
    const auto stride = static_cast<std::size_t>(months) + 1;
    const auto m = static_cast<std::size_t>(d.ws.month());
    for (std::size_t v = 0; v < t.vars.size(); ++v) out[v * stride + m] = d.ws.get(static_cast<int>(v));
    for (std::size_t e = 0; e < t.hazards.size(); ++e) out[(t.vars.size() + e) * stride + m] = d.counts[e];
  }

  void run(const std::vector<double>& values, std::uint64_t seed, std::uint64_t draw, double* out) const {
    auto& ws = *workspaces.local();
    Draw d{ws,
           seed,
           draw,
           std::vector<double>(t.hazards.size(), 0.0),
           std::vector<char>(t.hazards.size(), 0),
           std::vector<int>(t.decisions.size() + t.issue_steps.size() + t.windows.size(), 0),
           {},
           std::vector<std::vector<double>>(t.issue_steps.size()),
           std::vector<double>(t.issue_steps.size(), std::numeric_limits<double>::quiet_NaN())};
    for (const auto& c : s.structural) d.alternative.push_back(scenario::structural_alternative(c, seed, draw));
    ws.start(values);
    record(d, out);
    for (int m = 1; m <= months; ++m) {
      Timer month_timer{ns_month[static_cast<std::size_t>(m)]};
      ws.set_month(m);
      {
        Timer tm{ns_dynamics};
        transitions(d);
        ws.apply(t.dynamics);
      }
      {
        Timer tm{ns_events};
        events(d);
      }
      {
        Timer tm{ns_decisions};
        decisions(d);
      }
      {
        Timer tm{ns_issues};
        issue_steps(d);
      }
      {
        Timer tm{ns_society};
        windows(d);
      }
      record(d, out);
    }
  }
};

Runner::Runner(const scenario::Scenario& s, WindowOptions options)
    : impl_(std::make_unique<Impl>(s, std::move(options))) {}
Runner::~Runner() = default;

int Runner::months() const { return impl_->months; }
const std::vector<std::string>& Runner::series() const { return impl_->series; }

void Runner::run(const std::vector<double>& values, std::uint64_t seed, std::uint64_t draw, double* out) const {
  impl_->run(values, seed, draw, out);
}

CostBreakdown Runner::cost() const {
  const auto& m = *impl_;
  auto sec = [](const std::atomic<std::int64_t>& ns) { return static_cast<double>(ns.load()) * 1e-9; };
  CostBreakdown c{sec(m.ns_dynamics),
                  sec(m.ns_events),
                  sec(m.ns_decisions),
                  sec(m.ns_issues),
                  sec(m.ns_society),
                  m.n_windows.load(),
                  m.n_decisions.load(),
                  m.n_issues.load(),
                  {},
                  {}};
  for (const auto& ns : m.ns_month) c.per_month.push_back(sec(ns));
  const auto models = bargaining::all_models();
  for (std::size_t k = 0; k < models.size(); ++k)
    if (m.ns_issue_model[k].load() > 0)
      c.issue_models.emplace_back(bargaining::model_name(models[k]), sec(m.ns_issue_model[k]));
  return c;
}

}  // namespace statecraft::timeline
