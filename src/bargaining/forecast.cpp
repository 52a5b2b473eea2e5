// Uniform front end over the bargaining models.

#include <algorithm>

#include "statecraft/bargaining/models.hpp"
#include "statecraft/error.hpp"

namespace statecraft::bargaining {

std::string model_name(ModelKind m) {
  switch (m) {
    case ModelKind::kMean:
      return "mean";
    case ModelKind::kCompromise:
      return "compromise";
    case ModelKind::kMedian:
      return "median";
    case ModelKind::kNash:
      return "nash";
    case ModelKind::kBdm:
      return "bdm";
    case ModelKind::kSmp:
      return "smp";
  }
  return "unknown";
}

ModelKind parse_model_name(const std::string& name) {
  for (ModelKind m : all_models())
    if (model_name(m) == name) return m;
  throw UsageError("unknown bargaining model '" + name +
                   "' (expected one of: smp, bdm, compromise, median, nash, mean)");
}

std::vector<ModelKind> all_models() {
  return {ModelKind::kMean, ModelKind::kCompromise, ModelKind::kMedian,
          ModelKind::kNash, ModelKind::kBdm,        ModelKind::kSmp};
}

Forecast forecast(const BargainingProblem& p, ModelKind model, const ForecastOptions& options) {
  validate(p);
  const std::size_t nd = p.dimensions.size();
  const std::size_t na = p.actors.size();
  Forecast f;
  f.model = model;
  std::vector<std::vector<double>> initial(na, std::vector<double>(nd));
  for (std::size_t i = 0; i < na; ++i) initial[i] = p.actors[i].position;
  switch (model) {
    case ModelKind::kMean:
    case ModelKind::kCompromise:
    case ModelKind::kMedian:
    case ModelKind::kNash: {
      for (std::size_t k = 0; k < nd; ++k) {
        double v = 0.0;
        if (model == ModelKind::kMean) v = mean_position(p, k);
        if (model == ModelKind::kCompromise) v = compromise_position(p, k);
        if (model == ModelKind::kMedian) v = weighted_median_position(p, k);
        if (model == ModelKind::kNash) v = nash_bargaining_position(p, k);
        f.outcome.push_back(v);
      }
      f.history.push_back(initial);
      break;
    }
    case ModelKind::kBdm: {
      std::vector<BdmResult> runs;
      std::size_t rounds = 0;
      f.converged = true;
      for (std::size_t k = 0; k < nd; ++k) {
        runs.push_back(run_bdm(p, k, options.bdm));
        rounds = std::max(rounds, runs.back().rounds.size());
        f.outcome.push_back(runs.back().forecast);
        f.converged = f.converged && runs.back().converged;
        f.cycle_period = k == 0 ? runs.back().cycle_period
                                : (runs.back().cycle_period == 0 || f.cycle_period == 0
                                       ? 0
                                       : std::max(f.cycle_period, runs.back().cycle_period));
      }
      // A dimension that stopped early keeps its last positions in later rounds.
      for (std::size_t t = 0; t < rounds; ++t) {
        std::vector<std::vector<double>> pos(na, std::vector<double>(nd));
        for (std::size_t k = 0; k < nd; ++k) {
          const auto& rr = runs[k].rounds;
          const auto& r = rr[std::min(t, rr.size() - 1)];
          for (std::size_t i = 0; i < na; ++i) pos[i][k] = r.positions[i];
        }
        f.history.push_back(std::move(pos));
      }
      f.rounds = static_cast<int>(rounds) - 1;
      break;
    }
    case ModelKind::kSmp: {
      SmpResult r = run_smp(p, options.smp);
      f.outcome = r.expected_outcome;
      for (auto& s : r.states) {
        f.history.push_back(std::move(s.positions));
        f.probabilities.push_back(std::move(s.probabilities));
      }
      f.rounds = r.turns;
      f.converged = !r.stopped_by_max_turns;
      break;
    }
  }
  return f;
}

double forecast_outcome(const BargainingProblem& p, ModelKind model, std::size_t dim, const ForecastOptions& options) {
  validate(p);
  if (dim >= p.dimensions.size()) throw UsageError("forecast: dimension index out of range");
  switch (model) {
    case ModelKind::kMean:
      return mean_position(p, dim);
    case ModelKind::kCompromise:
      return compromise_position(p, dim);
    case ModelKind::kMedian:
      return weighted_median_position(p, dim);
    case ModelKind::kNash:
      return nash_bargaining_position(p, dim);
    case ModelKind::kBdm:
      return run_bdm(p, dim, options.bdm).forecast;
    case ModelKind::kSmp: {
      SmpOptions smp = options.smp;
      smp.keep_states = false;
      return run_smp(p, smp).expected_outcome.at(dim);
    }
  }
  throw InternalError("forecast: unknown model");
}

}  // namespace statecraft::bargaining
