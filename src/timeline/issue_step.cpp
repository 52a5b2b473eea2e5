// Bargaining issues re-forecast on the timeline's state (docs/models/timeline.md, "Issues").

#include <stdexcept>

#include "statecraft/bargaining/baselines.hpp"
#include "statecraft/bargaining/models.hpp"
#include "statecraft/bargaining/scenario_issues.hpp"
#include "timeline/steps.hpp"

namespace statecraft::timeline::detail {

std::vector<double> issue_inputs(const scenario::Scenario& s, int issue, const std::vector<double>& v) {
  const auto& is = s.issues[static_cast<std::size_t>(issue)];
  std::vector<double> out;
  out.reserve(1 + 3 * is.stances.size());
  if (is.status_quo != scenario::kNoQuantity) out.push_back(v[static_cast<std::size_t>(is.status_quo)]);
  for (const auto& st : is.stances) {
    out.push_back(v[static_cast<std::size_t>(s.actors[static_cast<std::size_t>(st.actor)].capability)]);
    out.push_back(v[static_cast<std::size_t>(st.position)]);
    out.push_back(v[static_cast<std::size_t>(st.salience)]);
  }
  return out;
}

double issue_forecast(const scenario::Scenario& s, int issue, const std::string& model, const std::vector<double>& v) {
  const auto& is = s.issues[static_cast<std::size_t>(issue)];
  if (model == "compromise" || model == "median" || model == "mean") {
    std::vector<double> c, x, sal;
    for (const auto& st : is.stances) {
      c.push_back(v[static_cast<std::size_t>(s.actors[static_cast<std::size_t>(st.actor)].capability)]);
      x.push_back(v[static_cast<std::size_t>(st.position)]);
      sal.push_back(v[static_cast<std::size_t>(st.salience)]);
    }
    if (model == "compromise") return bargaining::compromise(c, x, sal);
    if (model == "median") return bargaining::weighted_median(c, x, sal);
    return bargaining::mean_position(x);
  }
  const auto problem = bargaining::scenario_problem(s, static_cast<std::size_t>(issue), v);
  if (model == "nash") return bargaining::nash_bargaining_position(problem, 0);
  bargaining::ForecastOptions opt;
  opt.smp.parallel = false;  // the ensemble is already parallel over draws
  const auto kind = model == "bdm" ? bargaining::ModelKind::kBdm : bargaining::ModelKind::kSmp;
  return bargaining::forecast_outcome(problem, kind, 0, opt);
}

}  // namespace statecraft::timeline::detail
