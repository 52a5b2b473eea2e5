#pragma once
/// @file forecast.hpp
/// Monte Carlo forecast of a scenario: draws every uncertain number, runs every lens, and
/// summarises issue outcomes (90% intervals) and questions (probabilities with Wilson intervals
/// and ICD 203 words). Results depend only on (scenario, seed, draws), never on thread count.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "statecraft/ensemble/lens.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::ensemble {

class Team;

/// How to run a forecast.
struct ForecastOptions {
  std::uint64_t seed = 0;
  std::size_t draws = 10000;
  int threads = 0;  ///< 0 = all cores
  /// At most this many draws, spread evenly, run the dynamic bargaining models (BDM, SMP, Nash),
  /// since a run costs milliseconds per issue. 0 = every draw.
  std::size_t bargaining_draws = 0;
  /// Called now and then with (draws done, draws total) from the calling thread's arena.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Processes sharing the draws (an MPI job; team.hpp), or nullptr for this process alone. Only
  /// rank 0's result holds the summaries; the numbers are the same for any number of members.
  Team* team = nullptr;
};

/// Summary of one output over the draws.
struct Summary {
  double mean = 0, p05 = 0, p50 = 0, p95 = 0;
};

/// One model's forecast of an issue over the draws it ran on.
struct ModelSummary {
  std::string model;      ///< "compromise", "median", "mean", "bdm", "smp", "nash"
  std::size_t draws = 0;  ///< draws the summary rests on
  Summary summary;
};

/// Forecast of one issue by every model that ran.
struct IssueForecast {
  std::string id, question, low, high;
  std::vector<ModelSummary> models;
  /// The summary of a model, or nullptr.
  [[nodiscard]] const ModelSummary* find(const std::string& model) const;
};

/// A parameter that moves a question's answer: the correlation of its draws with the outcome.
struct Driver {
  std::string parameter;  ///< parameter id, or the path of an anonymous number
  double correlation = 0;
};

/// Forecast of one question.
struct QuestionForecast {
  std::string id, text;
  int horizon_months = 0;
  std::string date;         ///< YYYY-MM the question resolves at (by or in)
  bool by = false;          ///< "by date" (some month up to it) rather than "in that month"
  bool diagnostic = false;  ///< reads only equilibrium outputs: a property of the model
  /// For questions on the timeline: per month 1..horizon, the probability that the question
  /// resolves yes by that month ("by" questions, cumulative) or in that month.
  std::vector<double> monthly;
  bool modelled = false;
  std::vector<std::string> missing_outputs;  ///< why it is not modelled yet
  std::size_t yes = 0, draws = 0;
  double probability = 0, wilson_low = 0, wilson_high = 0;
  std::string words;  ///< ICD 203 likelihood expression
  std::vector<Driver> drivers;  ///< up to three, strongest first
};

/// A timeline series over the draws, month by month (index 0 = the start).
struct SeriesForecast {
  std::string name;                  ///< "prisoners", or "events.<id>" for an event count
  std::vector<std::string> states;   ///< categorical: the states; empty for numbers
  /// numbers: per month, the 5/25/50/75/95% quantiles and the mean over the draws.
  std::vector<std::array<double, 5>> quantiles;
  std::vector<double> mean;
  /// categorical: per month, the share of draws in each state.
  std::vector<std::vector<double>> shares;
};

/// The whole forecast.
struct ForecastResult {
  Provenance provenance;  ///< command, version, scenario and its SHA-256, seed, draws
  std::size_t draws = 0;
  std::string scenario_name, as_of;
  int horizon_months = 0;
  std::size_t uncertain_numbers = 0;
  std::vector<std::string> lenses;
  std::vector<IssueForecast> issues;
  std::vector<QuestionForecast> questions;
  std::vector<std::string> month_labels;  ///< YYYY-MM of months 0..horizon (timeline only)
  std::vector<SeriesForecast> series;     ///< timeline state variables and event counts
  /// Seconds of CPU per model (and per part of the timeline), summed over threads, and the
  /// wall time of the whole run.
  std::vector<std::pair<std::string, double>> cost;
  double wall_seconds = 0;
};

/// Runs the forecast. @throws UsageError (draws == 0), ScenarioError (a draw leaves a range).
ForecastResult forecast(const scenario::Scenario& s, const ForecastOptions& options);

/// 95% Wilson score interval for `yes` successes in `n` trials.
std::pair<double, double> wilson_interval(std::size_t yes, std::size_t n, double z = 1.959963984540054);

/// ICD 203 likelihood expression for a probability: almost no chance (< 5%), very unlikely
/// (5-20%), unlikely (20-45%), roughly even chance (45-55%), likely (55-80%), very likely
/// (80-95%), almost certain (>= 95%).
std::string likelihood_words(double p);

/// Linear-interpolation quantile (type 7) of `sorted` values, q in [0, 1].
double quantile_sorted(const std::vector<double>& sorted, double q);

}  // namespace statecraft::ensemble
