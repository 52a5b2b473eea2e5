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
#include "statecraft/ensemble/scenario_facts.hpp"
#include "statecraft/provenance.hpp"
#include "statecraft/scenario/scenario.hpp"

namespace statecraft::ensemble {

/// A chunk of consecutive draws [begin, end) as a run store keeps it (statecraft/store). Chunks
/// are fixed by the draw count alone: chunk c holds draws [c * kChunkDraws, (c + 1) * kChunkDraws).
struct DrawChunk {
  std::size_t begin = 0, end = 0;
  std::vector<double> values;        ///< [draw - begin][quantity]: every quantity of the scenario
  std::vector<double> outputs;       ///< [draw - begin][output], NaN where a strided lens did not run
  std::vector<signed char> answers;  ///< [draw - begin][question]: 1 yes, 0 no, -1 not answered
};

/// Draws per chunk handed to a DrawSink (a multiple of the forecast's blocks of 64 draws).
inline constexpr std::size_t kChunkDraws = 1024;

/// Receives a forecast's draws chunk by chunk, and gives back the outputs of chunks computed by an
/// earlier, interrupted run of the same forecast, which are then not computed again. Called from
/// the thread that called forecast(), in draw order.
class DrawSink {
 public:
  virtual ~DrawSink() = default;
  /// Once, before any draw: the names of the outputs (the order of DrawChunk::outputs).
  virtual void start(const std::vector<std::string>& outputs) = 0;
  /// Fills chunk.outputs for the chunk [chunk.begin, chunk.end) if it was stored, else false.
  virtual bool restore(DrawChunk& chunk) = 0;
  /// A chunk just computed (values, outputs and answers filled).
  virtual void commit(const DrawChunk& chunk) = 0;
};
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
  /// A store for the draws (none by default). Restored draws give the same numbers as computed
  /// ones, so a resumed run's result equals an uninterrupted run's.
  DrawSink* sink = nullptr;
  /// Processes sharing the draws (an MPI job; team.hpp), or nullptr for this process alone. Only
  /// rank 0's result holds the summaries; the numbers are the same for any number of members.
  Team* team = nullptr;
  /// Keep each question's answer in every draw (QuestionForecast::draw_answers), for paired
  /// comparisons of variants.
  bool keep_draw_answers = false;
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

/// A group of uncertain numbers that moves a question's answer: its total Sobol' index (the
/// share of the answer's variance it takes part in) with a 95% bootstrap interval. Filled by
/// services::forecast from a small grouped design (docs/models/sensitivity.md).
struct Driver {
  std::string group;  ///< the `group` of its numbers (e.g. "M9"), or "chance"
  double total = 0, low = 0, high = 0;
};

/// A question's answer on the draws that used one alternative of a structural choice.
struct AlternativeAnswer {
  std::string alternative;
  double weight = 0;               ///< the alternative's weight in the combined answer
  std::size_t yes = 0, draws = 0;  ///< draws == 0: no draw used it (no probability)
  double probability = 0, wilson_low = 0, wilson_high = 0;
};

/// A question's answers under each alternative of one structural choice, and their spread: the
/// part of the uncertainty that is about which model is right, apart from the Monte Carlo error.
struct StructuralAnswers {
  std::string choice;  ///< the structural choice's id
  std::vector<AlternativeAnswer> answers;
  double low = 0, high = 0;  ///< smallest and largest per-alternative probability
  double sd = 0;             ///< standard deviation of the per-alternative probabilities, with the weights
  /// True when two alternatives' Wilson intervals, widened so that all pairs hold jointly at 95%
  /// (Bonferroni), do not overlap; otherwise the spread is within the Monte Carlo error and does
  /// not show that the choice matters.
  bool beyond_noise = false;
};

/// A structural choice of the scenario and how many draws used each alternative.
struct StructuralSummary {
  std::string id, text;
  std::vector<std::string> alternatives;
  std::vector<double> weights;
  std::vector<std::size_t> draws;
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
  std::string words;            ///< ICD 203 likelihood expression
  std::vector<Driver> drivers;  ///< up to three, largest total index first (services::forecast)
  /// Timeline questions: the answer under each alternative of every structural choice the
  /// timeline uses. `probability` is the combined answer (the mixture over all draws).
  std::vector<StructuralAnswers> structural;
  /// With ForecastOptions::keep_draw_answers: per draw, 1 yes, 0 no, -1 not answered (a draw a
  /// strided lens skipped); empty otherwise.
  std::vector<signed char> draw_answers;
};

/// A timeline series over the draws, month by month (index 0 = the start).
struct SeriesForecast {
  std::string name;                 ///< "prisoners", or "events.<id>" for an event count
  std::vector<std::string> states;  ///< categorical: the states; empty for numbers
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
  /// Parameters and their sources, games in words, society windows (filled by
  /// services::forecast; empty from ensemble::forecast alone).
  ScenarioFacts facts;
  std::vector<StructuralSummary> structural;  ///< the structural choices the timeline uses
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
