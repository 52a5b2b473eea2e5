// Running the society model and writing its time series (CSV, JSON) with provenance.

#include "statecraft/society/run.hpp"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

namespace statecraft::society {

int count_bursts(const std::vector<StepStats>& series, std::int64_t threshold) {
  int bursts = 0;
  bool in = false;
  for (const auto& s : series) {
    const bool above = s.active >= threshold;
    if (above && !in) ++bursts;
    in = above;
  }
  return bursts;
}

Summary summarize(const std::vector<StepStats>& series, std::int64_t burst_threshold) {
  Summary m;
  double sum = 0.0;
  for (const auto& s : series) {
    if (s.active > m.peak_active) {
      m.peak_active = s.active;
      m.peak_step = s.step;
    }
    sum += static_cast<double>(s.active);
    m.total_arrests += s.arrests;
  }
  if (!series.empty()) {
    m.mean_active = sum / static_cast<double>(series.size());
    m.final_jailed = series.back().jailed;
    m.final_defected = series.back().cops_defected;
    m.emigrated = series.back().emigrated;
  }
  m.bursts = count_bursts(series, burst_threshold);
  return m;
}

RunResult run(Model& model, int steps, std::int64_t burst_threshold, const StepCallback& on_step) {
  RunResult r;
  r.initial = model.stats();
  r.series.reserve(static_cast<std::size_t>(std::max(steps, 0)));
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  for (int i = 0; i < steps; ++i) {
    r.series.push_back(model.step());
    if (on_step && !on_step(r.series.back())) break;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.cpu_seconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  if (burst_threshold <= 0) {
    const double area = static_cast<double>(model.config().width) * model.config().height;
    burst_threshold = std::max<std::int64_t>(1, static_cast<std::int64_t>(50.0 * area / 1600.0));
  }
  r.summary = summarize(r.series, burst_threshold);
  r.outcome = model.outcome();
  r.memory_bytes = model.memory_bytes();
  return r;
}

std::string to_string(Semantics s) { return s == Semantics::kMesa ? "mesa" : "netlogo"; }
std::string to_string(UpdateOrder u) {
  switch (u) {
    case UpdateOrder::kRandomSequential:
      return "random-sequential";
    case UpdateOrder::kBlocked:
      return "blocked";
    case UpdateOrder::kSynchronous:
      return "synchronous";
    case UpdateOrder::kConflictFree:
      return "conflict-free";
  }
  return "?";
}

namespace {
void row(std::ostringstream& o, const StepStats& s) {
  o << s.step << ',' << s.quiet << ',' << s.active << ',' << s.jailed << ',' << s.cops_loyal << ',' << s.cops_defected
    << ',' << s.arrests << ',' << s.emigrated << ',' << s.legitimacy << ',' << s.backing << '\n';
}
}  // namespace

std::string to_csv(const RunResult& result, const Provenance& provenance) {
  std::ostringstream o;
  o.precision(10);
  o << provenance.lines("# ");
  o << "step,quiet,active,jailed,cops_loyal,cops_defected,arrests,emigrated,legitimacy,backing\n";
  row(o, result.initial);
  for (const auto& s : result.series) row(o, s);
  return o.str();
}

std::string to_json(const RunResult& result, const Config& c, const Provenance& provenance) {
  using nlohmann::json;
  json j;
  j["provenance"] = provenance.json();
  j["config"] = {{"semantics", to_string(c.semantics)},
                 {"update", to_string(c.update)},
                 {"width", c.width},
                 {"height", c.height},
                 {"citizen_density", c.citizen_density},
                 {"cop_density", c.cop_density},
                 {"citizen_vision", c.citizen_vision},
                 {"cop_vision", c.cop_vision},
                 {"vision", c.vision == Vision::kVonNeumann ? "von-neumann" : "euclidean"},
                 {"legitimacy", c.legitimacy},
                 {"max_jail_term", c.max_jail_term},
                 {"k", c.k},
                 {"threshold", c.threshold},
                 {"rounding", c.rounding == RatioRounding::kRound   ? "round"
                              : c.rounding == RatioRounding::kFloor ? "floor"
                                                                    : "none"},
                 {"arrest_probability", c.arrest_probability},
                 {"seed", c.seed},
                 {"extensions", c.ext.any()}};
  const auto& m = result.summary;
  j["summary"] = {{"peak_active", m.peak_active},       {"peak_step", m.peak_step},
                  {"mean_active", m.mean_active},       {"bursts", m.bursts},
                  {"total_arrests", m.total_arrests},   {"final_jailed", m.final_jailed},
                  {"final_defected", m.final_defected}, {"emigrated", m.emigrated},
                  {"seconds", result.seconds},          {"cpu_seconds", result.cpu_seconds},
                  {"memory_bytes", result.memory_bytes}};
  const auto& o = result.outcome;
  j["outcome"] = {{"reserve_arrived_step", o.reserve_arrived_step},
                  {"collapse_step", o.collapse_step},
                  {"intervention", o.intervention},
                  {"intervention_step", o.intervention_step}};
  json s;
  std::vector<const StepStats*> all{&result.initial};
  for (const auto& x : result.series) all.push_back(&x);
  auto col = [&](const char* name, auto get) {
    json a = json::array();
    for (const auto* x : all) a.push_back(get(*x));
    s[name] = std::move(a);
  };
  col("step", [](const StepStats& x) { return x.step; });
  col("quiet", [](const StepStats& x) { return x.quiet; });
  col("active", [](const StepStats& x) { return x.active; });
  col("jailed", [](const StepStats& x) { return x.jailed; });
  col("cops_loyal", [](const StepStats& x) { return x.cops_loyal; });
  col("cops_defected", [](const StepStats& x) { return x.cops_defected; });
  col("arrests", [](const StepStats& x) { return x.arrests; });
  col("emigrated", [](const StepStats& x) { return x.emigrated; });
  col("legitimacy", [](const StepStats& x) { return x.legitimacy; });
  j["series"] = std::move(s);
  return j.dump(1) + "\n";
}

}  // namespace statecraft::society
